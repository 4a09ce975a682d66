"""Pages of award decisions: the submission, the decision, its documents and certificates, revocation, minutes.

Access follows the house rule: no person → 403; another commune's decision, award or meeting → 404; then the office
and the chairman manage, council members read, everyone else → 403. Every state change goes through awards.decisions.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from caching.pages import cached_page
from directory.mergers import lineage_filter
from directory.permissions import get_actor
from documents.delivery import docx_filename, pdf_download, serve_docx, serve_pdf
from documents.registry import render_document_docx
from funds.forms import fund_warning, overspend_allowed
from provinces.enums import LOCKED_STATUSES, DossierStatus
from provinces.models import Dossier

from . import decisions
from .blanks import can_edit_layout
from .certificates import verification_path
from .documents import certificates_docx, certificates_pdf, minutes_docx, submission_docx
from .enums import AwardStatus, Decider, DecisionStatus
from .forms_decisions import DecisionCreateForm, DocumentDateForm, ExternalDecisionForm, RevokeForm, WithdrawForm
from .models import Award, AwardDecision, CouncilMeeting, Nomination

# Access helpers ---------------------------------------------------------------------------------------------------


def _actor(user):
    actor = get_actor(user)
    if actor is None:
        raise PermissionDenied
    return actor


def _require_reader(actor):
    if not (actor.is_office_staff or actor.is_chairman or actor.is_council_member):
        raise PermissionDenied


def _require_manager(actor):
    if not (actor.is_office_staff or actor.is_chairman):
        raise PermissionDenied


def _get_for_user(user, queryset, pk, *, write: bool):
    # A merged commune's successor reads its predecessors' records (issued under their names), and changes none.
    actor = _actor(user)
    scope = Q(commune=actor.commune) if write else lineage_filter(actor.commune)
    obj = get_object_or_404(queryset.filter(scope), pk=pk)
    (_require_manager if write else _require_reader)(actor)
    return actor, obj


def get_decision_for_user(user, pk, *, write: bool = False) -> AwardDecision:
    queryset = AwardDecision.objects.select_related("commune", "document__series", "submission__series")
    return _get_for_user(user, queryset, pk, write=write)[1]


def get_award_for_user(user, pk, *, write: bool = False) -> Award:
    queryset = Award.objects.select_related("commune", "title", "decision__document__series", "revoked_by")
    return _get_for_user(user, queryset, pk, write=write)[1]


def get_meeting_for_user(user, pk, *, write: bool = False) -> CouncilMeeting:
    queryset = CouncilMeeting.objects.select_related("commune", "chair", "minutes__series")
    return _get_for_user(user, queryset, pk, write=write)[1]


def _year(request, commune) -> tuple[int, list[int]]:
    """The year asked for (?year=), else the latest year with nominations, else this year."""
    years = set(Nomination.objects.filter(lineage_filter(commune)).values_list("year", flat=True).distinct())
    asked = request.GET.get("year", "")
    if asked.isdigit() and 2000 <= int(asked) <= 2100:
        year = int(asked)
    else:
        year = max(years) if years else timezone.localdate().year
    return year, sorted(years | {year}, reverse=True)


def issued_pdf(request, document, filename: str) -> HttpResponse:
    """The download of an issued register entry (a decision, a submission, minutes): its stored file, as issued."""
    return serve_pdf(request, key=f"issued:{document.pk}", filename=filename,
                     build=lambda: decisions.document_pdf(document))


def found_or_404(build, *args):
    """`build(*args)`, a refusal of it (no award in force to print) being a 404."""
    try:
        return build(*args)
    except ValidationError:
        raise Http404 from None


def _filename(code: str, year: int) -> str:
    return f"{code.replace('/', '-')}-{year}.pdf"


def _detail_url(decision) -> str:
    return reverse("awards:decision_detail", args=[decision.pk])


# Decisions --------------------------------------------------------------------------------------------------------


@login_required
@cached_page
def decision_list(request):
    """The decisions of a year with their documents, and what is ready to be decided."""
    actor = _actor(request.user)
    _require_reader(actor)
    year, years = _year(request, actor.commune)
    rows = list(
        AwardDecision.objects.filter(lineage_filter(actor.commune), year=year)
        .select_related("commune", "document__series", "submission__series")
        .annotate(nomination_count=Count("nominations", distinct=True))
        .order_by("pk")
    )
    waiting = decisions.decidable_nominations(commune=actor.commune, year=year).count()
    return render(request, "awards/decision_list.html", {
        "year": year, "years": years, "decisions": rows, "waiting": waiting,
        "can_manage": actor.is_office_staff or actor.is_chairman,
        "can_edit_layout": can_edit_layout(request.user, actor.commune),
    })


@login_required
def decision_create(request):
    """A new draft decision from the passed nominations of the year, grouped by who decides them."""
    actor = _actor(request.user)
    _require_manager(actor)
    year, _years = _year(request, actor.commune)
    available = list(decisions.decidable_nominations(commune=actor.commune, year=year))
    form = DecisionCreateForm(request.POST or None, nominations=Nomination.objects.filter(
        pk__in=[n.pk for n in available]).select_related("title", "person", "unit"))
    if request.method == "POST" and form.is_valid():
        try:
            decision = decisions.create_decision(
                commune=actor.commune, year=year, decider=form.cleaned_data["decider"],
                nominations=form.cleaned_data["chosen"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft decision has been created."))
            return redirect(_detail_url(decision))
    selected = {str(v) for v in (form["nominations"].value() or [])}
    groups = [
        {"decider": label, "value": value, "nominations": [n for n in available if n.title.decided_by == value]}
        for value, label in Decider.choices
    ]
    return render(request, "awards/decision_create.html", {
        "form": form, "year": year, "groups": [g for g in groups if g["nominations"]], "selected": selected,
    })


@login_required
def decision_detail(request, pk):
    decision = get_decision_for_user(request.user, pk)
    actor = get_actor(request.user)
    nominations = list(decision.nominations.select_related("title", "person", "unit").order_by(
        "title__position", "pk"))
    problems = {}
    if decision.status != DecisionStatus.ISSUED:
        problems = decisions.blocking_problems(decision)
    rows = [{"nomination": n, "problems": problems.get(n.pk, [])} for n in nominations]
    awards = list(decision.awards.select_related("title").order_by("position", "pk"))
    issued = decision.status == DecisionStatus.ISSUED
    commune_level = decision.decider == Decider.COMMUNE_CHAIRMAN
    manage = (actor.is_office_staff or actor.is_chairman) and decision.commune_id == actor.commune.pk
    withdrawals = list(decision.withdrawals.select_related("nomination__title", "nomination__person",
                                                           "nomination__unit", "by__person"))
    # A proposal decided above goes up as a dossier (provinces.dossiers): its state and the way to send it.
    dossier = Dossier.objects.filter(proposal=decision).first() if not commune_level else None
    sent = dossier is not None and dossier.status in LOCKED_STATUSES
    # Decided by the province in the portal: its decision's download.
    above = dossier.decision if dossier is not None and dossier.decision_id and issued else None
    return render(request, "awards/decision_detail.html", {
        "decision": decision, "rows": rows, "province_decision": above if above and above.document_id else None,
        "awards": awards, "blocked": any(r["problems"] for r in rows),
        "total": decisions.format_vnd(sum(a.amount for a in awards if a.status == AwardStatus.ACTIVE)),
        "withdrawals": withdrawals, "can_withdraw": manage and not issued and not sent, "dossier": dossier,
        "can_send": (manage and not commune_level and decision.status == DecisionStatus.SUBMITTED
                     and (dossier is None or dossier.status == DossierStatus.RETURNED)),
        "can_submit": manage and decision.status == DecisionStatus.DRAFT,
        # The decision follows its submission (Tờ trình).
        "can_issue": manage and commune_level and decision.status == DecisionStatus.SUBMITTED,
        "can_record": manage and not commune_level and not issued and not sent,
        "has_certificates": bool(decision.document_id) and any(a.status == AwardStatus.ACTIVE for a in awards),
        "can_edit_layout": can_edit_layout(request.user, actor.commune),
    })


def _document_form_view(request, pk, *, service, template_title, button, fund: bool = False):
    decision = get_decision_for_user(request.user, pk, write=True)
    form = DocumentDateForm(request.POST or None, locked=decision)
    # Issuing the decision books its reward money in the commune's award fund: warned (and a confirmation asked)
    # when the fund's balance of the decision's year does not cover it.
    warning = None
    if fund and decision.status == DecisionStatus.SUBMITTED and decision.decider == Decider.COMMUNE_CHAIRMAN:
        warning = fund_warning(form, owner=decision.commune, today=timezone.localdate(),
                               nominations=decision.nominations.select_related("title"))
    if request.method == "POST" and form.is_valid():
        extra = {"allow_overspend": overspend_allowed(form)} if fund else {}
        try:
            with transaction.atomic():
                form.claim()  # the service saves its own locked copy of the decision
                service(decision=decision, issued_on=form.cleaned_data["issued_on"], by=request.user,
                        number=form.cleaned_data["number"], **extra)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(_detail_url(decision))
    return render(request, "awards/decision_form.html", {
        "decision": decision, "form": form, "title": template_title, "button": button, "fund_warning": warning,
    })


@login_required
def decision_submit(request, pk):
    return _document_form_view(request, pk, service=decisions.submit_decision,
                               template_title=_("Issue the submission"), button=_("Issue the submission"))


@login_required
def decision_issue(request, pk):
    return _document_form_view(request, pk, service=decisions.issue_decision,
                               template_title=_("Issue decision"), button=_("Issue decision"), fund=True)


@login_required
def decision_withdraw(request, pk, nomination_pk):
    """Take one nomination off the list of a decision not yet issued, with the reason (see withdraw_nomination)."""
    decision = get_decision_for_user(request.user, pk, write=True)
    nomination = get_object_or_404(decision.nominations.select_related("title", "person", "unit"), pk=nomination_pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decisions.withdraw_nomination(decision=decision, nomination=nomination,
                                          reason=form.cleaned_data["reason"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(nomination)s has been withdrawn from the decision.") % {
                "nomination": nomination.recipient_name})
            return redirect(_detail_url(decision))
    problems = []
    if decision.status != DecisionStatus.ISSUED:
        problems = decisions.blocking_problems(decision).get(nomination.pk, [])
    return render(request, "awards/decision_withdraw.html", {
        "decision": decision, "nomination": nomination, "problems": problems, "form": form,
    })


@login_required
def decision_record(request, pk):
    decision = get_decision_for_user(request.user, pk, write=True)
    form = ExternalDecisionForm(request.POST or None, locked=decision)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.claim()
                decisions.record_external_decision(decision=decision, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(_detail_url(decision))
    return render(request, "awards/decision_form.html", {
        "decision": decision, "form": form, "title": _("Record the decision received"), "button": _("Save"),
    })


@login_required
@pdf_download
def decision_submission_pdf(request, pk):
    decision = get_decision_for_user(request.user, pk)
    if decision.submission is None:
        raise Http404
    return issued_pdf(request, decision.submission, _filename(decision.submission.code, decision.year))


@login_required
@pdf_download
def decision_pdf(request, pk):
    decision = get_decision_for_user(request.user, pk)
    if decision.document is None:
        raise Http404
    return issued_pdf(request, decision.document, _filename(decision.document.code, decision.year))


@login_required
@pdf_download
def decision_certificates(request, pk):
    decision = get_decision_for_user(request.user, pk)
    if decision.document is None:
        raise Http404
    return serve_pdf(request, key=f"certificates:{decision.pk}",
                     filename=f"giay-khen-{_filename(decision.document.code, decision.year)}",
                     build=lambda: found_or_404(certificates_pdf, decision))


# Word copies of the same documents: the PDF's access, built from the same data (documents.docx) ---------------------


def _docx_filename(code: str, year: int) -> str:
    return docx_filename(_filename(code, year))


@login_required
def decision_submission_docx(request, pk):
    decision = get_decision_for_user(request.user, pk)
    if decision.submission is None:
        raise Http404
    return serve_docx(request, filename=_docx_filename(decision.submission.code, decision.year),
                      build=lambda: submission_docx(decision))


@login_required
def decision_docx(request, pk):
    decision = get_decision_for_user(request.user, pk)
    if decision.document is None:
        raise Http404
    return serve_docx(request, filename=_docx_filename(decision.document.code, decision.year),
                      build=lambda: render_document_docx(decision.document))


@login_required
def decision_certificates_docx(request, pk):
    decision = get_decision_for_user(request.user, pk)
    if decision.document is None:
        raise Http404
    return serve_docx(request, filename=f"giay-khen-{_docx_filename(decision.document.code, decision.year)}",
                      build=lambda: found_or_404(certificates_docx, decision))


# Awards -----------------------------------------------------------------------------------------------------------


@login_required
@cached_page
def award_list(request):
    """The awards of a year, revoked ones shown as such."""
    actor = _actor(request.user)
    _require_reader(actor)
    year, years = _year(request, actor.commune)
    awards = list(
        Award.objects.filter(lineage_filter(actor.commune), year=year)
        .select_related("commune", "title", "decision__document__series")
        .order_by("decision_id", "position", "pk")
    )
    return render(request, "awards/award_list.html", {
        "year": year, "years": years, "awards": awards,
        "active": sum(a.status == AwardStatus.ACTIVE for a in awards),
        "total": decisions.format_vnd(sum(a.amount for a in awards if a.status == AwardStatus.ACTIVE)),
        "can_manage": actor.is_office_staff or actor.is_chairman,
    })


@login_required
def award_revoke(request, pk):
    award = get_award_for_user(request.user, pk, write=True)
    if award.status != AwardStatus.ACTIVE:
        messages.info(request, _("This award has already been revoked."))
        return redirect("awards:award_history", pk=award.pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decisions.revoke_award(award=award, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The award has been revoked."))
            return redirect("awards:award_history", pk=award.pk)
    return render(request, "awards/award_revoke.html", {"award": award, "form": form})


@login_required
def award_history(request, pk):
    award = get_award_for_user(request.user, pk)
    records = list(award.history.select_related("history_user").order_by("history_date", "history_id"))
    entries = []
    previous = None
    status_labels = dict(AwardStatus.choices)
    for record in records:
        changes = []
        if previous is not None:
            # Who revoked is the history row's own user; the raw user id would say nothing.
            for change in record.diff_against(previous, excluded_fields=["revoked_by"]).changes:
                old, new = change.old, change.new
                if change.field == "status":
                    old, new = status_labels.get(old, old), status_labels.get(new, new)
                label = Award._meta.get_field(change.field).verbose_name
                changes.append({"field": label, "old": old, "new": new})
        entries.append({"record": record, "changes": changes, "created": previous is None})
        previous = record
    return render(request, "awards/award_history.html", {
        "award": award, "entries": list(reversed(entries)), "verification_path": verification_path(award),
        "can_revoke": award.status == AwardStatus.ACTIVE and decisions.can_manage(request.user, award.commune),
    })


# Minutes of a council meeting -------------------------------------------------------------------------------------


@login_required
def meeting_minutes_issue(request, pk):
    meeting = get_meeting_for_user(request.user, pk, write=True)
    # Opened before a colleague changed the conclusions, the page would issue minutes its user has not read.
    form = DocumentDateForm(request.POST or None, initial={"issued_on": meeting.held_on}, locked=meeting,
                            lock_also=("ends_at", "conclusions"))
    if request.method == "POST" and not meeting.minutes_id and form.is_valid():
        try:
            with transaction.atomic():
                form.claim()
                decisions.issue_minutes(meeting=meeting, issued_on=form.cleaned_data["issued_on"], by=request.user,
                                        number=form.cleaned_data["number"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The minutes have been issued."))
            return redirect("awards:meeting_minutes_issue", pk=meeting.pk)
    return render(request, "awards/decision_minutes.html", {"meeting": meeting, "form": form})


@login_required
@pdf_download
def meeting_minutes_pdf(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    if meeting.minutes is None:
        raise Http404
    return issued_pdf(request, meeting.minutes, _filename(meeting.minutes.code, meeting.minutes.year))


@login_required
def meeting_minutes_docx(request, pk):
    meeting = get_meeting_for_user(request.user, pk)
    if meeting.minutes is None:
        raise Http404
    return serve_docx(request, filename=_docx_filename(meeting.minutes.code, meeting.minutes.year),
                      build=lambda: minutes_docx(meeting))


urlpatterns = [
    path("decisions/", decision_list, name="decision_list"),
    path("decisions/new/", decision_create, name="decision_create"),
    path("decisions/<int:pk>/", decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/submit/", decision_submit, name="decision_submit"),
    path("decisions/<int:pk>/issue/", decision_issue, name="decision_issue"),
    path("decisions/<int:pk>/record/", decision_record, name="decision_record"),
    path("decisions/<int:pk>/withdraw/<int:nomination_pk>/", decision_withdraw, name="decision_withdraw"),
    path("decisions/<int:pk>/submission.pdf", decision_submission_pdf, name="decision_submission_pdf"),
    path("decisions/<int:pk>/decision.pdf", decision_pdf, name="decision_pdf"),
    path("decisions/<int:pk>/certificates.pdf", decision_certificates, name="decision_certificates"),
    path("decisions/<int:pk>/submission.docx", decision_submission_docx, name="decision_submission_docx"),
    path("decisions/<int:pk>/decision.docx", decision_docx, name="decision_docx"),
    path("decisions/<int:pk>/certificates.docx", decision_certificates_docx, name="decision_certificates_docx"),
    path("awards/", award_list, name="award_list"),
    path("awards/<int:pk>/revoke/", award_revoke, name="award_revoke"),
    path("awards/<int:pk>/history/", award_history, name="award_history"),
    path("meetings/<int:pk>/minutes/", meeting_minutes_issue, name="meeting_minutes_issue"),
    path("meetings/<int:pk>/minutes.pdf", meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("meetings/<int:pk>/minutes.docx", meeting_minutes_docx, name="meeting_minutes_docx"),
]
