"""Mergers: communes merged into a new or an existing one (as on 1 July 2025), hamlets merged into one.

Nothing of the past moves. Registrations, nominations, awards, decisions and their documents stay on the commune and
unit that made them, under the names they were issued with; the predecessor ends the day before the merger and points
to its successor, so the successor reads that history through its lineage (`lineage_filter`). What moves is what
lives on: the people (with their roles and accounts, so the predecessors' staff keep working in the successor) and
their hamlets, each continued by a unit of the successor. Award history follows people through Award.person and
units through their lineage (`unit_lineage_ids`), so multi-year prerequisites count across the merger.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit.history import audited

from .enums import CommuneKind
from .models import Commune, Person, Unit

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


def _day_before(on: datetime.date) -> datetime.date:
    return on - datetime.timedelta(days=1)


def _continue_unit(unit, *, commune, name: str, on) -> Unit:
    """A unit of `commune` continuing `unit` from `on`; `unit` ends the day before and points to it."""
    unit.valid_until = _day_before(on)
    unit.save(update_fields=["valid_until"])
    successor = Unit.objects.create(commune=commune, kind=unit.kind, name=name, short_name=unit.short_name,
                                    leader=unit.leader, position=unit.position, valid_from=on)
    unit.successor = successor
    unit.save(update_fields=["successor"])
    return successor


def _move_people(people, *, commune, units: dict) -> None:
    """Each person to `commune`, in the unit continuing theirs (`units`: old unit id → new unit), saved one by one so
    each move leaves its history row."""
    for person in people:
        person.commune = commune
        person.unit = units.get(person.unit_id)
        person.save(update_fields=["commune", "unit"])


@transaction.atomic
@audited("merge_communes")
def merge_communes(*, predecessors, on: datetime.date, into=None, name: str = "", kind_label: str = "",
                   slug: str = "", document_place: str = "", by) -> Commune:
    """Merge `predecessors` into `into` (an existing commune of the same province) or into a new commune `name`
    (created with its document series) from `on`.

    Each predecessor ends on the day before `on` and points to the successor; its people (with roles and accounts)
    move to the successor, each of its current units is continued by a unit of the successor (the old one ends), and
    its records stay where they are. Two units of the same name (two "Thôn 1") are not refused: the continuing unit
    takes the old commune's name as a suffix ("Thôn 1 (Xuân Sơn)"), since a merger is a legal fact with its own date
    and the hamlets themselves are merged or renamed by the commune afterwards.
    """
    from provinces.services import create_commune

    predecessors = list(predecessors)
    if not predecessors:
        raise ValidationError(_("Choose the communes to merge."))
    province_ids = {commune.province_id for commune in predecessors}
    if into is not None:
        province_ids.add(into.province_id)
        if into.pk in {commune.pk for commune in predecessors}:
            raise ValidationError(_("A commune cannot be merged into itself."))
        if into.valid_until is not None:
            raise ValidationError(_("%(name)s has already been merged into another commune.") % {"name": into})
    if len(province_ids) != 1:
        raise ValidationError(_("Only communes of one province can be merged."))
    ended = [str(commune) for commune in predecessors if commune.valid_until is not None]
    if ended:
        raise ValidationError(_("Already merged: %(names)s.") % {"names": ", ".join(ended)})
    late = [str(commune) for commune in [*predecessors, *([into] if into else [])]
            if commune.valid_from is not None and commune.valid_from >= on]
    if late:
        raise ValidationError(_("The merger must come after the communes began: %(names)s.") % {
            "names": ", ".join(late)})

    if into is None:
        into = create_commune(province=predecessors[0].province, name=name, slug=slug,
                              kind_label=kind_label or CommuneKind.COMMUNE,
                              document_place=document_place, by=by)
        into.valid_from = on
        into.save(update_fields=["valid_from"])

    taken = set(Unit.objects.filter(commune=into, valid_until__isnull=True).values_list("name", flat=True))
    current = list(Unit.objects.filter(commune__in=predecessors, valid_until__isnull=True)
                   .select_related("commune").order_by("commune__name", "position", "pk"))
    names = [unit.name for unit in current]
    units = {}
    for unit in current:
        name_in_successor = unit.name
        if unit.name in taken or names.count(unit.name) > 1:
            name_in_successor = f"{unit.name} ({unit.commune.name})"
        taken.add(name_in_successor)
        units[unit.pk] = _continue_unit(unit, commune=into, name=name_in_successor, on=on)
    _move_people(Person.objects.filter(commune__in=predecessors).order_by("pk"), commune=into, units=units)

    for commune in predecessors:
        commune.valid_until = _day_before(on)
        commune.successor = into
        commune.save(update_fields=["valid_until", "successor"])
    return into


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
    if any(unit.valid_until is not None for unit in units) or (into is not None and into.valid_until is not None):
        raise ValidationError(_("Only current units can be merged."))
    if into is not None and into.pk in {unit.pk for unit in units}:
        raise ValidationError(_("A unit cannot be merged into itself."))
    if any(unit.valid_from is not None and unit.valid_from >= on for unit in units):
        raise ValidationError(_("The merger must come after the units began."))
    for unit in units:  # ended first, so the new unit may take one of their names
        unit.valid_until = _day_before(on)
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
