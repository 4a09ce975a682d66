"""Sending one outbox e-mail exactly once, and finding those left unsent: what the worker's tasks run.

Below both notifications.services (which creates the e-mails and queues the tasks) and notifications.tasks, so that
the module-level imports form no cycle: services -> tasks -> outbox.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.utils import timezone

from .enums import EmailStatus
from .models import OutboundEmail

MAX_ATTEMPTS = 6


def claim_email(email_id: int) -> OutboundEmail | None:
    """Atomically move an e-mail from pending/failed to sending; None when another worker has it or it is sent."""
    claimed = OutboundEmail.objects.filter(
        pk=email_id, status__in=[EmailStatus.PENDING, EmailStatus.FAILED]
    ).update(status=EmailStatus.SENDING, attempts=F("attempts") + 1, claimed_at=timezone.now())
    if not claimed:
        return None
    return OutboundEmail.objects.get(pk=email_id)


def deliver_email(email_id: int) -> bool:
    """Send one outbox e-mail if nobody else has; returns True when sent now. Raises on SMTP failure (for retry)."""
    email = claim_email(email_id)
    if email is None:
        return False
    message = EmailMultiAlternatives(email.subject, email.body_text,
                                     email.from_email or settings.DEFAULT_FROM_EMAIL, [email.to])
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        message.send()
    except Exception as exc:
        status = EmailStatus.GAVE_UP if email.attempts >= MAX_ATTEMPTS else EmailStatus.FAILED
        OutboundEmail.objects.filter(pk=email.pk).update(status=status, last_error=str(exc)[:2000])
        raise
    OutboundEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENT, sent_at=timezone.now(), last_error="")
    return True


STALE_SENDING = timezone.timedelta(minutes=15)


def unsent_email_ids(*, older_than_seconds: int = 60) -> list[int]:
    """E-mails left pending (their task was lost) or failed, for the periodic flush.

    An e-mail claimed by a worker that died before sending stays "sending"; after STALE_SENDING it is handed back
    (status failed) so the flush retries it. That worker may, rarely, have sent it just before dying: a possible
    duplicate is preferred to a reminder that is never sent.
    """
    now = timezone.now()
    OutboundEmail.objects.filter(status=EmailStatus.SENDING, claimed_at__lt=now - STALE_SENDING).update(
        status=EmailStatus.FAILED, last_error="worker stopped while sending"
    )
    cutoff = now - timezone.timedelta(seconds=older_than_seconds)
    return list(
        OutboundEmail.objects.filter(
            Q(status=EmailStatus.PENDING) | Q(status=EmailStatus.FAILED), created_at__lt=cutoff
        ).values_list("pk", flat=True)[:1000]
    )
