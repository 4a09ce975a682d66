"""The API's call log is kept API_CALL_LOG_DAYS days (365 by default); beat deletes older calls every night."""

import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from .models import ApiCall


def purge_call_log(*, now=None) -> int:
    """Delete the calls older than API_CALL_LOG_DAYS; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.API_CALL_LOG_DAYS)
    deleted, _per_model = ApiCall.objects.filter(at__lt=cutoff).delete()
    return deleted


@shared_task(name="api.purge_call_log", ignore_result=False)
def purge_call_log_task() -> int:
    return purge_call_log()
