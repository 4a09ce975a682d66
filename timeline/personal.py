"""What concerns one person: their tasks with the roles they hold, and their milestones."""

from django.db.models import Q

from directory.models import Unit

from .enums import TaskRole
from .models import Milestone, TimelineTask


def unit_ids_of(person) -> set[int]:
    """The units through which a person is responsible: the one they belong to and those they lead."""
    ids = set(Unit.objects.filter(leader=person).values_list("pk", flat=True))
    if person.unit_id:
        ids.add(person.unit_id)
    return ids


def roles_of(task: TimelineTask, *, person, unit_ids: set[int]) -> list[TaskRole]:
    """The roles a person holds on a task, from its prefetched assignments (same reach as TaskQuerySet.for_person)."""
    held = {
        a.role for a in task.assignments.all()
        if (a.person_id and a.person_id == person.pk) or (a.unit_id and a.unit_id in unit_ids)
    }
    return [role for role in TaskRole if role.value in held]


def milestones_concerning(actor):
    """Milestones of the actor's commune naming them, a unit they belong to, or a unit they lead."""
    if actor is None:
        return Milestone.objects.none()
    person = actor.person
    return Milestone.objects.filter(commune=actor.commune).filter(
        Q(people=person) | Q(units__people=person) | Q(units__leader=person)
    ).distinct()
