from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import mergers
from .forms import PersonForm, UnitForm, UnitMergeForm
from .models import Person, Unit
from .permissions import get_actor


def _visible_units(user):
    actor = get_actor(user)
    if actor is None or not user.has_perm("directory.view_directory"):
        raise PermissionDenied
    units = Unit.objects.filter(commune=actor.commune)
    if not actor.sees_whole_commune:
        units = units.filter(pk__in=actor.led_unit_ids)
    return actor, units


@login_required
def unit_list(request):
    _, units = _visible_units(request.user)
    units = units.select_related("leader").annotate(people_count=Count("people"))
    return render(request, "directory/unit_list.html", {"units": units})


@login_required
def unit_detail(request, pk):
    _, units = _visible_units(request.user)
    unit = get_object_or_404(units.select_related("leader", "successor"), pk=pk)
    people = unit.people.in_vietnamese_order()
    return render(request, "directory/unit_detail.html", {"unit": unit, "people": people})


@login_required
def person_list(request):
    _, units = _visible_units(request.user)
    people = Person.objects.filter(unit__in=units).select_related("unit").in_vietnamese_order()
    query = request.GET.get("q", "").strip()
    if query:
        people = people.filter(Q(full_name__icontains=query) | Q(position__icontains=query))
    unit_id = request.GET.get("unit", "")
    if unit_id.isdigit():
        people = people.filter(unit_id=int(unit_id))
    return render(request, "directory/person_list.html",
                  {"people": people, "units": units, "query": query, "unit_id": unit_id})


def _manager(user):
    actor = get_actor(user)
    if actor is None or not user.has_perm("directory.manage_directory"):
        raise PermissionDenied
    return actor


@login_required
def unit_edit(request, pk=None):
    actor = _manager(request.user)
    unit = get_object_or_404(Unit, pk=pk, commune=actor.commune) if pk else None
    form = UnitForm(request.POST or None, instance=unit, commune=actor.commune)
    if request.method == "POST" and form.is_valid():
        unit = form.save(commit=False)
        unit.commune = actor.commune
        unit.save()
        messages.success(request, _("The unit has been saved."))
        return redirect("directory:unit_detail", pk=unit.pk)
    return render(request, "directory/form.html", {"form": form, "title": _("Edit unit") if unit else _("New unit")})


@login_required
def unit_merge(request):
    """Hamlets merged into one: the office ends them and moves their people (directory.mergers.merge_units)."""
    actor = _manager(request.user)
    form = UnitMergeForm(request.POST or None, commune=actor.commune)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = mergers.merge_units(units=data["units"], into=data["into"], name=data["name"], on=data["on"],
                                       by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The units are merged into %(name)s.") % {"name": unit})
            return redirect("directory:unit_detail", pk=unit.pk)
    return render(request, "directory/unit_merge.html", {"form": form})


@login_required
def person_edit(request, pk=None):
    actor = _manager(request.user)
    person = get_object_or_404(Person, pk=pk, commune=actor.commune) if pk else None
    form = PersonForm(request.POST or None, instance=person, commune=actor.commune)
    if request.method == "POST" and form.is_valid():
        person = form.save(commit=False)
        person.commune = actor.commune
        person.save()
        messages.success(request, _("The person has been saved."))
        return redirect("directory:person_list")
    return render(request, "directory/form.html",
                  {"form": form, "title": _("Edit person") if person else _("New person")})
