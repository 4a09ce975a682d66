from django import template
from django.utils import timezone

from ..display import OVERDUE_LABEL
from ..enums import TaskStatus

register = template.Library()

BADGE_CLASSES = {
    "not_started": "text-bg-secondary",
    "in_progress": "text-bg-primary",
    "done": "text-bg-success",
    "overdue": "text-bg-danger",
}


@register.inclusion_tag("timeline/_status_badge.html")
def status_badge(task, today=None):
    """The stored status as a coloured badge, followed by a red "overdue" one when the due date has passed."""
    return {
        "status": task.status, "label": TaskStatus(task.status).label, "css": BADGE_CLASSES[task.status],
        "overdue": task.is_overdue(today or timezone.localdate()), "overdue_label": OVERDUE_LABEL,
    }


@register.filter
def badge_class(status_key: str) -> str:
    return BADGE_CLASSES.get(status_key, "text-bg-secondary")
