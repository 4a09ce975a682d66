"""State changes of timeline tasks, and who is responsible for what."""

import secrets

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.history import audited
from directory.permissions import get_actor

from .enums import TaskRole, TaskStatus
from .models import CalendarToken, ReminderSettings, TaskAssignment, TaskUpdate, TimelineTask


def responsible_in(task: TimelineTask, person, roles=(TaskRole.DOES,)) -> bool:
    """Whether a person holds one of `roles` on the task, directly or through a unit they belong to or lead."""
    if person is None:
        return False
    return TaskAssignment.objects.filter(
        Q(person=person) | Q(unit__people=person) | Q(unit__leader=person), task=task, role__in=roles
    ).exists()


@transaction.atomic
@audited("update_task_status")
def update_task_status(*, task: TimelineTask, by, status: str, note: str = "") -> TaskUpdate:
    """Record a status change and/or a progress note; sets done_on when the task is done.

    Side effects: saves the task (status, done_on) and appends a TaskUpdate to its history.
    """
    task.status = status
    task.done_on = timezone.localdate() if status == TaskStatus.DONE else None
    task.save(update_fields=["status", "done_on"])
    return TaskUpdate.objects.create(task=task, author=by, status=status, note=note.strip())


def reminder_settings_for(commune) -> ReminderSettings:
    settings, _created = ReminderSettings.objects.get_or_create(commune=commune)
    return settings


def calendar_token_for(user, *, regenerate: bool = False) -> CalendarToken:
    """The user's calendar secret, created on first use; `regenerate` revokes the old URL."""
    token = CalendarToken.objects.filter(user=user).first()
    if token is None or regenerate:
        value = secrets.token_urlsafe(32)
        token, _created = CalendarToken.objects.update_or_create(user=user, defaults={"token": value})
    return token


def revoke_calendar_token(user) -> None:
    CalendarToken.objects.filter(user=user).delete()


def tasks_concerning(user):
    """Timeline tasks the user is responsible for in any role (directly or through a unit)."""
    actor = get_actor(user)
    if actor is None:
        return TimelineTask.objects.none()
    return TimelineTask.objects.filter(plan__commune=actor.commune).for_person(actor.person)
