"""The province's call for a year's dossiers (its deadline) and the reminders to the communes that have not sent.

A commune is expected to send when it exists on the deadline (no end date, or one after it: a commune merged away
before the deadline is its successor's business). It is *outstanding* while nothing it sent is with the province: no
dossier of the year, or only dossiers returned to it and not sent again. After the deadline an outstanding commune is
late; the province's view also counts a commune late whose first dossier arrived after the deadline.

The daily sweep (`remind_late_communes`, Celery beat) sends an outstanding commune's office staff one notice seven
days before the deadline, then a reminder every day after it for `LATE_REMINDER_DAYS` days. A `DossierReminder` row
(unique per call, commune and day) is claimed before anything is posted, so a doubled or retried beat never sends
twice on one day; the operator's "remind now" goes through the same claim.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.history import audited
from directory.enums import Role
from directory.models import Person
from directory.permissions import operates_province
from notifications.services import Message, post, queue_sending

from .enums import DossierEventKind, DossierStatus
from .models import Dossier, DossierCall, DossierEvent, DossierReminder, NothingToSend

NOTICE_DAYS_BEFORE = 7
# Past this many days after the deadline the sweep stops: last year's call does not remind for ever; the operator
# can still remind by hand from the call's page.
LATE_REMINDER_DAYS = 30


@transaction.atomic
@audited("set_dossier_call")
def set_dossier_call(*, province, year: int, due_on: datetime.date, note: str = "", by) -> DossierCall:
    """Create the province's call for `year`, or change its deadline and note (a history row either way)."""
    if not operates_province(by, province):
        raise PermissionDenied
    if due_on is None:
        raise ValidationError({"due_on": _("Enter the deadline.")})
    if due_on.year not in (year, year + 1):
        raise ValidationError({"due_on": _("The deadline of the %(year)s dossiers falls in %(year)s or the next "
                                           "year.") % {"year": year}})
    call = DossierCall.objects.select_for_update().filter(province=province, year=year).first()
    if call is None:
        call = DossierCall(province=province, year=year)
    elif call.due_on == due_on and call.note == (note or "").strip():
        return call  # nothing changed: no empty history row
    call.due_on, call.note = due_on, (note or "").strip()
    call.full_clean(exclude=["province"])
    call.save()
    return call


def call_for(province, year: int) -> DossierCall | None:
    """The province's (or province id's) call of `year`, if it has set one."""
    return DossierCall.objects.select_related("province").filter(province=province, year=year).first()


def expected_communes(call):
    """The province's communes that exist on the call's deadline."""
    return call.province.communes.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=call.due_on)).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=call.due_on))


def is_expected(commune, call) -> bool:
    """The same rule as expected_communes, on a commune already loaded."""
    return ((commune.valid_until is None or commune.valid_until > call.due_on)
            and (commune.valid_from is None or commune.valid_from <= call.due_on))


def with_province(year: int):
    """The dossiers a commune has with its province for `year`: any not returned to it."""
    return Dossier.objects.filter(year=year).exclude(status=DossierStatus.RETURNED)


def outstanding_communes(call):
    """The expected communes with nothing of the year's with the province (never sent, or returned and not sent
    again) and no declaration of having nothing to propose (provinces.declarations), in name order, each with
    `last_reminded` (the day of its latest reminder of this call, or None)."""
    reminded = DossierReminder.objects.filter(call=call, commune=OuterRef("pk")).order_by("-sent_on")
    return (expected_communes(call)
            .annotate(sent=Exists(with_province(call.year).filter(
                Q(commune=OuterRef("pk")) | Q(commune__successor=OuterRef("pk")))),
                      last_reminded=Subquery(reminded.values("sent_on")[:1]))
            .filter(sent=False)
            .exclude(pk__in=NothingToSend.objects.filter(year=call.year).values("commune_id"))
            .order_by("name", "pk"))


def occasion(call, today: datetime.date) -> str | None:
    """What the sweep owes the call's outstanding communes today: "soon" (7 days before), "late" (every day after
    the deadline, for LATE_REMINDER_DAYS days) or nothing."""
    days_left = (call.due_on - today).days
    if days_left == NOTICE_DAYS_BEFORE:
        return "soon"
    if -LATE_REMINDER_DAYS <= days_left < 0:
        return "late"
    return None


def remind_late_communes(today: datetime.date | None = None) -> list[DossierReminder]:
    """The daily sweep: remind the outstanding communes of every call owed a notice or a reminder today.

    Side effects: DossierReminder rows, Notification and OutboundEmail rows (sent by the worker after commit), a
    "reminder sent" step on each returned dossier of a reminded commune. Safe to run twice or concurrently.
    """
    today = today or timezone.localdate()
    days = [today + datetime.timedelta(days=NOTICE_DAYS_BEFORE)]
    calls = DossierCall.objects.filter(
        Q(due_on__in=days) | Q(due_on__range=(today - datetime.timedelta(days=LATE_REMINDER_DAYS),
                                              today - datetime.timedelta(days=1)))
    ).select_related("province").order_by("due_on", "pk")
    sent = []
    for call in calls:
        if occasion(call, today):
            sent += remind_call(call=call, today=today)
    return sent


@dataclass(frozen=True)
class _Recipient:
    name: str
    user_id: int | None
    email: str


def office_staff(commune_ids) -> dict[int, list[_Recipient]]:
    """Commune id → its office staff who can be reached (an active account; e-mail from the person or account)."""
    found: dict[int, list[_Recipient]] = {}
    rows = (Person.objects.filter(commune_id__in=commune_ids, roles__role=Role.OFFICE_STAFF, user__is_active=True)
            .values_list("commune_id", "full_name", "user_id", "email", "user__email").distinct()
            .order_by("commune_id", "sort_key", "pk"))
    for commune_id, name, user_id, email, user_email in rows:
        found.setdefault(commune_id, []).append(_Recipient(name, user_id, email or user_email or ""))
    return found


def remind_call(*, call, today: datetime.date | None = None) -> list[DossierReminder]:
    """Remind each outstanding commune of `call` today (once a day at most): a notice before the deadline, a
    reminder after it. Returns the reminders this run claimed; a commune without reachable office staff is skipped
    (nothing is recorded, so a later run reminds it once someone is there)."""
    today = today or timezone.localdate()
    communes = list(outstanding_communes(call).exclude(
        pk__in=DossierReminder.objects.filter(call=call, sent_on=today).values("commune_id")))
    staff = office_staff([commune.pk for commune in communes])
    made = []
    for commune in communes:
        people = staff.get(commune.pk)
        if not people:
            continue
        recipients = "\n".join(f"{person.name} <{person.email}>" if person.email else person.name
                               for person in people)
        with transaction.atomic():
            reminder, created = DossierReminder.objects.get_or_create(
                call=call, commune=commune, sent_on=today, defaults={"recipients": recipients})
            if not created:
                continue  # a concurrent run has it
            queue_sending(post(_messages(call, commune, people, today)))
            returned = Dossier.objects.filter(commune=commune, year=call.year, status=DossierStatus.RETURNED)
            DossierEvent.objects.bulk_create(
                DossierEvent(dossier=dossier, kind=DossierEventKind.REMINDED,
                             comment=_reminder_title(call, today)) for dossier in returned)
        made.append(reminder)
    return made


def _link() -> str:
    try:  # the commune's dossiers page (provinces/commune_urls.py, namespace "dossiers")
        return reverse("dossiers:dossier_list")
    except NoReverseMatch:
        return reverse("home")


def _reminder_title(call, today) -> str:
    with translation.override("vi"):
        context = {"province": call.province.title, "year": call.year, "due": call.due_on.strftime("%d/%m/%Y")}
        if call.due_on >= today:
            return _("The %(year)s award proposal dossiers are due at %(province)s by %(due)s") % context
        return _("Late: the %(year)s award proposal dossiers were due at %(province)s by %(due)s") % context


def _messages(call, commune, people, today) -> list[Message]:
    url = _link()
    title = _reminder_title(call, today)
    messages = []
    with translation.override("vi"):
        for person in people:
            context = {"call": call, "commune": commune, "name": person.name, "late": call.due_on < today,
                       "days_left": (call.due_on - today).days, "days_late": (today - call.due_on).days,
                       "link": settings.SITE_URL + url}
            messages.append(Message(user_id=person.user_id, email=person.email, title=title,
                                    text=render_to_string("provinces/email/dossier_reminder.txt", context),
                                    html="", url=url, commune_id=commune.pk))
    return messages
