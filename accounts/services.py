"""Accounts of the commune's people: invitations, roles, deactivation; locked accounts and lifting a lockout (the
failed attempts themselves are counted by django-axes).

The services do not ask who may call them: the views do (the commune's office for its own people; later the province's
operator for a commune's first clerk), then pass the acting user as `by`.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from axes.utils import reset as reset_attempts
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from audit.history import audited
from directory.enums import Role
from directory.models import RoleAssignment
from notifications.services import Message, post, queue_sending

from .enums import AccountStatus
from .models import AccountUnlock, Invitation
from .tokens import invitation_token


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


# The commune's people and their accounts ---------------------------------------------------------------------------


def account_status(person) -> str:
    """none / invited / active / deactivated, from the person's account (select_related("user") avoids a query)."""
    user = person.user
    if user is None:
        return AccountStatus.NONE
    if not user.is_active:
        return AccountStatus.DEACTIVATED
    if not user.has_usable_password():
        return AccountStatus.INVITED
    return AccountStatus.ACTIVE


def _ascii(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def propose_username(full_name: str) -> str:
    """The Vietnamese habit: the given name, then the initials of the family and middle names, without accents
    ("Nguyễn Thị Hương" → "huongnt"); a number is added when the name is taken."""
    words = [w for w in re.split(r"[^a-z0-9]+", _ascii(full_name)) if w]
    base = (words[-1] + "".join(w[0] for w in words[:-1])) if words else "nguoidung"
    taken = set(get_user_model().objects.filter(username__istartswith=base).values_list("username", flat=True))
    taken = {name.lower() for name in taken}
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}{number}"
    return candidate


def check_username(username: str) -> str:
    """A valid user name nobody has (case-insensitive); raises ValidationError otherwise."""
    username = username.strip()
    get_user_model().username_validator(username)
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise ValidationError(_("The user name %(username)s is already taken.") % {"username": username})
    return username


def invitation_url(user) -> str:
    return settings.SITE_URL + reverse("accounts:invitation", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": invitation_token.make_token(user)})


def _send_invitation(invitation, person) -> None:
    with translation.override("vi"):
        context = {"person": person, "username": invitation.user.username, "url": invitation_url(invitation.user),
                   "days": settings.INVITATION_DAYS, "commune": person.commune}
        title = _("Your account on the emulation and commendation portal")
        text = render_to_string("accounts/email/invitation.txt", context)
    queue_sending(post([Message(user_id=None, email=invitation.email, title=title, text=text, html="", url="")]))


@transaction.atomic
@audited("invite_person")
def invite_person(*, person, username: str, by) -> Invitation:
    """Create the account of `person` (no password yet), link it to the person and e-mail them a one-time link to
    set their password (valid INVITATION_DAYS). The person needs an e-mail address and no account."""
    if person.user_id is not None:
        raise ValidationError(_("%(name)s already has an account.") % {"name": person.full_name})
    if not person.email:
        raise ValidationError(_("%(name)s has no e-mail address: add one to the person first.")
                              % {"name": person.full_name})
    user = get_user_model()(username=check_username(username), email=person.email)
    user.set_unusable_password()
    user.save()
    person.user = user
    person.save(update_fields=["user"])
    invitation = Invitation.objects.create(user=user, email=person.email, sent_at=timezone.now(), sent_by=by)
    _send_invitation(invitation, person)
    return invitation


@transaction.atomic
@audited("resend_invitation")
def resend_invitation(*, person, by) -> Invitation:
    """Send the invitation again, to the person's current address, with a new link; the earlier links stop working.
    Only for an account whose password has not been set yet."""
    user = person.user
    if user is None or user.has_usable_password() or not user.is_active:
        raise ValidationError(_("Only an invited account that has not set its password can be invited again."))
    if not person.email:
        raise ValidationError(_("%(name)s has no e-mail address: add one to the person first.")
                              % {"name": person.full_name})
    user.set_unusable_password()  # a new random marker: the tokens of the earlier links no longer match
    user.email = person.email
    user.save(update_fields=["password", "email"])
    invitation, _created = Invitation.objects.get_or_create(
        user=user, defaults={"email": person.email, "sent_at": timezone.now(), "sent_by": by, "times_sent": 0})
    invitation.email, invitation.sent_at, invitation.sent_by = person.email, timezone.now(), by
    invitation.times_sent += 1
    invitation.save(update_fields=["email", "sent_at", "sent_by", "times_sent"])
    _send_invitation(invitation, person)
    return invitation


@transaction.atomic
@audited("accept_invitation")
def accept_invitation(*, user, password: str, by) -> None:
    """The invited person sets their password (already validated by the form); the link stops working."""
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation = Invitation.objects.filter(user=user, accepted_at__isnull=True).first()
    if invitation is not None:
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])


def _other_office_staff(person):
    return RoleAssignment.objects.filter(
        person__commune_id=person.commune_id, role=Role.OFFICE_STAFF, person__user__is_active=True,
    ).exclude(person=person)


@transaction.atomic
@audited("grant_role")
def grant_role(*, person, role: str, by) -> RoleAssignment:
    """Give `person` a commune-wide role (office staff, chairman, council member); nothing changes if they have it."""
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    assignment, _created = RoleAssignment.objects.get_or_create(person=person, role=role)
    return assignment


@transaction.atomic
@audited("revoke_role")
def revoke_role(*, person, role: str, by) -> None:
    """Take a commune-wide role from `person`. The commune's last office staff (with a working account) keeps it:
    without one nobody could manage the commune's accounts."""
    if role == Role.OFFICE_STAFF and not _other_office_staff(person).exists():
        raise ValidationError(_("%(name)s is the commune's last office staff: give the role to someone else first.")
                              % {"name": person.full_name})
    for assignment in RoleAssignment.objects.filter(person=person, role=role):
        assignment.delete()


@transaction.atomic
@audited("set_unit_leader")
def set_unit_leader(*, unit, person, by) -> None:
    """Make `person` (of the unit's commune) the leader of `unit`, in place of the previous one; None: no leader."""
    if person is not None and person.commune_id != unit.commune_id:
        raise ValidationError(_("The leader must be a person of the unit's commune."))
    unit.leader = person
    unit.save(update_fields=["leader"])


@transaction.atomic
@audited("deactivate_account")
def deactivate_account(*, user, by) -> None:
    """Stop `user` from logging in (their open sessions end at the next request); their history stays. Nobody
    deactivates their own account, nor the last working account with the office role of a commune."""
    if user.pk == getattr(by, "pk", None):
        raise ValidationError(_("You cannot deactivate your own account."))
    person = getattr(user, "person", None)
    if (person is not None and person.roles.filter(role=Role.OFFICE_STAFF).exists()
            and not _other_office_staff(person).exists()):
        raise ValidationError(_("%(name)s is the commune's last office staff: give the role to someone else first.")
                              % {"name": person.full_name})
    user.is_active = False
    user.save(update_fields=["is_active"])


@transaction.atomic
@audited("reactivate_account")
def reactivate_account(*, user, by) -> None:
    """Let a deactivated account log in again (with its old password, or by resetting it)."""
    user.is_active = True
    user.save(update_fields=["is_active"])
