"""Exchange with the cluster and the town: the summary workbook and CSV, a unit's registration form as an official
PDF, and the Excel import of people and registrations (upload → preview → confirm, all rows or none).

The uploaded file is read and checked once; its checked rows are stored (registrations.previews) under a token that
only the uploader's session knows, for that user only; the confirm step reads the token from the session, never from
the form, and saves exactly the previewed rows. The preview shows the errors first, then the valid rows 50 to a page;
its other pages (GET …/preview/?page=N) read the stored rows.
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

from . import previews
from .exporters import RECIPIENT_KIND_LABELS, RegistrationSummaryExporter
from .importers import IMPORTERS, ImportFileError, check_upload
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


def _importer(kind, actor):
    return IMPORTERS[kind](commune=actor.commune, by=actor.user)


def _stored_preview(request, kind, actor):
    """The user's previewed file of this kind, if it is still there (else None)."""
    stored = request.session.get(SESSION_KEY) or {}
    if stored.get("kind") != kind:
        return None
    return previews.get_preview(stored.get("token"), user=request.user, kind=kind, commune=actor.commune)


@login_required
def import_upload(request, kind):
    """Upload (GET: the form; POST: check the file once, store its checked rows and show the first page)."""
    actor = _require_office(request.user)
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        try:
            if uploaded is None:
                raise ImportFileError(_("Choose a file."))
            check_upload(uploaded)
        except ImportFileError as error:
            return render(request, "registrations/exchange_import.html",
                          {"kind": kind, "file_error": str(error)}, status=400)
        importer = _importer(kind, actor)
        preview = previews.create_preview(importer, uploaded, kind=kind, user=request.user, file_name=uploaded.name)
        request.session[SESSION_KEY] = {"kind": kind, "token": preview.token}
        return _render_preview(request, kind, preview, importer)
    return render(request, "registrations/exchange_import.html", {"kind": kind})


def _render_preview(request, kind, preview, importer, *, status=200):
    """Every error first (with the rows they are on), then the valid rows, PREVIEW_PAGE_SIZE to a page: all read from
    the stored preview, the file is not checked again."""
    error_rows = previews.error_rows(preview)
    valid_count = preview.row_count - preview.error_count
    paginator = Paginator(previews.valid_rows(preview), PREVIEW_PAGE_SIZE)
    paginator.count = valid_count  # known: no COUNT query
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "registrations/exchange_preview.html", {
        "kind": kind, "result": previews.outcome(preview, error_rows), "file_name": preview.file_name,
        "columns": importer.columns, "error_rows": error_rows, "error_count": preview.error_count,
        "hidden_error_rows": preview.error_count - len(error_rows), "valid_count": valid_count, "page": page,
    }, status=status)


@login_required
def import_preview(request, kind):
    """Another page of the preview, read from the stored rows: nothing is checked again, nothing is saved."""
    actor = _require_office(request.user)
    preview = _stored_preview(request, kind, actor)
    if preview is None:
        messages.error(request, _("Upload the file again: the previewed file is no longer available."))
        return redirect(f"registrations:import_{kind}")
    return _render_preview(request, kind, preview, _importer(kind, actor))


@login_required
@require_POST
def import_confirm(request, kind):
    """Import every row of the preview, as previewed, in one transaction, or nothing (and show the preview again)."""
    actor = _require_office(request.user)
    preview = _stored_preview(request, kind, actor)
    gone = _("Upload the file again: the previewed file is no longer available.")
    if preview is None:
        messages.error(request, gone)
        return redirect(f"registrations:import_{kind}")
    importer = _importer(kind, actor)
    committed = previews.commit_preview(preview, importer)
    if committed.gone:
        messages.error(request, gone)
        return redirect(f"registrations:import_{kind}")
    if committed.invalid or committed.changed:
        if committed.changed:
            preview.refresh_from_db()
            messages.error(request, _("Nothing has been imported: the commune's data changed after the preview, and "
                                      "the rows below were checked again. Confirm again if they are right."))
        return _render_preview(request, kind, preview, importer, status=400)
    request.session.pop(SESSION_KEY, None)
    messages.success(request, _("%(count)s rows have been imported.") % {"count": committed.saved})
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
