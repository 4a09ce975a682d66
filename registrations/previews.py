"""The previewed import, stored: an uploaded workbook is read and checked once, its rows kept with their errors and
plans (ImportPreview); the preview's pages read them, the confirm step saves exactly the previewed plans.

Between the two steps nothing holds the file or the rows in memory: the workbook is streamed (openpyxl read-only) and
checked CHUNK rows at a time, its rows are written in bulk, a page reads its 50 rows, and the confirm step reads the
stored rows in chunks, checks each again in one transaction (the commune's data may have changed since the preview)
and saves them in bulk. If any row's check now differs from the previewed one, nothing is saved: the stored rows are
updated to the new check and the preview is shown again with a message, to be confirmed or corrected.

A preview belongs to the user who uploaded the file (and to their commune and the kind of import): another user, even
holding its token, cannot read or confirm it. It is removed when confirmed, replaced by the user's next upload of the
same kind, and expires after EXPIRES_AFTER (expired previews are removed at every upload).
"""

import datetime
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xuanson_tdkt.bulk import insert_rows
from xuanson_tdkt.spreadsheets import ImportFileError, Row

from .models import ImportPreview, ImportPreviewRow

EXPIRES_AFTER = datetime.timedelta(days=1)
CHUNK = 1000  # rows checked, written and read at a time
SHOWN_ERROR_ROWS = 500  # rows with errors listed on every page of the preview; the count says how many in all


def _cell(value):
    """A cell as stored (JSON): numbers, text and booleans as they are, anything else (dates, times) as its text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def sweep_expired() -> int:
    """Remove the previews older than EXPIRES_AFTER (with their rows); how many were removed."""
    return ImportPreview.objects.filter(created_at__lt=timezone.now() - EXPIRES_AFTER).delete()[1].get(
        ImportPreview._meta.label, 0)


def create_preview(importer, source, *, kind: str, user, file_name: str) -> ImportPreview:
    """Read and check the workbook `source` (a checked upload) once, store its rows, errors and plans; the user's
    earlier preview of the same kind is replaced. The rows are checked as `importer.run` would (each after the rows
    above it), nothing of the commune is written."""
    sweep_expired()
    ImportPreview.objects.filter(user=user, kind=kind).delete()
    preview = ImportPreview.objects.create(token=secrets.token_urlsafe(32), kind=kind, commune=importer.commune,
                                           user=user, file_name=file_name[:200])
    headers = [column.header for column in importer.columns]
    try:
        importer.letters, rows = importer.open_rows(source)
        try:
            importer.prepare()
            chunk = []
            for row in rows:
                row.values = {header: _cell(value) for header, value in row.values.items()}
                plan = importer.check(row)
                chunk.append({"preview_id": preview.pk, "number": row.number, "errors": row.errors, "plan": plan,
                              "values": [row.values[header] for header in headers], "valid": plan is not None})
                preview.row_count += 1
                preview.error_count += plan is None
                if len(chunk) >= CHUNK:
                    insert_rows(ImportPreviewRow, chunk)
                    chunk = []
            insert_rows(ImportPreviewRow, chunk)
        finally:
            importer.close()
    except ImportFileError as error:
        preview.rows.all().delete()
        preview.row_count = preview.error_count = 0
        preview.file_errors = [str(error)]
    except BaseException:
        preview.delete()  # never a preview of part of a file
        raise
    if not preview.row_count and not preview.file_errors:
        preview.file_errors = [_("The file has no data rows.")]
    preview.letters = importer.letters if not preview.file_errors else {}
    preview.save(update_fields=["row_count", "error_count", "file_errors", "letters"])
    return preview


def get_preview(token, *, user, kind: str, commune) -> ImportPreview | None:
    """The user's stored preview named by `token`, if it is theirs, of this kind and commune, and not expired."""
    if not token or not getattr(user, "pk", None):
        return None
    return ImportPreview.objects.filter(token=token, user=user, kind=kind, commune=commune,
                                        created_at__gte=timezone.now() - EXPIRES_AFTER).first()


def discard_preview(token, *, user) -> None:
    if token and getattr(user, "pk", None):
        ImportPreview.objects.filter(token=token, user=user).delete()


@dataclass
class Outcome:
    """What the preview page says of the whole file: valid or not, how many rows, and the errors shown."""

    row_count: int
    errors: list[str] = field(default_factory=list)
    error_count: int = 0  # rows with errors, in all
    changed: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.errors and self.row_count > 0


def error_rows(preview: ImportPreview) -> list[Row]:
    """The first SHOWN_ERROR_ROWS rows with errors, in the order of the file."""
    return [Row(number=stored.number, values=stored.values, errors=list(stored.errors))
            for stored in preview.rows.filter(valid=False)[:SHOWN_ERROR_ROWS]]


def outcome(preview: ImportPreview, shown_error_rows: list[Row]) -> Outcome:
    return Outcome(row_count=preview.row_count, error_count=preview.error_count, changed=preview.changed,
                   errors=list(preview.file_errors) + [error for row in shown_error_rows for error in row.errors])


def valid_rows(preview: ImportPreview):
    """The valid rows, in the order of the file (a queryset: a page of them is read with LIMIT/OFFSET)."""
    # "preview" too: the related manager sets each row's preview from its preview_id, a query per row if deferred.
    return preview.rows.filter(valid=True).only("preview", "number", "values")


@dataclass
class Committed:
    saved: int = 0
    gone: bool = False  # no such preview (confirmed already, expired, another user's)
    changed: bool = False  # the rows checked again differ from the preview: nothing saved, the preview updated
    invalid: bool = False  # the preview itself had errors: nothing to save


def commit_preview(preview: ImportPreview, importer) -> Committed:
    """Save the plans of every previewed row in one transaction, or nothing.

    The preview is locked (a second click or a second tab waits, then finds it gone); every stored row is checked
    again, in the order of the file, against the commune's data as they are now; if each check gives the plan that
    was previewed, the plans are saved (importer.save, in bulk) and the preview removed. Otherwise nothing is saved,
    and the stored rows take the new checks (preview.changed) for the preview to show."""
    headers = [column.header for column in importer.columns]
    differing: list[ImportPreviewRow] = []
    with transaction.atomic():
        locked = ImportPreview.objects.select_for_update().filter(pk=preview.pk).first()
        if locked is None:
            return Committed(gone=True)
        if locked.error_count or locked.file_errors or not locked.row_count:
            return Committed(invalid=True)
        importer.letters = locked.letters
        importer.prepare()
        result, plans = Committed(), []
        stored_rows = locked.rows.order_by("number").values_list("pk", "number", "values", "plan")
        for pk, number, values, stored_plan in stored_rows.iterator(chunk_size=CHUNK):
            row = Row(number=number, values=dict(zip(headers, values, strict=True)))
            plan = importer.check(row)
            if plan != stored_plan:
                differing.append(ImportPreviewRow(pk=pk, plan=plan, errors=row.errors, valid=plan is not None))
            elif not differing:
                plans.append(plan)
                if len(plans) >= CHUNK:
                    result.saved += importer.save(plans)
                    plans = []
        if not differing:
            if plans:
                result.saved += importer.save(plans)
            locked.delete()
            return result
        transaction.set_rollback(True)
    # Outside the rolled-back transaction: the preview now shows the rows as they were checked at this step.
    ImportPreviewRow.objects.bulk_update(differing, ["plan", "errors", "valid"], batch_size=CHUNK)
    preview.error_count = preview.rows.filter(valid=False).count()
    preview.changed = True
    preview.save(update_fields=["error_count", "changed"])
    return Committed(changed=True)
