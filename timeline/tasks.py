"""Thin Celery tasks of the timeline: the daily reminder sweep and the weekly digest (scheduled by beat)."""

import datetime

from celery import shared_task
from django.utils import timezone

from . import reminders


def _day(today: str | None) -> datetime.date:
    return datetime.date.fromisoformat(today) if today else timezone.localdate()


@shared_task(name="timeline.send_reminders", ignore_result=False)
def send_reminders(today: str | None = None) -> dict:
    result = reminders.send_reminders(today=_day(today))
    return {"claimed": result.claimed, "emails": result.emails, "notifications": result.notifications}


@shared_task(name="timeline.send_weekly_digest", ignore_result=False)
def send_weekly_digest(today: str | None = None) -> dict:
    result = reminders.send_weekly_digest(today=_day(today))
    return {"claimed": result.claimed, "emails": result.emails, "notifications": result.notifications}
