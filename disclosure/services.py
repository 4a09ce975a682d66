"""Public disclosure of the proposed awards (công khai) and residents' feedback; see the app's models.

The awards app asks `decision_problems` before a decision is issued; everything else here is the disclosure's own.
Every state change of a disclosure or a feedback item goes through a function of this module.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.history import audited
from awards.enums import DecisionStatus, NominationStatus
from awards.models import AwardDecision, Nomination
from directory.enums import Role
from directory.permissions import get_actor
from notifications.services import Message, post

from .enums import OPEN_STATUSES, FeedbackStatus
from .models import Disclosure, Feedback, FeedbackEvent

HANDLED_STATUSES = (FeedbackStatus.RESOLVED, FeedbackStatus.DISMISSED)


def _dmy(day: datetime.date) -> str:
    return date_format(day, "d/m/Y")


# Who may do what ---------------------------------------------------------------------------------------------------


def can_manage(user, commune) -> bool:
    """The office staff and the chairman of the commune post disclosures and handle feedback."""
    actor = get_actor(user)
    return bool(actor and actor.commune.pk == commune.pk and (actor.is_office_staff or actor.is_chairman))


def can_read(user, commune) -> bool:
    """Council members read what the office manages."""
    actor = get_actor(user)
    return bool(actor and actor.commune.pk == commune.pk and (actor.sees_whole_commune or actor.is_chairman))


def _require_manager(user, commune):
    if not can_manage(user, commune):
        raise PermissionDenied


# What may be posted ------------------------------------------------------------------------------------------------


def issued_decision_exists():
    return Exists(AwardDecision.objects.filter(nominations=OuterRef("pk"), status=DecisionStatus.ISSUED))


def postable_nominations(*, commune, year: int):
    """The year's nominations that may be posted: those the council passed, and drafts of titles that need no
    ballot (e.g. Gia đình văn hóa, whose list the hamlet proposes); none already in an issued decision."""
    return (
        Nomination.objects.filter(commune=commune, year=year)
        .filter(Q(status=NominationStatus.PASSED)
                | Q(status=NominationStatus.DRAFT, title__ballot_required=False))
        .exclude(issued_decision_exists())
        .select_related("title", "person", "unit")
        .order_by("title__position", "title_id", "person__sort_key", "unit__name", "household", "pk")
    )


def already_posted_ids(*, commune, year: int) -> set[int]:
    """Nominations already in a disclosure of the year that has not been withdrawn."""
    through = Disclosure.nominations.through
    return set(through.objects.filter(disclosure__commune=commune, disclosure__year=year,
                                      disclosure__withdrawn_at__isnull=True).values_list("nomination_id", flat=True))


def minimum_days() -> int:
    return max(1, settings.DISCLOSURE_DAYS)


def check_days(days: int) -> None:
    """Raise a ValidationError on `days` when the list would be posted for less than the required period."""
    least = minimum_days()
    if days is None or days < least:
        raise ValidationError({"days": _("The list must be posted for at least %(days)d days (the required public "
                                         "posting period).") % {"days": least}})


def default_heading(year: int) -> str:
    return _("Public list of the proposed awards of %(year)s") % {"year": year}


@transaction.atomic
@audited("post_disclosure")
def post_disclosure(*, commune, year: int, starts_on: datetime.date, days: int, nominations, heading: str = "",
                    by) -> Disclosure:
    """Post the nominations on the commune's public page from `starts_on` for `days` days (the office or the
    chairman). Every nomination must be one `postable_nominations` offers; the list stays posted at least
    settings.DISCLOSURE_DAYS days (the law's 10 days)."""
    _require_manager(by, commune)
    nominations = list(nominations)
    check_days(days)
    if not nominations:
        raise ValidationError({"nominations": _("Choose the nominations to post.")})
    allowed = set(postable_nominations(commune=commune, year=year).values_list("pk", flat=True))
    if any(n.pk not in allowed for n in nominations):
        raise ValidationError({"nominations": _("Only passed nominations of the year (or drafts of titles without "
                                                "a ballot) that are not decided yet can be posted.")})
    disclosure = Disclosure.objects.create(
        commune=commune, year=year, heading=(heading or "").strip() or default_heading(year), starts_on=starts_on,
        days=days, posted_by=by,
    )
    disclosure.nominations.set(nominations)
    return disclosure


@transaction.atomic
@audited("withdraw_disclosure")
def withdraw_disclosure(*, disclosure: Disclosure, by) -> Disclosure:
    """Take a disclosure off the public page (posted by mistake); its nominations then count as not posted."""
    _require_manager(by, disclosure.commune)
    disclosure = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
    if disclosure.withdrawn_at is None:
        disclosure.withdrawn_at = timezone.now()
        disclosure.withdrawn_by = by
        disclosure.save(update_fields=["withdrawn_at", "withdrawn_by"])
    return disclosure


# The public page ---------------------------------------------------------------------------------------------------


def public_disclosures(*, commune, today: datetime.date | None = None) -> list[Disclosure]:
    """What the commune's public page shows: disclosures running today, and those that have ended while some of
    their nominations still await a decision (neither decided nor failed). Three queries, whatever the size."""
    today = today or timezone.localdate()
    nominations = (
        Nomination.objects.select_related("title", "person", "unit")
        .annotate(decided=issued_decision_exists())
        .order_by("title__position", "title_id", "person__sort_key", "unit__name", "household", "pk")
    )
    disclosures = (
        Disclosure.objects.filter(commune=commune, withdrawn_at__isnull=True, starts_on__lte=today)
        .prefetch_related(Prefetch("nominations", queryset=nominations))
        .order_by("-starts_on", "-pk")
    )
    shown = []
    for disclosure in disclosures:
        awaiting = any(not n.decided and n.status != NominationStatus.FAILED for n in disclosure.nominations.all())
        if disclosure.is_running(today) or awaiting:
            shown.append(disclosure)
    return shown


def check_feedback_allowed(disclosure: Disclosure, *, today: datetime.date | None = None) -> None:
    """Raise a ValidationError with a clear message when residents may not send feedback on the disclosure now."""
    today = today or timezone.localdate()
    if disclosure.is_withdrawn:
        raise ValidationError(_("This list has been withdrawn; feedback is no longer received."))
    if today < disclosure.starts_on:
        raise ValidationError(_("This list is posted from %(date)s; feedback is received from that day.")
                              % {"date": _dmy(disclosure.starts_on)})
    if today > disclosure.ends_on:
        raise ValidationError(_("The public posting ended on %(date)s; feedback is no longer received. Please "
                                "contact the commune's office directly.") % {"date": _dmy(disclosure.ends_on)})


@transaction.atomic
def submit_feedback(*, disclosure: Disclosure, name: str, contact: str, content: str, nomination=None,
                    today: datetime.date | None = None) -> Feedback:
    """A resident's feedback while the disclosure runs (no account). Logs "received" and notifies in the app every
    office clerk of the commune with an active account."""
    check_feedback_allowed(disclosure, today=today)
    if nomination is not None and not disclosure.nominations.filter(pk=nomination.pk).exists():
        raise ValidationError({"nomination": _("This nomination is not on the list.")})
    feedback = Feedback.objects.create(disclosure=disclosure, nomination=nomination, name=name.strip(),
                                       contact=contact.strip(), content=content.strip())
    FeedbackEvent.objects.create(feedback=feedback, action="received", status=feedback.status,
                                 nomination=nomination)
    _notify_office(feedback)
    return feedback


def _notify_office(feedback: Feedback) -> None:
    disclosure = feedback.disclosure
    from directory.models import Person

    clerks = Person.objects.filter(commune=disclosure.commune_id, roles__role=Role.OFFICE_STAFF,
                                   user__isnull=False, user__is_active=True).distinct()
    title = _("New feedback on the public list: %(heading)s") % {"heading": disclosure.heading}
    about = feedback.nomination.recipient_name if feedback.nomination_id else ""
    text = f"{feedback.name}{f' ({about})' if about else ''}: {feedback.content[:300]}"
    url = reverse("disclosure:detail", args=[disclosure.pk])
    # In the app only: the resident's words and contact stay inside the portal.
    post([Message(user_id=clerk.user_id, email="", title=title[:300], text=text, html="", url=url)
          for clerk in clerks])


# The office's handling ---------------------------------------------------------------------------------------------


@transaction.atomic
@audited("handle_feedback")
def handle_feedback(*, feedback: Feedback, by, status: str, response: str = "", is_complaint: bool = False,
                    nomination=None) -> Feedback:
    """Record a handling step: the status, the office's response and whether the item is a complaint about a
    nomination (which blocks that nomination's decision until it is resolved or dismissed). Logs "handled"."""
    _require_manager(by, feedback.disclosure.commune)
    feedback = Feedback.objects.select_for_update().select_related("disclosure").get(pk=feedback.pk)
    response = (response or "").strip()
    errors = {}
    if status not in FeedbackStatus.values:
        errors["status"] = _("Choose a status.")
    if status in HANDLED_STATUSES and not response:
        errors["response"] = _("Write the response or the result of the handling.")
    if is_complaint and nomination is None:
        errors["nomination"] = _("Say which nomination the complaint is about.")
    if nomination is not None and not feedback.disclosure.nominations.filter(pk=nomination.pk).exists():
        errors["nomination"] = _("This nomination is not on the list.")
    if errors:
        raise ValidationError(errors)
    feedback.status = status
    feedback.response = response
    feedback.is_complaint = is_complaint
    feedback.nomination = nomination
    feedback.handled_by = by
    feedback.handled_at = timezone.now()
    feedback.save(update_fields=["status", "response", "is_complaint", "nomination", "handled_by", "handled_at"])
    FeedbackEvent.objects.create(feedback=feedback, actor=by, action="handled", status=status,
                                 is_complaint=is_complaint, nomination=nomination, comment=response)
    return feedback


# Before a decision -------------------------------------------------------------------------------------------------


def decision_problems(nominations, *, decided_on: datetime.date) -> dict[int, list[str]]:
    """Why each of these nominations may not be decided on `decided_on`: {nomination id: [Vietnamese reasons]}.

    A nomination missing from the result (or mapped to []) may be decided. Reasons: it was never posted publicly,
    its disclosure period has not ended by `decided_on`, a complaint about it is still being handled, or residents'
    feedback the office has not looked at yet (status "new") names it, or names no nomination of a list it is on.
    Three queries, whatever the number of nominations.
    """
    ids = [getattr(n, "pk", n) for n in nominations]
    if not ids:
        return {}
    through = Disclosure.nominations.through
    postings: dict[int, list[datetime.date]] = {}
    rows = through.objects.filter(
        nomination_id__in=ids, disclosure__withdrawn_at__isnull=True
    ).values_list("nomination_id", "disclosure__starts_on", "disclosure__days")
    for nomination_id, starts_on, days in rows:
        postings.setdefault(nomination_id, []).append(starts_on + datetime.timedelta(days=days - 1))

    # (submitted_at, feedback id, is an open complaint) per nomination; a feedback item is counted once.
    pending: dict[int, dict[int, tuple]] = {}
    named = Feedback.objects.filter(nomination_id__in=ids).filter(
        Q(is_complaint=True, status__in=OPEN_STATUSES) | Q(status=FeedbackStatus.NEW)
    ).values_list("nomination_id", "pk", "submitted_at", "is_complaint")
    for nomination_id, pk, submitted_at, is_complaint in named:
        pending.setdefault(nomination_id, {})[pk] = (submitted_at, pk, is_complaint)
    # Feedback on the list as a whole, not looked at yet, holds every nomination of that list (withdrawn or not:
    # the residents' words still wait for the office).
    general = through.objects.filter(
        nomination_id__in=ids, disclosure__feedback__status=FeedbackStatus.NEW,
        disclosure__feedback__nomination__isnull=True,
    ).values_list("nomination_id", "disclosure__feedback__pk", "disclosure__feedback__submitted_at")
    for nomination_id, pk, submitted_at in general:
        pending.setdefault(nomination_id, {})[pk] = (submitted_at, pk, False)

    problems: dict[int, list[str]] = {}
    for nomination_id in ids:
        reasons = []
        ends = postings.get(nomination_id)
        if not ends:
            reasons.append(_("Not posted publicly yet: the list must be posted before the decision."))
        elif not any(end < decided_on for end in ends):
            last = max(ends)
            reasons.append(_("Posted publicly until %(end)s: the decision may be dated from %(next)s.") % {
                "end": _dmy(last), "next": _dmy(last + datetime.timedelta(days=1))})
        for submitted_at, _pk, is_complaint in sorted(pending.get(nomination_id, {}).values()):
            day = _dmy(timezone.localtime(submitted_at).date())
            if is_complaint:
                reasons.append(_("A complaint received on %(date)s is still being handled.") % {"date": day})
            else:
                reasons.append(_("Residents' feedback received on %(date)s has not been reviewed yet.")
                               % {"date": day})
        if reasons:
            problems[nomination_id] = reasons
    return problems
