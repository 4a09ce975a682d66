"""Deadline reminders: any dated thing of the year can be a reminder source; one sweep reminds for all of them.

A source yields batches of `DueItem`s (what is due, when, and the people responsible). The sweep decides the
occasion of each item from its commune's settings (so many days before, or overdue once), claims each
(item, person, occasion) atomically in `ReminderDelivery`, and posts a notification and an e-mail only for the claims
this sweep won. Work is done in batches, so memory stays flat and queries grow with batches, not with tasks; what
the batches share (the people of a unit, a recipient's address, the wording of a reminder N days ahead) is read or
rendered once per sweep, so the cost follows the reminders sent, not reminders × batches.
"""

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from directory.enums import Role
from directory.models import Person, Unit
from notifications.services import Message, post, queue_sending
from xuanson_tdkt.bulk import insert_rows

from .enums import TaskRole
from .models import Milestone, ReminderDelivery, ReminderSettings, TaskAssignment, TimelineTask

BATCH_SIZE = 1000
DEFAULT_SETTINGS = ReminderSettings()


@dataclass
class DueItem:
    source: str
    object_id: int
    commune_id: int
    title: str
    due_on: datetime.date
    url: str
    person_ids: set[int] = field(default_factory=set)  # those who do and those who coordinate
    director_ids: set[int] = field(default_factory=set)  # reminded only where the commune asks for it


class ReminderSource:
    """A kind of dated thing. Subclasses yield batches of open items due within [start, end]."""

    name = ""

    def due_between(self, start: datetime.date, end: datetime.date, *, reach=None) -> Iterator[list[DueItem]]:
        """`reach` (a UnitReach shared by the sweep's sources) gives the people of units."""
        raise NotImplementedError


def _batches(queryset, size=BATCH_SIZE):
    """Batches of a queryset of dated items, in the order of (due_on, pk). The ids are read first, in one query
    through the due_on index (a few bytes per due item); each batch then reads its own rows by id. Paging the
    queryset itself would read and sort every due item again for each batch (or, by pk, scan the whole table each
    time): a cost of batches × items, growing faster than the items."""
    ids = list(queryset.order_by("due_on", "pk").values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        yield list(queryset.filter(pk__in=ids[start:start + size]).order_by("due_on", "pk"))


class UnitReach:
    """Unit id → ids of the people it reaches (its members and its leader), read once per unit in a sweep: the
    batches of a sweep share their units (every batch reaches into every commune), so each batch reads only the
    units no earlier batch has read, and a sweep reads each unit's people once in all."""

    def __init__(self):
        self.known: dict[int, set[int]] = {}

    def __call__(self, unit_ids) -> dict[int, set[int]]:
        missing = set(unit_ids) - self.known.keys()
        if missing:
            self.known.update(people_of_units(missing))
            for unit_id in missing:
                self.known.setdefault(unit_id, set())
        return self.known


def people_of_units(unit_ids) -> dict[int, set[int]]:
    """Unit id → ids of the people it reaches: its members and its leader."""
    reach: dict[int, set[int]] = defaultdict(set)
    if not unit_ids:
        return reach
    for person_id, unit_id in Person.objects.filter(unit_id__in=unit_ids).values_list("pk", "unit_id"):
        reach[unit_id].add(person_id)
    for unit_id, leader_id in Unit.objects.filter(pk__in=unit_ids, leader__isnull=False).values_list("pk", "leader"):
        reach[unit_id].add(leader_id)
    return reach


class TaskSource(ReminderSource):
    name = "task"

    def due_between(self, start, end, *, reach=None):
        reach_of = reach or UnitReach()
        tasks = TimelineTask.objects.open().filter(due_on__range=(start, end))
        for batch in _batches(tasks.values_list("pk", "plan__commune_id", "content", "due_on", named=True)):
            items = {
                task.pk: DueItem(
                    source=self.name, object_id=task.pk, commune_id=task.plan__commune_id, title=task.content,
                    due_on=task.due_on, url=reverse("timeline:task_detail", args=[task.pk]),
                )
                for task in batch
            }
            assignments = list(
                TaskAssignment.objects.filter(task_id__in=items).values_list("task_id", "role", "person_id", "unit_id")
            )
            reach = reach_of({unit_id for _, _, _, unit_id in assignments if unit_id})
            for task_id, role, person_id, unit_id in assignments:
                people = {person_id} if person_id else reach[unit_id]
                item = items[task_id]
                (item.director_ids if role == TaskRole.DIRECTS else item.person_ids).update(people)
            yield list(items.values())


class MilestoneSource(ReminderSource):
    name = "milestone"

    def due_between(self, start, end, *, reach=None):
        reach_of = reach or UnitReach()
        milestones = Milestone.objects.filter(is_done=False, due_on__range=(start, end))
        for batch in _batches(milestones.values_list("pk", "commune_id", "title", "due_on", named=True)):
            items = {
                m.pk: DueItem(source=self.name, object_id=m.pk, commune_id=m.commune_id, title=m.title,
                              due_on=m.due_on, url=reverse("timeline:my_tasks"))
                for m in batch
            }
            through_people = Milestone.people.through.objects.filter(milestone_id__in=items)
            for milestone_id, person_id in through_people.values_list("milestone_id", "person_id"):
                items[milestone_id].person_ids.add(person_id)
            through_units = list(
                Milestone.units.through.objects.filter(milestone_id__in=items).values_list("milestone_id", "unit_id")
            )
            reach = reach_of({unit_id for _, unit_id in through_units})
            for milestone_id, unit_id in through_units:
                items[milestone_id].person_ids.update(reach[unit_id])
            yield list(items.values())


SOURCES: list[ReminderSource] = [TaskSource(), MilestoneSource()]


def register_source(source: ReminderSource) -> None:
    """Let another app's dated things (registration windows, ...) be reminded by the same sweep."""
    if all(existing.name != source.name for existing in SOURCES):
        SOURCES.append(source)


def occasion_for(days_left: int, config: ReminderSettings) -> str | None:
    """The reminder an item is owed today: the nearest "before-N" not yet passed, or "overdue" once."""
    if days_left < 0:
        return "overdue" if -days_left <= config.overdue_lookback_days else None
    candidates = [offset for offset in config.offsets if offset >= days_left]
    return f"before-{min(candidates)}" if candidates else None


@dataclass
class SweepResult:
    run_id: uuid.UUID
    claimed: int = 0
    emails: int = 0
    notifications: int = 0


def send_reminders(*, today: datetime.date) -> SweepResult:
    """Remind everybody owed a reminder on `today`, from every source; safe to run twice or concurrently.

    Side effects: ReminderDelivery claims, Notification rows, OutboundEmail rows (sent by the worker after commit).
    """
    result = SweepResult(run_id=uuid.uuid4())
    configs = {c.commune_id: c for c in ReminderSettings.objects.all()}
    ahead = max([max(c.offsets, default=0) for c in configs.values()] + [max(DEFAULT_SETTINGS.offsets)])
    behind = max([c.overdue_lookback_days for c in configs.values()] + [DEFAULT_SETTINGS.overdue_lookback_days])
    remind_directors = {c.commune_id for c in configs.values() if c.remind_directors}
    start, end = today - datetime.timedelta(days=behind), today + datetime.timedelta(days=ahead)
    reach, recipients = UnitReach(), Recipients()
    for source in SOURCES:
        for batch in source.due_between(start, end, reach=reach):
            _remind_batch(batch, today=today, configs=configs, remind_directors=remind_directors, result=result,
                          recipients=recipients)
    return result


def _remind_batch(batch, *, today, configs, remind_directors, result, recipients):
    owed = []  # (item, person id, occasion)
    for item in batch:
        occasion = occasion_for((item.due_on - today).days, configs.get(item.commune_id, DEFAULT_SETTINGS))
        if occasion is None:
            continue
        people = item.person_ids | (item.director_ids if item.commune_id in remind_directors else set())
        owed.extend((item, person_id, occasion) for person_id in people)
    if not owed:
        return
    # Only people who can be reached are claimed: someone without an active account is never reminded.
    people = recipients({person_id for _, person_id, _ in owed})
    claims = [
        {"source": item.source, "object_id": item.object_id, "person_id": person_id, "occasion": occasion,
         "run_id": result.run_id}
        for item, person_id, occasion in owed
        if person_id in people
    ]
    if not claims:
        return
    with transaction.atomic():
        # Conflicting rows (already claimed by an earlier or a concurrent sweep) are skipped by the database.
        claim(claims)
        won = list(
            ReminderDelivery.objects.filter(
                run_id=result.run_id, source=batch[0].source, object_id__in={c["object_id"] for c in claims}
            ).values_list("source", "object_id", "person_id", "occasion")
        )
        if not won:
            return
        items = {(item.source, item.object_id): item for item in batch}
        rendered: dict = {}  # one rendering per item and occasion; only the name differs between recipients
        messages = [
            _reminder_message(items[(source, object_id)], people[person_id], occasion, today, rendered)
            for source, object_id, person_id, occasion in won
        ]
        email_ids = post(messages)
        queue_sending(email_ids)
    result.claimed += len(won)
    result.emails += len(email_ids)
    result.notifications += sum(1 for m in messages if m.user_id)


def claim(claims: list[dict]) -> None:
    """Insert the claims (ReminderDelivery rows) that no sweep has made yet; the others are skipped."""
    insert_rows(ReminderDelivery, claims, ignore_conflicts=True)


@dataclass(frozen=True)
class Recipient:
    name: str
    user_id: int | None
    email: str


class Recipients:
    """Person id → Recipient for the people who can be reached, read once per person in a sweep (as UnitReach)."""

    def __init__(self):
        self.known: dict[int, Recipient | None] = {}

    def __call__(self, person_ids) -> dict[int, Recipient]:
        missing = set(person_ids) - self.known.keys()
        if missing:
            found = _recipients(missing)
            self.known.update((person_id, found.get(person_id)) for person_id in missing)
        return {person_id: self.known[person_id] for person_id in person_ids if self.known[person_id]}


def _recipients(person_ids) -> dict[int, Recipient]:
    """People who can be reached: an active account (in-app notification) and its e-mail address, if any."""
    found = {}
    rows = Person.objects.filter(pk__in=person_ids, user__is_active=True).values_list(
        "pk", "full_name", "user_id", "email", "user__email"
    )
    for pk, name, user_id, email, user_email in rows:
        found[pk] = Recipient(name=name, user_id=user_id, email=email or user_email or "")
    return found


# Stand for the recipient's name and the item's title, deadline and link in a rendering shared by many reminders.
_NAME, _TITLE, _DUE, _LINK = "\x00name\x00", "\x00title\x00", "\x00due\x00", "\x00link\x00"


def _reminder_message(item: DueItem, recipient: Recipient, occasion: str, today, rendered: dict) -> Message:
    key = (item.source, item.object_id, occasion)
    if key not in rendered:
        rendered[key] = _render_reminder(item, occasion, today, rendered)
    title, text, html = rendered[key]
    return Message(user_id=recipient.user_id, email=recipient.email, title=title,
                   text=text.replace(_NAME, recipient.name), html=html.replace(_NAME, escape(recipient.name)),
                   url=item.url, commune_id=item.commune_id)


def _render_reminder(item: DueItem, occasion: str, today, rendered: dict) -> tuple[str, str, str]:
    """The subject, text and HTML of an item's reminder, but the recipient's name. The templates are rendered once per
    number of days left (what their words depend on), the item's title, deadline and link put in afterwards."""
    days_left = (item.due_on - today).days
    overdue = occasion == "overdue"
    if (overdue, days_left) not in rendered:
        context = {
            "item": {"title": _TITLE}, "recipient": {"name": _NAME}, "days_left": days_left,
            "overdue_days": -days_left, "overdue": overdue, "link": _LINK, "due": _DUE,
        }
        with translation.override("vi"):
            rendered[overdue, days_left] = (render_to_string("timeline/email/reminder.txt", context),
                                            render_to_string("timeline/email/reminder.html", context))
    text, html = rendered[overdue, days_left]
    due, link = item.due_on.strftime("%d/%m/%Y"), settings.SITE_URL + item.url
    text = text.replace(_TITLE, item.title).replace(_DUE, due).replace(_LINK, link)
    html = html.replace(_TITLE, escape(item.title)).replace(_DUE, escape(due)).replace(_LINK, escape(link))
    with translation.override("vi"):
        if overdue:
            title = _("Overdue: %(title)s (due %(due)s)") % {"title": _shorten(item.title), "due": due}
        else:
            title = _("Due in %(days)s days: %(title)s (due %(due)s)") % {
                "days": days_left, "title": _shorten(item.title), "due": due}
    return title, text, html


def _shorten(text: str, length: int = 90) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def send_weekly_digest(*, today: datetime.date) -> SweepResult:
    """Tell each commune's chairman which timeline tasks are late, once per ISO week."""
    result = SweepResult(run_id=uuid.uuid4())
    year, week, _weekday = today.isocalendar()
    occasion = f"digest-{year}-W{week:02d}"
    late_by_commune: dict[int, list] = defaultdict(list)
    for task in TimelineTask.objects.overdue(today).select_related("plan").order_by("due_on", "pk"):
        late_by_commune[task.plan.commune_id].append(task)
    if not late_by_commune:
        return result
    chairmen = Person.objects.filter(
        Q(roles__role=Role.CHAIRMAN), commune_id__in=late_by_commune, user__is_active=True
    ).values_list("pk", "commune_id")
    people = _recipients({person_id for person_id, _ in chairmen})
    claims = [ReminderDelivery(source="digest", object_id=commune_id, person_id=person_id, occasion=occasion,
                               run_id=result.run_id) for person_id, commune_id in chairmen if person_id in people]
    with transaction.atomic():
        ReminderDelivery.objects.bulk_create(claims, ignore_conflicts=True)
        won = list(ReminderDelivery.objects.filter(run_id=result.run_id).values_list("object_id", "person_id"))
        messages = []
        with translation.override("vi"):
            for commune_id, person_id in won:
                tasks = late_by_commune[commune_id]
                context = {"tasks": tasks, "today": today, "recipient": people[person_id],
                           "link": settings.SITE_URL + reverse("timeline:timeline")}
                messages.append(Message(
                    user_id=people[person_id].user_id, email=people[person_id].email,
                    title=_("%(count)s timeline tasks are late") % {"count": len(tasks)},
                    text=render_to_string("timeline/email/digest.txt", context),
                    html=render_to_string("timeline/email/digest.html", context),
                    url=reverse("timeline:timeline"), commune_id=commune_id,
                ))
        email_ids = post(messages)
        queue_sending(email_ids)
    result.claimed = len(won)
    result.emails = len(email_ids)
    result.notifications = sum(1 for m in messages if m.user_id)
    return result
