from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from accounts.services import check_username
from directory.enums import CommuneKind, Gender
from directory.models import Commune, Province
from documents.models import Series
from xuanson_tdkt.fields import VietDateField
from xuanson_tdkt.locking import VersionedForm

from .models import DossierCall
from .services import DEFAULT_CLERK_POSITION, check_commune_unique, propose_slug


class CommuneForm(forms.ModelForm):
    parent_authority_until = VietDateField(label=_("former upper level until"), required=False,
                                           help_text=_("The last day it was the upper level (for example 30/06/2025)."))

    class Meta:
        model = Commune
        fields = ["name", "kind_label", "slug", "document_place", "parent_authority", "parent_authority_until"]
        help_texts = {
            "slug": _("Letters, digits and dashes; proposed from the name when left empty."),
            "parent_authority": _("The district-level body it reported to before, as a sentence names it "
                                  "(for example huyện Ba Vì); empty when none."),
        }

    def __init__(self, *args, province, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = province
        self.fields["slug"].required = False
        self.fields["slug"].widget.attrs["data-slug-from"] = "id_name"

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("name")
        if name:
            if not cleaned.get("slug"):
                cleaned["slug"] = self.instance.slug if self.instance.pk else propose_slug(name)
            try:
                check_commune_unique(province=self.province, name=name, slug=cleaned["slug"],
                                     exclude_pk=self.instance.pk)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    self.add_error(field, messages)
        return cleaned

    def _post_clean(self):
        # The service saves the commune (with its province); only the fields are checked here.
        self.instance.province = self.province
        super()._post_clean()

    def validate_unique(self):
        pass  # check_commune_unique says it in Vietnamese, with the province's own names


class SeriesForm(forms.ModelForm):
    class Meta:
        model = Series
        fields = ["code", "name", "parent_body", "issuing_body", "signing_capacity"]
        widgets = {"issuing_body": forms.Textarea(attrs={"rows": 2})}


class BaseSeriesFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.documents.exists():
                raise ValidationError(_("The series %(code)s has documents in the register: it cannot be removed.")
                                      % {"code": form.instance.code})
        codes = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            code = (form.cleaned_data.get("code") or "").strip().upper()
            if code and code in codes:
                raise ValidationError(_("Two series have the code %(code)s.") % {"code": code})
            codes.add(code)


SeriesFormSet = inlineformset_factory(Commune, Series, form=SeriesForm, formset=BaseSeriesFormSet, extra=1,
                                      can_delete=True)


class ProvinceForm(forms.ModelForm):
    class Meta:
        model = Province
        fields = ["name", "kind_label", "printed_name", "authority_name", "office_name", "chairman_name"]


class InviteClerkForm(forms.Form):
    full_name = forms.CharField(label=_("full name"), max_length=120)
    gender = forms.ChoiceField(label=_("gender"), choices=Gender.choices)
    email = forms.EmailField(label=_("e-mail"))
    position = forms.CharField(label=_("position"), max_length=200, initial=DEFAULT_CLERK_POSITION)
    username = forms.CharField(label=_("user name"), max_length=150, required=False,
                               help_text=_("Proposed from the full name when left empty."))

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name.split()) < 2:
            raise ValidationError(_("Enter the full name, family name first (e.g. Nguyễn Văn An)."))
        return name

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        return check_username(username) if username else ""


class InviteOperatorForm(forms.Form):
    full_name = forms.CharField(label=_("full name"), max_length=120)
    email = forms.EmailField(label=_("e-mail"))
    position = forms.CharField(label=_("position"), max_length=200, required=False)
    username = forms.CharField(label=_("user name"), max_length=150, required=False,
                               help_text=_("Proposed from the full name when left empty."))

    clean_full_name = InviteClerkForm.clean_full_name
    clean_username = InviteClerkForm.clean_username


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))


class YearForm(forms.Form):
    """The year of the province's view (GET)."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100,
                              error_messages={"invalid": _("Enter a year such as 2022.")})


class DossierCallForm(VersionedForm, forms.ModelForm):
    """The year's deadline for the communes' dossiers and a note to them (saved by calls.set_dossier_call)."""

    due_on = VietDateField(label=_("dossiers due by"))

    class Meta:
        model = DossierCall
        fields = ["due_on", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"note": _("Shown to the communes' office staff and put in the reminders.")}


class CommuneMergeForm(forms.Form):
    """Communes merged into a new commune (its name and kind) or into an existing one, from a date."""

    predecessors = forms.ModelMultipleChoiceField(label=_("communes merged"), queryset=Commune.objects.none(),
                                                  widget=forms.CheckboxSelectMultiple)
    into = forms.ModelChoiceField(label=_("into an existing commune"), queryset=Commune.objects.none(),
                                  required=False, help_text=_("Leave empty to merge into a new commune."))
    name = forms.CharField(label=_("name of the new commune"), max_length=120, required=False)
    kind_label = forms.ChoiceField(label=_("kind"), choices=CommuneKind.choices, required=False)
    on = VietDateField(label=_("merged on"), help_text=_("The first day of the merged commune (for example "
                                                        "01/07/2025)."))

    def __init__(self, *args, province, **kwargs):
        super().__init__(*args, **kwargs)
        current = Commune.objects.filter(province=province, valid_until__isnull=True).order_by("name", "pk")
        self.fields["predecessors"].queryset = current
        self.fields["into"].queryset = current

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("into") and not " ".join((cleaned.get("name") or "").split()):
            self.add_error("name", _("Enter the new commune's name, or choose an existing commune."))
        if cleaned.get("into") and cleaned.get("into") in (cleaned.get("predecessors") or []):
            self.add_error("into", _("A commune cannot be merged into itself."))
        return cleaned
