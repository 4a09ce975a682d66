from django import forms
from django.utils.translation import gettext_lazy as _

from xuanson_tdkt.fields import VietDateField
from xuanson_tdkt.locking import VersionedForm

from .models import Person, Unit


class UnitForm(VersionedForm, forms.ModelForm):
    valid_from = VietDateField(label=_("valid from"), required=False)
    valid_until = VietDateField(label=_("valid until"), required=False)

    class Meta:
        model = Unit
        fields = ["name", "short_name", "kind", "leader", "position", "valid_from", "valid_until", "successor"]

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = commune
        self.fields["leader"].queryset = Person.objects.filter(commune=commune).in_vietnamese_order()
        successors = Unit.objects.filter(commune=commune)
        if self.instance.pk:
            successors = successors.exclude(pk=self.instance.pk)
        self.fields["successor"].queryset = successors
        self.fields["successor"].help_text = _("When the unit merges into another, give the end date and the unit "
                                               "it merged into; its history stays attached to it.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The end date is before the start date."))
        if cleaned.get("successor") and not end:
            self.add_error("valid_until", _("Give the date the unit ended when it has a successor."))
        name = cleaned.get("name")
        if name and Unit.objects.filter(commune=self.commune, name=name, valid_until__isnull=True).exclude(
            pk=self.instance.pk
        ).exists() and not end:
            self.add_error("name", _("A current unit already has this name."))
        return cleaned


class PersonForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "gender", "birth_year", "kind", "unit", "position", "phone", "email"]

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(commune=commune).active_on()
        self.fields["birth_year"].min_value = 1900
        self.fields["birth_year"].max_value = 2100

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name.split()) < 2:
            raise forms.ValidationError(_("Enter the full name, family name first (e.g. Nguyễn Văn An)."))
        return name


class UnitMergeForm(forms.Form):
    """Hamlets (or other units) of the commune merged into a new unit or into another current one, from a date."""

    units = forms.ModelMultipleChoiceField(label=_("units merged"), queryset=Unit.objects.none(),
                                           widget=forms.CheckboxSelectMultiple)
    into = forms.ModelChoiceField(label=_("into an existing unit"), queryset=Unit.objects.none(), required=False,
                                  help_text=_("Leave empty to merge into a new unit."))
    name = forms.CharField(label=_("name of the new unit"), max_length=200, required=False)
    on = VietDateField(label=_("merged on"), help_text=_("The first day of the merged unit."))

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        current = Unit.objects.filter(commune=commune, valid_until__isnull=True)
        self.fields["units"].queryset = current
        self.fields["into"].queryset = current

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("into") and not " ".join((cleaned.get("name") or "").split()):
            self.add_error("name", _("Enter the new unit's name, or choose an existing unit."))
        return cleaned
