"""Accounts: invitations to set a password, the history of accounts, and the history of login lockouts lifted by the
office or the superuser (the attempts live in Axes)."""

from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history import register

from audit.history import AuditedHistory


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


class Invitation(models.Model):
    """The invitation of an account: who sent it last and when, and when its person set a password.

    The link itself is a token (accounts.tokens) derived from the account's state, so nothing secret is stored here;
    re-sending makes the earlier links stop working.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE,
                                related_name="invitation")
    email = models.EmailField(_("e-mail"))
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    times_sent = models.PositiveSmallIntegerField(_("times sent"), default=1)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.user} – {self.email}"

    @property
    def expires_at(self):
        return self.sent_at + timezone.timedelta(days=settings.INVITATION_DAYS)


class AccountHistory(AuditedHistory):
    """The history of accounts: who deactivated or reactivated one, and when. Password hashes and login times are no
    history to keep, so a login (which saves only last_login) writes no row."""

    def post_save(self, instance, created, using=None, **kwargs):
        if set(kwargs.get("update_fields") or ()) <= {"last_login"} and kwargs.get("update_fields"):
            return
        super().post_save(instance, created, using=using, **kwargs)


register(User, app="accounts", records_class=AccountHistory, excluded_fields=["password", "last_login"])
