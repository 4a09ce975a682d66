"""The operator area of a province's emulation office: its communes (state, create, edit, import), their first clerk's
invitation, and the province's own printed names.

Only an operator of the province gets in (anyone else signed in: 403); a commune of another province is 404.
"""

import io
import os
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services as accounts
from accounts.models import Invitation
from caching.pages import cached_page, shared_value
from campaigns.enums import PlanStatus
from campaigns.models import Plan
from directory.collation import text_sort_key
from directory.enums import Role
from directory.models import Commune, Person, Unit
from directory.permissions import get_operator
from documents.models import Series
from reports.figures import initiative_targets
from xuanson_tdkt.spreadsheets import ImportFileError, check_upload

from . import calls, mergers, services, workbook
from .forms import (
    CommuneForm,
    CommuneMergeForm,
    DossierCallForm,
    ImportForm,
    InviteClerkForm,
    InviteOperatorForm,
    ProvinceForm,
    SeriesFormSet,
    YearForm,
)
from .importers import CommuneImporter
from .models import DossierCall, DossierReminder, NothingToSend
from .overview import DECIDERS, DOSSIER_STATES, LEVELS, province_year

SESSION_KEY = "provinces_import"
STALE_AFTER_SECONDS = 24 * 3600


def _operator(user):
    operator = get_operator(user)
    if operator is None or not user.has_perm("provinces.operate"):
        raise PermissionDenied
    return operator


def _commune(operator, pk):
    return get_object_or_404(Commune.objects.select_related("province", "successor"), pk=pk,
                             province=operator.province)


def communes_with_state(province, *, year=None):
    """The province's communes with their state as annotations (one query, whatever their number)."""
    today = timezone.localdate()
    year = year or today.year
    current_units = Unit.objects.filter(commune=OuterRef("pk")).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today)).filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    clerks = Person.objects.filter(commune=OuterRef("pk"), roles__role=Role.OFFICE_STAFF, user__isnull=False,
                                   user__is_active=True)
    return Commune.objects.filter(province=province).annotate(
        has_series=Exists(Series.objects.filter(commune=OuterRef("pk"))),
        has_units=Exists(current_units),
        clerk_active=Exists(clerks.filter(Q(user__invitation__accepted_at__isnull=False)
                                          | ~Q(user__password__startswith="!"))),
        clerk_invited=Exists(Invitation.objects.filter(
            user__person__commune=OuterRef("pk"), user__person__roles__role=Role.OFFICE_STAFF,
            user__is_active=True, accepted_at__isnull=True, user__password__startswith="!")),
        plan_issued=Exists(Plan.objects.annual().filter(commune=OuterRef("pk"), year=year, status=PlanStatus.ISSUED)),
    )


def _folded(text: str) -> str:
    return services._ascii(services.normalise(text))


@login_required
def commune_list(request):
    operator = _operator(request.user)
    query = request.GET.get("q", "").strip()
    communes = list(communes_with_state(operator.province))
    if query:
        communes = [c for c in communes if _folded(query) in _folded(c.name)]
    communes.sort(key=lambda commune: (text_sort_key(commune.name), commune.pk))
    return render(request, "provinces/commune_list.html", {
        "province": operator.province, "communes": communes, "query": query, "year": timezone.localdate().year,
    })


@login_required
def commune_create(request):
    operator = _operator(request.user)
    form = CommuneForm(request.POST or None, province=operator.province)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in services.COMMUNE_FIELDS}
        try:
            commune = services.create_commune(province=operator.province, by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The commune %(name)s is created with its document series.")
                             % {"name": commune})
            return redirect("provinces:commune_detail", commune.pk)
    return render(request, "provinces/commune_form.html", {"form": form, "title": _("New commune")})


@login_required
def commune_edit(request, pk):
    operator = _operator(request.user)
    commune = _commune(operator, pk)
    form = CommuneForm(request.POST or None, instance=commune, province=operator.province)
    formset = SeriesFormSet(request.POST or None, instance=commune, prefix="series")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        changes = {field: form.cleaned_data[field] for field in services.COMMUNE_FIELDS}
        try:
            services.update_commune(commune=commune, changes=changes, series_formset=formset, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The commune's data is saved."))
            return redirect("provinces:commune_detail", commune.pk)
    return render(request, "provinces/commune_form.html", {
        "form": form, "formset": formset, "commune": commune, "title": _("Edit %(name)s") % {"name": commune}})


@login_required
def commune_merge(request):
    """Communes merged into a new or an existing one from a date (NĐ on the reorganisation of communes)."""
    operator = _operator(request.user)
    form = CommuneMergeForm(request.POST or None, province=operator.province)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            successor = mergers.merge_communes(
                predecessors=data["predecessors"], into=data["into"], name=data["name"],
                kind_label=data["kind_label"], on=data["on"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The communes are merged into %(name)s.") % {"name": successor})
            return redirect("provinces:commune_detail", successor.pk)
    return render(request, "provinces/commune_merge.html", {"form": form})


@login_required
def commune_detail(request, pk):
    operator = _operator(request.user)
    commune = _commune(operator, pk)
    state = communes_with_state(operator.province).get(pk=commune.pk)
    return render(request, "provinces/commune_detail.html", {
        "commune": commune, "state": state, "series": Series.objects.filter(commune=commune),
        "predecessors": list(Commune.objects.filter(successor=commune).order_by("name")),
        "clerks": [(person, accounts.account_status(person)) for person in services.clerks(commune)],
    })


@login_required
def clerk_invite(request, pk):
    operator = _operator(request.user)
    commune = _commune(operator, pk)
    form = InviteClerkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invite_clerk(
                commune=commune, full_name=data["full_name"], gender=data["gender"], email=data["email"],
                position=data["position"], username=data["username"] or accounts.propose_username(data["full_name"]),
                by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The invitation is sent to %(email)s; the user name is %(username)s.")
                             % {"email": invitation.email, "username": invitation.user.username})
            return redirect("provinces:commune_detail", commune.pk)
    return render(request, "provinces/clerk_invite.html", {"form": form, "commune": commune})


@login_required
@require_POST
def clerk_resend(request, pk, person_pk):
    operator = _operator(request.user)
    commune = _commune(operator, pk)
    person = get_object_or_404(services.clerks(commune), pk=person_pk)
    try:
        invitation = accounts.resend_invitation(person=person, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The invitation is sent again to %(email)s.") % {"email": invitation.email})
    return redirect("provinces:commune_detail", commune.pk)


@login_required
def province_edit(request):
    operator = _operator(request.user)
    province = operator.province
    form = ProvinceForm(request.POST or None, instance=province)
    if request.method == "POST" and form.is_valid():
        services.update_province(province=province, changes=form.cleaned_data, by=request.user)
        messages.success(request, _("The province's data is saved."))
        return redirect("provinces:province_edit")
    return render(request, "provinces/province_form.html", {"form": form, "province": province})


# --- import ---------------------------------------------------------------------------------------------------------


def _import_dir() -> Path:
    directory = Path(settings.VAR_DIR) / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def _forget_upload(request) -> None:
    stored = request.session.pop(SESSION_KEY, None)
    if stored:
        (_import_dir() / stored["file"]).unlink(missing_ok=True)


def _sweep_stale_uploads() -> None:
    limit = time.time() - STALE_AFTER_SECONDS
    for old in _import_dir().glob("province-*.xlsx"):
        if old.stat().st_mtime < limit:
            old.unlink(missing_ok=True)


@login_required
def import_template(request):
    operator = _operator(request.user)
    stream = io.BytesIO()
    importer = CommuneImporter(province=operator.province, by=request.user)
    importer.template(stream)
    response = HttpResponse(stream.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{importer.template_filename}"'
    return response


@login_required
def import_upload(request):
    """GET: the form; POST: check the file, run a dry import and show the preview (nothing saved)."""
    operator = _operator(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": CommuneImporter.columns}
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        try:
            if uploaded is None:
                raise ImportFileError(_("Choose a file."))
            check_upload(uploaded)
        except ImportFileError as error:
            return render(request, "provinces/import.html", {**context, "file_error": str(error)}, status=400)
        _forget_upload(request)
        _sweep_stale_uploads()
        name = f"province-{secrets.token_hex(16)}.xlsx"
        with open(_import_dir() / name, "wb") as target:
            for chunk in uploaded.chunks():
                target.write(chunk)
        request.session[SESSION_KEY] = {"file": name, "name": uploaded.name[:200],
                                        "province": operator.province_id}
        result = CommuneImporter(province=operator.province, by=request.user).run(_import_dir() / name, commit=False)
        status = 200 if result.is_valid else 400
        return render(request, "provinces/import_preview.html", {
            **context, "result": result, "file_name": uploaded.name}, status=status)
    return render(request, "provinces/import.html", context)


@login_required
@require_POST
def import_confirm(request):
    """Import every row of the previewed file in one transaction, or nothing (and show the errors)."""
    operator = _operator(request.user)
    stored = request.session.get(SESSION_KEY)
    if (not stored or stored.get("province") != operator.province_id
            or not (_import_dir() / stored["file"]).exists()):
        messages.error(request, _("Upload the file again: the previewed file is no longer available."))
        return redirect("provinces:import")
    claimed = _import_dir() / f"claimed-{secrets.token_hex(4)}-{stored['file']}"
    try:
        os.rename(_import_dir() / stored["file"], claimed)
    except FileNotFoundError:
        messages.error(request, _("Upload the file again: the previewed file is no longer available."))
        return redirect("provinces:import")
    try:
        result = CommuneImporter(province=operator.province, by=request.user).run(claimed, commit=True)
    finally:
        claimed.unlink(missing_ok=True)
        request.session.pop(SESSION_KEY, None)
    if not result.is_valid:
        return render(request, "provinces/import_preview.html", {
            "result": result, "file_name": stored["name"], "columns": CommuneImporter.columns}, status=400)
    messages.success(request, _("%(count)s communes are imported.") % {"count": result.saved})
    return redirect("provinces:commune_list")


@login_required
def operator_list(request):
    """The province's operators (colleagues of the emulation office); any of them invites another."""
    operator = _operator(request.user)
    form = InviteOperatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invite_operator(
                province=operator.province, full_name=data["full_name"], email=data["email"],
                position=data["position"], username=data["username"] or accounts.propose_username(data["full_name"]),
                by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The invitation is sent to %(email)s; the user name is %(username)s.")
                             % {"email": invitation.email, "username": invitation.user.username})
            return redirect("provinces:operator_list")
    return render(request, "provinces/operator_list.html", {
        "form": form, "province": operator.province, "operators": services.operators(operator.province),
    })


# --- the province's view of a year -----------------------------------------------------------------------------------


def _year(request):
    """The year asked for (?year=), the current one by default; (year, form) with year None when the input is bad."""
    data = request.GET if "year" in request.GET else {"year": timezone.localdate().year}
    form = YearForm(data)
    return (form.cleaned_data["year"] if form.is_valid() else None), form


@login_required
@cached_page
def province_year_view(request):
    operator = _operator(request.user)
    year, form = _year(request)
    context = {"province": operator.province, "form": form, "year": year,
               "levels": [LEVELS[decider] for decider in DECIDERS], "dossier_states": DOSSIER_STATES}
    if year is None:
        return render(request, "provinces/province_year.html", context, status=400)
    # The same for every operator of the province: computed once a day and data generation, not once a visitor.
    context["view"] = shared_value(("province_year", operator.province.pk, year, timezone.localdate()),
                                   lambda: province_year(operator.province, year))
    context["staff_target"], context["applied_target"] = initiative_targets()
    return render(request, "provinces/province_year.html", context)


@login_required
def province_year_workbook(request):
    operator = _operator(request.user)
    year, form = _year(request)
    if year is None:
        return HttpResponseBadRequest(" ".join(form.errors.get("year", [])))
    view = province_year(operator.province, year)
    response = HttpResponse(workbook.build_workbook(view),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{workbook.filename(view)}"'
    return response


# --- the year's deadline for the communes' dossiers ------------------------------------------------------------------


@login_required
def call_edit(request):
    """The year's deadline and note (?year=), the communes that have not sent with the days they were reminded, and
    "remind now" (POST remind=1: once a day per commune, as the daily sweep)."""
    operator = _operator(request.user)
    province = operator.province
    year, year_form = _year(request)
    context = {"province": province, "year": year, "year_form": year_form}
    if year is None:
        return render(request, "provinces/call_edit.html", context, status=400)
    here = f"{reverse('provinces:call_edit')}?year={year}"
    call = calls.call_for(province, year)
    if request.method == "POST" and "remind" in request.POST:
        if call is None:
            messages.error(request, _("Set the deadline first."))
        else:
            reminded = calls.remind_call(call=call)
            messages.success(request, _("%(count)s communes were reminded.") % {"count": len(reminded)})
        return redirect(here)
    form = DossierCallForm(request.POST or None, instance=call or DossierCall(province=province, year=year))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.claim()  # the service saves its own copy of the call
                calls.set_dossier_call(province=province, year=year, due_on=form.cleaned_data["due_on"],
                                       note=form.cleaned_data["note"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The deadline is saved."))
            return redirect(here)
    if call is not None:
        reminded = {}
        for commune_id, day in DossierReminder.objects.filter(call=call).values_list("commune_id", "sent_on"):
            reminded.setdefault(commune_id, []).append(day)
        outstanding = [(commune, sorted(reminded.get(commune.pk, []), reverse=True))
                       for commune in calls.outstanding_communes(call)]
        declared = (NothingToSend.objects.filter(year=year, commune__in=calls.expected_communes(call))
                    .select_related("commune").order_by("commune__name", "commune__pk"))
        context.update(outstanding=outstanding, late=call.due_on < timezone.localdate(), declared=declared,
                       history=call.history.filter(history_change_reason="set_dossier_call")
                       .select_related("history_user").order_by("-history_date")[:10])
    context.update(form=form, call=call)
    return render(request, "provinces/call_edit.html", context)
