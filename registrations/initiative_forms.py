from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Plan
from directory.models import Person
from xuanson_tdkt.locking import VersionedForm

from .enums import PeriodKind
from .initiative_services import writable_units
from .models import ContestEntry, Initiative
from .uploads import CheckedFileField, megabytes


def _upload_help():
    from django.conf import settings

    return _("PDF, DOCX, XLSX, JPG or PNG, at most %(limit)s MB.") % {"limit": megabytes(settings.UPLOAD_MAX_BYTES)}


class AuthorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person):
        return f"{person.full_name} ({person.unit})" if self.show_unit else person.full_name

    show_unit = False


class InitiativeForm(VersionedForm, forms.ModelForm):
    lock_also = ("recognised", "applied", "benefit")  # the council's finding, recorded by the office meanwhile
    authors = AuthorChoiceField(label=_("authors"), queryset=Person.objects.none(),
                                widget=forms.CheckboxSelectMultiple,
                                error_messages={"required": _("Choose at least one author.")})
    attachment = CheckedFileField(label=_("attach a file"))

    class Meta:
        model = Initiative
        fields = ["year", "unit", "title", "field", "description", "authors"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        error_messages = {"title": {"required": _("Enter the initiative's title.")}}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        units = writable_units(actor)
        if self.instance.pk:
            # An initiative stays with its unit: its authors and its registration belong there.
            del self.fields["unit"]
            people = Person.objects.filter(unit_id=self.instance.unit_id)
        else:
            self.fields["unit"].queryset = units
            self.fields["unit"].empty_label = None
            self.fields["year"].initial = timezone.localdate().year
            people = Person.objects.filter(unit__in=units)
            self.fields["authors"].show_unit = not (len(actor.led_unit_ids) == 1 and not actor.is_office_staff)
        self.fields["authors"].queryset = people.select_related("unit").in_vietnamese_order()
        self.fields["year"].min_value = 2000
        self.fields["year"].max_value = 2100
        self.fields["attachment"].help_text = _upload_help()

    def clean(self):
        cleaned = super().clean()
        unit = cleaned.get("unit") if "unit" in self.fields else self.instance.unit
        strangers = [p.full_name for p in cleaned.get("authors") or [] if unit and p.unit_id != unit.pk]
        if strangers:
            self.add_error("authors", _("%(names)s do not belong to %(unit)s.") % {
                "names": ", ".join(strangers), "unit": unit.name})
        return cleaned


class RecogniseForm(VersionedForm, forms.ModelForm):
    recognised = forms.NullBooleanField(label=_("recognised by the initiative council"), required=False,
                                        widget=forms.NullBooleanSelect)
    applied = forms.NullBooleanField(label=_("applied in practice"), required=False, widget=forms.NullBooleanSelect)

    class Meta:
        model = Initiative
        fields = ["recognised", "applied", "benefit"]
        widgets = {"benefit": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("applied") and cleaned.get("recognised") is not True:
            self.add_error("applied", _("Only a recognised initiative can be recorded as applied."))
        return cleaned


class AttachmentForm(forms.Form):
    file = CheckedFileField(label=_("file"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _upload_help()


class CampaignChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.plan.document.code})"


class ContestEntryForm(forms.ModelForm):
    attachment = CheckedFileField(label=_("attachment"))
    campaign = CampaignChoiceField(label=_("campaign"), queryset=None, required=False)

    class Meta:
        model = ContestEntry
        fields = ["unit", "plan", "campaign", "year", "period_kind", "period", "title", "subject", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}
        error_messages = {"title": {"required": _("Enter the article's title.")},
                          "subject": {"required": _("Name the person or collective written about.")}}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = writable_units(actor)
        self.fields["unit"].empty_label = None
        # The plan and campaign that launched the contest: the commune's own only.
        self.fields["plan"].queryset = (Plan.objects.filter(commune=actor.commune)
                                        .select_related("document", "document__series"))
        self.fields["plan"].empty_label = _("(choose the plan)")
        self.fields["plan"].help_text = _("The plan that launched the contest, e.g. the council's contest plan.")
        self.fields["campaign"].queryset = (Campaign.objects.filter(plan__commune=actor.commune)
                                            .select_related("plan__document__series"))
        self.fields["campaign"].empty_label = _("(none)")
        today = timezone.localdate()
        self.fields["year"].initial = today.year
        self.fields["year"].min_value = 2000
        self.fields["year"].max_value = 2100
        self.fields["period"].initial = today.month
        self.fields["period"].widget.attrs.update({"min": 1, "max": 12, "inputmode": "numeric"})
        self.fields["attachment"].help_text = _upload_help()

    def clean(self):
        cleaned = super().clean()
        kind, period = cleaned.get("period_kind"), cleaned.get("period")
        if period is not None and kind == PeriodKind.MONTH and not 1 <= period <= 12:
            self.add_error("period", _("A month is between 1 and 12."))
        if period is not None and kind == PeriodKind.QUARTER and not 1 <= period <= 4:
            self.add_error("period", _("A quarter is between 1 and 4."))
        if "attachment" not in self.errors and not (cleaned.get("text") or "").strip() \
                and not cleaned.get("attachment"):
            self.add_error("text", _("Write the article or attach it."))
        plan, campaign = cleaned.get("plan"), cleaned.get("campaign")
        if campaign is not None and plan is None:
            cleaned["plan"] = self.instance.plan = campaign.plan
        elif campaign is not None and campaign.plan_id != plan.pk:
            self.add_error("campaign", _("This campaign belongs to another plan."))
        return cleaned


class PeriodForm(forms.Form):
    """The period whose missing contest entries are listed."""

    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    period_kind = forms.ChoiceField(label=_("period"), choices=PeriodKind.choices)
    period = forms.IntegerField(label=_("month or quarter"), min_value=1, max_value=12)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("period_kind") == PeriodKind.QUARTER and (cleaned.get("period") or 0) > 4:
            self.add_error("period", _("A quarter is between 1 and 4."))
        return cleaned
