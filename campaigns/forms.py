from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import Document, Series
from xuanson_tdkt.fields import VietDateField
from xuanson_tdkt.locking import VersionedForm

from .enums import PlanKind, PlanStatus
from .models import Campaign, CampaignTarget, Paragraph, Plan, Section
from .services import check_can_issue


class PlanDocumentForm(forms.ModelForm):
    """The register entry and printed header of a plan: number, date, place, summary, signer, recipients."""

    issued_on = VietDateField(label=_("date"))

    class Meta:
        model = Document
        fields = [
            "series", "number", "issued_on", "place", "summary",
            "signer_capacity", "signer_title", "signer_name", "recipients",
        ]
        widgets = {"recipients": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"number": {"required": _("Enter the document number.")}}

    def __init__(self, *args, commune, doc_type, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune
        self.instance.doc_type = doc_type
        self.fields["series"].queryset = Series.objects.filter(commune=commune)
        self.fields["series"].empty_label = None
        self.fields["number"].min_value = 1
        self.fields["number"].widget.attrs["min"] = 1
        self.fields["signer_capacity"].help_text = _("Empty: the series' own, e.g. TM. ỦY BAN NHÂN DÂN")

    def clean(self):
        cleaned = super().clean()
        series, number, issued_on = cleaned.get("series"), cleaned.get("number"), cleaned.get("issued_on")
        if series and number and issued_on:
            clash = Document.objects.filter(
                series=series, doc_type=self.instance.doc_type, year=issued_on.year, number=number
            ).exclude(pk=self.instance.pk)
            if clash.exists():
                code = f"{number:02d}/{self.instance.doc_type}-{series.code}"
                self.add_error(
                    "number",
                    _("Number %(code)s is already used in %(year)s. Choose another number.")
                    % {"code": code, "year": issued_on.year},
                )
        return cleaned


class PlanForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["kind", "year", "status", "appendix_title", "closing"]
        widgets = {"closing": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune
        self.fields["year"].min_value = 2000
        self.fields["year"].max_value = 2100
        self.fields["kind"].required = False  # an older form or script without it means the annual plan
        if self.instance.pk and self.instance.findings.exists():
            self.fields["kind"].disabled = True  # a year copy stays the kind of its original

    def clean_kind(self):
        return self.cleaned_data.get("kind") or PlanKind.ANNUAL

    def clean(self):
        cleaned = super().clean()
        year, kind = cleaned.get("year"), cleaned.get("kind")
        if year and kind == PlanKind.ANNUAL and Plan.objects.annual().filter(
                commune=self.commune, year=year).exclude(pk=self.instance.pk).exists():
            self.add_error("year", _("This commune already has a plan for %(year)s.") % {"year": year})
        if cleaned.get("status") == PlanStatus.ISSUED and self.instance.status != PlanStatus.ISSUED:
            try:
                check_can_issue(self.instance)
            except forms.ValidationError as error:
                self.add_error("status", error)
        return cleaned


class CopyPlanForm(forms.Form):
    year = forms.IntegerField(label=_("new year"), min_value=2000, max_value=2100)
    issued_on = VietDateField(label=_("date of the new plan"), required=False,
                              help_text=_("Empty: the same day and month in the new year."))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["year"].initial = plan.year + 1

    def clean_year(self):
        year = self.cleaned_data["year"]
        if self.plan.is_annual and Plan.objects.annual().filter(commune=self.plan.commune, year=year).exists():
            raise forms.ValidationError(_("This commune already has a plan for %(year)s.") % {"year": year})
        return year


class FindingReviewForm(forms.Form):
    """The clerk's text for one flagged phrase of a year copy: the suggestion as offered, or edited."""

    text = forms.CharField(label=_("text in the new plan"),
                           widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))

    def __init__(self, *args, finding, **kwargs):
        super().__init__(*args, prefix=f"finding-{finding.pk}", **kwargs)
        self.finding = finding
        self.fields["text"].initial = finding.accepted or finding.suggestion


class SectionForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Section
        fields = ["parent", "label", "title"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Section.objects.filter(plan=plan, parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].required = False
        self.fields["parent"].empty_label = _("(top level)")
        if self.instance.pk and self.instance.children.exists():
            # A section with subsections stays at the top level: the plan has two heading levels.
            del self.fields["parent"]


class ParagraphForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Paragraph
        fields = ["kind", "label", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"text": _("Use *italic* and **bold** for emphasis.")}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") != "campaigns" and not (cleaned.get("text") or "").strip():
            self.add_error("text", _("Enter the paragraph's text."))
        return cleaned


class CampaignForm(VersionedForm, forms.ModelForm):
    starts_on = VietDateField(label=_("starts on"), required=False)
    ends_on = VietDateField(label=_("ends on"), required=False)

    class Meta:
        model = Campaign
        fields = ["name", "kind", "organiser", "content", "starts_on", "ends_on", "listed_in_plan"]
        widgets = {"content": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        from directory.models import Unit

        self.fields["organiser"].queryset = Unit.objects.filter(commune=plan.commune).active_on()

    def lock_extra(self):
        # The targets formset rides on the campaign's version (save_campaign saves the campaign too).
        targets = self.locked.targets.order_by("position", "pk")
        shown = "; ".join(
            " ".join(part for part in (t.text, "" if t.value is None else f"{t.value.normalize():f}",
                                       t.unit_of_measure) if part)
            for t in targets)
        return {"@targets": (str(_("Targets")), shown)}

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date is before the start date."))
        return cleaned


class TargetForm(forms.ModelForm):
    class Meta:
        model = CampaignTarget
        fields = ["text", "value", "unit_of_measure"]
        widgets = {"text": forms.TextInput()}


TargetFormSet = forms.inlineformset_factory(
    Campaign, CampaignTarget, form=TargetForm, extra=1, can_delete=True, min_num=0
)
