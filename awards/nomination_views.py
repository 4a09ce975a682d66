"""Nominations (đề nghị khen thưởng): the year's list, making them from accepted registrations or directly, and each
one's eligibility and dossier.

Access follows the house rule: no person → 403; another commune's nomination, or for a unit leader another unit's,
→ 404; then a missing permission → 403. Every change goes through awards.nominations or awards.dossier.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caching.pages import cached_page
from registrations.views import chosen_year, require_actor

from . import nominations as services
from .dossier import dossier_lines, save_dossier_item, sent_up, with_dossier
from .eligibility import check_nomination
from .enums import NominationStatus
from .models import DossierItem, DossierRequirement, Nomination
from .nomination_forms import ComplaintForm, DirectNominationForm, DossierItemForm


def visible_nominations(user):
    """The nominations a user may read: the commune's, or a unit leader's own units'."""
    actor = require_actor(user)
    if not user.has_perm("awards.view_nominations"):
        raise PermissionDenied
    nominations = Nomination.objects.filter(commune=actor.commune)
    if not actor.sees_whole_commune:
        nominations = nominations.filter(unit_id__in=actor.led_unit_ids)
    return actor, nominations


def get_nomination_for_user(user, pk, *, perm: str | None = None) -> Nomination:
    _actor, nominations = visible_nominations(user)
    nomination = get_object_or_404(
        nominations.select_related("title", "person", "unit", "registration", "initiative", "commune"), pk=pk)
    if perm and not user.has_perm(perm):
        raise PermissionDenied
    return nomination


def _list_url(year) -> str:
    return f"{reverse('awards:nomination_list')}?year={year}"


@login_required
@cached_page
def nomination_list(request):
    actor, nominations = visible_nominations(request.user)
    year, years = chosen_year(request, actor.commune)
    nominations = with_dossier(
        nominations.filter(year=year).select_related("title", "person", "unit", "registration", "award__decision")
    ).order_by("title__position", "person__sort_key", "unit__position", "household", "pk")
    status = request.GET.get("status", "")
    if status in NominationStatus.values:
        nominations = nominations.filter(status=status)
    rows = [(n, sum(not line.provided for line in dossier_lines(n))) for n in nominations]
    all_of_year = visible_nominations(request.user)[1].filter(year=year)
    counts = dict(all_of_year.order_by().values_list("status").annotate(n=Count("pk")))
    return render(request, "awards/nomination_list.html", {
        "year": year, "years": years, "rows": rows, "status": status, "statuses": NominationStatus.choices,
        "counts": counts,
    })


@login_required
@require_POST
def nomination_from_registrations(request):
    actor = require_actor(request.user)
    if not request.user.has_perm("awards.manage_nominations"):
        raise PermissionDenied
    year, _years = chosen_year(request, actor.commune)
    created = services.create_nominations_from_registrations(commune=actor.commune, year=year, by=request.user)
    if created:
        messages.success(request, _("%(count)s nominations made from accepted registrations.") % {
            "count": len(created)})
    else:
        messages.info(request, _("Every accepted registration of %(year)s already has its nomination.") % {
            "year": year})
    return redirect(_list_url(year))


@login_required
def nomination_create(request):
    """A direct nomination, e.g. a Giấy khen for a sudden or thematic achievement."""
    actor = require_actor(request.user)
    if not request.user.has_perm("awards.manage_nominations"):
        raise PermissionDenied
    year, years = chosen_year(request, actor.commune)
    form = DirectNominationForm(request.POST or None, commune=actor.commune, year=year)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            nomination = services.create_nomination(
                commune=actor.commune, year=year, title=data["title"], person=data["person"], unit=data["unit"],
                household=data["household"], achievement=data["achievement"], initiative=data["initiative"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Nomination saved."))
            return redirect("awards:nomination_detail", nomination.pk)
    return render(request, "awards/nomination_form.html", {"form": form, "year": year, "years": years})


@login_required
def nomination_detail(request, pk):
    return _nomination_page(request, get_nomination_for_user(request.user, pk))


def _nomination_page(request, nomination, *, complaint_form=None):
    nomination = with_dossier(Nomination.objects.filter(pk=nomination.pk)).select_related(
        "title", "person", "unit", "registration", "initiative", "award__decision__document__series").get()
    ballots = nomination.ballots.select_related("meeting").order_by("pk")
    # While the proposal is with the province its items are frozen (awards.dossier.save_dossier_item refuses).
    frozen = sent_up(nomination)
    can_manage = request.user.has_perm("awards.manage_dossiers") and not frozen
    return render(request, "awards/nomination_detail.html", {
        "nomination": nomination,
        "problems": check_nomination(nomination) if nomination.status == NominationStatus.DRAFT else [],
        "lines": dossier_lines(nomination),
        "ballots": ballots,
        "can_manage": can_manage,
        "dossier_frozen": frozen,
        "can_flag": request.user.has_perm("awards.manage_nominations"),
        "item_form": DossierItemForm(),
        "complaint_form": complaint_form or ComplaintForm(initial={"complaint_open": nomination.complaint_open},
                                                          locked=nomination),
    })


@login_required
@require_POST
def dossier_item_save(request, pk, requirement_pk):
    nomination = get_nomination_for_user(request.user, pk, perm="awards.manage_dossiers")
    requirement = get_object_or_404(DossierRequirement, pk=requirement_pk, title_id=nomination.title_id)
    form = DossierItemForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            save_dossier_item(nomination=nomination, requirement=requirement, by=request.user,
                              upload=form.cleaned_data["file"], note=form.cleaned_data["note"],
                              provided=form.cleaned_data["provided"] or bool(form.cleaned_data["file"]))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("“%(name)s” saved.") % {"name": requirement.name})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(f"{reverse('awards:nomination_detail', args=[nomination.pk])}#dossier")


@login_required
def dossier_item_download(request, pk, item_pk):
    nomination = get_nomination_for_user(request.user, pk)
    item = get_object_or_404(DossierItem.objects.select_related("requirement"), pk=item_pk, nomination=nomination)
    if not item.file:
        raise Http404
    extension = item.file.name.rsplit(".", 1)[-1]
    response = FileResponse(item.file.open("rb"), as_attachment=True,
                            filename=f"{item.requirement.name} - {nomination.recipient_name}.{extension}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def nomination_complaint(request, pk):
    nomination = get_nomination_for_user(request.user, pk, perm="awards.manage_nominations")
    form = ComplaintForm(request.POST, initial={"complaint_open": nomination.complaint_open}, locked=nomination)
    form.is_valid()
    if form.stale:  # someone else saved the nomination meanwhile: show what they changed
        return _nomination_page(request, nomination, complaint_form=form)
    services.set_complaint(nomination=nomination, complaint_open=form.cleaned_data.get("complaint_open", False),
                           by=request.user)
    messages.success(request, _("Saved."))
    return redirect("awards:nomination_detail", nomination.pk)


urlpatterns = [
    path("nominations/", nomination_list, name="nomination_list"),
    path("nominations/from-registrations/", nomination_from_registrations, name="nomination_from_registrations"),
    path("nominations/new/", nomination_create, name="nomination_create"),
    path("nominations/<int:pk>/", nomination_detail, name="nomination_detail"),
    path("nominations/<int:pk>/dossier/<int:requirement_pk>/", dossier_item_save, name="dossier_item_save"),
    path("nominations/<int:pk>/dossier/file/<int:item_pk>/", dossier_item_download, name="dossier_item_download"),
    path("nominations/<int:pk>/complaint/", nomination_complaint, name="nomination_complaint"),
]
