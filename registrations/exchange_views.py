"""Exchange with the cluster and the town: the summary workbook and CSV, a unit's registration form as an official
PDF, and the Excel import of people and registrations (upload → preview → confirm, all rows or none).

Between preview and confirm the uploaded file waits under VAR_DIR/imports/ with a random name that only the session
knows; the confirm step reads the name from the session, never from the form. The preview shows every error first,
then the valid rows 50 to a page; its other pages (GET …/preview/?page=N) check the same stored file again.
"""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.enums import UnitKind
from directory.models import Unit
from directory.permissions import get_actor
from documents.delivery import pdf_download, serve_pdf
from documents.rendering import render_pdf

from .exporters import RECIPIENT_KIND_LABELS, RegistrationSummaryExporter
from .importers import IMPORTERS, ImportFileError, check_upload, forget_upload, import_dir, run_stored, store_upload
from .models import Registration

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "registrations_import"
PREVIEW_PAGE_SIZE = 50


# --- access -----------------------------------------------------------------------------------------------------------


def _require_actor(user):
    actor = get_actor(user)
    if actor is None:
        raise PermissionDenied
    return actor


def _visible_unit_ids(actor):
    """None for the whole commune (office, council, chairman); else the units the actor leads; 403 for neither."""
    if actor.sees_whole_commune:
        return None
    if actor.is_unit_leader:
        return actor.led_unit_ids
    raise PermissionDenied


def _require_office(user):
    actor = _require_actor(user)
    if not actor.is_office_staff:
        raise PermissionDenied
    return actor


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError as error:
        raise Http404 from error
    if not 2000 <= year <= 2100:
        raise Http404
    return year


# --- exports ----------------------------------------------------------------------------------------------------------


def _summary_exporter(request) -> RegistrationSummaryExporter:
    actor = _require_actor(request.user)
    unit_ids = _visible_unit_ids(actor)
    return RegistrationSummaryExporter(commune=actor.commune, year=_year(request), unit_ids=unit_ids)


@login_required
def summary_xlsx(request):
    exporter = _summary_exporter(request)
    # Written to a temporary file (write-only mode streams rows there), then sent from it: memory stays flat.
    stream = tempfile.TemporaryFile()
    exporter.write_xlsx(stream)
    stream.seek(0)
    return FileResponse(stream, as_attachment=True, filename=f"{exporter.filename}.xlsx", content_type=XLSX_TYPE)


@login_required
def registrations_csv(request):
    exporter = _summary_exporter(request)
    response = StreamingHttpResponse(exporter.csv_lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exporter.filename}.csv"'
    return response


SIGNER_TITLES = {UnitKind.HAMLET: "TRƯỞNG THÔN", UnitKind.RESIDENTIAL_GROUP: "TỔ TRƯỞNG TỔ DÂN PHỐ"}


@login_required
@pdf_download
def unit_form_pdf(request):
    actor = _require_actor(request.user)
    visible = _visible_unit_ids(actor)
    year = _year(request)
    try:
        unit_pk = int(request.GET.get("unit", ""))
    except ValueError as error:
        raise Http404 from error
    units = Unit.objects.filter(commune=actor.commune).select_related("leader", "commune")
    if visible is not None:
        units = units.filter(pk__in=visible)  # another unit's form does not exist for a unit leader
    unit = get_object_or_404(units, pk=unit_pk)
    return serve_pdf(request, key=f"unit-form:{unit.pk}:{year}", filename=f"dang-ky-thi-dua-{year}-{unit.pk}.pdf",
                     build=lambda: _unit_form_pdf(unit, year))


def _unit_form_pdf(unit, year) -> bytes:
    registrations = (
        Registration.objects.filter(unit=unit, year=year)
        .select_related("title", "person", "initiative")
        .order_by("title__position", "person__sort_key", "pk")
    )
    return render_pdf("registrations/unit_form_document.html", {
        "document": _unit_form_document(unit, year),
        "unit": unit,
        "year": year,
        "rows": [(registration, RECIPIENT_KIND_LABELS.get(registration.recipient_kind, ""))
                 for registration in registrations],
    })


def _unit_form_document(unit, year):
    """What documents/base.html reads from a document, for a unit's own form (no register number)."""
    from types import SimpleNamespace

    commune = unit.commune
    today = timezone.localdate()
    month = f"{today.month:02d}" if today.month <= 2 else str(today.month)
    return SimpleNamespace(
        code="......",
        series=SimpleNamespace(parent_body=f"UBND {commune.upper_name}", issuing_body_lines=[unit.name]),
        place_and_date=f"{commune.place}, ngày {today.day:02d} tháng {month} năm {today.year}",
        heading="BẢN ĐĂNG KÝ THI ĐUA",
        summary=f"Danh hiệu thi đua, hình thức khen thưởng năm {year}",
        recipient_lines=[f"UBND {commune.kind_label} {commune.name} (Văn phòng - Thống kê)", "Lưu."],
        capacity="",
        signer_title=SIGNER_TITLES.get(unit.kind, "THỦ TRƯỞNG ĐƠN VỊ"),
        signer_name=unit.leader.full_name if unit.leader else "",
    )


# --- import -----------------------------------------------------------------------------------------------------------


def _forget_upload(request) -> None:
    stored = request.session.pop(SESSION_KEY, None)
    if stored:
        forget_upload(stored["file"])


def _importer(kind, actor):
    return IMPORTERS[kind](commune=actor.commune, by=actor.user)


@login_required
def import_upload(request, kind):
    """Upload (GET: the form; POST: check the file, run a dry import and show the preview)."""
    actor = _require_office(request.user)
    importer = _importer(kind, actor)
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        try:
            if uploaded is None:
                raise ImportFileError(_("Choose a file."))
            check_upload(uploaded)
        except ImportFileError as error:
            return render(request, "registrations/exchange_import.html",
                          {"kind": kind, "file_error": str(error)}, status=400)
        _forget_upload(request)
        name = store_upload(uploaded)
        request.session[SESSION_KEY] = {"kind": kind, "file": name, "name": uploaded.name[:200]}
        result = importer.run(import_dir() / name, commit=False)
        return _render_preview(request, kind, result, uploaded.name, importer)
    return render(request, "registrations/exchange_import.html", {"kind": kind})


def _stored_upload(request, kind):
    """The session's previewed file of this kind, if it is still there (else None)."""
    stored = request.session.get(SESSION_KEY)
    if not stored or stored.get("kind") != kind or not (import_dir() / stored["file"]).exists():
        return None
    return stored


def _render_preview(request, kind, result, file_name, importer, *, status=200):
    """Every error first (with the rows they are on), then the valid rows, PREVIEW_PAGE_SIZE to a page."""
    error_rows = [row for row in result.rows if row.errors]
    valid_rows = [row for row in result.rows if not row.errors]
    page = Paginator(valid_rows, PREVIEW_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registrations/exchange_preview.html", {
        "kind": kind, "result": result, "file_name": file_name, "columns": importer.columns,
        "error_rows": error_rows, "valid_count": len(valid_rows), "page": page,
    }, status=status)


@login_required
def import_preview(request, kind):
    """Another page of the preview: the stored file is checked again (a dry run), nothing is saved."""
    actor = _require_office(request.user)
    stored = _stored_upload(request, kind)
    if stored is None:
        messages.error(request, _("Upload the file again: the previewed file is no longer available."))
        return redirect(f"registrations:import_{kind}")
    importer = _importer(kind, actor)
    result = importer.run(import_dir() / stored["file"], commit=False)
    return _render_preview(request, kind, result, stored["name"], importer)


@login_required
@require_POST
def import_confirm(request, kind):
    """Import every row of the previewed file in one transaction, or nothing (and show the preview again)."""
    actor = _require_office(request.user)
    stored = _stored_upload(request, kind)
    if stored is None:
        messages.error(request, _("Upload the file again: the previewed file is no longer available."))
        return redirect(f"registrations:import_{kind}")
    importer = _importer(kind, actor)
    result = run_stored(stored["file"], lambda path: importer.run(path, commit=True))
    if result is None:
        messages.error(request, _("Upload the file again: the previewed file is no longer available."))
        return redirect(f"registrations:import_{kind}")
    if not result.is_valid:
        return _render_preview(request, kind, result, stored["name"], importer, status=400)
    _forget_upload(request)
    messages.success(request, _("%(count)s rows have been imported.") % {"count": result.saved})
    return redirect(f"registrations:import_{kind}")


@login_required
def import_template(request, kind):
    _require_office(request.user)
    importer_class = IMPORTERS[kind]
    stream = tempfile.TemporaryFile()
    importer_class(commune=None, by=None).template(stream)
    stream.seek(0)
    return FileResponse(stream, as_attachment=True, filename=importer_class.template_filename,
                        content_type=XLSX_TYPE)


urlpatterns = [
    path("exchange/summary.xlsx", summary_xlsx, name="summary_xlsx"),
    path("exchange/registrations.csv", registrations_csv, name="registrations_csv"),
    path("exchange/unit-form.pdf", unit_form_pdf, name="unit_form_pdf"),
    path("exchange/import/people/", import_upload, {"kind": "people"}, name="import_people"),
    path("exchange/import/people/preview/", import_preview, {"kind": "people"}, name="import_people_preview"),
    path("exchange/import/people/confirm/", import_confirm, {"kind": "people"}, name="import_people_confirm"),
    path("exchange/import/people/template.xlsx", import_template, {"kind": "people"},
         name="import_template_people"),
    path("exchange/import/registrations/", import_upload, {"kind": "registrations"}, name="import_registrations"),
    path("exchange/import/registrations/preview/", import_preview, {"kind": "registrations"},
         name="import_registrations_preview"),
    path("exchange/import/registrations/confirm/", import_confirm, {"kind": "registrations"},
         name="import_registrations_confirm"),
    path("exchange/import/registrations/template.xlsx", import_template, {"kind": "registrations"},
         name="import_template_registrations"),
]
