"""Accounts: the history of login lockouts lifted by the office or the superuser (the attempts live in Axes)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccountUnlock(models.Model):
    """One lifted lockout: whose account, from which addresses, who lifted it and when. Rows are never edited."""

    username = models.CharField(_("username"), max_length=150)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    ip_addresses = models.TextField(_("addresses"), blank=True)
    failures = models.PositiveIntegerField(_("failed attempts"), default=0)
    unlocked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("unlocked by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    unlocked_at = models.DateTimeField(_("unlocked at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("account unlock")
        verbose_name_plural = _("account unlocks")
        ordering = ["-unlocked_at", "-pk"]

    def __str__(self):
        return f"{self.username} – {self.unlocked_at:%d/%m/%Y %H:%M}"
