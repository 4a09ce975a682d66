"""Beat announces itself as soon as it starts, so /health/ need not wait a whole period after a deployment."""

import logging

from celery.signals import beat_init

log = logging.getLogger(__name__)


@beat_init.connect
def send_first_heartbeat(sender=None, **kwargs):
    from django.conf import settings

    from .tasks import heartbeat

    try:
        heartbeat.apply_async(expires=settings.HEALTH_HEARTBEAT_SECONDS)
    except Exception:  # the broker may still be starting; the schedule sends the next one
        log.warning("could not send the first heartbeat", exc_info=True)
