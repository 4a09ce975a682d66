"""Client systems of the API: a token each, owned by a commune (its office) or the province (its operators).

A token acts as one account of its owner (`user`): it sees and does exactly what that account's pages would, and no
more than its scopes allow. Only a hash of the key is stored; the key is shown once, when the token is created.
Every call is logged (ApiCall).
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.history import AuditedHistory

from .enums import Scope


def key_hash(key: str) -> str:
    """The stored form of a key. Keys carry 256 random bits, so a plain SHA-256 is enough (no slow hash needed)."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiClientQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)

    def owned_by(self, owner):
        """The clients of a Commune or a Province."""
        from directory.models import Commune

        return self.filter(commune=owner) if isinstance(owner, Commune) else self.filter(province=owner)


class ApiClient(models.Model):
    name = models.CharField(_("client system"), max_length=200,
                            help_text=_("The system that calls the API, e.g. the document-management system."))
    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="api_clients")
    province = models.ForeignKey("directory.Province", verbose_name=_("province"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="api_clients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("acts as"), on_delete=models.PROTECT,
                             related_name="api_clients",
                             help_text=_("The token sees and does what this account's pages allow, within its "
                                         "scopes."))
    key_prefix = models.CharField(_("key prefix"), max_length=16, unique=True)
    key_hash = models.CharField(max_length=64, editable=False)
    scope_read = models.BooleanField(_("read"), default=True)
    scope_submit = models.BooleanField(_("submit dossiers"), default=False)
    scope_decide = models.BooleanField(_("record decisions"), default=False)
    rate_per_minute = models.PositiveIntegerField(_("calls per minute"), default=60)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    history = AuditedHistory(excluded_fields=["key_hash", "last_used_at"])
    objects = ApiClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(commune__isnull=False, province__isnull=True)
                           | Q(commune__isnull=True, province__isnull=False)),
                name="api_client_one_owner"),
        ]

    def __str__(self):
        return f"{self.name} ({self.key_prefix})"

    @property
    def owner(self):
        return self.commune if self.commune_id else self.province

    @property
    def scopes(self) -> list[str]:
        return [scope for scope in Scope.values if getattr(self, f"scope_{scope}")]

    def has_scope(self, scope: str) -> bool:
        return bool(getattr(self, f"scope_{scope}", False))

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ApiCall(models.Model):
    """One call of the API: which client, when, what (method, path, query) and how it ended."""

    client = models.ForeignKey(ApiClient, verbose_name=_("client system"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="calls")
    at = models.DateTimeField(_("at"), db_index=True)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=500)
    query = models.CharField(_("query"), max_length=500, blank=True)
    status = models.PositiveSmallIntegerField(_("status"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("API call")
        verbose_name_plural = _("API calls")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["client", "-at"], name="api_call_client_at")]

    def __str__(self):
        return f"{self.method} {self.path} {self.status}"
