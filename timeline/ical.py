"""A user's private iCalendar feed: one all-day event per task and milestone that concerns them."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from directory.permissions import get_actor

from .display import shown_status
from .personal import milestones_concerning, roles_of, unit_ids_of
from .services import tasks_concerning

UID_DOMAIN = "xuanson-tdkt"


def _event(*, uid, day, summary, description, url, stamp) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", settings.SITE_URL + url)
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    return event


def build_feed(user) -> bytes:
    """The feed of `user` as iCalendar bytes; an account without a person gets an empty calendar."""
    actor = get_actor(user)
    stamp = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//TDKT portal//Timeline//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    with translation.override("vi"):
        name = f"{_('TĐKT')} – {actor.commune}" if actor else _("TĐKT")
        calendar.add("x-wr-calname", name)
        if actor is None:
            return calendar.to_ical()
        today = timezone.localdate()
        unit_ids = unit_ids_of(actor.person)
        tasks = tasks_concerning(user).prefetch_related("assignments").order_by("due_on", "pk")
        for task in tasks:
            roles = ", ".join(str(role.label) for role in roles_of(task, person=actor.person, unit_ids=unit_ids))
            lines = [
                _("Your role: %(roles)s") % {"roles": roles},
                _("Status: %(status)s") % {"status": shown_status(task, today)[1]},
                _("Time: %(time)s") % {"time": task.time_label},
            ]
            calendar.add_component(_event(
                uid=f"task-{task.pk}", day=task.due_on, summary=task.content, description="\n".join(lines),
                url=reverse("timeline:task_detail", args=[task.pk]), stamp=stamp,
            ))
        for milestone in milestones_concerning(actor):
            status = _("Done") if milestone.is_done else _("Not done yet")
            lines = [_("Status: %(status)s") % {"status": status}, milestone.description]
            calendar.add_component(_event(
                uid=f"milestone-{milestone.pk}", day=milestone.due_on, summary=milestone.title,
                description="\n".join(line for line in lines if line), url=reverse("timeline:my_tasks"), stamp=stamp,
            ))
    return calendar.to_ical()
