"""Communes merged into a new or an existing one (as on 1 July 2025), by the province's operator.

The directory's part (hamlets continued, people moved, lineage) lives in directory.mergers; this module adds what only
the province does: creating the successor commune with its document series (provinces.services.create_commune).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.history import audited
from directory.enums import CommuneKind
from directory.mergers import continue_unit, day_before, move_people
from directory.models import Commune, Person, Unit
from directory.permissions import operates_province

from .enums import DossierStatus
from .models import Dossier
from .services import create_commune


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
    predecessors = list(predecessors)
    if not predecessors:
        raise ValidationError(_("Choose the communes to merge."))
    # The operator merges their own province's communes only (the successor included).
    if not all(operates_province(by, commune.province) for commune in [*predecessors, *([into] if into else [])]):
        raise PermissionDenied
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
    # A successor formed on the very day (as on 1 July 2025) may take predecessors; a predecessor must be older.
    late = [str(commune) for commune in predecessors if commune.valid_from is not None and commune.valid_from >= on]
    late += [str(into)] if into is not None and into.valid_from is not None and into.valid_from > on else []
    if late:
        raise ValidationError(_("The merger must come after the communes began: %(names)s.") % {
            "names": ", ".join(late)})
    # Locked and read again, so two operators merging the same commune at once cannot both pass the checks above.
    locked = list(Commune.objects.select_for_update().filter(pk__in=[c.pk for c in predecessors], valid_until=None))
    if len(locked) != len(predecessors):
        raise ValidationError(_("One of these communes has just been merged; reload the page."))
    # A dossier with the province would lose its commune (its clerks move, the proposal stays): finish it first.
    in_flight = list(Dossier.objects.filter(commune__in=predecessors).exclude(status=DossierStatus.DECIDED)
                     .select_related("commune").order_by("receipt_number"))
    if in_flight:
        listed = ", ".join(f"{dossier.receipt_code} ({dossier.commune})" for dossier in in_flight)
        raise ValidationError(_(
            "These dossiers are still between the commune and the province; have them decided (or withdrawn) before "
            "the merger: %(dossiers)s.") % {"dossiers": listed})

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
        units[unit.pk] = continue_unit(unit, commune=into, name=name_in_successor, on=on)
    move_people(Person.objects.filter(commune__in=predecessors).order_by("pk"), commune=into, units=units)

    for commune in predecessors:
        commune.valid_until = day_before(on)
        commune.successor = into
        commune.save(update_fields=["valid_until", "successor"])
    return into
