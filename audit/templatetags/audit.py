from django import template
from django.urls import reverse

from directory.permissions import get_actor

from ..registry import HISTORY_PAGES

register = template.Library()


@register.inclusion_tag("audit/_history_link.html", takes_context=True)
def history_link(context, obj):
    """A link to the object's "Lịch sử thay đổi" page, for those who may see histories at all (the page checks the
    object itself)."""
    if obj is None or getattr(obj, "pk", None) is None:  # a form for a new object: nothing recorded yet
        return {"url": None}
    label = f"{obj._meta.app_label}.{obj._meta.model_name}"
    actor = get_actor(context["request"].user)
    shown = label in HISTORY_PAGES and actor is not None and (
        actor.is_office_staff or actor.is_chairman or actor.is_unit_leader)
    return {"url": reverse("audit:history", args=[label, obj.pk]) if shown else None}
