"""Excel imports from downloadable templates, the machinery every app's import shares: upload checks (type, size, ZIP
bombs), the previewed file kept between preview and confirm, reading a sheet by its headers, row errors named by row,
column letter and header, and the all-or-nothing run.

An import reads the workbook (openpyxl read-only, cached values instead of formulas), checks every row and names each
problem. Sheets are read as offices fill them: a merged range gives its top-left value to every cell it covers (a unit
merged over several rows), and a formula the workbook holds no value for is named in its row's errors. It always
runs inside one transaction: a preview (dry run) and any file with an error roll it back, so nothing is saved unless
every row is valid. The apps' importers (registrations, directory people and accounts,
a province's communes) subclass Importer or use read_sheet for workbooks of several sheets.
"""

import datetime
import html
import os
import re
import secrets
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import column_index_from_string, get_column_letter

XLSX_SIGNATURE = b"PK\x03\x04"  # an .xlsx file is a ZIP archive
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
MAX_ZIP_MEMBERS = 1000
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # a bound on what one upload may make the server read
HEADER_SEARCH_ROWS = 10  # the header row may sit below a title in the first rows
STALE_AFTER = datetime.timedelta(days=1)  # a previewed file nobody confirmed is removed after this


def max_upload_bytes() -> int:
    return getattr(settings, "UPLOAD_MAX_BYTES", None) or DEFAULT_MAX_BYTES


class ImportFileError(Exception):
    """The file as a whole cannot be read (not an Excel workbook, too large, headers missing)."""


def normalise_name(text) -> str:
    """A key to compare names typed in a spreadsheet: NFC, one space, case-insensitive."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text or ""))).strip().casefold()


def check_upload(uploaded) -> None:
    """Refuse files over the size limit and anything that is not a ZIP archive, whatever its name says."""
    limit = max_upload_bytes()
    if uploaded.size > limit:
        raise ImportFileError(_("The file is larger than %(size)s MB.") % {"size": f"{limit / 1024 / 1024:g}"})
    uploaded.seek(0)
    head = uploaded.read(4)
    uploaded.seek(0)
    not_xlsx = ImportFileError(_("The file is not an Excel workbook (.xlsx)."))
    if head != XLSX_SIGNATURE:
        raise not_xlsx
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise not_xlsx from error
    finally:
        uploaded.seek(0)
    # A Word file is a ZIP too; and a small archive may claim to unpack to gigabytes: refuse both unread.
    if "xl/workbook.xml" not in {member.filename for member in members}:
        raise not_xlsx
    if len(members) > MAX_ZIP_MEMBERS or sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise ImportFileError(_("The workbook is too large to be read."))


# --- the previewed file, kept between the preview and the confirm step ----------------------------------------------
# It waits under VAR_DIR/imports/ with a random name that only the session knows; the confirm step reads the name from
# the session, never from the form.


def import_dir() -> Path:
    directory = Path(settings.VAR_DIR) / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def sweep_stale_uploads() -> None:
    limit = time.time() - STALE_AFTER.total_seconds()
    for old in import_dir().glob("*.xlsx"):
        if old.stat().st_mtime < limit:
            old.unlink(missing_ok=True)


def store_upload(uploaded) -> str:
    """Write a checked upload under a random name in import_dir() (removing stale ones); returns the name."""
    sweep_stale_uploads()
    name = f"{secrets.token_hex(16)}.xlsx"
    with open(import_dir() / name, "wb") as target:
        for chunk in uploaded.chunks():
            target.write(chunk)
    return name


def forget_upload(name) -> None:
    if name:
        (import_dir() / name).unlink(missing_ok=True)


def run_stored(name: str, run):
    """Run `run(path)` (an import with commit=True) on the stored file `name`, claimed first: a second click or a
    second tab finds it gone and imports nothing (None). The file is removed when the result is valid, else put back
    so that the preview may be looked at again."""
    claimed = import_dir() / f"claimed-{secrets.token_hex(4)}-{name}"  # keeps its .xlsx suffix
    try:
        os.rename(import_dir() / name, claimed)
    except FileNotFoundError:
        return None
    try:
        result = run(claimed)
    except BaseException:
        os.rename(claimed, import_dir() / name)
        raise
    if result.is_valid:
        claimed.unlink(missing_ok=True)
    else:
        os.rename(claimed, import_dir() / name)  # nothing was saved: the preview may be corrected
    return result


@dataclass
class Column:
    header: str
    required: bool = False


@dataclass
class Row:
    number: int  # the row number in the sheet, as Excel shows it
    values: dict  # header → cell value
    errors: list[str] = field(default_factory=list)
    formulas: set = field(default_factory=set)  # headers whose cell is a formula without a value (named in errors)


@dataclass
class ImportResult:
    rows: list[Row]
    file_errors: list[str] = field(default_factory=list)
    saved: int = 0

    @property
    def errors(self) -> list[str]:
        return self.file_errors + [error for row in self.rows for error in row.errors]

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def row_count(self) -> int:
        return len(self.rows)


def open_workbook(path):
    """The workbook in read-only mode (rows are streamed, cached values instead of formulas); ImportFileError if it
    is not one."""
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from error


def read_sheet(sheet, columns: list[Column], *, max_rows: int = MAX_ROWS) -> tuple[list[Row], dict[str, str]]:
    """The rows of one sheet of an open workbook, with values by header (the header row may sit below a title), and
    the column letter of each header; ImportFileError when the headers are missing, the sheet is damaged or has more
    than `max_rows` rows."""
    letters, rows = stream_sheet(sheet, columns, max_rows=max_rows)
    return list(rows), letters


# A merged range and a formula cell as the sheet's XML writes them (any namespace prefix). Formulas are rare in the
# files offices send, so the sheet is scanned with a regular expression (C speed, chunk by chunk), not parsed twice.
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?"')
_FORMULA_CELL = re.compile(
    rb'<(?:\w+:)?c\s([^>]*?)>\s*<(?:\w+:)?f\b([^>]*?)(?:/>|>([^<]*)</(?:\w+:)?f>)\s*'
    rb'(?:<(?:\w+:)?v\b[^>]*?>([^<]*)<|</(?:\w+:)?c>|<(?:\w+:)?is\b)')
_CELL_REF = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_SCAN_CHUNK = 1024 * 1024
_SCAN_OVERLAP = 64 * 1024  # longer than any cell's XML (Excel caps a formula at 8,192 characters)


@dataclass
class SheetExtras:
    """What read-only openpyxl does not give: the merged ranges (min_col, min_row, max_col, max_row), 1-based, and
    the formula cells with no cached value {(row, column): formula text}."""

    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)


def scan_sheet(sheet) -> SheetExtras:
    """The merged ranges and the value-less formulas of a sheet, read in one streamed pass over its XML."""

    extras = SheetExtras()
    get_source = getattr(sheet, "_get_source", None)
    if get_source is None:  # a sheet loaded in full (not read-only) knows its merged ranges
        extras.merged = [(r.min_col, r.min_row, r.max_col, r.max_row) for r in sheet.merged_cells.ranges]
        return extras
    with get_source() as source:
        tail = b""
        while True:
            chunk = source.read(_SCAN_CHUNK)
            buffer = tail + chunk
            done = 0
            for match in _MERGE.finditer(buffer):
                first_col, first_row, last_col, last_row = match.groups()
                extras.merged.append((column_index_from_string(first_col.decode()), int(first_row),
                                      column_index_from_string((last_col or first_col).decode()),
                                      int(last_row or first_row)))
                done = match.end()
            for match in _FORMULA_CELL.finditer(buffer):
                done = max(done, match.end())
                # What follows the formula tells: its cached value <v>, or an empty <v/> (openpyxl writes one) or the
                # cell's end, no value.
                attributes, _formula_attrs, text, cached = match.groups()
                ref = _CELL_REF.search(attributes)
                if not cached and ref is not None:
                    key = (int(ref.group(2)), column_index_from_string(ref.group(1).decode()))
                    extras.formulas[key] = html.unescape((text or b"").decode("utf-8", "replace"))
            if not chunk:
                break
            tail = buffer[max(done, len(buffer) - _SCAN_OVERLAP):]
    return extras


class _MergeFiller:
    """Fills each row's cells covered by a merged range with the range's top-left value, rows streamed in order:
    only the ranges the current row lies in are held."""

    def __init__(self, merged):
        self.pending = sorted(merged, key=lambda r: r[1])
        self.next = 0  # the first range of `pending` not yet reached
        self.active: list[tuple[tuple[int, int, int, int], object]] = []

    def fill(self, number: int, values: tuple) -> tuple:
        if self.active:
            self.active = [item for item in self.active if item[0][3] >= number]
        while self.next < len(self.pending) and self.pending[self.next][1] <= number:
            merged = self.pending[self.next]
            self.next += 1
            if merged[3] >= number:
                top_left = values[merged[0] - 1] if merged[1] == number and merged[0] <= len(values) else None
                self.active.append((merged, top_left))
        if not self.active:
            return values
        values = list(values)
        for (min_col, _min_row, max_col, _max_row), top_left in self.active:
            if len(values) < max_col:
                values.extend([None] * (max_col - len(values)))
            for column in range(min_col, max_col + 1):
                values[column - 1] = top_left
        return tuple(values)


def stream_sheet(sheet, columns: list[Column], *, max_rows: int = MAX_ROWS):
    """(column letter of each header, an iterator of the rows): like read_sheet, but the rows are read one at a time
    from the read-only workbook while the iterator is consumed, so memory does not grow with them. The header row is
    looked for at once (ImportFileError if missing); a damaged sheet or too many rows raise ImportFileError from the
    iterator."""
    try:
        extras = scan_sheet(sheet)
    except Exception as error:
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from error
    filler = _MergeFiller(extras.merged)
    rows = sheet.iter_rows(values_only=True)
    letters, header_number = {}, 0
    try:
        for number, values in enumerate(rows, 1):
            values = filler.fill(number, values)
            found = {}  # a header merged across columns names its first one
            for index, value in enumerate(values):
                if value is not None:
                    found.setdefault(normalise_name(value), index)
            if all(normalise_name(column.header) in found for column in columns if column.required):
                letters = {column.header: found.get(normalise_name(column.header)) for column in columns}
                header_number = number
                break
            if number >= HEADER_SEARCH_ROWS:
                break
    except Exception as error:
        # Read-only workbooks parse lazily: a damaged sheet (bad XML, bad CRC) fails here, not on opening.
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from error
    if not header_number:
        raise ImportFileError(_("The header row is missing; the first row must hold the columns: %(names)s.")
                              % {"names": ", ".join(c.header for c in columns)})

    def data_rows():
        try:
            for number, values in enumerate(rows, header_number + 1):
                if number - header_number > max_rows:
                    raise ImportFileError(_("The file has more than %(count)s rows.") % {"count": f"{max_rows:,}"})
                values = filler.fill(number, values)
                cells = {header: (clean_cell(values[index]) if index is not None and index < len(values) else None)
                         for header, index in letters.items()}  # fmt: skip
                unread = [(header, index) for header, index in letters.items()
                          if index is not None and (number, index + 1) in extras.formulas]
                if all(value is None for value in cells.values()) and not unread:
                    continue
                row = Row(number=number, values=cells)
                for header, index in unread:
                    row.formulas.add(header)
                    row.errors.append(
                        _("Cell %(cell)s holds a formula (=%(formula)s) with no value: paste the value instead of "
                          "the formula.") % {"cell": f"{get_column_letter(index + 1)}{number}",
                                             "formula": extras.formulas[(number, index + 1)] or "…"})
                yield row
        except ImportFileError:
            raise
        except Exception as error:
            raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from error

    return ({header: get_column_letter(index + 1) for header, index in letters.items() if index is not None},
            data_rows())


class Importer:
    """Subclasses give `columns`, `example` and `import_row(row, cell)` (which saves, or raises RowError)."""

    columns: list[Column] = []
    example: list = []
    template_title = ""
    template_filename = "mau-nhap.xlsx"

    def __init__(self, *, commune, by):
        self.commune = commune
        self.by = by

    # --- the template -----------------------------------------------------------------------------------------------

    def template(self, stream) -> None:
        """The downloadable template: headers and one example row."""
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = self.template_title[:31]
        sheet.append([column.header for column in self.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.append(self.example)
        for index, column in enumerate(self.columns, 1):
            sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.header) + 4)
        workbook.save(stream)

    # --- reading ----------------------------------------------------------------------------------------------------

    def read(self, path) -> tuple[list[Row], dict[str, str]]:
        """Rows with values by header, and the column letter of each header; ImportFileError if unreadable."""
        workbook = open_workbook(path)
        try:
            return read_sheet(workbook.worksheets[0], self.columns)
        finally:
            workbook.close()

    def error(self, row: Row, header: str, message: str) -> None:
        letter = self.letters.get(header, "?")
        row.errors.append(_("Row %(row)s, column %(column)s (%(header)s): %(message)s") % {
            "row": row.number, "column": letter, "header": header, "message": message})

    # --- running ----------------------------------------------------------------------------------------------------

    def run(self, path, *, commit: bool) -> ImportResult:
        """Check (and with commit=True save) every row in one transaction; any error rolls everything back."""
        try:
            rows, self.letters = self.read(path)
        except ImportFileError as error:
            return ImportResult(rows=[], file_errors=[str(error)])
        result = ImportResult(rows=rows)
        if not rows:
            result.file_errors.append(_("The file has no data rows."))
            return result
        with transaction.atomic():
            self.prepare()
            for row in rows:
                self.check_required(row)
                if not row.errors:
                    self.import_row(row)
                    if not row.errors:
                        result.saved += 1
            if not commit or result.errors:
                transaction.set_rollback(True)
                if result.errors:
                    result.saved = 0
        return result

    def prepare(self) -> None:
        """Load what every row is checked against (units, titles, people) once."""

    def check_required(self, row: Row) -> None:
        for column in self.columns:
            if column.header in row.formulas:
                continue  # named already: a formula without a value
            if column.required and row.values.get(column.header) in (None, ""):
                self.error(row, column.header, _("This cell is required."))

    def import_row(self, row: Row) -> None:
        raise NotImplementedError



class PlannedImporter(Importer):
    """An import checked without writing: `check_row` turns each row into a plan (a dict of plain values, ids for
    objects: what will be saved), or names its errors; `save` writes many plans at once (bulk, audited). Checking
    never touches the database but to read, so a preview needs no transaction to roll back, and the plans can be
    stored (registrations.previews) and committed later exactly as they were previewed.

    Subclasses give `prepare()` (load what rows are checked against, once), `check_row(row) -> dict | None` and
    `save(plans)`; every row is checked after the rows above it (a name twice in the file is an error on the second).
    """

    CHUNK = 1000  # rows checked (and plans saved) at a time

    def open_rows(self, source):
        """(column letters, an iterator of the rows) of the workbook `source` (a path or an uploaded file), streamed;
        ImportFileError if it cannot be read. Close the workbook with `self.close()`."""
        self._workbook = open_workbook(source)
        try:
            return stream_sheet(self._workbook.worksheets[0], self.columns)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        workbook = getattr(self, "_workbook", None)
        if workbook is not None:
            workbook.close()
            self._workbook = None

    def check(self, row: Row) -> dict | None:
        """The plan of one row, or None with its errors in row.errors."""
        self.check_required(row)
        if row.errors:
            return None
        plan = self.check_row(row)
        return None if row.errors else plan

    def check_row(self, row: Row) -> dict | None:
        raise NotImplementedError

    def save(self, plans: list[dict]) -> int:
        """Write the objects of the plans (checked, in the order of the file); returns how many rows were saved."""
        raise NotImplementedError

    def run(self, path, *, commit: bool) -> ImportResult:
        """Check every row (and with commit=True, when every row is valid, save them all in one transaction)."""
        try:
            self.letters, rows = self.open_rows(path)
            try:
                rows = list(rows)
            finally:
                self.close()
        except ImportFileError as error:
            return ImportResult(rows=[], file_errors=[str(error)])
        result = ImportResult(rows=rows)
        if not rows:
            result.file_errors.append(_("The file has no data rows."))
            return result
        self.prepare()
        plans = [self.check(row) for row in rows]
        if commit and not result.errors:
            with transaction.atomic():
                for start in range(0, len(plans), self.CHUNK):
                    result.saved += self.save(plans[start:start + self.CHUNK])
        elif not result.errors:
            result.saved = len(plans)
        return result


def clean_cell(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def as_year(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) else None
