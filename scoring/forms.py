"""Forms of the score sheet (one criterion per row, phone-sized) and of the criteria tree and assignments.

The sheet forms are built from the cluster's criteria: one number field per scored criterion with the min/max/step
its kind allows, plus the step's text fields. Errors stand next to their field in Vietnamese; a form with any error
saves nothing and shows again with everything that was typed.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from registrations.uploads import CheckedFileField, megabytes
from xuanson_tdkt.locking import VersionedForm

from .arithmetic import input_limits, value_error
from .enums import CriterionKind
from .models import Criterion

STAGES = ("self", "cross", "explain", "review")


def value_label(criterion) -> str:
    """What the number field asks for, by kind."""
    if criterion.kind == CriterionKind.QUANTITATIVE:
        unit = f" ({criterion.unit})" if criterion.unit else ""
        return str(_("achieved")) + unit
    if criterion.kind == CriterionKind.PER_OCCURRENCE:
        return str(_("number of occurrences"))
    if criterion.kind == CriterionKind.DEDUCTION:
        return str(_("points deducted"))
    return str(_("points"))


class SheetForm(VersionedForm, forms.Form):
    """The rows of one step of a sheet: `self`, `cross`, `explain` or `review`."""

    lock_also = ("status",)

    def __init__(self, *args, stage: str, criteria, entries: dict, **kwargs):
        super().__init__(*args, **kwargs)
        assert stage in STAGES
        self.stage = stage
        self.criteria = criteria
        self.entries = entries
        for criterion in criteria:
            if criterion.is_group:
                continue
            entry = entries.get(criterion.pk)
            key = criterion.pk
            if stage in ("self", "cross", "review"):
                initial = None
                if entry is not None:
                    initial = {"self": entry.self_value, "cross": entry.cross_value,
                               "review": entry.final_value if entry.final_value is not None else entry.cross_value
                               }[stage]
                if initial is not None:
                    # 7.00 shows as 7 and 7.50 as 7.5 (70.00 as 70, not 7E+1).
                    initial = format(initial.normalize(), "f")
                attrs = {**input_limits(criterion), "class": "form-control score-input"}
                self.fields[f"value_{key}"] = forms.DecimalField(
                    label=value_label(criterion), required=False, max_digits=12, decimal_places=2, initial=initial,
                    widget=forms.NumberInput(attrs=attrs))
            if stage == "self":
                self.fields[f"evidence_{key}"] = forms.CharField(
                    label=_("evidence"), required=False, initial=entry.evidence if entry else "",
                    widget=forms.Textarea(attrs={"rows": 2}))
                self.fields[f"file_{key}"] = CheckedFileField(
                    label=_("evidence file"),
                    help_text=_("PDF, DOCX, XLSX, JPG or PNG, at most %(limit)s MB.") % {
                        "limit": megabytes(settings.UPLOAD_MAX_BYTES)})
            elif stage == "cross":
                self.fields[f"note_{key}"] = forms.CharField(
                    label=_("scorer's note"), required=False, initial=entry.cross_note if entry else "",
                    widget=forms.Textarea(attrs={"rows": 2}))
            elif stage == "explain" and entry is not None and entry.differs:
                self.fields[f"explanation_{key}"] = forms.CharField(
                    label=_("explanation"), required=False, initial=entry.explanation,
                    widget=forms.Textarea(attrs={"rows": 3}))
            elif stage == "review":
                self.fields[f"note_{key}"] = forms.CharField(
                    label=_("review note"), required=False, initial=entry.review_note if entry else "",
                    widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        cleaned = super().clean()
        for criterion in self.criteria:
            name = f"value_{criterion.pk}"
            if name in self.fields and name in cleaned:
                message = value_error(criterion, cleaned[name])
                if message:
                    self.add_error(name, message)
        return cleaned

    def lock_snapshot(self):
        # Row fields share labels ("achieved"): name the criterion in the conflict message.
        codes = {str(criterion.pk): criterion.code for criterion in self.criteria}
        shown = super().lock_snapshot()
        for key, (label, value) in shown.items():
            code = codes.get(key.rsplit("_", 1)[-1]) if not key.startswith("@") else None
            if code:
                shown[key] = (f"{code} {label}", value)
        return shown

    def rows(self):
        """(criterion, entry, bound fields by role) for each row of the tree, groups included."""
        rows = []
        for criterion in self.criteria:
            fields = {}
            for role in ("value", "evidence", "file", "note", "explanation"):
                name = f"{role}_{criterion.pk}"
                if name in self.fields:
                    fields[role] = self[name]
            rows.append({"criterion": criterion, "entry": self.entries.get(criterion.pk), "fields": fields})
        return rows

    def collected(self, role: str) -> dict:
        """{criterion id: cleaned value} of the fields of one role."""
        prefix = f"{role}_"
        result = {}
        for name, value in self.cleaned_data.items():
            if name.startswith(prefix):
                if role == "file" and value is None:
                    continue
                result[int(name[len(prefix):])] = value
        return result


class CriterionForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["parent", "code", "name", "kind", "max_points", "target", "unit", "points_per_occurrence",
                  "position"]
        widgets = {"name": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "code": {"required": _("Enter the criterion's code (e.g. I.1).")},
            "name": {"required": _("Enter the criterion.")},
            "max_points": {"required": _("Enter the maximum points.")},
        }

    def __init__(self, *args, cluster, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cluster = cluster
        groups = cluster.criteria.filter(kind=CriterionKind.GROUP)
        if self.instance.pk:
            groups = groups.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = groups
        self.fields["parent"].label_from_instance = lambda c: f"{c.code} {c.name}"
        for name in ("max_points", "target", "points_per_occurrence"):
            self.fields[name].widget.attrs.update(min="0", step="0.01", inputmode="decimal")
            self.fields[name].min_value = 0

    def validate_unique(self):
        # cluster is not a form field: check the code per cluster here so the error stands next to it.
        super().validate_unique()
        code = self.cleaned_data.get("code")
        clash = Criterion.objects.filter(cluster=self.instance.cluster, code=code).exclude(pk=self.instance.pk)
        if code and clash.exists():
            self.add_error("code", _("Another criterion of this cluster has this code."))


class CopyCriteriaForm(forms.Form):
    source = forms.ModelChoiceField(label=_("copy from"), queryset=None, empty_label=None)

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources


class AssignmentForm(VersionedForm, forms.Form):
    """One select per member commune: who cross-scores it (fixed, so disabled, once its sheet has cross-scores)."""

    def __init__(self, *args, cluster, members, current: dict, frozen: frozenset | set = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        by_pk = {str(m.pk): m for m in members}
        for commune in members:
            # Choices from the members already loaded: a ModelChoiceField per commune would query once per select.
            field = forms.TypedChoiceField(
                label=str(commune), required=False, coerce=by_pk.__getitem__, empty_value=None,
                choices=[("", "—"), *((m.pk, str(m)) for m in members if m.pk != commune.pk)],
                initial=current.get(commune.pk))
            if commune.pk in frozen:
                field.disabled = True
                field.help_text = _("Already cross-scored: the scoring commune can no longer be changed.")
            self.fields[f"scored_{commune.pk}"] = field

    def clean(self):
        cleaned = super().clean()
        for commune in self.members:
            scorer = cleaned.get(f"scored_{commune.pk}")
            if scorer is not None and scorer.pk == commune.pk:
                self.add_error(f"scored_{commune.pk}", _("A commune does not cross-score itself."))
        return cleaned

    def scorers(self) -> dict:
        return {commune.pk: (self.cleaned_data[f"scored_{commune.pk}"].pk
                             if self.cleaned_data.get(f"scored_{commune.pk}") else None)
                for commune in self.members}
