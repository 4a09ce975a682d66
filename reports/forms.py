from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Series
from xuanson_tdkt.locking import VersionedForm

from .enums import Numbering, OutlineKind, OutlineTable, ReportPeriod
from .models import ReportPart, TargetResult
from .outlines import LEVELS


class ReportCreateForm(forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    period = forms.ChoiceField(label=_("period"), choices=ReportPeriod.choices)
    series = forms.ModelChoiceField(label=_("issuing body"), queryset=Series.objects.none(), empty_label=None)
    outline = forms.ChoiceField(label=_("outline"), choices=OutlineKind.choices, initial=OutlineKind.STANDARD,
                                required=False,
                                help_text=_("The parts and headings the report starts with; you can change them "
                                            "afterwards."))

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = Series.objects.filter(commune=commune)

    def clean_outline(self):
        return self.cleaned_data.get("outline") or OutlineKind.STANDARD  # a post without it: the built-in parts


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


class OutlineRowForm(forms.Form):
    """One heading of the outline page (an existing part, or a blank row to add one)."""

    heading = forms.CharField(label=_("heading"), max_length=300, required=False)
    level = forms.TypedChoiceField(label=_("level"), choices=LEVELS, coerce=int, initial=1,
                                   widget=forms.Select(attrs={"class": "form-select"}))
    numbering = forms.ChoiceField(label=_("numbering"), choices=Numbering.choices, initial=Numbering.ROMAN,
                                  widget=forms.Select(attrs={"class": "form-select"}))
    tables = forms.MultipleChoiceField(label=_("tables placed here"), choices=OutlineTable.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    order = forms.IntegerField(label=_("order"), min_value=0, max_value=999)
    delete = forms.BooleanField(label=_("delete"), required=False)

    def __init__(self, *args, part: ReportPart | None = None, **kwargs):
        self.part = part
        if part is not None:
            kwargs["initial"] = {"heading": part.heading, "level": part.level, "numbering": part.numbering,
                                 "tables": part.tables, "order": part.position * 10}
        super().__init__(*args, **kwargs)
        if part is None:
            self.fields["delete"].widget = forms.HiddenInput()

    @property
    def is_blank(self) -> bool:
        return self.part is None and not (self.cleaned_data.get("heading") or "").strip()
