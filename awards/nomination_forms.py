"""Forms of the nomination pages: a direct nomination (Giấy khen for a sudden or thematic achievement), a dossier
component's upload, and the complaint flag."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Person, Unit
from registrations.eligibility import rule_set_for
from registrations.models import Initiative
from registrations.uploads import ACCEPT_ATTRIBUTE
from xuanson_tdkt.locking import VersionedForm

from .models import Title


class DirectNominationForm(forms.Form):
    title = forms.ModelChoiceField(label=_("Title or award form"), queryset=Title.objects.none())
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none(), required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    household = forms.CharField(label=_("Household (head of household, address)"), max_length=300, required=False)
    achievement = forms.CharField(label=_("Achievement"), widget=forms.Textarea(attrs={"rows": 4}))
    initiative = forms.ModelChoiceField(label=_("Initiative"), queryset=Initiative.objects.none(), required=False)

    def __init__(self, *args, commune, year, **kwargs):
        super().__init__(*args, **kwargs)
        rule_set = rule_set_for(commune=commune, year=year)
        titles = Title.objects.filter(rule_set=rule_set) if rule_set else Title.objects.none()
        self.fields["title"].queryset = titles
        self.fields["person"].queryset = Person.objects.filter(commune=commune).select_related("unit")
        self.fields["person"].label_from_instance = lambda p: f"{p.full_name} – {p.unit.name}" if p.unit_id else \
            p.full_name
        self.fields["unit"].queryset = Unit.objects.filter(commune=commune)
        self.fields["initiative"].queryset = Initiative.objects.filter(commune=commune, year=year)


class DossierItemForm(forms.Form):
    file = forms.FileField(label=_("File"), required=False,
                           widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    provided = forms.BooleanField(label=_("Provided"), required=False)


class ComplaintForm(VersionedForm, forms.Form):
    lock_also = ("status",)

    complaint_open = forms.BooleanField(label=_("A complaint or discipline is being handled"), required=False)
