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


@rules.predicate
def is_superuser(user) -> bool:
    return bool(user and user.is_superuser)


@rules.predicate
def single_commune_deployment(user) -> bool:
    from directory.models import Commune

    return Commune.objects.count() == 1


# The beat schedule is the deployment's, shared by every commune: a commune's office may change it only when the
# deployment serves that commune alone; otherwise the operator (superuser) does.
rules.add_perm("timeline.manage_schedules", is_superuser | (is_office_staff & single_commune_deployment))
