"""Award decisions (quyết định khen thưởng): a list of passed nominations put to one decider, its submission (Tờ
trình), the decision itself (Quyết định) or the one received from above, the awards it grants, their revocation, and
the council's minutes (Biên bản).

Each state change is one function here (keyword-only, `by=user`); the views, tests and demo data all call these.
Awards freeze what the decision said (recipient, detail, amount, position), so the decision's PDF never changes when
a person moves or the base salary rises. Issued documents keep their PDF (see `document_pdf`).
"""

import datetime
import logging
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.history import audited
from directory.collation import name_sort_key, text_sort_key
from directory.permissions import get_actor
from disclosure.services import decision_problems
from documents.defaults import default_recipients, own_recipients
from documents.enums import DocumentType
from documents.models import Document, Series
from documents.registry import render_document_pdf
from documents.services import next_number
from funds import services as funds
from provinces.enums import LOCKED_STATUSES

from .eligibility import check_nomination, consecutive_problems  # noqa: F401  (consecutive_problems: its old home)
from .enums import AwardStatus, BallotStatus, Decider, DecisionStatus, NominationStatus
from .models import (
    Award,
    AwardDecision,
    Ballot,
    BaseSalary,
    CouncilMeeting,
    DecisionWithdrawal,
    Nomination,
    position_and_unit,
)

logger = logging.getLogger(__name__)

UBND = "UBND"
COUNCIL = "HĐTĐKT"


# Permissions and small helpers --------------------------------------------------------------------------------------


def can_manage(user, commune) -> bool:
    """Office staff and the chairman of the same commune manage decisions, awards and minutes."""
    actor = get_actor(user)
    return bool(actor and actor.commune.pk == commune.pk and (actor.is_office_staff or actor.is_chairman))


def _require_manager(user, commune):
    if not can_manage(user, commune):
        raise PermissionDenied


def _series(commune, code: str) -> Series:
    """The commune's People's Committee or council series, made with the state format's lines if missing."""
    upper = commune.upper_name
    defaults = {
        UBND: {"name": f"Ủy ban nhân dân {commune.kind_label} {commune.name}",
               "issuing_body": f"ỦY BAN NHÂN DÂN\n{upper}", "signing_capacity": "TM. ỦY BAN NHÂN DÂN"},
        COUNCIL: {"name": f"Hội đồng Thi đua - Khen thưởng {commune.kind_label} {commune.name}",
                  "parent_body": f"UBND {upper}", "issuing_body": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                  "signing_capacity": "TM. HỘI ĐỒNG"},
    }[code]
    return Series.objects.get_or_create(commune=commune, code=code, defaults=defaults)[0]


def format_vnd(amount) -> str:
    """447000 → "447.000" (the Vietnamese thousands separator)."""
    return f"{int(amount):,}".replace(",", ".")


def _create_document(*, series: Series, doc_type: str, issued_on: datetime.date, number: int | None,
                     **fields) -> Document:
    """A register entry with the next free number of its year, or the number given if it is free."""
    if number is None:
        number = next_number(series=series, doc_type=doc_type, year=issued_on.year)
    elif Document.objects.filter(series=series, doc_type=doc_type, year=issued_on.year, number=number).exists():
        raise ValidationError({"number": _(
            "Number %(code)s is already taken in %(year)s; leave the number empty to take the next free one.") % {
            "code": f"{number:02d}/{doc_type}-{series.code}", "year": issued_on.year}})
    try:
        with transaction.atomic():
            return Document.objects.create(series=series, doc_type=doc_type, number=number, issued_on=issued_on,
                                           place=series.place, **fields)
    except IntegrityError:
        # Someone took the same number a moment ago.
        raise ValidationError({"number": _("This number was just taken by another document; try again.")}) from None


def _stored_name(document: Document) -> str:
    # The creation time makes the name unique even if a rolled-back test or transaction reused the primary key.
    return f"documents/issued/{document.year}/{document.pk}-{document.created_at:%Y%m%d%H%M%S%f}.pdf"


def document_pdf(document: Document) -> bytes:
    """The PDF of an issued document: rendered once, then the same bytes on every download."""
    name = _stored_name(document)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    pdf = render_document_pdf(document)
    default_storage.save(name, ContentFile(pdf))
    return pdf


def _keep_pdf_after_commit(document: Document) -> None:
    def keep():
        try:
            document_pdf(document)
        except Exception:
            # The document is issued all the same; the first download renders and keeps it instead.
            logger.exception("Could not render %s at issue", document.code)

    transaction.on_commit(keep)


# Decisions ----------------------------------------------------------------------------------------------------------


def _taken_elsewhere(nominations, decision: AwardDecision | None = None) -> set[int]:
    """Ids of these nominations already in a submitted or issued decision (other than `decision`), or awarded."""
    ids = [n.pk for n in nominations]
    taken = AwardDecision.nominations.through.objects.filter(nomination_id__in=ids).exclude(
        awarddecision__status=DecisionStatus.DRAFT)
    if decision is not None:
        taken = taken.exclude(awarddecision_id=decision.pk)
    return set(taken.values_list("nomination_id", flat=True)) | set(
        Award.objects.filter(nomination_id__in=ids).values_list("nomination_id", flat=True))


def _ready(nomination: Nomination) -> bool:
    """Passed by the council's ballot, or a draft of a title needing no secret ballot (e.g. Gia đình văn hóa,
    assessed by the hamlet and posted publicly): such a nomination goes to the decider as it is."""
    return nomination.status == NominationStatus.PASSED or (
        nomination.status == NominationStatus.DRAFT and not nomination.title.ballot_required)


READY = Q(status=NominationStatus.PASSED) | Q(status=NominationStatus.DRAFT, title__ballot_required=False)


def decidable_nominations(*, commune, year: int, decider: str | None = None):
    """Nominations of a commune's year ready for a decision (see _ready) not yet in a submitted or issued decision,
    nor awarded."""
    queryset = (
        Nomination.objects.filter(READY, commune=commune, year=year)
        .exclude(decisions__status__in=[DecisionStatus.SUBMITTED, DecisionStatus.ISSUED])
        .exclude(award__isnull=False)
        .select_related("title", "person", "unit")
        .order_by("title__position", "pk")
    )
    if decider:
        queryset = queryset.filter(title__decided_by=decider)
    return queryset


def _label(nomination: Nomination) -> str:
    return f"{nomination.recipient_name} ({nomination.title.name})"


@transaction.atomic
@audited("create_decision")
def create_decision(*, commune, year: int, decider: str, nominations, by) -> AwardDecision:
    """A draft decision listing passed nominations of the commune's year that this decider decides."""
    _require_manager(by, commune)
    if decider not in Decider.values:
        raise ValidationError({"decider": _("Choose who decides.")})
    nominations = list(Nomination.objects.select_related("title", "person", "unit").filter(
        pk__in=[getattr(n, "pk", n) for n in nominations]))
    if not nominations:
        raise ValidationError({"nominations": _("Choose at least one nomination.")})
    if any(n.commune_id != commune.pk for n in nominations):
        raise PermissionDenied
    taken = _taken_elsewhere(nominations)
    errors = []
    for nomination in nominations:
        if nomination.year != year:
            errors.append(_("%(nomination)s is a nomination of %(year)s.") % {
                "nomination": _label(nomination), "year": nomination.year})
        elif nomination.title.decided_by != decider:
            errors.append(_("%(nomination)s is decided by: %(decider)s.") % {
                "nomination": _label(nomination), "decider": nomination.title.get_decided_by_display()})
        elif not _ready(nomination):
            errors.append(_("%(nomination)s has not passed the council (status: %(status)s).") % {
                "nomination": _label(nomination), "status": nomination.get_status_display()})
        elif nomination.pk in taken:
            errors.append(_("%(nomination)s is already in another decision.") % {"nomination": _label(nomination)})
    if errors:
        raise ValidationError({"nominations": errors})
    decision = AwardDecision.objects.create(commune=commune, year=year, decider=decider)
    decision.nominations.set(nominations)
    return decision


def _lock(decision: AwardDecision) -> AwardDecision:
    return AwardDecision.objects.select_for_update(of=("self",)).select_related("commune").get(pk=decision.pk)


def _lock_nominations(decision: AwardDecision) -> None:
    """Lock the decision's nominations (in primary-key order, so two decisions sharing some cannot deadlock) before
    checking that none is in another decision: a second decision sharing one waits here, then sees the first."""
    list(Nomination.objects.select_for_update(of=("self",)).filter(decisions=decision).order_by("pk")
         .values_list("pk", flat=True))


def _nominations_of(decision: AwardDecision) -> list[Nomination]:
    return list(decision.nominations.select_related("title", "title__rule_set", "person", "person__unit", "unit",
                                                    "commune", "registration").order_by("title__position", "pk"))


def _basic_problems(decision: AwardDecision, nominations: list[Nomination]) -> dict[int, list[str]]:
    problems: dict[int, list[str]] = {}
    taken = _taken_elsewhere(nominations, decision)
    for nomination in nominations:
        if not _ready(nomination):
            problems.setdefault(nomination.pk, []).append(
                _("It has not passed the council (status: %(status)s).") % {"status": nomination.get_status_display()})
        if nomination.pk in taken:
            problems.setdefault(nomination.pk, []).append(_("It is already in another decision."))
    return problems


def blocking_problems(decision: AwardDecision, *, decided_on: datetime.date | None = None) -> dict[int, list[str]]:
    """What stops each nomination of a decision from being decided: {nomination id: [Vietnamese reasons]}."""
    nominations = _nominations_of(decision)
    problems = _basic_problems(decision, nominations)
    if decision.decider != Decider.COMMUNE_CHAIRMAN:
        return problems
    for nomination in nominations:
        reasons = problems.setdefault(nomination.pk, [])
        found = check_nomination(nomination)
        if nomination.complaint_open and not any(problem.field == "complaint_open" for problem in found):
            reasons.append(_("A complaint or discipline concerning it is being handled."))
        reasons.extend(str(problem.message) for problem in found if problem.message not in reasons)
    day = decided_on or timezone.localdate()
    for pk, reasons in (decision_problems(nominations, decided_on=day) or {}).items():
        problems.setdefault(pk, []).extend(str(reason) for reason in reasons)
    return {pk: reasons for pk, reasons in problems.items() if reasons}


def _raise_problems(nominations: list[Nomination], problems: dict[int, list[str]], heading: str):
    if not problems:
        return
    lines = [
        f"{_label(nomination)}: {'; '.join(problems[nomination.pk])}"
        for nomination in nominations if nomination.pk in problems
    ]
    raise ValidationError([heading] + lines)


@transaction.atomic
@audited("submit_decision")
def submit_decision(*, decision: AwardDecision, issued_on: datetime.date, by, number: int | None = None
                    ) -> AwardDecision:
    """Issue the submission (Tờ trình) of a draft decision; the decision becomes "submitted".

    For the commune chairman's decisions it is the council's submission (…/TTr-HĐTĐKT, signed for the council by its
    chairman); for titles decided above, the People's Committee's submission to the level above (…/TTr-UBND).
    """
    decision = _lock(decision)
    _require_manager(by, decision.commune)
    if decision.status != DecisionStatus.DRAFT:
        raise ValidationError(_("Only a draft decision can be submitted."))
    _lock_nominations(decision)
    nominations = _nominations_of(decision)
    if not nominations:
        raise ValidationError(_("The decision lists no nomination."))
    _raise_problems(nominations, _basic_problems(decision, nominations), _("The submission cannot be issued:"))
    commune = decision.commune
    if decision.decider == Decider.COMMUNE_CHAIRMAN:
        series = _series(commune, COUNCIL)
        fields = {
            "summary": f"Về việc đề nghị khen thưởng thành tích công tác thi đua năm {decision.year}",
            "signer_capacity": "TM. HỘI ĐỒNG", "signer_title": "CHỦ TỊCH",
            "recipients": own_recipients(commune, DocumentType.SUBMISSION)
            or f"Chủ tịch UBND {commune.kind_label} {commune.name};\nLưu: VT, HĐTĐKT.",
        }
    else:
        series = _series(commune, UBND)
        above = commune.upper_level_on(issued_on) or decision.get_decider_display()
        fields = {
            "summary": f"Về việc đề nghị khen thưởng năm {decision.year}",
            "signer_capacity": "TM. ỦY BAN NHÂN DÂN", "signer_title": "CHỦ TỊCH",
            "recipients": own_recipients(commune, DocumentType.SUBMISSION) or f"UBND {above};\nLưu: VT.",
        }
    document = _create_document(series=series, doc_type=DocumentType.SUBMISSION, issued_on=issued_on,
                                number=number, signer_name=commune.chairman_name, **fields)
    decision.submission = document
    decision.status = DecisionStatus.SUBMITTED
    decision.save(update_fields=["submission", "status"])
    _keep_pdf_after_commit(document)
    return decision


def _recipient(nomination: Nomination) -> tuple[str, str, str]:
    """(name, detail, sort key) as the decision's list prints them."""
    if nomination.person_id:
        person = nomination.person
        unit = nomination.unit or person.unit
        detail = position_and_unit(person.position, unit.name if unit else "")
        return person.full_name, detail, name_sort_key(person.full_name)
    if nomination.household:
        name, _sep, address = nomination.household.partition(",")
        if not address.strip() and nomination.unit_id:
            address = nomination.unit.name
        return name.strip(), address.strip(), text_sort_key(name)
    unit = nomination.unit
    return unit.name, "", text_sort_key(unit.name)


def _grant_awards(*, decision: AwardDecision, nominations: list[Nomination], decided_on: datetime.date, by):
    base = BaseSalary.objects.on(decided_on)
    if base is None:
        raise ValidationError(_("No base salary is in force on %(day)s; the office must enter it first.") % {
            "day": decided_on.strftime("%d/%m/%Y")})
    decision.base_salary = base.amount
    rows = []
    for nomination in nominations:
        name, detail, key = _recipient(nomination)
        rows.append(((nomination.title.position, nomination.title.pk, key, nomination.pk), nomination, name, detail))
    rows.sort(key=lambda row: row[0])
    for position, (_key, nomination, name, detail) in enumerate(rows, start=1):
        amount = (nomination.title.reward_multiple * base.amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        award = Award(decision=decision, nomination=nomination, commune_id=decision.commune_id, year=decision.year,
                      title=nomination.title, person=nomination.person, unit=nomination.unit, recipient_name=name,
                      recipient_detail=detail, amount=amount, position=position)
        award._history_user = by
        try:
            with transaction.atomic():
                award.save()
        except IntegrityError:
            # Another decision granted it a moment ago (Award.nomination is one-to-one).
            raise ValidationError(_("%(nomination)s has just been decided in another decision; reload the page.") % {
                "nomination": _label(nomination)}) from None


def _latest_vote(nominations: list[Nomination]):
    """The day of the latest council meeting whose published ballot passed one of these nominations, or None."""
    days = Ballot.objects.filter(nomination__in=nominations, status=BallotStatus.PUBLISHED, passed=True
                                 ).values_list("meeting__held_on", flat=True)
    return max(days, default=None)


def _check_decision_date(decision: AwardDecision, nominations: list[Nomination], day: datetime.date,
                         field: str = "issued_on") -> None:
    """A decision cannot be dated before its submission (Tờ trình) nor before the council meeting that voted."""
    submission = decision.submission
    if submission is not None and day < submission.issued_on:
        raise ValidationError({field: _(
            "The decision cannot be dated before its submission %(code)s of %(day)s.") % {
            "code": submission.code, "day": submission.issued_on.strftime("%d/%m/%Y")}})
    voted = _latest_vote(nominations)
    if voted is not None and day < voted:
        raise ValidationError({field: _(
            "The decision cannot be dated before the council meeting that voted on its nominations (%(day)s).") % {
            "day": voted.strftime("%d/%m/%Y")}})


@transaction.atomic
@audited("issue_decision")
def issue_decision(*, decision: AwardDecision, issued_on: datetime.date, by, number: int | None = None,
                   allow_overspend: bool = False) -> AwardDecision:
    """Issue the commune chairman's decision (…/QĐ-UBND) and grant one Award per nomination.

    Only after its submission (Tờ trình), and dated no earlier than the submission nor the council meeting that voted.
    Refused, naming each nomination and why, when one has not passed, breaks the year's rules, has a complaint open
    or may not yet be decided after its public disclosure: withdraw that one (withdraw_nomination) and issue the
    rest. Freezes the base salary of the decision's date. Books the awards' money in the commune's award fund
    (funds.services): refused when the fund's balance of the year does not cover it, unless `allow_overspend`.
    """
    decision = _lock(decision)
    _require_manager(by, decision.commune)
    if decision.decider != Decider.COMMUNE_CHAIRMAN:
        raise ValidationError(_("This decision is made above the commune: record the decision received instead."))
    if decision.status == DecisionStatus.ISSUED:
        raise ValidationError(_("This decision has already been issued."))
    if decision.status != DecisionStatus.SUBMITTED or decision.submission_id is None:
        raise ValidationError(_("Issue the submission (Tờ trình) of this decision first."))
    _lock_nominations(decision)
    nominations = _nominations_of(decision)
    if not nominations:
        raise ValidationError(_("The decision lists no nomination."))
    _check_decision_date(decision, nominations, issued_on)
    _raise_problems(nominations, blocking_problems(decision, decided_on=issued_on),
                    _("The decision cannot be issued:"))
    commune = decision.commune
    document = _create_document(
        series=_series(commune, UBND), doc_type=DocumentType.DECISION, issued_on=issued_on, number=number,
        summary=f"Về việc khen thưởng thành tích trong phong trào thi đua năm {decision.year}",
        signer_capacity="", signer_title="CHỦ TỊCH", signer_name=commune.chairman_name,
        recipients=default_recipients(commune, DocumentType.DECISION, on=issued_on),
    )
    decision.document = document
    decision.status = DecisionStatus.ISSUED
    _grant_awards(decision=decision, nominations=nominations, decided_on=issued_on, by=by)
    decision.save(update_fields=["document", "status", "base_salary"])
    funds.book_decision(decision=decision, created_by=by, allow_overspend=allow_overspend)
    _keep_pdf_after_commit(document)
    return decision


@transaction.atomic
@audited("record_external_decision")
def record_external_decision(*, decision: AwardDecision, code: str, issuer: str, decided_on: datetime.date, by
                             ) -> AwardDecision:
    """Record the decision received from the level above (number, issuer, date) and grant its awards."""
    decision = _lock(decision)
    _require_manager(by, decision.commune)
    if decision.decider == Decider.COMMUNE_CHAIRMAN:
        raise ValidationError(_("The commune chairman's decisions are issued here, not recorded."))
    if decision.status == DecisionStatus.ISSUED:
        raise ValidationError(_("This decision has already been recorded."))
    if AwardDecision.objects.filter(pk=decision.pk, dossier__isnull=False).exists():
        raise ValidationError(_("The proposal has been sent to the province in the portal: its decision will come "
                                "back here by itself."))
    errors = {}
    if not (code or "").strip():
        errors["code"] = _("Enter the number of the decision received.")
    if not (issuer or "").strip():
        errors["issuer"] = _("Enter who issued the decision.")
    if decided_on is None:
        errors["decided_on"] = _("Enter the date of the decision.")
    if errors:
        raise ValidationError(errors)
    _lock_nominations(decision)
    nominations = _nominations_of(decision)
    if not nominations:
        raise ValidationError(_("The decision lists no nomination."))
    _check_decision_date(decision, nominations, decided_on, field="decided_on")
    _raise_problems(nominations, _basic_problems(decision, nominations), _("The decision cannot be recorded:"))
    decision.external_code = code.strip()
    decision.external_issuer = issuer.strip()
    decision.external_date = decided_on
    decision.status = DecisionStatus.ISSUED
    _grant_awards(decision=decision, nominations=nominations, decided_on=decided_on, by=by)
    decision.save(update_fields=["external_code", "external_issuer", "external_date", "status", "base_salary"])
    return decision


@transaction.atomic
@audited("withdraw_nomination")
def withdraw_nomination(*, decision: AwardDecision, nomination: Nomination, reason: str, by) -> DecisionWithdrawal:
    """Take a nomination off the list of a draft or submitted decision (not an issued one), e.g. when a complaint
    comes in after the submission, so the others can still be decided. The reason is kept; the nomination is free
    for a later decision."""
    decision = _lock(decision)
    _require_manager(by, decision.commune)
    if decision.status == DecisionStatus.ISSUED:
        raise ValidationError(_("An issued decision cannot be changed; revoke the award instead."))
    if not decision.nominations.filter(pk=getattr(nomination, "pk", nomination)).exists():
        raise ValidationError(_("This nomination is not on the list of the decision."))
    if AwardDecision.objects.filter(pk=decision.pk, dossier__status__in=LOCKED_STATUSES).exists():
        raise ValidationError(_("The proposal has been sent to the province: its list can change only once the "
                                "province returns it."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for withdrawing the nomination.")})
    nomination = Nomination.objects.get(pk=getattr(nomination, "pk", nomination))
    decision.nominations.remove(nomination)
    return DecisionWithdrawal.objects.create(decision=decision, nomination=nomination, reason=reason.strip(), by=by)


@transaction.atomic
@audited("revoke_award")
def revoke_award(*, award: Award, reason: str, revoked_on: datetime.date, by) -> Award:
    """Revoke an award (e.g. obtained by fraud): it stops counting anywhere; its history keeps who, when and why.
    Its money is booked back in the award fund that paid it (funds.services.book_recovery)."""
    award = Award.objects.select_for_update(of=("self",)).select_related("commune", "decision", "title").get(
        pk=award.pk)
    _require_manager(by, award.commune)
    if AwardDecision.objects.filter(pk=award.decision_id, dossier__decision__isnull=False).exists():
        raise ValidationError(_("This award was granted by the province's decision: only the province can revoke it."))
    if award.status != AwardStatus.ACTIVE:
        raise ValidationError(_("This award has already been revoked."))
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _("Give the reason for revoking the award.")
    if revoked_on is None:
        errors["revoked_on"] = _("Enter the date of revocation.")
    elif award.decision.decided_on and revoked_on < award.decision.decided_on:
        errors["revoked_on"] = _("An award cannot be revoked before the decision that granted it (%(day)s).") % {
            "day": award.decision.decided_on.strftime("%d/%m/%Y")}
    if errors:
        raise ValidationError(errors)
    award.status = AwardStatus.REVOKED
    award.revoked_on = revoked_on
    award.revocation_reason = reason.strip()
    award.revoked_by = by
    award._history_user = by
    award._change_reason = reason.strip()
    award.save(update_fields=["status", "revoked_on", "revocation_reason", "revoked_by"])
    funds.book_recovery(award=award, created_by=by)
    return award


# Minutes of the council -----------------------------------------------------------------------------------------------


@transaction.atomic
@audited("issue_minutes")
def issue_minutes(*, meeting: CouncilMeeting, issued_on: datetime.date, by, number: int | None = None) -> Document:
    """Issue the minutes of a council meeting (…/BB-HĐTĐKT) and link them to the meeting: only once the meeting has
    ended (its end time and secretary entered) and every ballot of it is published, so the PDF frozen here is whole."""
    meeting = CouncilMeeting.objects.select_for_update(of=("self",)).select_related(
        "commune", "chair", "secretary").get(pk=meeting.pk)
    _require_manager(by, meeting.commune)
    if meeting.minutes_id:
        raise ValidationError(_("The minutes of this meeting have already been issued."))
    if issued_on < meeting.held_on:
        raise ValidationError({"issued_on": _("The minutes cannot be dated before the meeting (%(day)s).") % {
            "day": meeting.held_on.strftime("%d/%m/%Y")}})
    errors = []
    if meeting.ends_at is None:
        errors.append(_("Enter the time the meeting ended before issuing its minutes."))
    if meeting.secretary_id is None:
        errors.append(_("Choose the secretary of the meeting before issuing its minutes."))
    pending = Ballot.objects.filter(meeting=meeting).exclude(status=BallotStatus.PUBLISHED)
    if pending.filter(status=BallotStatus.OPEN).exists():
        errors.append(_("A ballot of this meeting is still open: close it and publish its result first."))
    if pending.filter(status=BallotStatus.CLOSED).exists():
        errors.append(_("A ballot of this meeting has been counted but its result is not published yet."))
    if errors:
        raise ValidationError([_("The minutes cannot be issued yet:")] + errors)
    document = _create_document(
        series=_series(meeting.commune, COUNCIL), doc_type=DocumentType.MINUTES, issued_on=issued_on,
        number=number, summary=f"Họp Hội đồng Thi đua - Khen thưởng xét khen thưởng năm {meeting.year}",
        signer_capacity="", signer_title="CHỦ TỌA", signer_name=meeting.chair.full_name,
        recipients=default_recipients(meeting.commune, DocumentType.MINUTES, on=issued_on),
    )
    meeting.minutes = document
    meeting.save(update_fields=["minutes"])
    _keep_pdf_after_commit(document)
    return document
