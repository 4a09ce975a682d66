"""The form that creates a client system's token: the account it acts as is one of the owner's own."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import Scope
from .models import ApiClient
from .services import eligible_users


def account_label(user) -> str:
    """"Full name – roles, unit (user name)" for a commune's account; "Full name – position (user name)" for an
    operator's."""
    person = getattr(user, "person", None)
    if person is not None:
        details = [str(role.get_role_display()) for role in person.roles.all()]
        if person.unit is not None:
            details.append(person.unit.name)
        name = person.full_name
    else:
        operator = getattr(user, "province_operator", None)
        name = operator.full_name if operator else user.get_username()
        details = [operator.position] if operator and operator.position else []
    details = ", ".join(details)
    return f"{name} – {details} ({user.get_username()})" if details else f"{name} ({user.get_username()})"


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return account_label(obj)


class ApiClientForm(forms.Form):
    name = forms.CharField(label=ApiClient._meta.get_field("name").verbose_name, max_length=200,
                           help_text=ApiClient._meta.get_field("name").help_text)
    user = AccountChoiceField(label=_("acts as"), queryset=None,
                              help_text=_("The token sees and does exactly what this account's pages allow, within "
                                          "its scopes: choose an account with no more rights than the system needs."))
    scopes = forms.MultipleChoiceField(label=_("scopes"), choices=Scope.choices, initial=[Scope.READ],
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text=_("Read: read the data; submit dossiers: send the commune's dossiers "
                                                   "up to the province; record decisions: record a decision from "
                                                   "above with its awards."))
    rate_per_minute = forms.IntegerField(label=ApiClient._meta.get_field("rate_per_minute").verbose_name,
                                         min_value=1, max_value=6000, initial=60,
                                         help_text=_("More calls within a minute are answered 429 (Retry-After)."))
    note = forms.CharField(label=ApiClient._meta.get_field("note").verbose_name, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            eligible_users(owner)
            .select_related("person__unit", "province_operator")
            .prefetch_related("person__roles")
            .order_by("person__sort_key", "province_operator__full_name", "username"))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "user": data["user"], "scopes": set(data["scopes"]),
                "rate_per_minute": data["rate_per_minute"], "note": data["note"]}
