import unicodedata

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Q
from django.template import loader
from django.utils.translation import gettext_lazy as _

from directory.enums import Role
from directory.models import Unit
from notifications.services import Message, post, queue_sending

from . import services


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's "forgot password" form, whose e-mail goes through the portal's outbox (sent by the worker, retried)
    like every other e-mail. The page after it says the same whether the address is known or not."""

    def get_users(self, email):
        """Active accounts with a password whose own address, or their person's in the directory, is `email` (the
        office keeps the directory's address up to date; the account's is the one given when it was created)."""
        users = get_user_model()._default_manager.filter(
            Q(email__iexact=email) | Q(person__email__iexact=email), is_active=True).select_related("person")
        for user in users.distinct():
            if user.has_usable_password() and self._stored_address(user, email):
                yield user

    @staticmethod
    def _stored_address(user, email) -> str | None:
        # The address as stored, never the one typed: a look-alike that the database matches case-insensitively
        # (Unicode case folding) must not receive the link (Django's own form guards the same way).
        person = getattr(user, "person", None)
        for stored in (user.email, person.email if person else ""):
            if stored and _folded(stored) == _folded(email):
                return stored
        return None

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        to_email = self._stored_address(context["user"], self.cleaned_data["email"])
        context = {**context, "site_url": settings.SITE_URL}
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        text = loader.render_to_string(email_template_name, context)
        queue_sending(post([Message(user_id=None, email=to_email, title=subject, text=text, html="", url="")]))


class InviteForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150,
                               help_text=_("Proposed from the name; letters, digits and . @ + - _ only."))

    def clean_username(self):
        return services.check_username(self.cleaned_data["username"])


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class UnitLeaderForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit"),
                                  widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(commune=commune).active_on()
