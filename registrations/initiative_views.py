"""Initiatives (sáng kiến) with their attachments, and the writing contest.

Access: no person → 403; another commune's or (for a unit leader) another unit's object → 404; then a missing
permission → 403. Files are never served from MEDIA_ROOT directly, only through the download views below.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.mergers import lineage_filter
from directory.models import Person
from directory.permissions import get_actor

from . import initiative_services as services
from .enums import PeriodKind
from .initiative_forms import AttachmentForm, ContestEntryForm, InitiativeForm, PeriodForm, RecogniseForm
from .models import ContestEntry, Initiative, InitiativeAttachment
from .uploads import KINDS, file_response, kind_for_extension

# Access -----------------------------------------------------------------------------------------------------------


def require_actor(user):
    actor = get_actor(user)
    if actor is None:
        raise PermissionDenied
    return actor


def require_viewer(user):
    """Whole-commune readers (office, council, chairman) and unit leaders; other members have nothing to see here."""
    actor = require_actor(user)
    if not (actor.sees_whole_commune or actor.is_unit_leader):
        raise PermissionDenied
    return actor


def require_writer(user):
    actor = require_actor(user)
    if not (actor.is_office_staff or actor.is_unit_leader):
        raise PermissionDenied
    return actor


def require_office(user):
    actor = require_actor(user)
    if not actor.is_office_staff:
        raise PermissionDenied
    return actor


def _scoped(queryset, actor, unit_field="unit_id"):
    if actor.sees_whole_commune:
        return queryset
    return queryset.filter(**{f"{unit_field}__in": actor.led_unit_ids})


def visible_initiatives(actor, *, own: bool = False):
    """The initiatives the actor may read: the commune's and, before a merger, its predecessors' (`own`: only the
    commune's, as for every change)."""
    scope = Q(commune=actor.commune) if own else lineage_filter(actor.commune)
    return _scoped(Initiative.objects.filter(scope), actor)


def visible_entries(actor):
    return _scoped(ContestEntry.objects.filter(commune=actor.commune), actor)


def get_initiative_for_user(user, pk, *, write: bool = False, recognise: bool = False) -> Initiative:
    actor = require_actor(user)
    initiatives = visible_initiatives(actor, own=write or recognise)
    initiative = get_object_or_404(initiatives.select_related("unit", "commune"), pk=pk)
    if write and not services.can_edit_initiative(actor, initiative):
        raise PermissionDenied
    if recognise and not actor.is_office_staff:
        raise PermissionDenied
    if not (write or recognise):
        require_viewer(user)
    return initiative


def get_entry_for_user(user, pk, *, forward: bool = False) -> ContestEntry:
    actor = require_actor(user)
    entry = get_object_or_404(
        visible_entries(actor).select_related("unit", "plan__document__series", "campaign"), pk=pk)
    if forward:
        require_office(user)
    else:
        require_viewer(user)
    return entry


# Initiatives ------------------------------------------------------------------------------------------------------


def _authors_prefetch():
    return Prefetch("authors", queryset=Person.objects.in_vietnamese_order())


@login_required
def initiative_list(request):
    actor = require_viewer(request.user)
    initiatives = (visible_initiatives(actor)
                   .select_related("commune", "unit", "registration", "registration__title")
                   .prefetch_related(_authors_prefetch())
                   .annotate(attachment_count=Count("attachments"))
                   .order_by("-year", "unit__position", "pk"))
    year = request.GET.get("year", "")
    if year.isdigit():
        initiatives = initiatives.filter(year=int(year))
    return render(request, "registrations/initiative_list.html", {
        "initiatives": initiatives, "year": year,
        "can_create": actor.is_office_staff or actor.is_unit_leader,
    })


def _save_initiative_form(request, *, actor, initiative=None):
    form = InitiativeForm(request.POST or None, request.FILES or None, instance=initiative, actor=actor)
    if request.method == "POST" and form.is_valid():
        upload, checked = form.cleaned_data["attachment"] or (None, None)
        try:
            saved = services.save_initiative(initiative=form.save(commit=False), authors=form.cleaned_data["authors"],
                                             by=request.user, upload=upload, checked=checked)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The initiative has been saved."))
            return redirect("registrations:initiative_detail", pk=saved.pk)
    return render(request, "registrations/initiative_form.html", {"form": form, "initiative": initiative})


@login_required
def initiative_create(request):
    actor = require_writer(request.user)
    return _save_initiative_form(request, actor=actor)


@login_required
def initiative_edit(request, pk):
    initiative = get_initiative_for_user(request.user, pk, write=True)
    return _save_initiative_form(request, actor=get_actor(request.user), initiative=initiative)


@login_required
def initiative_detail(request, pk):
    initiative = get_initiative_for_user(request.user, pk)
    actor = get_actor(request.user)
    can_edit = services.can_edit_initiative(actor, initiative)
    attachment_form = AttachmentForm(request.POST or None, request.FILES or None) if can_edit else None
    if request.method == "POST":
        if attachment_form is None:
            raise PermissionDenied
        if attachment_form.is_valid():
            upload, checked = attachment_form.cleaned_data["file"]
            services.add_attachment(initiative=initiative, upload=upload, checked=checked, by=request.user)
            messages.success(request, _("The file has been attached."))
            return redirect("registrations:initiative_detail", pk=initiative.pk)
    # The registration this initiative grounds (at most one: Registration.initiative is one-to-one).
    registration = getattr(initiative, "registration", None)
    return render(request, "registrations/initiative_detail.html", {
        "initiative": initiative,
        "authors": initiative.authors.in_vietnamese_order(),
        "attachments": initiative.attachments.all(),
        "registration": registration,
        "can_edit": can_edit,
        "can_recognise": actor.is_office_staff,
        "attachment_form": attachment_form,
    })


@login_required
def initiative_recognise(request, pk):
    initiative = get_initiative_for_user(request.user, pk, recognise=True)
    form = RecogniseForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        services.recognise_initiative(initiative=initiative, recognised=form.cleaned_data["recognised"],
                                      applied=form.cleaned_data["applied"], benefit=form.cleaned_data["benefit"],
                                      by=request.user)
        messages.success(request, _("The council's finding has been recorded."))
        return redirect("registrations:initiative_detail", pk=initiative.pk)
    return render(request, "registrations/initiative_recognise.html", {"form": form, "initiative": initiative})


_file_response = file_response  # shared with the registrations' evidence files (registrations.uploads)


@login_required
def attachment_download(request, pk):
    actor = require_actor(request.user)
    attachment = get_object_or_404(
        InitiativeAttachment.objects.select_related("initiative"),
        pk=pk, initiative__in=visible_initiatives(actor),
    )
    require_viewer(request.user)
    return _file_response(attachment.file, filename=attachment.original_name, content_type=attachment.content_type)


# Writing contest --------------------------------------------------------------------------------------------------


@login_required
def contest_list(request):
    actor = require_viewer(request.user)
    entries = visible_entries(actor).select_related("unit")
    form = PeriodForm(request.GET or None)
    if form.is_valid():
        entries = entries.filter(year=form.cleaned_data["year"], period_kind=form.cleaned_data["period_kind"],
                                 period=form.cleaned_data["period"])
    return render(request, "registrations/contest_list.html", {
        "entries": entries, "form": form,
        "can_create": actor.is_office_staff or actor.is_unit_leader,
        "can_forward": actor.is_office_staff,
    })


@login_required
def contest_create(request):
    actor = require_writer(request.user)
    form = ContestEntryForm(request.POST or None, request.FILES or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        upload, checked = form.cleaned_data["attachment"] or (None, None)
        try:
            entry = services.submit_contest_entry(entry=form.save(commit=False), by=request.user,
                                                  upload=upload, checked=checked)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The contest entry has been sent."))
            return redirect("registrations:contest_detail", pk=entry.pk)
    return render(request, "registrations/contest_form.html", {"form": form})


@login_required
def contest_detail(request, pk):
    entry = get_entry_for_user(request.user, pk)
    return render(request, "registrations/contest_detail.html", {
        "entry": entry, "can_forward": get_actor(request.user).is_office_staff,
    })


@login_required
def contest_attachment(request, pk):
    entry = get_entry_for_user(request.user, pk)
    if not entry.attachment:
        raise Http404
    kind = kind_for_extension(entry.attachment.name) or KINDS["pdf"]
    return _file_response(entry.attachment, filename=entry.attachment_name or entry.attachment.name.rsplit("/")[-1],
                          content_type=kind.content_type)


@login_required
@require_POST
def contest_forward(request, pk):
    entry = get_entry_for_user(request.user, pk, forward=True)
    services.forward_contest_entry(entry=entry, by=request.user)
    messages.success(request, _("Marked as forwarded to the town: %(title)s") % {"title": entry.title})
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    return redirect("registrations:contest_list")


@login_required
def contest_missing(request):
    actor = require_office(request.user)
    today = timezone.localdate()
    form = PeriodForm(request.GET or {"year": today.year, "period_kind": PeriodKind.MONTH, "period": today.month})
    units = None
    if form.is_valid():
        units = services.units_missing_contest_entry(commune=actor.commune, **form.cleaned_data)
    return render(request, "registrations/contest_missing.html", {"form": form, "units": units})


urlpatterns = [
    path("initiatives/", initiative_list, name="initiative_list"),
    path("initiatives/new/", initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/", initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/recognise/", initiative_recognise, name="initiative_recognise"),
    path("initiatives/attachments/<int:pk>/", attachment_download, name="attachment_download"),
    path("contest/", contest_list, name="contest_list"),
    path("contest/new/", contest_create, name="contest_create"),
    path("contest/missing/", contest_missing, name="contest_missing"),
    path("contest/<int:pk>/", contest_detail, name="contest_detail"),
    path("contest/<int:pk>/file/", contest_attachment, name="contest_attachment"),
    path("contest/<int:pk>/forward/", contest_forward, name="contest_forward"),
]
