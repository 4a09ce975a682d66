"""Creating notifications and e-mails (the outbox), and sending one e-mail exactly once."""

from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Commune
from xuanson_tdkt.bulk import insert_rows
from xuanson_tdkt.queueing import enqueue

from .enums import EmailStatus
from .models import Notification, OutboundEmail
from .outbox import MAX_ATTEMPTS, claim_email, deliver_email, unsent_email_ids  # noqa: F401  (their old home)
from .tasks import send_emails

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
    # Plain rows, not model instances: a reminder sweep posts tens of thousands at once (xuanson_tdkt.bulk).
    insert_rows(Notification, [{"recipient_id": m.user_id, "title": m.title, "body": m.text, "url": m.url}
                               for m in messages if m.user_id])
    commune_ids = {m.commune_id for m in messages if m.email and m.commune_id}
    senders = {c.pk: sender_for(c) for c in Commune.objects.filter(pk__in=commune_ids)} if commune_ids else {}
    return insert_rows(OutboundEmail, [
        {"to": m.email, "from_email": senders.get(m.commune_id, ""), "subject": m.title, "body_text": m.text,
         "body_html": m.html}
        for m in messages if m.email
    ], returning="id")


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
    if not enqueue(send_emails, email_ids, notice=EMAILS_DELAYED):
        OutboundEmail.objects.filter(pk__in=email_ids, status=EmailStatus.PENDING).update(last_error=NOT_QUEUED)


def mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one (or all) of a user's notifications read; returns how many changed."""
    unread = Notification.objects.unread().filter(recipient=user)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
