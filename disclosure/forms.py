import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from xuanson_tdkt.fields import VietDateField

from .enums import FeedbackStatus
from .models import Feedback

PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
PHONE = re.compile(r"^\+?\d{9,13}$")


def nomination_label(nomination) -> str:
    return f"{nomination.title.name}: {nomination.recipient_name}"


class NominationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return nomination_label(obj)


class NominationsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        unit = f" ({obj.unit.name})" if obj.unit_id and obj.person_id else ""
        return f"{nomination_label(obj)}{unit} – {obj.get_status_display()}"


class DisclosureForm(forms.Form):
    heading = forms.CharField(label=_("Heading"), max_length=300, required=False)
    starts_on = VietDateField(label=_("Posted from"))
    # The least number of days is settings.DISCLOSURE_DAYS, read when the form is built (see clean_days).
    days = forms.IntegerField(label=_("Days posted"), max_value=90, error_messages={
        "max_value": _("A disclosure lasts at most %(limit_value)s days."),
        "required": _("Enter the number of days the list is posted."),
    })
    nominations = NominationsField(label=_("Nominations posted"), queryset=None,
                                   widget=forms.CheckboxSelectMultiple,
                                   error_messages={"required": _("Choose the nominations to post.")})

    def __init__(self, *args, nominations, year: int, **kwargs):
        from . import services

        super().__init__(*args, **kwargs)
        self.fields["heading"].help_text = _("Empty: “%(heading)s”.") % {"heading": services.default_heading(year)}
        self.fields["nominations"].queryset = nominations
        self.fields["days"].initial = settings.DISCLOSURE_DAYS
        self.fields["days"].widget.attrs["min"] = services.minimum_days()
        self.fields["days"].help_text = _("At least %(days)d days.") % {"days": services.minimum_days()}
        self.fields["nominations"].help_text = _(
            "Nominations the council passed, and drafts of titles without a ballot (e.g. Gia đình văn hóa), not "
            "decided yet. Those not yet posted are ticked.")

    def clean_days(self):
        from . import services

        days = self.cleaned_data["days"]
        try:
            services.check_days(days)
        except ValidationError as error:
            raise ValidationError(error.message_dict["days"]) from None
        return days


class FeedbackHandleForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FeedbackStatus.choices)
    response = forms.CharField(label=_("Office's response"), required=False, max_length=4000,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("Required once the item is resolved or dismissed."))
    is_complaint = forms.BooleanField(
        label=_("This is a complaint about a nomination"), required=False,
        help_text=_("While it is not resolved or dismissed, the nomination cannot be decided."))
    nomination = NominationChoiceField(label=_("About"), queryset=None, required=False,
                                       empty_label=_("(the list as a whole)"))

    def __init__(self, *args, disclosure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = disclosure.nominations.select_related("title", "person", "unit")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_complaint") and not cleaned.get("nomination"):
            self.add_error("nomination", _("Say which nomination the complaint is about."))
        if cleaned.get("status") in (FeedbackStatus.RESOLVED, FeedbackStatus.DISMISSED) and not (
                cleaned.get("response") or "").strip():
            self.add_error("response", _("Write the response or the result of the handling."))
        return cleaned


class PublicFeedbackForm(forms.Form):
    """A resident's feedback: no account, so the form is short, its limits plain, and spam meets a honeypot."""

    name = forms.CharField(label=_("Your name"), max_length=120,
                           error_messages={"required": _("Please enter your name.")})
    contact = forms.CharField(label=_("Phone or e-mail"), max_length=120,
                              help_text=_("So the office can answer you; it is never shown on this page."),
                              error_messages={"required": _("Please enter a phone number or an e-mail address.")})
    nomination = NominationChoiceField(label=_("About (optional)"), queryset=None, required=False,
                                       empty_label=_("(the list as a whole)"))
    content = forms.CharField(
        label=_("Your feedback"), max_length=Feedback._meta.get_field("content").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Please write your feedback.")},
    )
    # Honeypot: hidden from people (and from screen readers); robots that fill every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, disclosure, nominations=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["nomination"]
        field.queryset = disclosure.nominations.select_related("title", "person", "unit")
        if nominations is not None:
            # Already loaded (the public page lists them): no query per form.
            field.choices = [("", field.empty_label), *((n.pk, nomination_label(n)) for n in nominations)]
        self.fields["content"].error_messages["max_length"] = _(
            "Please keep your feedback under %(limit_value)d characters (it has %(show_value)d).")
        self.fields["name"].widget.attrs["autocomplete"] = "name"

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("Please enter your name."))
        return name

    def clean_contact(self):
        contact = self.cleaned_data["contact"].strip()
        if "@" in contact:
            try:
                validate_email(contact)
            except ValidationError:
                raise ValidationError(_("This e-mail address is not valid, for example: ten@gmail.com.")) from None
            return contact
        if not PHONE.match(PHONE_SEPARATORS.sub("", contact)):
            raise ValidationError(_("Enter a phone number (e.g. 0912 345 678) or an e-mail address."))
        return contact

    def clean_content(self):
        content = self.cleaned_data["content"].strip()
        if not content:
            raise ValidationError(_("Please write your feedback."))
        return content
