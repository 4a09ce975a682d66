from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from directory.enums import Role
from directory.models import Unit
from notifications.services import Message, post, queue_sending

from . import services


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's "forgot password" form, whose e-mail goes through the portal's outbox (sent by the worker, retried)
    like every other e-mail. The page after it says the same whether the address is known or not."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
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
