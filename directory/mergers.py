"""Mergers: hamlets merged into one, and what a commune merger (provinces.mergers) needs of the directory.

Nothing of the past moves. Registrations, nominations, awards, decisions and their documents stay on the commune and
unit that made them, under the names they were issued with; the predecessor ends the day before the merger and points
to its successor, so the successor reads that history through its lineage (`lineage_filter`). What moves is what
lives on: the people (with their roles and accounts, so the predecessors' staff keep working in the successor) and
their hamlets, each continued by a unit of the successor. Award history follows people through Award.person and
units through their lineage (`unit_lineage_ids`), so multi-year prerequisites count across the merger.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit.history import audited

from .models import Commune, Person, Unit
from .permissions import get_actor

# How many mergers back a successor's pages look in one query (a chain of mergers deeper than this is unheard of).
LINEAGE_DEPTH = 4


def commune_lineage_ids(commune) -> set[int]:
    """The commune itself and all its predecessors, however far back."""
    found, frontier = {commune.pk}, {commune.pk}
    while frontier:
        frontier = set(Commune.objects.filter(successor_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


def unit_lineage_ids(unit) -> set[int]:
    """The unit itself and all the units merged into it, however far back."""
    found, frontier = {unit.pk}, {unit.pk}
    while frontier:
        frontier = set(Unit.objects.filter(successor_id__in=frontier).values_list("pk", flat=True)) - found
        found |= frontier
    return found


def lineage_filter(commune, field: str = "commune") -> Q:
    """Records of `commune` or of its predecessors, as one condition (a subquery: no query of its own, so list pages
    keep their query count)."""
    condition, path = Q(pk=commune.pk), "successor"
    for _depth in range(LINEAGE_DEPTH):
        condition |= Q(**{path: commune.pk})
        path += "__successor"
    return Q(**{f"{field}__in": Commune.objects.filter(condition).values("pk")})


def day_before(on: datetime.date) -> datetime.date:
    return on - datetime.timedelta(days=1)


def continue_unit(unit, *, commune, name: str, on) -> Unit:
    """A unit of `commune` continuing `unit` from `on`; `unit` ends the day before and points to it."""
    unit.valid_until = day_before(on)
    unit.save(update_fields=["valid_until"])
    successor = Unit.objects.create(commune=commune, kind=unit.kind, name=name, short_name=unit.short_name,
                                    leader=unit.leader, position=unit.position, valid_from=on)
    unit.successor = successor
    unit.save(update_fields=["successor"])
    return successor


def move_people(people, *, commune, units: dict) -> None:
    """Each person to `commune`, in the unit continuing theirs (`units`: old unit id → new unit), saved one by one so
    each move leaves its history row."""
    for person in people:
        person.commune = commune
        person.unit = units.get(person.unit_id)
        person.save(update_fields=["commune", "unit"])


@transaction.atomic
@audited("merge_units")
def merge_units(*, units, on: datetime.date, into=None, name: str = "", by) -> Unit:
    """Merge hamlets (or other units) of one commune into `into` (another current unit of it) or into a new unit
    `name` from `on`. The merged units end the day before and point to it; their people move to it; registrations and
    awards stay on the units as they were."""
    units = list(units)
    if len(units) + (into is not None) < 2:
        raise ValidationError(_("Choose at least two units to merge."))
    communes = {unit.commune_id for unit in units} | ({into.commune_id} if into else set())
    if len(communes) != 1:
        raise ValidationError(_("Only units of one commune can be merged."))
    actor = get_actor(by)
    if actor is None or not actor.is_office_staff or actor.commune.pk not in communes:
        raise PermissionDenied
    if any(unit.valid_until is not None for unit in units) or (into is not None and into.valid_until is not None):
        raise ValidationError(_("Only current units can be merged."))
    if into is not None and into.pk in {unit.pk for unit in units}:
        raise ValidationError(_("A unit cannot be merged into itself."))
    if any(unit.valid_from is not None and unit.valid_from >= on for unit in units):
        raise ValidationError(_("The merger must come after the units began."))
    for unit in units:  # ended first, so the new unit may take one of their names
        unit.valid_until = day_before(on)
        unit.save(update_fields=["valid_until"])
    if into is None:
        name = " ".join((name or "").split())
        if not name:
            raise ValidationError({"name": _("Enter the name of the merged unit.")})
        first = units[0]
        if Unit.objects.filter(commune_id=first.commune_id, name=name, valid_until__isnull=True).exists():
            raise ValidationError({"name": _("The commune already has a current unit named %(name)s.") % {
                "name": name}})
        into = Unit.objects.create(commune_id=first.commune_id, kind=first.kind, name=name,
                                   leader=next((unit.leader for unit in units if unit.leader_id), None),
                                   position=min(unit.position for unit in units), valid_from=on)
    for unit in units:
        unit.successor = into
        unit.save(update_fields=["successor"])
    moved = {unit.pk: into for unit in units}
    for person in Person.objects.filter(unit__in=units).order_by("pk"):
        person.unit = moved[person.unit_id]
        person.save(update_fields=["unit"])
    return into
