"""The "Lịch sử thay đổi" page of any object with an audit trail (see registry.HISTORY_PAGES)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from directory.permissions import get_actor, get_operator

from .registry import HISTORY_PAGES
from .trail import history_rows

RULE_LABELS = {"awards.ruleset", "awards.title"}
# What the province's operators see the history of: the rules they read, and the province's API client systems
# (each resolver refuses another province's).
OPERATOR_LABELS = RULE_LABELS | {"api.apiclient"}


def may_see_history(actor, entry, obj) -> bool:
    """The office and the chairman see every history they can open; a unit leader only their own unit's objects."""
    if actor is None:
        return False
    if actor.is_office_staff or actor.is_chairman:
        return True
    return entry.unit_of is not None and entry.unit_of(obj) in actor.led_unit_ids


@login_required
def object_history(request, label, pk):
    entry = HISTORY_PAGES.get(label)
    if entry is None:
        raise Http404
    obj = entry.resolve(request.user, pk)
    # The province's operators keep its rules: they see the history of the rule sets they read (and of its API
    # clients, which they manage).
    operator_reads = label in OPERATOR_LABELS and get_operator(request.user) is not None
    if not (operator_reads or may_see_history(get_actor(request.user), entry, obj)):
        raise PermissionDenied
    return render(request, "audit/history.html", {
        "object": obj, "verbose_name": obj._meta.verbose_name, "rows": history_rows(obj),
        "page_url": reverse(entry.page, args=[obj.pk]) if entry.page else None,
    })
