"""The catalogue of titles and award forms: the rules belong to the law and to the province, not to a commune.

National rule sets are read-only in the portal (they change with the law, through the shipped catalogue); a province's
rule set is made by its operator by copying one (titles, prerequisites and quotas), then edited by that province's
operators only. A commune's members read the national sets and their own province's, and change none of them.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

from directory.permissions import get_actor, get_operator
from xuanson_tdkt.fields import VietDateField
from xuanson_tdkt.locking import VersionedForm

from .models import RuleSet, Title


def _reader_province(user):
    """The province whose rules the user reads (besides the national ones); PermissionDenied for anyone else."""
    actor = get_actor(user)
    if actor is not None:
        return actor.commune.province
    operator = get_operator(user)
    if operator is not None:
        return operator.province
    raise PermissionDenied


def _visible_rule_sets(user):
    """The national rule sets and those of the user's province; another province's do not exist for them."""
    if user.is_superuser:
        return RuleSet.objects.select_related("province")
    return RuleSet.objects.for_province(_reader_province(user)).select_related("province")


def can_edit_rule_set(user, rule_set: RuleSet) -> bool:
    """Only a province's operators edit its rule set; the national ones are the law's (read-only here)."""
    operator = get_operator(user)
    return bool(operator and rule_set.province_id and rule_set.province_id == operator.province_id)


def can_copy_rule_sets(user) -> bool:
    """A new rule set is always a province's: only an operator makes one."""
    return get_operator(user) is not None


class TitleForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Title
        fields = [
            "name", "decided_by", "prerequisites", "requires_initiative", "excellence_may_replace_initiative",
            "quota_percent", "quota_of",
            "reward_multiple", "ballot_required", "ballot_threshold_percent",
        ]
        widgets = {"prerequisites": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        siblings = Title.objects.filter(rule_set=self.instance.rule_set_id).exclude(pk=self.instance.pk)
        self.fields["prerequisites"].queryset = siblings
        self.fields["quota_of"].queryset = siblings

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("quota_percent") is not None and not cleaned.get("quota_of"):
            self.add_error("quota_of", gettext_lazy("Say which title the quota is counted against."))
        if cleaned.get("ballot_required") and cleaned.get("ballot_threshold_percent") is None:
            self.add_error("ballot_threshold_percent", gettext_lazy("Enter the pass mark of the ballot."))
        if cleaned.get("excellence_may_replace_initiative") and not cleaned.get("requires_initiative"):
            self.add_error("excellence_may_replace_initiative", gettext_lazy(
                "Only a title that requires an initiative can accept excellent completion of duties instead."))
        return cleaned


class CopyRuleSetForm(forms.ModelForm):
    effective_from = VietDateField(label=gettext_lazy("in force from"))

    class Meta:
        model = RuleSet
        fields = ["name", "effective_from", "legal_basis"]
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 3})}


@transaction.atomic
def copy_rule_set(*, source: RuleSet, new: RuleSet) -> RuleSet:
    """Save `new` with a copy of every title of `source`, their prerequisites and quota bases mapped to the copies."""
    new.save()
    copies = {}
    for title in source.titles.all():
        old_pk = title.pk
        title.pk = None
        title.rule_set = new
        title.quota_of = None
        title.save()
        copies[old_pk] = title
    for old in source.titles.prefetch_related("prerequisites"):
        copy = copies[old.pk]
        if old.quota_of_id:
            copy.quota_of = copies.get(old.quota_of_id)
            copy.save(update_fields=["quota_of"])
        copy.prerequisites.set(copies[p.pk] for p in old.prerequisites.all())
    return new


@login_required
def rule_set_list(request):
    rule_sets = _visible_rule_sets(request.user)
    actor = get_actor(request.user)
    in_force = RuleSet.objects.in_force_on(timezone.localdate(), province=actor.commune.province) if actor else None
    return render(request, "awards/rule_set_list.html", {
        "rule_sets": rule_sets, "in_force": in_force, "operator": get_operator(request.user),
    })


@login_required
def rule_set_detail(request, pk):
    rule_set = get_object_or_404(_visible_rule_sets(request.user), pk=pk)
    titles = rule_set.titles.select_related("quota_of").prefetch_related("prerequisites")
    return render(request, "awards/rule_set_detail.html", {
        "rule_set": rule_set, "titles": titles, "can_copy": can_copy_rule_sets(request.user),
        "can_edit": can_edit_rule_set(request.user, rule_set),
    })


@login_required
def rule_set_copy(request, pk):
    source = get_object_or_404(_visible_rule_sets(request.user), pk=pk)
    operator = get_operator(request.user)
    if operator is None:
        raise PermissionDenied
    initial = {"name": _("Copy of %(name)s") % {"name": source.name}, "legal_basis": source.legal_basis}
    form = CopyRuleSetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        new = form.save(commit=False)
        new.province = operator.province  # the copy is the operator's province's rules, whatever was posted
        rule_set = copy_rule_set(source=source, new=new)
        messages.success(request, _("The new rule set has been created from %(name)s.") % {"name": source.name})
        return redirect("awards:rule_set_detail", pk=rule_set.pk)
    return render(request, "awards/form.html", {
        "form": form, "rule_set": source, "title": _("New rule set from %(name)s") % {"name": source.name},
    })


@login_required
def title_edit(request, pk):
    title = get_object_or_404(Title.objects.select_related("rule_set"), pk=pk,
                              rule_set__in=_visible_rule_sets(request.user))
    if not can_edit_rule_set(request.user, title.rule_set):
        raise PermissionDenied
    form = TitleForm(request.POST or None, instance=title)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The title has been saved."))
        return redirect("awards:rule_set_detail", pk=title.rule_set_id)
    return render(request, "awards/form.html", {
        "form": form, "rule_set": title.rule_set, "title": _("Edit %(title)s") % {"title": title.name},
    })


urlpatterns = [
    path("", rule_set_list, name="rule_set_list"),
    path("<int:pk>/", rule_set_detail, name="rule_set_detail"),
    path("<int:pk>/copy/", rule_set_copy, name="rule_set_copy"),
    path("titles/<int:pk>/edit/", title_edit, name="title_edit"),
]
