"""The office's Excel import of units, people and accounts: download the template, upload (checked, previewed with
every error by sheet, row and column, nothing saved), confirm (all rows in one transaction, or none).

Always into the office clerk's own commune. Between preview and confirm the file waits where the registrations import
keeps its own (registrations.importers.store_upload), under a random name that only the session knows.
"""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from registrations.importers import ImportFileError, check_upload, forget_upload, import_dir, run_stored, store_upload

from .importers import PEOPLE_SHEET, UNITS_SHEET, DirectoryImporter
from .views import _manager

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "directory_import"
PREVIEW_ROWS = 100  # valid rows shown per sheet; errors are always all shown


def _importer(request, actor):
    return DirectoryImporter(commune=actor.commune, by=request.user)


def _forget(request) -> None:
    stored = request.session.pop(SESSION_KEY, None)
    if stored:
        forget_upload(stored["file"])


def _preview(request, result, file_name, importer, *, status=200):
    sheets = []
    for title, columns, rows in ((UNITS_SHEET, importer.unit_columns, result.unit_rows),
                                 (PEOPLE_SHEET, importer.people_columns, result.people_rows)):
        valid = [row for row in rows if not row.errors]
        sheets.append({"title": title, "columns": columns, "count": len(rows),
                       "error_rows": [row for row in rows if row.errors],
                       "valid_rows": valid[:PREVIEW_ROWS], "valid_count": len(valid),
                       "more": max(0, len(valid) - PREVIEW_ROWS)})
    return render(request, "directory/import_preview.html", {
        "result": result, "file_name": file_name, "sheets": sheets}, status=status)


@login_required
def import_upload(request):
    """GET: the steps and the upload form; POST: check the file, run a dry import and show the preview."""
    actor = _manager(request.user)
    if request.method == "POST":
        uploaded = request.FILES.get("file")
        try:
            if uploaded is None:
                raise ImportFileError(_("Choose a file."))
            check_upload(uploaded)
        except ImportFileError as error:
            return render(request, "directory/import.html", {"file_error": str(error)}, status=400)
        _forget(request)
        name = store_upload(uploaded)
        request.session[SESSION_KEY] = {"file": name, "name": uploaded.name[:200]}
        importer = _importer(request, actor)
        result = importer.run(import_dir() / name, commit=False)
        if not result.is_valid:
            _forget(request)  # nothing to confirm: the corrected file is uploaded again
        return _preview(request, result, uploaded.name, importer)
    return render(request, "directory/import.html", {})


@login_required
@require_POST
def import_confirm(request):
    """Import every row of the previewed file in one transaction, or nothing (and show the preview again)."""
    actor = _manager(request.user)
    stored = request.session.get(SESSION_KEY)
    gone = _("Upload the file again: the previewed file is no longer available.")
    if not stored:
        messages.error(request, gone)
        return redirect("directory:import")
    importer = _importer(request, actor)
    result = run_stored(stored["file"], lambda path: importer.run(path, commit=True))
    if result is None:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, gone)
        return redirect("directory:import")
    if not result.is_valid:
        _forget(request)
        return _preview(request, result, stored["name"], importer, status=400)
    request.session.pop(SESSION_KEY, None)
    created = result.created
    messages.success(request, _("Imported: %(units)s units, %(people)s people, %(roles)s roles, %(leaders)s unit "
                                "leaders, %(accounts)s accounts (their invitations are being sent).") % {
        "units": created["units"], "people": created["people"], "roles": created["roles"],
        "leaders": created["leaders"], "accounts": created["accounts"]})
    return redirect("directory:person_list")


@login_required
def import_template(request):
    """The template, built for the clerk's commune (its current units in the drop-down list)."""
    actor = _manager(request.user)
    stream = tempfile.TemporaryFile()
    _importer(request, actor).template(stream)
    stream.seek(0)
    return FileResponse(stream, as_attachment=True, filename=DirectoryImporter.template_filename,
                        content_type=XLSX_TYPE)
