"""Excel import of people and of registrations from the downloadable templates: all rows or none.

An import reads the workbook (openpyxl read-only, cached values instead of formulas), checks every row and names each
problem by row number, column letter and header. It always runs inside one transaction: a preview (dry run) and any
file with an error roll it back, so nothing is saved unless every row is valid. Registrations are created through
registrations.services.save_registration, which checks the year's rules exactly as the registration form does.
"""

import datetime
import os
import re
import secrets
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from directory.enums import Gender, PersonKind, UnitKind

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
    try:
        rows = sheet.iter_rows(values_only=True)
        letters, header_number = {}, 0
        for number, values in enumerate(rows, 1):
            found = {normalise_name(value): index for index, value in enumerate(values) if value is not None}
            if all(normalise_name(column.header) in found for column in columns if column.required):
                letters = {column.header: found.get(normalise_name(column.header)) for column in columns}
                header_number = number
                break
            if number >= HEADER_SEARCH_ROWS:
                break
        if not header_number:
            raise ImportFileError(_("The header row is missing; the first row must hold the columns: %(names)s.")
                                  % {"names": ", ".join(c.header for c in columns)})
        result = []
        for number, values in enumerate(rows, header_number + 1):
            if number - header_number > max_rows:
                raise ImportFileError(_("The file has more than %(count)s rows.") % {"count": f"{max_rows:,}"})
            cells = {header: (clean_cell(values[index]) if index is not None and index < len(values) else None)
                     for header, index in letters.items()}  # fmt: skip
            if all(value is None for value in cells.values()):
                continue
            result.append(Row(number=number, values=cells))
    except ImportFileError:
        raise
    except Exception as error:
        # Read-only workbooks parse lazily: a damaged sheet (bad XML, bad CRC) fails here, not on opening.
        raise ImportFileError(_("The file is not an Excel workbook (.xlsx).")) from error
    return result, {header: get_column_letter(index + 1) for header, index in letters.items() if index is not None}


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
            if column.required and row.values.get(column.header) in (None, ""):
                self.error(row, column.header, _("This cell is required."))

    def import_row(self, row: Row) -> None:
        raise NotImplementedError

    def units_by_name(self) -> dict:
        from directory.models import Unit

        return {normalise_name(unit.name): unit for unit in Unit.objects.filter(commune=self.commune).active_on()}


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


class PeopleImporter(Importer):
    columns = [Column("Họ và tên", required=True), Column("Giới tính", required=True), Column("Năm sinh"),
               Column("Đơn vị", required=True), Column("Chức vụ"), Column("Điện thoại"), Column("Email")]
    example = ["Nguyễn Văn An", "Nam", 1980, "Thôn A", "Trưởng thôn", "0912345678", "an@example.com"]
    template_title = "Danh sách người"
    template_filename = "mau-nhap-nguoi.xlsx"
    GENDERS = {"nam": Gender.MALE, "nữ": Gender.FEMALE, "nu": Gender.FEMALE}

    def prepare(self) -> None:
        from directory.models import Person

        self.units = self.units_by_name()
        self.known = {
            (normalise_name(name), unit_id, birth_year)
            for name, unit_id, birth_year in Person.objects.filter(commune=self.commune)
            .values_list("full_name", "unit_id", "birth_year")
        }  # fmt: skip

    def import_row(self, row: Row) -> None:
        from directory.models import Person

        values = row.values
        name = str(values["Họ và tên"])
        gender = self.GENDERS.get(normalise_name(values["Giới tính"]))
        if gender is None:
            self.error(row, "Giới tính", _("Write Nam or Nữ."))
        birth_year = None
        if values["Năm sinh"] is not None:
            birth_year = as_year(values["Năm sinh"])
            if birth_year is None or not 1900 <= birth_year <= timezone.localdate().year:
                self.error(row, "Năm sinh", _("Write a year of four digits, e.g. 1980."))
        unit = self.units.get(normalise_name(values["Đơn vị"]))
        if unit is None:
            self.error(row, "Đơn vị", _("There is no unit named “%(name)s” in the commune.") % {
                "name": values["Đơn vị"]})
        email = str(values["Email"] or "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.error(row, "Email", _("This is not a valid e-mail address."))
        for header, limit in (("Họ và tên", 120), ("Chức vụ", 200), ("Điện thoại", 30)):
            if len(str(values[header] or "")) > limit:
                self.error(row, header, _("At most %(count)s characters.") % {"count": limit})
        if row.errors:
            return
        key = (normalise_name(name), unit.pk, birth_year)
        if key in self.known:
            self.error(row, "Họ và tên", _("%(name)s (%(unit)s) is already in the directory or earlier in the file.")
                       % {"name": name, "unit": unit.name})
            return
        self.known.add(key)
        Person.objects.create(
            commune=self.commune, unit=unit, full_name=name, gender=gender, birth_year=birth_year,
            kind=PersonKind.RESIDENT if unit.kind in (UnitKind.HAMLET, UnitKind.RESIDENTIAL_GROUP)
            else PersonKind.OFFICIAL,
            position=str(values["Chức vụ"] or ""), phone=str(values["Điện thoại"] or ""), email=email,
        )  # fmt: skip


class RegistrationImporter(Importer):
    columns = [Column("Năm", required=True), Column("Đơn vị", required=True), Column("Danh hiệu", required=True),
               Column("Họ và tên"), Column("Hộ gia đình"), Column("Ghi chú")]
    example = [timezone.now().year, "Thôn A", "Lao động tiên tiến", "Nguyễn Văn An", "", ""]
    template_title = "Đăng ký thi đua"
    template_filename = "mau-nhap-dang-ky.xlsx"

    def prepare(self) -> None:
        from directory.models import Person

        self.units = self.units_by_name()
        self.people: dict[tuple[int, str], list] = {}
        for person in Person.objects.filter(commune=self.commune, unit__isnull=False).only("pk", "full_name",
                                                                                           "unit_id"):
            self.people.setdefault((person.unit_id, normalise_name(person.full_name)), []).append(person)
        self.years: dict[int, tuple] = {}  # year → (phase, titles by code and by name)

    def year_context(self, year: int):
        if year not in self.years:
            from .eligibility import titles_for
            from .enums import PhaseKind
            from .models import Phase

            phase = (Phase.objects.filter(commune=self.commune, year=year, kind=PhaseKind.REGISTRATION,
                                          campaign__isnull=True).order_by("opens_on", "pk").first())  # fmt: skip
            titles = {}
            for title in titles_for(commune=self.commune, year=year).prefetch_related("prerequisites"):
                titles[normalise_name(title.code)] = title
                titles[normalise_name(title.name)] = title
            self.years[year] = (phase, titles)
        return self.years[year]

    def import_row(self, row: Row) -> None:
        from awards.enums import RecipientKind

        from .models import Registration
        from .services import RuleViolation, save_registration

        values = row.values
        year = as_year(values["Năm"])
        if year is None or not 2000 <= year <= 2100:
            self.error(row, "Năm", _("Write a year of four digits, e.g. 2022."))
            return
        phase, titles = self.year_context(year)
        if phase is None:
            self.error(row, "Năm", _("There is no registration phase for %(year)s.") % {"year": year})
        unit = self.units.get(normalise_name(values["Đơn vị"]))
        if unit is None:
            self.error(row, "Đơn vị", _("There is no unit named “%(name)s” in the commune.") % {
                "name": values["Đơn vị"]})
        title = titles.get(normalise_name(values["Danh hiệu"]))
        if title is None:
            self.error(row, "Danh hiệu", _("“%(name)s” is not a title of the rules of %(year)s.") % {
                "name": values["Danh hiệu"], "year": year})
        if row.errors:
            return
        person = None
        name = values["Họ và tên"]
        if title.recipient_kind == RecipientKind.INDIVIDUAL:
            matches = self.people.get((unit.pk, normalise_name(name)), []) if name else []
            if not name:
                self.error(row, "Họ và tên", _("Write the name of the person registered for %(title)s.") % {
                    "title": title.name})
            elif not matches:
                self.error(row, "Họ và tên", _("%(name)s does not belong to %(unit)s.") % {
                    "name": name, "unit": unit.name})
            elif len(matches) > 1:
                self.error(row, "Họ và tên", _("%(unit)s has %(count)s people named %(name)s; register them in the "
                                               "portal instead.") % {"unit": unit.name, "count": len(matches),
                                                                     "name": name})  # fmt: skip
            else:
                person = matches[0]
        household = str(values["Hộ gia đình"] or "") if title.recipient_kind == RecipientKind.HOUSEHOLD else ""
        if len(household) > 300:
            self.error(row, "Hộ gia đình", _("At most %(count)s characters.") % {"count": 300})
        if row.errors:
            return
        registration = Registration(
            commune=self.commune, year=year, phase=phase, unit=unit, title=title, recipient_kind=title.recipient_kind,
            person=person, household=household, note=str(values["Ghi chú"] or ""),
        )
        try:
            save_registration(registration=registration, by=self.by, check_rules=True)
        except RuleViolation as violation:
            for problem in violation.problems:
                self.error(row, PROBLEM_COLUMNS.get(problem.field, "Danh hiệu"), problem.message)
        except IntegrityError:
            # save_registration's own atomic block is a savepoint: the outer transaction stays usable.
            self.error(row, "Danh hiệu", _("%(name)s is already registered for %(title)s in %(year)s.") % {
                "name": registration.recipient_name, "title": title.name, "year": year})


# The column of the template where a rule problem of a registration field belongs.
PROBLEM_COLUMNS = {"person": "Họ và tên", "household": "Hộ gia đình", "title": "Danh hiệu", "initiative": "Danh hiệu",
                   None: "Năm"}

IMPORTERS = {"people": PeopleImporter, "registrations": RegistrationImporter}
