"""Council meetings (họp Hội đồng TĐKT): the agenda of nominations, who attended, and how the meeting ended.

A meeting made here records every council member's attendance (present by default); the office marks who is absent
and their written opinions. The ballot refuses absent members' votes and opens only with a quorum present.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.history import audited, bulk_create
from directory.models import Person
from directory.permissions import get_actor

from .ballot import close_ballot, council_members, open_ballot, publish_ballot
from .enums import BallotStatus, NominationStatus
from .models import Attendance, BallotParticipation, CouncilMeeting, Nomination


def can_manage_meeting(user, meeting: CouncilMeeting | None = None, *, commune=None) -> bool:
    """Office staff and the chairman of the commune, and the meeting's own chair."""
    actor = get_actor(user)
    commune_id = meeting.commune_id if meeting is not None else getattr(commune, "pk", None)
    if actor is None or actor.commune.pk != commune_id:
        return False
    return actor.is_office_staff or actor.is_chairman or (meeting is not None and actor.person.pk == meeting.chair_id)


def _require_manager(user, meeting=None, *, commune=None):
    if not can_manage_meeting(user, meeting, commune=commune):
        raise PermissionDenied


def require_open_record(meeting: CouncilMeeting) -> None:
    """Once the minutes are issued they are the record of the meeting: nothing of it may change afterwards."""
    if meeting.minutes_id:
        raise ValidationError(_("The minutes of this meeting have been issued (%(code)s): it can no longer change.")
                              % {"code": meeting.minutes.code})


def _check_people(commune, *people):
    for person in people:
        if person is not None and person.commune_id != commune.pk:
            raise PermissionDenied


def _check_agenda(commune, year, nominations) -> list[Nomination]:
    nominations = list(nominations)
    for nomination in nominations:
        if nomination.commune_id != commune.pk:
            raise PermissionDenied
        if nomination.year != year:
            raise ValidationError(_("Nomination “%(name)s” belongs to %(year)s.") % {
                "name": str(nomination), "year": nomination.year})
    return nominations


@transaction.atomic
@audited("create_meeting")
def create_meeting(*, commune, year: int, held_on, place: str, chair: Person, by, secretary: Person | None = None,
                   starts_at=None, agenda: str = "", nominations=()) -> CouncilMeeting:
    """Create a meeting with its agenda and one attendance row (present) for each current council member."""
    _require_manager(by, commune=commune)
    _check_people(commune, chair, secretary)
    nominations = _check_agenda(commune, year, nominations)
    meeting = CouncilMeeting.objects.create(
        commune=commune, year=year, held_on=held_on, place=place.strip(), chair=chair, secretary=secretary,
        starts_at=starts_at, agenda=agenda.strip(),
    )
    meeting.nominations.set(nominations)
    bulk_create(Attendance, [Attendance(meeting=meeting, person=person, present=True)
                             for person in council_members(commune)])
    return meeting


@transaction.atomic
@audited("update_agenda")
def update_agenda(*, meeting: CouncilMeeting, nominations, by) -> None:
    """Set the nominations on the agenda; those already put to the vote at this meeting stay on it."""
    _require_manager(by, meeting)
    require_open_record(meeting)
    nominations = _check_agenda(meeting.commune, meeting.year, nominations)
    balloted = set(meeting.ballots.values_list("nomination_id", flat=True))
    keep = [n for n in meeting.nominations.all() if n.pk in balloted]
    meeting.nominations.set({*nominations, *keep})


@transaction.atomic
@audited("set_attendance")
def set_attendance(*, meeting: CouncilMeeting, person: Person, present: bool, by,
                   written_opinion: str = "") -> Attendance:
    """Record whether a member attended; an absent member's written opinion goes into the minutes."""
    _require_manager(by, meeting)
    require_open_record(meeting)
    _check_people(meeting.commune, person)
    if not present and person.pk in _voters(meeting):
        raise ValidationError(_("%(name)s has already voted at this meeting and cannot be marked absent.")
                                  % {"name": person.full_name})
    if present and written_opinion.strip():
        raise ValidationError(_("Only an absent member sends a written opinion."))
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting, person=person,
        defaults={"present": present, "written_opinion": written_opinion.strip()},
    )
    return attendance


@audited("open_agenda_ballots")
def open_agenda_ballots(*, meeting: CouncilMeeting, by) -> tuple[int, list[tuple[Nomination, list[str]]]]:
    """Open a ballot on every draft nomination of the agenda (a vote on the whole list). Each opens on its own, so
    one that may not go to the vote (a complaint, a rule of the year) does not hold back the others; returns how many
    opened and, for the others, why not."""
    _require_manager(by, meeting)
    opened, refused = 0, []
    drafts = meeting.nominations.filter(status=NominationStatus.DRAFT).select_related("title", "person", "unit")
    for nomination in drafts.order_by("title__position", "pk"):
        try:
            open_ballot(meeting=meeting, nomination=nomination, by=by)
            opened += 1
        except ValidationError as error:
            refused.append((nomination, error.messages))
    return opened, refused


@transaction.atomic
@audited("close_open_ballots")
def close_open_ballots(*, meeting: CouncilMeeting, by) -> int:
    """Close every open ballot of the meeting (the chair's "close all"); a second click closes nothing more."""
    _require_manager(by, meeting)
    ballots = list(meeting.ballots.select_for_update().filter(status=BallotStatus.OPEN).order_by("pk"))
    for ballot in ballots:
        close_ballot(ballot=ballot, by=by)
    return len(ballots)


@transaction.atomic
@audited("publish_closed_ballots")
def publish_closed_ballots(*, meeting: CouncilMeeting, by) -> int:
    """Publish every closed ballot of the meeting; a second click publishes nothing more."""
    _require_manager(by, meeting)
    ballots = list(meeting.ballots.select_for_update().filter(status=BallotStatus.CLOSED).order_by("pk"))
    for ballot in ballots:
        publish_ballot(ballot=ballot, by=by)
    return len(ballots)


def _voters(meeting) -> set[int]:
    return set(BallotParticipation.objects.filter(ballot__meeting=meeting).values_list("person_id", flat=True))


@transaction.atomic
@audited("end_meeting")
def end_meeting(*, meeting: CouncilMeeting, ends_at, conclusions: str, by) -> CouncilMeeting:
    """Record the end time and conclusions; every ballot of the meeting must be closed first."""
    _require_manager(by, meeting)
    require_open_record(meeting)
    if meeting.ballots.filter(status=BallotStatus.OPEN).exists():
        raise ValidationError(_("Close every ballot before ending the meeting."))
    meeting.ends_at = ends_at
    meeting.conclusions = conclusions.strip()
    meeting.save(update_fields=["ends_at", "conclusions"])
    return meeting


def agenda_candidates(commune, year):
    """Nominations that may go on a meeting's agenda: the year's drafts (not yet voted on)."""
    return (Nomination.objects.filter(commune=commune, year=year, status=NominationStatus.DRAFT)
            .select_related("title", "person", "unit"))
