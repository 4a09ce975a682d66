"""A person's and a unit's record across the years: every award (whoever decided it: the commune, the town before
1 July 2025, the province), every nomination and registration. Awards follow the person (Award.person), so a person
moved by a merger keeps them; a unit's record includes its predecessors' (hamlets merged into it)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path

from directory.mergers import commune_lineage_ids, unit_lineage_ids
from directory.models import Person, Unit
from directory.permissions import get_actor
from registrations.models import Registration

from .models import Award, Nomination, Title


def _reader(user):
    """Office staff, the chairman and council members read the whole commune's record; unit leaders their units'."""
    actor = get_actor(user)
    if actor is None:
        raise PermissionDenied
    if not (actor.sees_whole_commune or actor.is_chairman or actor.led_unit_ids):
        raise PermissionDenied
    return actor


def _decider(award: Award) -> str:
    decision = award.decision
    if decision.document_id:
        return f"{decision.document.code} – {decision.get_decider_display()}"
    return " – ".join(part for part in (decision.external_code, decision.external_issuer) if part)


def _chains(awards: list[Award]) -> list[dict]:
    """For each title that needs another several years in a row (CSTĐ cấp tỉnh: CSTĐCS three years), the years
    held of the required title, so the office sees at a glance what the next year's check will count."""
    held: dict[str, set[int]] = {}
    for award in awards:
        if award.status == "active":
            held.setdefault(award.title.code, set()).add(award.year)
    rules = (Title.objects.filter(consecutive_of__isnull=False, consecutive_years__gt=0)
             .select_related("consecutive_of").order_by("-rule_set__effective_from", "position"))
    chains, seen = [], set()
    for title in rules:
        if title.code in seen:
            continue
        seen.add(title.code)
        years = sorted(held.get(title.consecutive_of.code, ()))
        if years:
            chains.append({"title": title, "required": title.consecutive_of, "years": years,
                           "granted": sorted(held.get(title.code, ()))})
    return chains


@login_required
def person_history(request, pk):
    actor = _reader(request.user)
    people = Person.objects.filter(commune=actor.commune)
    if not (actor.sees_whole_commune or actor.is_chairman):
        people = people.filter(unit_id__in=actor.led_unit_ids)
    person = get_object_or_404(people.select_related("unit", "commune"), pk=pk)
    awards = list(Award.objects.filter(person=person)
                  .select_related("title", "commune", "decision__document__series")
                  .order_by("-year", "title__position", "pk"))
    nominations = list(Nomination.objects.filter(person=person).select_related("title", "commune")
                       .order_by("-year", "title__position", "pk"))
    registrations = list(Registration.objects.filter(person=person).select_related("title", "campaign")
                         .order_by("-year", "pk"))
    for award in awards:
        award.decided_by = _decider(award)
    return render(request, "awards/person_history.html", {
        "person": person, "awards": awards, "nominations": nominations, "registrations": registrations,
        "chains": _chains(awards),
    })


@login_required
def unit_history(request, pk):
    actor = _reader(request.user)
    # The whole commune's readers also open the units of the communes merged into it (their records stay there).
    units = Unit.objects.filter(commune_id__in=commune_lineage_ids(actor.commune))
    if not (actor.sees_whole_commune or actor.is_chairman):
        units = units.filter(pk__in=actor.led_unit_ids)
    unit = get_object_or_404(units, pk=pk)
    lineage = unit_lineage_ids(unit)
    awards = list(Award.objects.filter(unit_id__in=lineage, person__isnull=True)
                  .select_related("title", "unit", "commune", "decision__document__series")
                  .order_by("-year", "title__position", "pk"))
    nominations = list(Nomination.objects.filter(unit_id__in=lineage, person__isnull=True)
                       .select_related("title", "unit").order_by("-year", "title__position", "pk"))
    for award in awards:
        award.decided_by = _decider(award)
    return render(request, "awards/unit_history.html", {
        "unit": unit, "awards": awards, "nominations": nominations, "merged": len(lineage) > 1,
    })


urlpatterns = [
    path("people/<int:pk>/history/", person_history, name="person_history"),
    path("units/<int:pk>/history/", unit_history, name="unit_history"),
]
