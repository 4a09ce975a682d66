"""State changes of the directory made outside its edit forms (the Excel import): audited, with the acting user."""

from django.db import transaction

from audit.history import audited, insert_with_history

from .collation import name_sort_key
from .models import Person, Unit


@transaction.atomic
@audited("create_unit")
def create_unit(*, commune, kind: str, name: str, short_name: str = "", position: int = 0, by) -> Unit:
    """A new current unit of `commune` (the name must not be another current unit's: the database refuses it)."""
    return Unit.objects.create(commune=commune, kind=kind, name=name, short_name=short_name, position=position)


@transaction.atomic
@audited("create_person")
def create_person(*, commune, unit, full_name: str, gender: str, kind: str, birth_year: int | None = None,
                  position: str = "", phone: str = "", email: str = "", by) -> Person:
    """A new person of `commune`, in `unit` (a unit of the same commune) or none."""
    if unit is not None and unit.commune_id != commune.pk:
        raise ValueError("The unit belongs to another commune.")
    return Person.objects.create(commune=commune, unit=unit, full_name=full_name, gender=gender, kind=kind,
                                 birth_year=birth_year, position=position, phone=phone, email=email)


@transaction.atomic
@audited("import_people")
def import_people(*, commune, people: list[Person], by) -> list[Person]:
    """Create many new people of `commune` at once (the Excel import), in bulk, each with its audit record."""
    for person in people:
        if person.commune_id != commune.pk:
            raise ValueError("The person belongs to another commune.")
        person.sort_key = name_sort_key(person.full_name)  # what Person.save does, which bulk_create skips
    return insert_with_history(Person, people)
