"""Creating notifications and e-mails (the outbox), and sending one e-mail exactly once."""

from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Commune
from xuanson_tdkt.queueing import enqueue

from .enums import EmailStatus
from .models import Notification, OutboundEmail

MAX_ATTEMPTS = 6
# Told to the user, and noted on the e-mails, when the broker could not take them (see queue_sending).
EMAILS_DELAYED = _(
    "Saved. The e-mail service is temporarily interrupted; the e-mails will be sent automatically when it is back."
)
NOT_QUEUED = "not queued: the broker was unreachable; flush_outbox will send it"


@dataclass(frozen=True)
class Message:
    """One message to one person: shown in the app (user) and e-mailed (address), either may be missing."""

    user_id: int | None
    email: str
    title: str
    text: str
    html: str
    url: str
    commune_id: int | None = None  # whose e-mail it is: the sender's name comes from the commune


def sender_for(commune) -> str:
    """ "TĐKT <commune name> <address>": the commune's name on DEFAULT_FROM_EMAIL's address."""
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    return f"TĐKT {commune.name} <{address}>"  # Django encodes the name when it sends


def post(messages: list[Message]) -> list[int]:
    """Create the in-app notifications and outbox e-mails of `messages` in bulk; returns the new e-mail ids.

    Must run inside the caller's transaction; the caller queues `send_emails` for the ids on commit.
    """
    Notification.objects.bulk_create(
        Notification(recipient_id=m.user_id, title=m.title, body=m.text, url=m.url) for m in messages if m.user_id
    )
    commune_ids = {m.commune_id for m in messages if m.email and m.commune_id}
    senders = {c.pk: sender_for(c) for c in Commune.objects.filter(pk__in=commune_ids)} if commune_ids else {}
    emails = OutboundEmail.objects.bulk_create(
        OutboundEmail(to=m.email, from_email=senders.get(m.commune_id, ""), subject=m.title, body_text=m.text,
                      body_html=m.html)
        for m in messages if m.email
    )
    return [email.pk for email in emails]


def queue_sending(email_ids: list[int]) -> None:
    """Hand the e-mails to the worker once the transaction that created them has committed.

    With the broker down the save still stands: the e-mails stay pending (marked as not queued) for flush_outbox,
    and the user is told they will follow (xuanson_tdkt.queueing).
    """
    if not email_ids:
        return
    ids = list(email_ids)
    transaction.on_commit(lambda: _queue_now(ids))


def _queue_now(email_ids: list[int]) -> None:
    from .tasks import send_emails

    if not enqueue(send_emails, email_ids, notice=EMAILS_DELAYED):
        OutboundEmail.objects.filter(pk__in=email_ids, status=EmailStatus.PENDING).update(last_error=NOT_QUEUED)


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


def mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one (or all) of a user's notifications read; returns how many changed."""
    unread = Notification.objects.unread().filter(recipient=user)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
