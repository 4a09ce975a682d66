"""Exports of registrations: one row generator per exporter feeds both the XLSX workbook and the CSV file.

Workbooks are written in openpyxl's write-only mode (rows are streamed to a temporary file, never held in memory),
so the 50,000-row summary of a large district costs the same memory as a small one (see bench/registrations.py).
Every text cell is neutralised against formula injection: a name typed as "=HYPERLINK(...)" stays text. In a workbook
it is written as a text-typed cell (the value unchanged, shown as typed); a CSV file has no types, so there it gets the
usual leading apostrophe.
"""

import csv
import io
from collections.abc import Iterable, Iterator

from django.db.models import Count
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from .enums import Ground
from .models import Registration

# The words of the exchanged files are fixed Vietnamese (like the headers), whatever the interface language.
RECIPIENT_KIND_LABELS = {"individual": "Cá nhân", "collective": "Tập thể", "household": "Hộ gia đình",
                         "hamlet": "Thôn, tổ dân phố"}
EXCELLENCE_WORDS = "Hoàn thành xuất sắc nhiệm vụ"  # the ground of a CSTĐCS instead of an initiative (NĐ 152/2025)
STATUS_LABELS = {"draft": "Nháp", "submitted": "Đã gửi", "returned": "Trả lại để sửa", "accepted": "Đã duyệt"}

# A spreadsheet evaluates a cell starting with these as a formula (or a DDE command).
FORMULA_STARTERS = ("=", "+", "-", "@", "\t", "\r")
TEXT_FORMAT = "@"  # Excel's "Text" number format: the cell stays text when edited


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTERS)


def neutralise(value):
    """The value safe for a CSV file: text that could start a formula gets a leading apostrophe."""
    if is_formula_like(value):
        return "'" + value
    return value


def keep_as_text(cell):
    """The cell (openpyxl, any mode) with text that could start a formula typed as text, its value unchanged: Excel
    shows "=SUM(A1)" as written and does not evaluate it, not even when the cell is edited. Returns the cell."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.number_format = TEXT_FORMAT
        cell.quotePrefix = True
    return cell


class Exporter:
    """Subclasses give `headers`, `rows()` and optionally title rows, a closing block, column widths and a name."""

    headers: list[str] = []
    column_widths: list[float] = []
    sheet_title = "Sheet1"
    filename = "export"

    def rows(self) -> Iterator[list]:
        raise NotImplementedError

    def title_rows(self) -> list[list]:
        """Rows printed above the header row in the workbook only (the CSV is headers and rows)."""
        return []

    def closing_rows(self) -> list[list]:
        """Rows after the data in the workbook only (totals)."""
        return []

    # --- CSV --------------------------------------------------------------------------------------------------------

    def csv_lines(self) -> Iterator[str]:
        """The CSV text line by line (with a byte-order mark so that Excel reads UTF-8), for a streaming response."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        yield "\ufeff"
        for row in self._csv_rows():
            writer.writerow(row)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()

    def _csv_rows(self) -> Iterator[list]:
        yield [neutralise(value) for value in self.headers]
        for row in self.rows():
            yield ["" if value is None else neutralise(value) for value in row]

    # --- XLSX -------------------------------------------------------------------------------------------------------

    def write_xlsx(self, stream) -> None:
        """Write the workbook to a binary file object (write-only mode: rows are streamed, not kept)."""
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(self.sheet_title)
        self.set_up_page(sheet)
        width = len(self.headers)
        title_rows = self.title_rows()
        bold = Font(bold=True)
        for index, row in enumerate(title_rows, 1):
            sheet.append([self._cell(sheet, value, font=bold, align="center") for value in row])
            if row and any(v not in (None, "") for v in row) and all(v in (None, "") for v in row[1:]):
                sheet.merged_cells.add(CellRange(min_col=1, min_row=index, max_col=width, max_row=index))
        header_row = len(title_rows) + 1
        sheet.append([self._cell(sheet, value, font=bold, align="center", border=True, wrap=True)
                      for value in self.headers])
        sheet.print_title_rows = f"{header_row}:{header_row}"
        # One styled cell per column, reused: the row is serialised as soon as it is appended, and styling a new
        # cell for every value (hashing its font, border and alignment) would cost more than writing it.
        body = [self._cell(sheet, None, border=True, wrap=True) for _header in self.headers]
        for row in self.rows():
            cells = body
            for index, (cell, value) in enumerate(zip(body, row, strict=True)):
                if is_formula_like(value):  # rare: a text cell of its own, the reused one keeps its style
                    if cells is body:
                        cells = list(body)
                    cells[index] = self._cell(sheet, value, border=True, wrap=True)
                else:
                    cell.value = value
            sheet.append(cells)
        for row in self.closing_rows():
            # Headings of the closing block (rows without a number) in bold.
            font = None if any(isinstance(value, int) for value in row) else bold
            sheet.append([self._cell(sheet, value, font=font) for value in row])
        workbook.save(stream)

    def set_up_page(self, sheet) -> None:
        """A4 landscape, fit to one page wide (as many pages tall as needed), column widths."""
        for index, column_width in enumerate(self.column_widths, 1):
            sheet.column_dimensions[get_column_letter(index)].width = column_width
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.5
        sheet.page_margins.top = sheet.page_margins.bottom = 0.6

    _THIN = Side(style="thin")
    _BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

    def _cell(self, sheet, value, *, font=None, align=None, border=False, wrap=False):
        cell = keep_as_text(WriteOnlyCell(sheet, value=value))
        if font is not None:
            cell.font = font
        if align or wrap:
            cell.alignment = Alignment(horizontal=align, vertical="top", wrap_text=wrap)
        if border:
            cell.border = self._BORDER
        return cell


class RegistrationSummaryExporter(Exporter):
    """The commune's summary of the year's registrations sent to the emulation cluster (cụm thi đua)."""

    headers = ["STT", "Đơn vị", "Đối tượng đăng ký", "Loại", "Danh hiệu", "Sáng kiến / căn cứ", "Trạng thái"]
    column_widths = [6, 24, 30, 14, 30, 34, 14]
    sheet_title = "Tổng hợp đăng ký"

    def __init__(self, *, commune, year: int, unit_ids: Iterable[int] | None = None, chunk_size: int = 2000):
        self.commune = commune
        self.year = year
        self.unit_ids = None if unit_ids is None else list(unit_ids)
        self.chunk_size = chunk_size
        self.filename = f"tong-hop-dang-ky-{year}"

    def queryset(self):
        queryset = Registration.objects.filter(commune=self.commune, year=self.year)
        if self.unit_ids is not None:
            queryset = queryset.filter(unit_id__in=self.unit_ids)
        return queryset

    def title_rows(self) -> list[list]:
        rows = [
            [f"ỦY BAN NHÂN DÂN {self.commune.upper_name}"],
            [f"TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {self.year}"],
        ]
        if self.unit_ids is not None:
            from directory.models import Unit

            names = ", ".join(Unit.objects.filter(pk__in=self.unit_ids).values_list("name", flat=True))
            rows.append([f"({names})"])
        rows.append([])
        return rows

    def rows(self) -> Iterator[list]:
        kinds, statuses = RECIPIENT_KIND_LABELS, STATUS_LABELS
        values = (
            self.queryset()
            .order_by("unit__position", "unit__name", "title__position", "person__sort_key", "pk")
            .values_list("unit__name", "person__full_name", "household", "recipient_kind", "title__name",
                         "initiative__title", "status", "ground", "ground_evidence")
        )  # fmt: skip
        for number, (unit, person, household, kind, title, initiative, status, ground, evidence) in enumerate(
            values.iterator(chunk_size=self.chunk_size), 1
        ):
            basis = initiative or ""
            if ground == Ground.EXCELLENCE:
                basis = f"{EXCELLENCE_WORDS} ({evidence})" if evidence else EXCELLENCE_WORDS
            yield [number, unit, person or household or unit, kinds.get(kind, kind), title, basis,
                   statuses.get(status, status)]

    def totals(self) -> list[tuple[str, int]]:
        """(title, registrations) for each title registered, in the catalogue's order."""
        counts = (
            self.queryset().values("title__name", "title__position").annotate(count=Count("pk"))
            .order_by("title__position", "title__name")
        )  # fmt: skip
        return [(row["title__name"], row["count"]) for row in counts]

    def closing_rows(self) -> list[list]:
        totals = self.totals()
        rows = [[], ["", "TỔNG HỢP THEO DANH HIỆU"], ["", "Danh hiệu", "", "", "Số lượng"]]
        rows += [["", title, "", "", count] for title, count in totals]
        rows.append(["", "Tổng cộng", "", "", sum(count for _title, count in totals)])
        return rows
