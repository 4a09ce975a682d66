"""Beat sends `health.heartbeat` every HEALTH_HEARTBEAT_SECONDS (settings.CELERY_BEAT_SCHEDULE) and at its start."""

from celery import shared_task

from . import services


@shared_task(name="health.heartbeat", ignore_result=True)
def heartbeat() -> None:
    services.record_heartbeat()
