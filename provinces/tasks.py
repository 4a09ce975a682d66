"""Thin Celery tasks of the province: the daily reminder of the communes that have not sent their dossiers."""

import datetime

from celery import shared_task
from django.utils import timezone

from . import calls


@shared_task(name="provinces.remind_late_communes", ignore_result=False)
def remind_late_communes(today: str | None = None) -> dict:
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    reminders = calls.remind_late_communes(today=day)
    return {"reminded": len(reminders), "communes": sorted({reminder.commune_id for reminder in reminders})}
