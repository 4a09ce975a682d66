"""The operator's form of an emulation cluster (name, year, members, head, deputy, criteria to copy)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.collation import text_sort_key
from directory.models import Commune
from scoring.models import Cluster
from scoring.services import province_criteria_sources
from xuanson_tdkt.locking import VersionedForm

from .clusters import current_communes


class ClusterForm(VersionedForm, forms.ModelForm):
    members = forms.ModelMultipleChoiceField(label=_("member communes"), queryset=Commune.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)
    criteria_from = forms.ModelChoiceField(
        label=_("copy the criteria from"), queryset=Cluster.objects.none(), required=False,
        empty_label=_("— none: the head commune enters them —"),
        help_text=_("The criteria tree of an earlier cluster of the province, copied into this one."))

    class Meta:
        model = Cluster
        fields = ["name", "year", "members", "head", "deputy"]
        help_texts = {"head": _("Its office runs the cluster's scoring and reviews the sheets."),
                      "deputy": _("Reviews the head commune's own sheet.")}

    def __init__(self, *args, province, **kwargs):
        super().__init__(*args, **kwargs)
        self.province = province
        self.instance.province = province
        current = current_communes(province)
        if self.instance.pk:
            choices = Commune.objects.filter(pk__in=current.values("pk")) | Commune.objects.filter(
                pk__in=self.instance.members.values("pk"))
        else:
            choices = current
            self.fields["year"].initial = timezone.localdate().year
        self.communes = sorted(choices.distinct(), key=lambda c: (text_sort_key(c.name), c.pk))
        queryset = Commune.objects.filter(pk__in=[c.pk for c in self.communes])
        for name in ("members", "head", "deputy"):
            self.fields[name].queryset = queryset
        self.fields["members"].choices = [(c.pk, str(c)) for c in self.communes]
        self.fields["head"].choices = [("", "---------")] + [(c.pk, str(c)) for c in self.communes]
        self.fields["deputy"].choices = [("", "---------")] + [(c.pk, str(c)) for c in self.communes]
        if self.instance.pk and self.instance.criteria.exists():
            del self.fields["criteria_from"]
        else:
            self.fields["criteria_from"].queryset = province_criteria_sources(province, exclude=self.instance)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def validate_unique(self):
        pass  # the service says it with the province's own names (provinces.clusters._check)

    def changes(self) -> dict:
        return {field: self.cleaned_data[field] for field in ("name", "year", "head", "deputy")}
