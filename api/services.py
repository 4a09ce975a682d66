"""Creating and revoking client systems' tokens: by a commune's office for its commune, by a province operator for
the province. The key is returned once, by `create_client`, and never stored."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.history import audited
from directory.models import Commune, Person, ProvinceOperator
from directory.permissions import get_actor, get_operator

from .keys import new_key
from .models import ApiClient, key_hash


def can_manage(user, owner) -> bool:
    """The office staff of a commune manage its clients; a province's operators manage the province's."""
    if isinstance(owner, Commune):
        actor = get_actor(user)
        return bool(actor and actor.is_office_staff and actor.commune.pk == owner.pk)
    operator = get_operator(user)
    return bool(operator and operator.province_id == owner.pk)


def eligible_users(owner):
    """The accounts a token of `owner` may act as: the commune's people with an active account, or the province's
    operators."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    if isinstance(owner, Commune):
        return users.filter(pk__in=Person.objects.filter(commune=owner, user__isnull=False).values("user_id"))
    return users.filter(pk__in=ProvinceOperator.objects.filter(province=owner).values("user_id"))


def _require_manager(by, owner):
    if not can_manage(by, owner):
        raise PermissionDenied


@transaction.atomic
@audited("create_client")
def create_client(*, owner, name: str, user, scopes, rate_per_minute: int = 60, note: str = "", by
                  ) -> tuple[ApiClient, str]:
    """A new client of `owner` (a Commune or a Province) acting as `user`; returns it with its key (shown once)."""
    _require_manager(by, owner)
    if not eligible_users(owner).filter(pk=user.pk).exists():
        raise ValidationError(_("The token can only act as an active account of its own commune or province."))
    scopes = set(scopes)
    if not scopes:
        raise ValidationError(_("Choose at least one scope."))
    if not 1 <= rate_per_minute <= 6000:
        raise ValidationError(_("The rate limit must be between 1 and 6000 calls per minute."))
    key, prefix = new_key()
    client = ApiClient(name=name.strip(), user=user, key_prefix=prefix, key_hash=key_hash(key),
                       scope_read="read" in scopes, scope_submit="submit" in scopes, scope_decide="decide" in scopes,
                       rate_per_minute=rate_per_minute, note=note, created_by=by)
    if isinstance(owner, Commune):
        client.commune = owner
    else:
        client.province = owner
    client.save()
    return client, key


@transaction.atomic
@audited("revoke_client")
def revoke_client(*, client: ApiClient, by) -> ApiClient:
    """Stop a token for good (its calls are answered 401 from now on); the client and its call log are kept."""
    client = ApiClient.objects.select_for_update().get(pk=client.pk)
    _require_manager(by, client.owner)
    if client.revoked_at is not None:
        raise ValidationError(_("This token has already been revoked."))
    client.revoked_at = timezone.now()
    client.revoked_by = by
    client.save(update_fields=["revoked_at", "revoked_by"])
    return client
