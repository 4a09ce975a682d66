"""Dossiers sent up (hồ sơ đề nghị khen thưởng): a commune sends its proposal for titles decided above to its
province, whose emulation office receives it, returns it for more or accepts it.

One function per state change (keyword-only, `by=user`). Each checks who may call it (the commune's office staff and
chairman send; the province's operators receive, return and accept), writes a `DossierEvent` both sides see and
queues the notifications. While a dossier is with the province, the commune cannot change the dossier items of its
nominations nor withdraw them (awards.dossier / awards.decisions ask `LOCKED`); after a return it can, then resend.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.history import audited
from awards.decisions import can_manage
from awards.dossier import missing_items, with_dossier
from awards.enums import Decider, DecisionStatus
from awards.models import AwardDecision, Ballot, DossierItem, Nomination
from directory.enums import Role
from directory.models import Person, ProvinceOperator
from directory.permissions import get_operator
from notifications.services import Message, post, queue_sending

from .enums import LOCKED_STATUSES, DossierEventKind, DossierStatus
from .models import Dossier, DossierCall, DossierEvent, NothingToSend

RECEIPT_ATTEMPTS = 5


# What may be sent -----------------------------------------------------------------------------------------------------


def sendable_proposals(commune, year: int):
    """The commune's proposals of the year that can go up now: decided above, their Tờ trình issued, and not sent
    yet or returned for more."""
    return (AwardDecision.objects.filter(commune=commune, year=year, status=DecisionStatus.SUBMITTED)
            .filter(decider=Decider.PROVINCE_CHAIRMAN)
            .filter(Q(dossier__isnull=True) | Q(dossier__status=DossierStatus.RETURNED))
            .select_related("submission__series", "dossier").order_by("pk"))


def dossier_due(commune, year: int) -> DossierCall | None:
    """The province's call for the year's dossiers (its deadline), if it has made one."""
    return DossierCall.objects.filter(province_id=commune.province_id, year=year).first()


def proposal_nominations(proposal):
    """The proposal's nominations with what their dossier lines need, in the list's order."""
    return with_dossier(proposal.nominations.select_related("title", "person", "unit", "commune")).order_by(
        "title__position", "pk")


def _label(nomination) -> str:
    return f"{nomination.recipient_name} ({nomination.title.name})"


def missing_parts(proposal) -> list[str]:
    """What the proposal lacks before it can be sent, as Vietnamese lines: each nominee's missing dossier items, and
    the minutes of the council meetings that voted on nominations needing a secret ballot."""
    nominations = list(proposal_nominations(proposal))
    lines = []
    if not nominations:
        lines.append(_("The proposal lists no nomination."))
    for nomination in nominations:
        missing = missing_items(nomination)
        if missing:
            lines.append(_("%(nominee)s: missing %(items)s.") % {
                "nominee": _label(nomination), "items": ", ".join(r.name for r in missing)})
    voted = [n.pk for n in nominations if n.title.ballot_required]
    meetings = {ballot.meeting for ballot in Ballot.objects.filter(nomination_id__in=voted).select_related(
        "meeting").order_by("meeting__held_on", "meeting_id")}
    for meeting in sorted(meetings, key=lambda m: (m.held_on, m.pk)):
        if meeting.minutes_id is None:
            lines.append(_("The minutes of the council meeting of %(day)s have not been issued.") % {
                "day": meeting.held_on.strftime("%d/%m/%Y")})
    return lines


# Notifications --------------------------------------------------------------------------------------------------------


def _notify(recipients, *, template: str, title: str, context: dict, url: str, commune_id=None) -> None:
    """One in-app notification and e-mail per recipient (user, e-mail), queued after the commit."""
    with translation.override("vi"):
        text = render_to_string(template, context)
        title = str(title)
    messages = [Message(user_id=user_id, email=email or "", title=title, text=text, html="", url=url,
                        commune_id=commune_id) for user_id, email in recipients]
    queue_sending(post(messages))


def _operators(province) -> list[tuple[int, str]]:
    return list(ProvinceOperator.objects.filter(province=province, user__is_active=True)
                .values_list("user_id", "user__email").order_by("pk"))


def _office_staff(commune) -> list[tuple[int | None, str]]:
    people = (Person.objects.filter(commune=commune, roles__role=Role.OFFICE_STAFF)
              .filter(Q(user__isnull=True) | Q(user__is_active=True)).distinct().order_by("pk"))
    return [(person.user_id, person.email or (person.user.email if person.user_id else ""))
            for person in people.select_related("user") if person.user_id or person.email]


def _commune_url(dossier) -> str:
    return reverse("dossiers:dossier_detail", args=[dossier.pk])


def _operator_url(dossier) -> str:
    return reverse("provinces:dossier_detail", args=[dossier.pk])


# Sending --------------------------------------------------------------------------------------------------------------


def _next_receipt(province, year: int) -> int:
    taken = Dossier.objects.filter(province=province, year=year).aggregate(m=Max("receipt_number"))["m"]
    return (taken or 0) + 1


def _create_dossier(*, proposal, commune, by, now) -> Dossier:
    """A new dossier with the next receipt number of its province and year; two communes sending at once both get
    one: the loser of the unique constraint takes the next number."""
    for _attempt in range(RECEIPT_ATTEMPTS):
        dossier = Dossier(province=commune.province, commune=commune, year=proposal.year, proposal=proposal,
                          status=DossierStatus.SENT, receipt_number=_next_receipt(commune.province, proposal.year),
                          received_on=timezone.localdate(now), sent_at=now, sent_by=by)
        try:
            with transaction.atomic():
                dossier.save()
        except IntegrityError:
            continue
        return dossier
    raise ValidationError(_("The province's inbox is busy; send the dossier again in a moment."))


@transaction.atomic
@audited("send_dossier")
def send_dossier(*, proposal, by) -> Dossier:
    """Send the commune's proposal (decided above, its Tờ trình issued) to its province, or send it again after a
    return. The first sending gives it the province's next receipt number of the year; a resend keeps it. Writes a
    SENT or RESENT step and tells the province's operators it arrived."""
    proposal = (AwardDecision.objects.select_for_update(of=("self",)).select_related("commune__province")
                .get(pk=proposal.pk))
    commune = proposal.commune
    if not can_manage(by, commune):
        raise PermissionDenied
    if proposal.decider != Decider.PROVINCE_CHAIRMAN:
        # The commune's own decisions stay home; a district's (before 1 July 2025) were its own business.
        raise ValidationError(_("Only proposals to the province's chairman are sent to the province."))
    if proposal.status != DecisionStatus.SUBMITTED:
        raise ValidationError(_("Issue the submission (Tờ trình) of the proposal before sending it."))
    dossier = Dossier.objects.select_for_update().filter(proposal=proposal).first()
    if dossier is not None and dossier.status != DossierStatus.RETURNED:
        raise ValidationError(_("This dossier has already been sent (%(status)s).") % {
            "status": dossier.get_status_display()})
    missing = missing_parts(proposal)
    if missing:
        raise ValidationError([_("The dossier cannot be sent yet:")] + missing)
    now = timezone.now()
    if dossier is None:
        dossier = _create_dossier(proposal=proposal, commune=commune, by=by, now=now)
        kind = DossierEventKind.SENT
    else:
        dossier.status, dossier.sent_at, dossier.sent_by = DossierStatus.SENT, now, by
        dossier.save(update_fields=["status", "sent_at", "sent_by"])
        kind = DossierEventKind.RESENT
    DossierEvent.objects.create(dossier=dossier, kind=kind, by=by)
    # Sending supersedes the commune's "no proposal this year" (provinces.declarations); its history keeps it.
    for declaration in NothingToSend.objects.filter(commune=commune, year=proposal.year):
        declaration.delete()
    _notify(_operators(commune.province), template="provinces/email/dossier_sent.txt",
            title=_("Dossier %(code)s from %(commune)s") % {"code": dossier.receipt_code, "commune": commune},
            context={"dossier": dossier, "commune": commune, "resent": kind == DossierEventKind.RESENT},
            url=_operator_url(dossier), commune_id=commune.pk)
    return dossier


# The province's side --------------------------------------------------------------------------------------------------


def _lock(dossier, by) -> Dossier:
    dossier = (Dossier.objects.select_for_update(of=("self",)).select_related("commune", "province", "proposal")
               .get(pk=dossier.pk))
    operator = get_operator(by)
    if operator is None or operator.province_id != dossier.province_id:
        raise PermissionDenied
    return dossier


def _check_status(dossier, allowed, message) -> None:
    if dossier.status not in allowed:
        raise ValidationError(message % {"status": dossier.get_status_display()})


@transaction.atomic
@audited("receive_dossier")
def receive_dossier(*, dossier, by) -> Dossier:
    """The province's operator takes a sent dossier in for checking (SENT → RECEIVED) and writes the step."""
    dossier = _lock(dossier, by)
    _check_status(dossier, {DossierStatus.SENT},
                  _("Only a dossier awaiting receipt can be received (now: %(status)s)."))
    dossier.status = DossierStatus.RECEIVED
    dossier.save(update_fields=["status"])
    DossierEvent.objects.create(dossier=dossier, kind=DossierEventKind.RECEIVED, by=by)
    return dossier


def _flagged(dossier, items) -> list[DossierItem]:
    """The dossier items asked for, as rows of the proposal's nominations: DossierItem rows, or (nomination,
    requirement) pairs for components the commune never uploaded (their row is made here)."""
    nominations = {n.pk: n for n in Nomination.objects.filter(decisions=dossier.proposal_id).select_related("title")}
    found = []
    for item in items:
        if isinstance(item, DossierItem):
            nomination_id, requirement = item.nomination_id, item.requirement
        else:
            nomination, requirement = item
            nomination_id = getattr(nomination, "pk", nomination)
        nomination = nominations.get(nomination_id)
        if nomination is None or requirement.title_id != nomination.title_id:
            raise ValidationError(_("The items asked for must belong to the dossier's nominations."))
        found.append(DossierItem.objects.get_or_create(nomination=nomination, requirement=requirement)[0])
    return found


@transaction.atomic
@audited("return_dossier")
def return_dossier(*, dossier, comment: str, items=(), by) -> Dossier:
    """Return a sent or received dossier for more (→ RETURNED) with the province's comment. The items asked for are
    kept on the step and count as not provided until the commune provides them again; the commune's office is told.
    """
    dossier = _lock(dossier, by)
    _check_status(dossier, {DossierStatus.SENT, DossierStatus.RECEIVED},
                  _("Only a dossier being checked can be returned (now: %(status)s)."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what the commune must add or correct.")})
    flagged = _flagged(dossier, items)
    DossierItem.objects.filter(pk__in=[item.pk for item in flagged]).update(provided=False)
    dossier.status, dossier.comment = DossierStatus.RETURNED, comment
    dossier.save(update_fields=["status", "comment"])
    event = DossierEvent.objects.create(dossier=dossier, kind=DossierEventKind.RETURNED, by=by, comment=comment)
    event.flagged_items.set(flagged)
    names = [f"{_label(item.nomination)}: {item.requirement.name}" for item in
             DossierItem.objects.filter(pk__in=[i.pk for i in flagged]).select_related(
                 "nomination__title", "nomination__person", "nomination__unit", "requirement").order_by("pk")]
    _notify(_office_staff(dossier.commune), template="provinces/email/dossier_returned.txt",
            title=_("Dossier %(code)s returned by the province") % {"code": dossier.receipt_code},
            context={"dossier": dossier, "comment": comment, "items": names}, url=_commune_url(dossier))
    return dossier


@transaction.atomic
@audited("accept_dossier")
def accept_dossier(*, dossier, by, comment: str = "") -> Dossier:
    """Accept a sent or received dossier (→ ACCEPTED), ready for the province's decision; refused while a nominee's
    dossier misses an item. The commune's office is told."""
    dossier = _lock(dossier, by)
    _check_status(dossier, {DossierStatus.SENT, DossierStatus.RECEIVED},
                  _("Only a dossier being checked can be accepted (now: %(status)s)."))
    missing = missing_parts(dossier.proposal)
    if missing:
        raise ValidationError([_("The dossier cannot be accepted while items are missing:")] + missing)
    comment = (comment or "").strip()
    dossier.status, dossier.comment = DossierStatus.ACCEPTED, comment
    dossier.save(update_fields=["status", "comment"])
    DossierEvent.objects.create(dossier=dossier, kind=DossierEventKind.ACCEPTED, by=by, comment=comment)
    _notify(_office_staff(dossier.commune), template="provinces/email/dossier_accepted.txt",
            title=_("Dossier %(code)s accepted by the province") % {"code": dossier.receipt_code},
            context={"dossier": dossier, "comment": comment}, url=_commune_url(dossier))
    return dossier


def is_locked(proposal_id) -> bool:
    """Whether the proposal is with the province (its dossier sent, received, accepted or decided)."""
    return Dossier.objects.filter(proposal_id=proposal_id, status__in=LOCKED_STATUSES).exists()
