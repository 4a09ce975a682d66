"""Thin Celery tasks around the outbox; they get ids only."""

import logging

from celery import shared_task

from xuanson_tdkt.queueing import BROKER_ERRORS, enqueue

from . import outbox

log = logging.getLogger(__name__)


@shared_task(name="notifications.send_emails", ignore_result=True)
def send_emails(email_ids: list[int]) -> None:
    """Send a batch; an e-mail that fails is retried on its own, with back-off."""
    for email_id in email_ids:
        try:
            outbox.deliver_email(email_id)
        except Exception:
            log.warning("e-mail %s failed; retrying on its own", email_id, exc_info=True)
            try:
                send_email.apply_async(args=[email_id], countdown=30)
            except BROKER_ERRORS:  # it stays failed: flush_outbox retries it; the rest of the batch goes on
                log.warning("could not queue the retry of e-mail %s: broker unreachable", email_id)


@shared_task(
    name="notifications.send_email", bind=True, ignore_result=True, max_retries=outbox.MAX_ATTEMPTS,
    autoretry_for=(Exception,), retry_backoff=30, retry_backoff_max=3600, retry_jitter=True,
)
def send_email(self, email_id: int) -> None:
    outbox.deliver_email(email_id)


@shared_task(name="notifications.flush_outbox", ignore_result=True)
def flush_outbox() -> int:
    """Periodic safety net: queue e-mails whose task was lost (worker died, broker down when they were saved) or that
    failed earlier. Queueing one twice is harmless: only the task that claims it sends it."""
    queued = 0
    for email_id in outbox.unsent_email_ids():
        if not enqueue(send_email, email_id):
            break  # the broker is down again: the next run takes the rest
        queued += 1
    return queued
