"""Locked accounts and lifting a lockout (the failed attempts themselves are counted by django-axes)."""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from axes.utils import reset as reset_attempts
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from .models import AccountUnlock


@dataclass(frozen=True)
class Lockout:
    """An account locked from one address."""

    username: str
    ip_address: str | None
    failures: int
    last_attempt: datetime
    locked_until: datetime
    user: object = None


def _current_attempts():
    # Axes forgets failures older than the cool-off; rows it has not cleaned yet do not count either.
    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)


def locked_accounts(*, commune=None, username=None) -> list[Lockout]:
    """The accounts locked now (one entry per account and address), the newest first; with `commune`, only the
    accounts of that commune's people; with `username`, only that account."""
    attempts = _current_attempts() if username is None else _current_attempts().filter(username=username)
    rows = (attempts.values("username", "ip_address")
            .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT).order_by("-last_attempt"))
    users = get_user_model().objects.select_related("person")
    if commune is not None:
        users = users.filter(person__commune=commune)
    by_name = {user.username: user for user in users.filter(username__in={row["username"] for row in rows})}
    return [Lockout(username=row["username"], ip_address=row["ip_address"], failures=row["failures"],
                    last_attempt=row["last_attempt"], locked_until=row["last_attempt"] + settings.AXES_COOLOFF_TIME,
                    user=by_name.get(row["username"]))
            for row in rows if commune is None or row["username"] in by_name]


def unlock_account(*, user, by) -> AccountUnlock | None:
    """Lift every lockout of `user`'s account (all addresses) and forget its failed attempts; records who did it
    and when in an AccountUnlock row. Returns None (and records nothing) when the account was not locked."""
    with transaction.atomic():
        locks = locked_accounts(username=user.username)
        if not locks:
            return None
        reset_attempts(username=user.username)
        person = getattr(user, "person", None)
        return AccountUnlock.objects.create(
            username=user.username, user=user, commune=person.commune if person else None,
            ip_addresses=", ".join(sorted({lock.ip_address or "?" for lock in locks})),
            failures=sum(lock.failures for lock in locks), unlocked_by=by)
