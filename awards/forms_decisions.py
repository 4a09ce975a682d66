"""Forms of the decision pages; the rules themselves live in awards.decisions (errors come back onto the fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from xuanson_tdkt.fields import VietDateField
from xuanson_tdkt.locking import VersionedForm

from .enums import Decider


class NominationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.recipient_name} – {obj.title.name}"


class DecisionCreateForm(forms.Form):
    decider = forms.ChoiceField(label=_("Decided by"), choices=Decider.choices, widget=forms.RadioSelect)
    nominations = NominationChoiceField(
        label=_("Nominations"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("Only the nominations of the chosen decider are put on the list."),
    )

    def __init__(self, *args, nominations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations
        deciders = {n.title.decided_by for n in nominations}
        self.fields["decider"].choices = [(value, label) for value, label in Decider.choices if value in deciders]
        if not self.is_bound:
            self.initial["nominations"] = [n.pk for n in nominations]
            if len(deciders) == 1:
                self.initial["decider"] = next(iter(deciders))

    def clean(self):
        cleaned = super().clean()
        decider = cleaned.get("decider")
        chosen = [n for n in cleaned.get("nominations") or [] if n.title.decided_by == decider]
        if decider and not chosen:
            self.add_error("nominations", _("Tick at least one nomination of the chosen decider."))
        cleaned["chosen"] = chosen
        return cleaned


class DocumentDateForm(VersionedForm, forms.Form):
    """The date of a document the portal issues, and its number if the clerk gives one (else the next free)."""

    lock_also = ("status",)  # e.g. the submission was issued meanwhile

    issued_on = VietDateField(label=_("Date of the document"))
    number = forms.IntegerField(label=_("Number"), required=False, min_value=1, max_value=9999,
                                help_text=_("Leave empty to take the next free number of the year."))


class ExternalDecisionForm(VersionedForm, forms.Form):
    lock_also = ("status", "external_code", "external_issuer", "external_date")

    code = forms.CharField(label=_("Decision number"), max_length=60, help_text=_("E.g. 125/QĐ-UBND"))
    issuer = forms.CharField(label=_("Issued by"), max_length=200)
    decided_on = VietDateField(label=_("Decision date"))


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for revocation"), widget=forms.Textarea(attrs={"rows": 3}))
    revoked_on = VietDateField(label=_("Revoked on"))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawing"), max_length=1000,
                             help_text=_("E.g. a complaint received after the submission; it is kept with the "
                                         "decision."))
