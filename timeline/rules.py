import rules

from directory.permissions import get_actor, is_commune_member, is_office_staff

from .services import responsible_in


@rules.predicate
def does_task(user, task) -> bool:
    actor = get_actor(user)
    return bool(actor and task is not None and responsible_in(task, actor.person))


rules.add_perm("timeline.view_timeline", is_commune_member)
# Those who do a task report its progress; the office (the council's standing agency) can always.
rules.add_perm("timeline.update_task", is_office_staff | does_task)
rules.add_perm("timeline.manage_reminders", is_office_staff)
