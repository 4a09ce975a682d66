from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Series
from xuanson_tdkt.locking import VersionedForm

from .enums import ReportPeriod
from .models import ReportPart, TargetResult


class ReportCreateForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    period = forms.ChoiceField(label=_("period"), choices=ReportPeriod.choices)
    series = forms.ModelChoiceField(label=_("issuing body"), queryset=Series.objects.none(), empty_label=None)

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = Series.objects.filter(commune=commune)


class PartForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = ReportPart
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}


class SummaryForm(VersionedForm, forms.Form):
    summary = forms.CharField(label=_("summary"), max_length=300)


class TargetResultForm(forms.ModelForm):
    class Meta:
        model = TargetResult
        fields = ["achieved", "note"]
        widgets = {"achieved": forms.NumberInput(attrs={"step": "any"})}


class IssueForm(forms.Form):
    issued_on = forms.DateField(label=_("date"), initial=timezone.localdate)
    signer_name = forms.CharField(label=_("signer"), max_length=120)
    signer_title = forms.CharField(label=_("signer's title"), max_length=200, initial="CHỦ TỊCH")
    recipients = forms.CharField(label=_("recipients"), widget=forms.Textarea(attrs={"rows": 5}),
                                 help_text=_("One recipient per line"))
