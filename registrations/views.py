"""Registrations of titles: the unit leader's pages (phone first), the office's consolidation, and the dated phases.

Access follows the house rule: no person → 403; another commune's or another unit's registration → 404; then a
missing permission → 403. Every state change goes through registrations.services.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _, gettext_lazy
from django.views.decorators.http import require_POST

from caching.pages import cached_page
from campaigns.models import Plan
from directory.mergers import lineage_filter
from directory.permissions import get_actor

from . import services
from .enums import PhaseKind, RegistrationStatus
from .forms import OverviewFilterForm, PhaseForm, RegistrationForm, ReturnForm, open_registration_phase
from .models import Phase, Registration
from .uploads import KINDS, file_response, kind_for_extension

OVERVIEW_PAGE_SIZE = 50

ACTION_LABELS = {
    "created": gettext_lazy("Created"),
    "edited": gettext_lazy("Edited"),
    "submitted": gettext_lazy("Submitted to the office"),
    "returned": gettext_lazy("Returned for changes"),
    "accepted": gettext_lazy("Accepted"),
}


# Access helpers ---------------------------------------------------------------------------------------------------


def require_actor(user):
    actor = get_actor(user)
    if actor is None:
        raise PermissionDenied
    return actor


def visible_registrations(user):
    """The registrations a user may read: the whole commune's (with its predecessors' before a merger), or only those
    of the units they lead."""
    actor = require_actor(user)
    if not user.has_perm("registrations.view_registrations"):
        raise PermissionDenied
    registrations = Registration.objects.filter(lineage_filter(actor.commune))
    if not actor.sees_whole_commune:
        registrations = registrations.filter(unit_id__in=actor.led_unit_ids)
    return actor, registrations


def get_registration_for_user(user, pk, *, write: bool = False, own: bool | None = None) -> Registration:
    """The registration if the user may read it (`own`: only the commune's own, as for every change; reading also
    opens a merged predecessor's), else 404."""
    actor = require_actor(user)
    own = write if own is None else own
    scope = Q(commune=actor.commune) if own else lineage_filter(actor.commune)
    queryset = Registration.objects.filter(scope).select_related(
        "unit", "title", "person", "initiative", "phase", "campaign", "commune"
    )
    if not actor.sees_whole_commune:
        queryset = queryset.filter(unit_id__in=actor.led_unit_ids)
    registration = get_object_or_404(queryset, pk=pk)
    if write and not services.can_edit(registration, user):
        raise PermissionDenied
    return registration


def plan_years(commune) -> list[int]:
    return list(Plan.objects.filter(lineage_filter(commune)).order_by("-year").distinct()
                .values_list("year", flat=True))


def chosen_year(request, commune) -> tuple[int, list[int]]:
    """The year asked for (?year=), else the latest plan's year, else this year."""
    years = plan_years(commune)
    asked = request.GET.get("year", "")
    if asked.isdigit() and 2000 <= int(asked) <= 2100:
        year = int(asked)
    else:
        year = years[0] if years else timezone.localdate().year
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    return year, years


def initiative_create_url() -> str | None:
    # Initiatives have their own pages (registrations.initiative_views); link to them once they exist.
    try:
        return reverse("registrations:initiative_create")
    except NoReverseMatch:
        return None


def _list_url(registration) -> str:
    return f"{reverse('registrations:registration_list')}?year={registration.year}"


# The unit leader's pages --------------------------------------------------------------------------------------------


@login_required
@cached_page
def registration_list(request):
    """My units' registrations for a year, with what to do next; the office and council see the overview instead."""
    actor, registrations = visible_registrations(request.user)
    if actor.sees_whole_commune and not actor.is_unit_leader:
        return redirect(f"{reverse('registrations:overview')}?{request.GET.urlencode()}")
    year, years = chosen_year(request, actor.commune)
    registrations = (
        registrations.filter(unit_id__in=actor.led_unit_ids, year=year)
        .select_related("unit", "title", "person", "initiative", "campaign")
    )
    phase = open_registration_phase(commune=actor.commune, year=year)
    next_phase = (
        Phase.objects.filter(commune=actor.commune, year=year, kind=PhaseKind.REGISTRATION, campaign=None,
                             opens_on__gt=timezone.localdate()).order_by("opens_on").first()
    )
    rows = list(registrations)
    return render(request, "registrations/registration_list.html", {
        "year": year, "years": years, "registrations": rows, "phase": phase, "next_phase": next_phase,
        "drafts": sum(r.status == RegistrationStatus.DRAFT for r in rows),
    })


def _apply_form(request, form):
    """Validate, check the rules and save through services; rule problems go next to their fields."""
    if not form.is_valid():
        return None
    instance = form.fill_instance()
    upload, checked = form.evidence_upload
    try:
        return services.save_registration(registration=instance, by=request.user, evidence_upload=upload,
                                          evidence_checked=checked)
    except services.RuleViolation as violation:
        for problem in violation.problems:
            form.add_error(problem.field if problem.field in form.fields else None, problem.message)
    return None


@login_required
def registration_create(request):
    actor = require_actor(request.user)
    if not request.user.has_perm("registrations.register"):
        raise PermissionDenied
    year, _years = chosen_year(request, actor.commune)
    if not actor.is_office_staff and not _any_window_open(actor.commune, year):
        # Nothing can be saved until a window opens: say so, and when, instead of offering the form.
        return render(request, "registrations/registration_closed.html", {
            "year": year, "next_phase": _next_window(actor.commune),
            "title": _("New registration for %(year)s") % {"year": year}})
    form = RegistrationForm(request.POST or None, request.FILES or None, actor=actor, year=year)
    if request.method == "POST":
        registration = _apply_form(request, form)
        if registration is not None:
            messages.success(request, _("Saved as a draft: %(name)s. Submit it when it is ready.") % {
                "name": registration})
            return redirect("registrations:registration_detail", pk=registration.pk)
    phase = open_registration_phase(commune=actor.commune, year=year)
    return render(request, "registrations/registration_form.html", {
        "form": form, "year": year, "phase": phase, "initiative_create_url": initiative_create_url(),
        "title": _("New registration for %(year)s") % {"year": year},
    })


def _any_window_open(commune, year) -> bool:
    """Whether a registration window of the year (the year's titles or a campaign's) is open today."""
    return Phase.objects.filter(commune=commune, year=year, kind=PhaseKind.REGISTRATION).open_on().exists()


def _next_window(commune):
    return (Phase.objects.filter(commune=commune, kind=PhaseKind.REGISTRATION, opens_on__gt=timezone.localdate())
            .select_related("campaign").order_by("opens_on", "pk").first())


@login_required
def registration_edit(request, pk):
    registration = get_registration_for_user(request.user, pk, write=True)
    actor = get_actor(request.user)
    form = RegistrationForm(request.POST or None, request.FILES or None, instance=registration, actor=actor,
                            year=registration.year)
    if request.method == "POST":
        saved = _apply_form(request, form)
        if saved is not None:
            messages.success(request, _("The registration has been saved."))
            return redirect("registrations:registration_detail", pk=saved.pk)
    return render(request, "registrations/registration_form.html", {
        "form": form, "registration": registration, "year": registration.year, "phase": registration.phase,
        "initiative_create_url": initiative_create_url(), "title": _("Edit registration"),
    })


@login_required
def registration_delete(request, pk):
    registration = get_registration_for_user(request.user, pk, write=True)
    if registration.status not in services.EDITABLE_BY_UNIT:
        raise PermissionDenied
    if request.method == "POST":
        url = _list_url(registration)
        services.delete_registration(registration=registration, by=request.user)
        messages.success(request, _("The registration has been deleted."))
        return redirect(url)
    return render(request, "registrations/registration_confirm_delete.html", {"registration": registration})


@login_required
def registration_detail(request, pk):
    registration = get_registration_for_user(request.user, pk)
    events = registration.events.select_related("actor", "actor__person").order_by("created_at", "pk")
    history = [(event, ACTION_LABELS.get(event.action, event.action)) for event in events]
    can_decide = (
        request.user.has_perm("registrations.manage") and registration.status == RegistrationStatus.SUBMITTED
        and registration.commune_id == get_actor(request.user).commune.pk
    )
    return render(request, "registrations/registration_detail.html", {
        "registration": registration, "history": history, "can_edit": services.can_edit(registration, request.user),
        "can_decide": can_decide, "return_form": ReturnForm(),
    })


@login_required
def registration_evidence(request, pk):
    """The evidence file of the ground "hoàn thành xuất sắc nhiệm vụ", to whoever may read the registration."""
    registration = get_registration_for_user(request.user, pk)
    if not registration.ground_evidence_file:
        raise Http404
    kind = kind_for_extension(registration.ground_evidence_file.name) or KINDS["pdf"]
    return file_response(registration.ground_evidence_file,
                         filename=registration.ground_evidence_file_name or registration.ground_evidence_file.name,
                         content_type=kind.content_type)


@login_required
@require_POST
def registration_submit(request, pk):
    registration = get_registration_for_user(request.user, pk, write=True)
    try:
        services.submit_registration(registration=registration, by=request.user)
    except services.RuleViolation as violation:
        for message in violation.messages:
            messages.error(request, message)
        return redirect("registrations:registration_edit", pk=registration.pk)
    messages.success(request, _("Submitted to the office: %(name)s.") % {"name": registration})
    return redirect(_list_url(registration))


@login_required
@require_POST
def registration_submit_all(request):
    """Submit every draft of the leader's units for the year; those that break a rule stay drafts, with the reason."""
    actor, registrations = visible_registrations(request.user)
    if not actor.is_unit_leader:
        raise PermissionDenied
    year, _years = chosen_year(request, actor.commune)
    drafts = registrations.filter(unit_id__in=actor.led_unit_ids, year=year, status=RegistrationStatus.DRAFT)
    submitted = 0
    for registration in drafts.select_related("unit", "title", "person", "phase", "initiative"):
        try:
            services.submit_registration(registration=registration, by=request.user)
            submitted += 1
        except services.RuleViolation as violation:
            messages.error(request, _("Not submitted: %(name)s – %(problems)s") % {
                "name": registration, "problems": " ".join(violation.messages)})
        except PermissionDenied:
            messages.error(request, _("Not submitted: %(name)s – the registration window is closed.") % {
                "name": registration})
    if submitted:
        messages.success(request, _("%(count)s registrations submitted to the office.") % {"count": submitted})
    return redirect(f"{reverse('registrations:registration_list')}?year={year}")


# The office's decisions and consolidation ---------------------------------------------------------------------------


@login_required
@require_POST
def registration_return(request, pk):
    registration = get_registration_for_user(request.user, pk, own=True)
    if not request.user.has_perm("registrations.manage"):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.return_registration(registration=registration, by=request.user,
                                         comment=form.cleaned_data["comment"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Returned to %(unit)s with your comment.") % {"unit": registration.unit})
            return _back(request, registration)
    events = registration.events.select_related("actor", "actor__person").order_by("created_at", "pk")
    history = [(event, ACTION_LABELS.get(event.action, event.action)) for event in events]
    return render(request, "registrations/registration_detail.html", {
        "registration": registration, "history": history, "can_edit": services.can_edit(registration, request.user),
        "can_decide": registration.status == RegistrationStatus.SUBMITTED, "return_form": form,
    })


@login_required
@require_POST
def registration_accept(request, pk):
    registration = get_registration_for_user(request.user, pk, own=True)
    if not request.user.has_perm("registrations.manage"):
        raise PermissionDenied
    try:
        services.accept_registration(registration=registration, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Accepted: %(name)s.") % {"name": registration})
    return _back(request, registration)


def _back(request, registration):
    """To the page the action was taken on (the overview keeps its filters), else to the registration."""
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}) and next_url.startswith("/"):
        return redirect(next_url)
    return redirect("registrations:registration_detail", pk=registration.pk)


@login_required
@cached_page
def overview(request):
    """All registrations of a year, filtered by unit, title, status and kind, with counts per title and per unit."""
    actor, registrations = visible_registrations(request.user)
    if not request.user.has_perm("registrations.view_all_registrations"):
        raise PermissionDenied
    year, years = chosen_year(request, actor.commune)
    form = OverviewFilterForm(request.GET or None, commune=actor.commune, year=year)
    registrations = form.filter(registrations.filter(year=year))
    by_title = list(
        registrations.values("title__name", "title__position")
        .annotate(total=Count("pk"), **_status_counts()).order_by("title__position", "title__name")
    )
    by_unit = list(
        registrations.values("unit__name", "unit__position")
        .annotate(total=Count("pk"), **_status_counts()).order_by("unit__position", "unit__name")
    )
    # The counts above cover the whole filtered set; the rows below come 50 to a page (the model's stable order).
    rows = registrations.select_related("commune", "unit", "title", "person", "initiative", "campaign")
    page = Paginator(rows, OVERVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registrations/overview.html", {
        "year": year, "years": years, "form": form, "registrations": page.object_list, "page": page,
        "page_query": page_query(request), "by_title": by_title, "by_unit": by_unit,
        "statuses": RegistrationStatus, "here": request.get_full_path(),
    })


def page_query(request) -> str:
    """The current query string without ?page=, for page links that keep the filters ("" or "year=2022&...&")."""
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


def _status_counts():
    return {status.value: Count("pk", filter=Q(status=status)) for status in RegistrationStatus}


# Phases -----------------------------------------------------------------------------------------------------------


@login_required
def phase_list(request):
    actor = require_actor(request.user)
    if not request.user.has_perm("registrations.view_phases"):
        raise PermissionDenied
    year, years = chosen_year(request, actor.commune)
    phases = Phase.objects.filter(commune=actor.commune, year=year).select_related("campaign")
    return render(request, "registrations/phase_list.html", {
        "phases": phases, "year": year, "years": years, "today": timezone.localdate(),
    })


def get_phase_for_user(user, pk) -> Phase:
    actor = require_actor(user)
    phase = get_object_or_404(Phase, pk=pk, commune=actor.commune)
    if not user.has_perm("registrations.manage_phases"):
        raise PermissionDenied
    return phase


@login_required
def phase_edit(request, pk=None):
    actor = require_actor(request.user)
    phase = get_phase_for_user(request.user, pk) if pk else None
    if phase is None and not request.user.has_perm("registrations.manage_phases"):
        raise PermissionDenied
    initial = {}
    if phase is None:
        year, _years = chosen_year(request, actor.commune)
        initial = {"year": year}
    form = PhaseForm(request.POST or None, instance=phase, commune=actor.commune, initial=initial)
    if request.method == "POST" and form.is_valid():
        phase = form.save()
        messages.success(request, _("The phase has been saved."))
        return redirect(f"{reverse('registrations:phase_list')}?year={phase.year}")
    return render(request, "registrations/phase_form.html", {
        "form": form, "phase": phase, "title": _("Edit phase") if phase else _("New phase"),
    })


urlpatterns = [
    path("", registration_list, name="registration_list"),
    path("new/", registration_create, name="registration_create"),
    path("submit-all/", registration_submit_all, name="registration_submit_all"),
    path("overview/", overview, name="overview"),
    path("<int:pk>/", registration_detail, name="registration_detail"),
    path("<int:pk>/edit/", registration_edit, name="registration_edit"),
    path("<int:pk>/evidence/", registration_evidence, name="registration_evidence"),
    path("<int:pk>/delete/", registration_delete, name="registration_delete"),
    path("<int:pk>/submit/", registration_submit, name="registration_submit"),
    path("<int:pk>/return/", registration_return, name="registration_return"),
    path("<int:pk>/accept/", registration_accept, name="registration_accept"),
    path("phases/", phase_list, name="phase_list"),
    path("phases/new/", phase_edit, name="phase_create"),
    path("phases/<int:pk>/edit/", phase_edit, name="phase_edit"),
]
