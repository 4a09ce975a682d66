"""The council's meetings and secret ballots: the office runs the meeting, members vote from their phones.

Results stay hidden until a ballot is published, from everyone. The vote page never echoes a choice back (no
message, no log, no URL carries it): after voting a member sees only that their vote was recorded.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caching.pages import cached_page
from directory.models import Person
from registrations.views import chosen_year, require_actor

from . import ballot as ballots, meetings as services
from .enums import BallotChoice, BallotStatus
from .meeting_forms import AttendanceForm, EndMeetingForm, MeetingForm
from .models import Attendance, Ballot, BallotParticipation, CouncilMeeting, Nomination


def _meetings_of(user):
    actor = require_actor(user)
    if not user.has_perm("awards.view_meetings"):
        raise PermissionDenied
    return actor, CouncilMeeting.objects.filter(commune=actor.commune)


def get_meeting_for_user(user, pk, *, manage: bool = False) -> CouncilMeeting:
    _actor, meetings = _meetings_of(user)
    meeting = get_object_or_404(meetings.select_related("chair", "secretary", "minutes__series", "commune"), pk=pk)
    if manage and not services.can_manage_meeting(user, meeting):
        raise PermissionDenied
    return meeting


def _optional_url(name, *args) -> str | None:
    # The minutes pages belong to the decisions module; link to them once they exist.
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


@login_required
@cached_page
def meeting_list(request):
    actor, meetings = _meetings_of(request.user)
    year, years = chosen_year(request, actor.commune)
    meetings = (meetings.filter(year=year).select_related("chair", "minutes__series")
                .annotate(agenda_size=Count("nominations", distinct=True)).order_by("-held_on", "-pk"))
    return render(request, "awards/meeting_list.html", {
        "year": year, "years": years, "meetings": meetings,
        "can_manage": services.can_manage_meeting(request.user, commune=actor.commune),
    })


@login_required
def meeting_create(request):
    actor = require_actor(request.user)
    if not services.can_manage_meeting(request.user, commune=actor.commune):
        raise PermissionDenied
    year, years = chosen_year(request, actor.commune)
    form = MeetingForm(request.POST or None, commune=actor.commune, year=year)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.create_meeting(
                commune=actor.commune, year=year, held_on=data["held_on"], starts_at=data["starts_at"],
                place=data["place"], chair=data["chair"], secretary=data["secretary"], agenda=data["agenda"],
                nominations=data["nominations"], by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Meeting created; every council member is recorded as present."))
            return redirect("awards:meeting_detail", meeting.pk)
    return render(request, "awards/meeting_form.html", {"form": form, "year": year, "years": years})


@login_required
@cached_page
def meeting_detail(request, pk):
    return _meeting_page(request, get_meeting_for_user(request.user, pk))


def _meeting_page(request, meeting, *, end_form=None):
    can_manage = services.can_manage_meeting(request.user, meeting)
    meeting_ballots = {b.nomination_id: b for b in meeting.ballots.all()}
    agenda = [
        (nomination, meeting_ballots.get(nomination.pk))
        for nomination in meeting.nominations.select_related("title", "person", "unit").order_by(
            "title__position", "person__sort_key", "pk")
    ]
    attendances = meeting.attendances.select_related("person").order_by("person__sort_key")
    return render(request, "awards/meeting_detail.html", {
        "meeting": meeting, "agenda": agenda, "attendances": attendances, "can_manage": can_manage,
        "quorum_problem": ballots.quorum_problem(meeting),
        "members_total": ballots.council_members(meeting.commune_id).count(),
        "present_total": sum(a.present for a in attendances),
        "any_open": any(b.status == BallotStatus.OPEN for b in meeting_ballots.values()),
        "any_closed": any(b.status == BallotStatus.CLOSED for b in meeting_ballots.values()),
        "any_draft": any(n.status == "draft" and b is None for n, b in agenda),
        "editable": can_manage and not meeting.minutes_id,
        "end_form": end_form or EndMeetingForm(initial={"ends_at": meeting.ends_at, "conclusions": meeting.conclusions},
                                               locked=meeting),
        "minutes_issue_url": _optional_url("awards:meeting_minutes_issue", meeting.pk),
        "minutes_pdf_url": _optional_url("awards:meeting_minutes_pdf", meeting.pk) if meeting.minutes_id else None,
        "minutes_docx_url": _optional_url("awards:meeting_minutes_docx", meeting.pk) if meeting.minutes_id else None,
    })


def _back(meeting, anchor=""):
    return redirect(f"{reverse('awards:meeting_detail', args=[meeting.pk])}{anchor}")


def _run(request, action, *, success: str) -> bool:
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True


@login_required
@require_POST
def attendance_save(request, pk, person_pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    attendance = get_object_or_404(Attendance.objects.select_related("person"), meeting=meeting, person_id=person_pk)
    form = AttendanceForm(request.POST)
    form.is_valid()
    _run(request, lambda: services.set_attendance(
        meeting=meeting, person=attendance.person, present=form.cleaned_data.get("present", False),
        written_opinion=form.cleaned_data.get("written_opinion", ""), by=request.user),
        success=_("Attendance of %(name)s saved.") % {"name": attendance.person.full_name})
    return _back(meeting, "#attendance")


@login_required
@require_POST
def ballot_open(request, pk, nomination_pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    nomination = get_object_or_404(Nomination, pk=nomination_pk, commune=meeting.commune)
    _run(request, lambda: ballots.open_ballot(meeting=meeting, nomination=nomination, by=request.user),
         success=_("Voting on %(name)s is open.") % {"name": nomination.recipient_name})
    return _back(meeting, "#agenda")


@login_required
@require_POST
def ballot_open_all(request, pk):
    """Open one ballot for every draft nomination of the agenda (a vote on the whole list)."""
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    opened, refused = services.open_agenda_ballots(meeting=meeting, by=request.user)
    if opened:
        messages.success(request, _("Voting is open on %(count)s nominations.") % {"count": opened})
    for nomination, reasons in refused:
        messages.error(request, f"{nomination.recipient_name}: {' '.join(reasons)}")
    return _back(meeting, "#agenda")


@login_required
@require_POST
def ballot_close(request, pk, ballot_pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    ballot = get_object_or_404(Ballot, pk=ballot_pk, meeting=meeting)
    _run(request, lambda: ballots.close_ballot(ballot=ballot, by=request.user),
         success=_("Voting closed; the count is frozen and will be shown once published."))
    return _back(meeting, "#agenda")


@login_required
@require_POST
def ballot_close_all(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    try:
        closed = services.close_open_ballots(meeting=meeting, by=request.user)
    except ValidationError as error:
        # e.g. sealed papers that no key opens any more: nothing closed, the message says why.
        messages.error(request, " ".join(error.messages))
        return _back(meeting, "#agenda")
    if closed:
        messages.success(request, _("Voting closed; the count is frozen and will be shown once published."))
    else:
        messages.info(request, _("No ballot of this meeting is open."))
    return _back(meeting, "#agenda")


@login_required
@require_POST
def ballot_publish_all(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    if services.publish_closed_ballots(meeting=meeting, by=request.user):
        messages.success(request, _("Results published."))
    else:
        messages.info(request, _("No closed ballot is waiting to be published."))
    return _back(meeting, "#agenda")


@login_required
@require_POST
def ballot_publish(request, pk, ballot_pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    ballot = get_object_or_404(Ballot, pk=ballot_pk, meeting=meeting)
    _run(request, lambda: ballots.publish_ballot(ballot=ballot, by=request.user), success=_("Result published."))
    return _back(meeting, "#agenda")


@login_required
@require_POST
def meeting_end(request, pk):
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    form = EndMeetingForm(request.POST, initial={"ends_at": meeting.ends_at, "conclusions": meeting.conclusions},
                          locked=meeting)
    valid = form.is_valid()
    if form.stale:  # someone else saved the meeting meanwhile: show what they changed, keep what was typed
        return _meeting_page(request, meeting, end_form=form)
    if not valid:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _back(meeting, "#end")
    _run(request, lambda: services.end_meeting(meeting=meeting, ends_at=form.cleaned_data["ends_at"],
                                               conclusions=form.cleaned_data["conclusions"], by=request.user),
         success=_("The end of the meeting is recorded."))
    return _back(meeting, "#end")


# Voting (council members, phone first) ------------------------------------------------------------------------------


def _voter(user) -> Person:
    actor = require_actor(user)
    if not user.has_perm("awards.vote"):
        raise PermissionDenied
    return actor.person


@login_required
def vote(request):
    """The open ballots of the member's commune: each one not voted yet has agree / disagree; one submit casts all."""
    person = _voter(request.user)
    open_ballots = list(
        Ballot.objects.filter(meeting__commune_id=person.commune_id, status=BallotStatus.OPEN)
        .select_related("meeting", "nomination__title", "nomination__person", "nomination__unit")
        .prefetch_related(Prefetch("participations", queryset=BallotParticipation.objects.filter(person=person),
                                   to_attr="mine"))
        .order_by("meeting__held_on", "nomination__title__position", "nomination__person__sort_key", "pk")
    )
    absent = set(Attendance.objects.filter(person=person, present=False, meeting__ballots__in=open_ballots)
                 .values_list("meeting_id", flat=True))
    if request.method == "POST":
        cast, errors = 0, []
        for ballot in open_ballots:
            choice = request.POST.get(f"ballot-{ballot.pk}", "")
            if not choice or ballot.mine:
                continue
            try:
                ballots.cast_vote(ballot=ballot, person=person, choice=choice)
                cast += 1
            except (ValidationError, PermissionDenied) as error:
                errors.append(f"{ballot.nomination.recipient_name}: "
                              f"{' '.join(getattr(error, 'messages', [str(error)]))}")
        if cast:
            # Says how many, never which way: the page must not echo a choice back.
            messages.success(request, _("Your vote has been recorded (%(count)s ballots).") % {"count": cast})
        elif not errors:
            messages.warning(request, _("Choose agree or disagree for at least one nomination."))
        for line in errors:
            messages.error(request, line)
        return redirect("awards:vote")
    return render(request, "awards/vote.html", {
        "ballots": [(b, bool(b.mine), b.meeting_id in absent) for b in open_ballots],
        "choices": BallotChoice.choices,
    })


urlpatterns = [
    path("meetings/", meeting_list, name="meeting_list"),
    path("meetings/new/", meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/attendance/<int:person_pk>/", attendance_save, name="attendance_save"),
    path("meetings/<int:pk>/ballots/open/<int:nomination_pk>/", ballot_open, name="ballot_open"),
    path("meetings/<int:pk>/ballots/open-all/", ballot_open_all, name="ballot_open_all"),
    path("meetings/<int:pk>/ballots/close-all/", ballot_close_all, name="ballot_close_all"),
    path("meetings/<int:pk>/ballots/publish-all/", ballot_publish_all, name="ballot_publish_all"),
    path("meetings/<int:pk>/ballots/<int:ballot_pk>/close/", ballot_close, name="ballot_close"),
    path("meetings/<int:pk>/ballots/<int:ballot_pk>/publish/", ballot_publish, name="ballot_publish"),
    path("meetings/<int:pk>/end/", meeting_end, name="meeting_end"),
    path("vote/", vote, name="vote"),
]
