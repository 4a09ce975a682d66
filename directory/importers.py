"""The commune's units, people, roles and accounts from one Excel workbook: the template the portal offers, and its
import (all rows of both sheets or none).

The workbook has a sheet "Đơn vị" (new units) and a sheet "Người" (people, each in a unit of the file or a current unit
of the commune, with their roles, whether they lead their unit and whether they get an account). The reading, the
upload checks and the row errors are the registrations import's (registrations.importers); the rows are saved through
the audited services (directory.services, accounts.services), all in one transaction that a preview, or any error,
rolls back. Invitation e-mails are written to the outbox inside that transaction and handed to the worker only on
commit (notifications.services.queue_sending), so a rolled-back import sends nothing.
"""

from collections import Counter

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from registrations.importers import (
    Column,
    ImportFileError,
    ImportResult,
    Row,
    as_year,
    normalise_name,
    open_workbook,
    read_sheet,
)

from .enums import Gender, PersonKind, Role, UnitKind
from .models import Person, Unit

MAX_ROWS = 5000  # per sheet: several times the people of the largest commune
UNITS_SHEET = "Đơn vị"
PEOPLE_SHEET = "Người"
HELP_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
VALIDATED_ROWS = 2000  # how far down the template's drop-down lists reach

# Units sheet
U_NAME, U_KIND, U_SHORT, U_POSITION = "Tên đơn vị", "Loại đơn vị", "Tên viết tắt", "Thứ tự"
UNIT_COLUMNS = [Column(U_NAME, required=True), Column(U_KIND, required=True), Column(U_SHORT), Column(U_POSITION)]
# People sheet
P_NAME, P_GENDER, P_YEAR, P_KIND, P_UNIT = "Họ và tên", "Giới tính", "Năm sinh", "Loại", "Đơn vị"
P_POSITION, P_PHONE, P_EMAIL, P_ROLES = "Chức vụ", "Điện thoại", "Email", "Vai trò"
P_LEADER, P_ACCOUNT, P_USERNAME = "Trưởng đơn vị", "Tạo tài khoản", "Tên đăng nhập"
PEOPLE_COLUMNS = [Column(P_NAME, required=True), Column(P_GENDER, required=True), Column(P_YEAR), Column(P_KIND),
                  Column(P_UNIT, required=True), Column(P_POSITION), Column(P_PHONE), Column(P_EMAIL),
                  Column(P_ROLES), Column(P_LEADER), Column(P_ACCOUNT), Column(P_USERNAME)]
YES = {"x", "có", "co", "1", "true"}
GENDER_WORDS = {"nu": Gender.FEMALE}  # typed without accents


def _labels(choices) -> dict:
    """Normalised Vietnamese label, English label and stored value → value."""
    found = {}
    for value, label in choices.choices:
        found[normalise_name(value)] = value
        with translation.override("en"):
            found[normalise_name(str(label))] = value
        with translation.override("vi"):
            found[normalise_name(str(label))] = value
    return found


def _vietnamese_labels(choices) -> list[str]:
    with translation.override("vi"):
        return [str(label) for _value, label in choices.choices]


def _is_yes(value) -> bool | None:
    """True for a mark (x), False for an empty cell, None for anything else."""
    if value is None or value is False or value == 0:
        return False
    if value is True or normalise_name(value) in YES:
        return True
    return None


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number typed as a number
    return "" if value is None else str(value).strip()


class DirectoryImportResult(ImportResult):
    def __init__(self, *, unit_rows=(), people_rows=(), file_errors=None):
        super().__init__(rows=[*unit_rows, *people_rows], file_errors=list(file_errors or []))
        self.unit_rows, self.people_rows = list(unit_rows), list(people_rows)
        self.created = Counter()


class DirectoryImporter:
    """Check (and with commit=True save) both sheets of a workbook for `commune`, acting as `by`."""

    unit_columns = UNIT_COLUMNS
    people_columns = PEOPLE_COLUMNS
    template_filename = "mau-nhap-don-vi-nguoi.xlsx"

    def __init__(self, *, commune, by):
        self.commune = commune
        self.by = by
        self.letters = {UNITS_SHEET: {}, PEOPLE_SHEET: {}}

    # --- reading ----------------------------------------------------------------------------------------------------

    def read(self, path) -> tuple[list[Row], list[Row]]:
        workbook = open_workbook(path)
        try:
            sheets = {normalise_name(sheet.title): sheet for sheet in workbook.worksheets}
            found = {}
            for title, columns in ((UNITS_SHEET, self.unit_columns), (PEOPLE_SHEET, self.people_columns)):
                sheet = sheets.get(normalise_name(title))
                if sheet is None:
                    found[title] = []
                    continue
                try:
                    found[title], self.letters[title] = read_sheet(sheet, columns, max_rows=MAX_ROWS)
                except ImportFileError as error:
                    raise ImportFileError(_("Sheet “%(sheet)s”: %(message)s") % {
                        "sheet": title, "message": error}) from error
            if not sheets.keys() & {normalise_name(UNITS_SHEET), normalise_name(PEOPLE_SHEET)}:
                raise ImportFileError(_("The workbook has neither a sheet “%(units)s” nor a sheet “%(people)s”: "
                                        "download the template and fill it in.")
                                      % {"units": UNITS_SHEET, "people": PEOPLE_SHEET})
        finally:
            workbook.close()
        return found[UNITS_SHEET], found[PEOPLE_SHEET]

    def error(self, sheet: str, row: Row, header: str, message: str) -> None:
        row.errors.append(_("Sheet “%(sheet)s”, row %(row)s, column %(column)s (%(header)s): %(message)s") % {
            "sheet": sheet, "row": row.number, "column": self.letters[sheet].get(header, "?"), "header": header,
            "message": message})

    # --- running ----------------------------------------------------------------------------------------------------

    def run(self, path, *, commit: bool) -> DirectoryImportResult:
        """Every row of both sheets in one transaction; a preview (commit=False) or any error rolls it all back."""
        try:
            unit_rows, people_rows = self.read(path)
        except ImportFileError as error:
            return DirectoryImportResult(file_errors=[str(error)])
        result = DirectoryImportResult(unit_rows=unit_rows, people_rows=people_rows)
        if not result.rows:
            result.file_errors.append(_("The file has no data rows."))
            return result
        with transaction.atomic():
            self.prepare()
            for row in unit_rows:
                self.check_required(UNITS_SHEET, self.unit_columns, row)
                if not row.errors:
                    self.import_unit(row, result)
            self.check_leaders(people_rows)
            for row in people_rows:
                self.check_required(PEOPLE_SHEET, self.people_columns, row)
                self.import_person(row, result)
            if not commit or result.errors:
                transaction.set_rollback(True)
        if result.errors:
            result.created.clear()
        return result

    def check_required(self, sheet, columns, row: Row) -> None:
        for column in columns:
            if column.required and row.values.get(column.header) in (None, ""):
                self.error(sheet, row, column.header, _("This cell is required."))

    def prepare(self) -> None:
        self.unit_kinds = _labels(UnitKind)
        self.genders = {**_labels(Gender), **GENDER_WORDS}
        self.person_kinds = _labels(PersonKind)
        self.roles = _labels(Role)
        self.units = {normalise_name(unit.name): unit
                      for unit in Unit.objects.filter(commune=self.commune).active_on()}  # fmt: skip
        # Names a new unit may not take: the current ones, and any not ended (one starting later, too).
        self.taken_unit_names = set(self.units) | {
            normalise_name(name) for name in Unit.objects.filter(commune=self.commune, valid_until__isnull=True)
            .values_list("name", flat=True)}
        self.file_units: dict[str, int] = {}  # name → row number, for the units of the file (saved or not)
        self.new_units: dict[str, Unit] = {}
        self.known_people = {
            (normalise_name(name), ("unit", unit_id), birth_year)
            for name, unit_id, birth_year in Person.objects.filter(commune=self.commune)
            .values_list("full_name", "unit_id", "birth_year")
        }  # fmt: skip
        self.file_people: dict[tuple, int] = {}
        self.usernames: set[str] = set()  # taken earlier in the file

    # --- units ------------------------------------------------------------------------------------------------------

    def import_unit(self, row: Row, result) -> None:
        from .services import create_unit

        values, sheet = row.values, UNITS_SHEET
        name = _text(values[U_NAME])
        key = normalise_name(name)
        kind = self.unit_kinds.get(normalise_name(values[U_KIND]))
        if kind is None:
            self.error(sheet, row, U_KIND, _("Unknown unit kind “%(value)s”: write one of %(choices)s.") % {
                "value": values[U_KIND], "choices": ", ".join(_vietnamese_labels(UnitKind))})
        position = 0
        if values[U_POSITION] is not None:
            position = as_year(values[U_POSITION])  # a whole number
            if position is None or not 0 <= position <= 100_000:
                self.error(sheet, row, U_POSITION, _("Write a whole number, e.g. 1."))
        for header, limit in ((U_NAME, 200), (U_SHORT, 60)):
            if len(_text(values[header])) > limit:
                self.error(sheet, row, header, _("At most %(count)s characters.") % {"count": limit})
        if key in self.file_units:
            self.error(sheet, row, U_NAME, _("The unit “%(name)s” is already in row %(row)s of this sheet.") % {
                "name": name, "row": self.file_units[key]})
            return
        self.file_units[key] = row.number
        if key in self.taken_unit_names:
            self.error(sheet, row, U_NAME, _("The commune already has a unit named “%(name)s”.") % {"name": name})
            return
        if row.errors:
            return
        self.new_units[key] = create_unit(commune=self.commune, kind=kind, name=name,
                                          short_name=_text(values[U_SHORT]), position=position, by=self.by)
        result.created["units"] += 1

    # --- people -----------------------------------------------------------------------------------------------------

    def check_leaders(self, rows: list[Row]) -> None:
        """One leader per unit: every row after the first marked leader of a unit gets an error."""
        first: dict[str, int] = {}
        for row in rows:
            if _is_yes(row.values[P_LEADER]) and row.values[P_UNIT] is not None:
                key = normalise_name(row.values[P_UNIT])
                if key in first:
                    self.error(PEOPLE_SHEET, row, P_LEADER,
                               _("The unit “%(unit)s” already has its leader in row %(row)s: one leader per unit.")
                               % {"unit": row.values[P_UNIT], "row": first[key]})
                else:
                    first[key] = row.number

    def import_person(self, row: Row, result) -> None:
        from accounts.services import grant_role, invite_person, set_unit_leader

        from .services import create_person

        values, sheet = row.values, PEOPLE_SHEET
        name = _text(values[P_NAME])
        gender = self.genders.get(normalise_name(values[P_GENDER])) if values[P_GENDER] is not None else None
        if values[P_GENDER] is not None and gender is None:
            self.error(sheet, row, P_GENDER, _("Write Nam or Nữ."))
        birth_year = None
        if values[P_YEAR] is not None:
            birth_year = as_year(values[P_YEAR])
            if birth_year is None or not 1900 <= birth_year <= timezone.localdate().year:
                self.error(sheet, row, P_YEAR, _("Write a year of four digits, e.g. 1980."))
        # The unit: one of the file (even one with errors of its own: those are named on its sheet), else a current
        # unit of the commune.
        unit, unit_key = None, None
        if values[P_UNIT] is not None:
            key = normalise_name(values[P_UNIT])
            if key in self.file_units:
                unit, unit_key = self.new_units.get(key), ("new", key)
            elif key in self.units:
                unit = self.units[key]
                unit_key = ("unit", unit.pk)
            else:
                self.error(sheet, row, P_UNIT, _("There is no unit named “%(name)s”, neither in the sheet “%(sheet)s” "
                                                 "nor among the current units of the commune.")
                           % {"name": values[P_UNIT], "sheet": UNITS_SHEET})
        kind = None
        if values[P_KIND] is not None:
            kind = self.person_kinds.get(normalise_name(values[P_KIND]))
            if kind is None:
                self.error(sheet, row, P_KIND, _("Unknown kind “%(value)s”: write one of %(choices)s.") % {
                    "value": values[P_KIND], "choices": "; ".join(_vietnamese_labels(PersonKind))})
        email = _text(values[P_EMAIL])
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.error(sheet, row, P_EMAIL, _("This is not a valid e-mail address."))
        roles = []
        for part in str(values[P_ROLES] or "").replace(";", ",").split(","):
            if part.strip():
                role = self.roles.get(normalise_name(part))
                if role is None:
                    self.error(sheet, row, P_ROLES, _("Unknown role “%(value)s”: write one or more of %(choices)s, "
                                                      "separated by commas.")
                               % {"value": part.strip(), "choices": ", ".join(_vietnamese_labels(Role))})
                elif role not in roles:
                    roles.append(role)
        leader = _is_yes(values[P_LEADER])
        if leader is None:
            self.error(sheet, row, P_LEADER, _("Write x or leave the cell empty."))
        account = _is_yes(values[P_ACCOUNT])
        if account is None:
            self.error(sheet, row, P_ACCOUNT, _("Write x or leave the cell empty."))
        username = _text(values[P_USERNAME])
        if username and not account:
            self.error(sheet, row, P_USERNAME, _("A user name is only used with an account: mark “%(column)s” with x.")
                       % {"column": P_ACCOUNT})
        if account:
            if not email:
                self.error(sheet, row, P_EMAIL, _("An account needs an e-mail address: the invitation is sent there."))
            if username:
                self.check_username(row, username)
            elif name:
                username = self.propose_username(name)
                values[P_USERNAME] = username  # the preview shows what will be created
        for header, limit in ((P_NAME, 120), (P_POSITION, 200), (P_PHONE, 30)):
            if len(_text(values[header])) > limit:
                self.error(sheet, row, header, _("At most %(count)s characters.") % {"count": limit})
        if name and unit_key is not None and (values[P_YEAR] is None or birth_year is not None):
            person_key = (normalise_name(name), unit_key, birth_year)
            if person_key in self.known_people:
                self.error(sheet, row, P_NAME, _("%(name)s (%(unit)s) is already in the commune's directory.")
                           % {"name": name, "unit": values[P_UNIT]})
            elif person_key in self.file_people:
                self.error(sheet, row, P_NAME, _("%(name)s (%(unit)s) is already in row %(row)s of this sheet.")
                           % {"name": name, "unit": values[P_UNIT], "row": self.file_people[person_key]})
            else:
                self.file_people[person_key] = row.number
        if row.errors or unit is None:
            return  # a unit of the file with errors of its own: nothing to attach to (all is rolled back anyway)
        if kind is None:
            kind = PersonKind.RESIDENT if unit.kind in (UnitKind.HAMLET, UnitKind.RESIDENTIAL_GROUP) \
                else PersonKind.OFFICIAL
        person = create_person(commune=self.commune, unit=unit, full_name=name, gender=gender, kind=kind,
                               birth_year=birth_year, position=_text(values[P_POSITION]),
                               phone=_text(values[P_PHONE]), email=email, by=self.by)
        result.created["people"] += 1
        for role in roles:
            grant_role(person=person, role=role, by=self.by)
            result.created["roles"] += 1
        if leader:
            set_unit_leader(unit=unit, person=person, by=self.by)
            result.created["leaders"] += 1
        if account:
            try:
                invite_person(person=person, username=username, by=self.by)
            except ValidationError as error:
                self.error(sheet, row, P_USERNAME, " ".join(error.messages))
                return
            result.created["accounts"] += 1

    def check_username(self, row: Row, username: str) -> None:
        try:
            get_user_model().username_validator(username)
        except ValidationError:
            self.error(PEOPLE_SHEET, row, P_USERNAME, _("A user name has only letters, digits and @ . + - _ (no "
                                                        "spaces, no accents)."))
            return
        if (username.lower() in self.usernames
                or get_user_model().objects.filter(username__iexact=username).exists()):
            self.error(PEOPLE_SHEET, row, P_USERNAME, _("The user name %(username)s is already taken.")
                       % {"username": username})
            return
        self.usernames.add(username.lower())

    def propose_username(self, full_name: str) -> str:
        """accounts.services.propose_username, and a number when an earlier row of the file has the name."""
        from accounts.services import propose_username

        base = candidate = propose_username(full_name)
        number = 1
        while candidate.lower() in self.usernames:
            number += 1
            candidate = f"{base}{number}"
        self.usernames.add(candidate.lower())
        return candidate

    # --- the template -----------------------------------------------------------------------------------------------

    def template(self, stream) -> None:
        """The workbook to fill in: instructions, the two sheets with their headers and drop-down lists (unit kinds,
        genders, kinds of person, the commune's current units, x), and a hidden sheet holding those lists."""
        with translation.override("vi"):
            self._template(stream)

    def _template(self, stream) -> None:
        workbook = Workbook()
        help_sheet = workbook.active
        help_sheet.title = HELP_SHEET
        units_sheet = workbook.create_sheet(UNITS_SHEET)
        people_sheet = workbook.create_sheet(PEOPLE_SHEET)
        lists = workbook.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"

        current_units = (list(Unit.objects.filter(commune=self.commune).active_on().values_list("name", flat=True))
                         if self.commune is not None else [])
        columns = {
            "A": ("Loại đơn vị", _vietnamese_labels(UnitKind)),
            "B": ("Giới tính", _vietnamese_labels(Gender)),
            "C": ("Loại", _vietnamese_labels(PersonKind)),
            "D": ("Đơn vị hiện có", current_units),
            "E": ("Đánh dấu", ["x"]),
            "F": ("Vai trò", _vietnamese_labels(Role)),
        }
        ranges = {}
        for letter, (header, values) in columns.items():
            lists[f"{letter}1"] = header
            for number, value in enumerate(values, 2):
                lists[f"{letter}{number}"] = value
            ranges[letter] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${max(2, len(values) + 1)}"

        header_fill = PatternFill("solid", fgColor="FDE9D9")
        for sheet, sheet_columns in ((units_sheet, self.unit_columns), (people_sheet, self.people_columns)):
            sheet.append([column.header for column in sheet_columns])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
                cell.fill = header_fill
                cell.alignment = Alignment(wrap_text=True, vertical="center")
            for index, column in enumerate(sheet_columns, 1):
                sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.header) + 6)
            sheet.freeze_panes = "A2"
        units_sheet.column_dimensions["A"].width = 36
        people_sheet.column_dimensions["A"].width = 28
        people_sheet.column_dimensions["E"].width = 28
        people_sheet.column_dimensions["I"].width = 36

        def validate(sheet, column_letter, source, *, strict=True, prompt=""):
            validation = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=strict,
                                        showInputMessage=bool(prompt))
            if prompt:
                validation.prompt = prompt
            if strict:
                validation.error = _("Choose a value from the list.")
            sheet.add_data_validation(validation)
            validation.add(f"{column_letter}2:{column_letter}{VALIDATED_ROWS}")

        validate(units_sheet, "B", ranges["A"])
        validate(people_sheet, "B", ranges["B"])
        validate(people_sheet, "D", ranges["C"])
        unit_prompt = _("A current unit of the commune, or a unit of the sheet “%(sheet)s”.") % {"sheet": UNITS_SHEET}
        validate(people_sheet, "E", ranges["D"], strict=False, prompt=unit_prompt)
        validate(people_sheet, "I", ranges["F"], strict=False,
                 prompt=_("One or more roles, separated by commas."))
        validate(people_sheet, "J", ranges["E"])
        validate(people_sheet, "K", ranges["E"])

        commune = self.commune.title if self.commune is not None else ""
        lines = [
            (_("Import of units, people and accounts of %(commune)s") % {"commune": commune}, True),
            ("", False),
            (_("1. Sheet “%(sheet)s”: the new units, one a row (leave it empty if there are none). The kind is one of "
               "the list: %(kinds)s.") % {"sheet": UNITS_SHEET, "kinds": ", ".join(_vietnamese_labels(UnitKind))},
             False),
            (_("2. Sheet “%(sheet)s”: the people, one a row. The unit is a unit of the sheet “%(units)s” or a current "
               "unit of the commune (the list offers them).") % {"sheet": PEOPLE_SHEET, "units": UNITS_SHEET}, False),
            (_("3. Gender: Nam or Nữ. Kind: %(kinds)s; when empty, residents for hamlets and residential groups, "
               "officials otherwise.") % {"kinds": "; ".join(_vietnamese_labels(PersonKind))}, False),
            (_("4. Roles: any of %(roles)s, separated by commas. Unit leader: x for the leader of the person's unit "
               "(one per unit).") % {"roles": ", ".join(_vietnamese_labels(Role))}, False),
            (_("5. Create an account: x, and an e-mail address: the person receives an invitation to set a password. "
               "The user name may be left empty: the portal proposes one (e.g. huongnt for Nguyễn Thị Hương)."),
             False),
            (_("6. Keep the header rows and the names of the sheets. Upload the file: every row is checked and "
               "errors are shown by row and column; nothing is saved until you confirm, and then all rows are "
               "imported together or none."), False),
            (_("At most %(count)s rows per sheet.") % {"count": f"{MAX_ROWS:,}".replace(",", ".")}, False),
        ]
        for number, (text, bold) in enumerate(lines, 1):
            cell = help_sheet.cell(row=number, column=1, value=text)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if bold:
                cell.font = Font(bold=True, size=13)
        help_sheet.column_dimensions["A"].width = 110
        workbook.save(stream)
