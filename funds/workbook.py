"""The ledger of an award fund's year as an XLSX workbook: Vietnamese headers whatever the interface language (a
document the office files); amounts are number cells with a thousands format, dates date cells."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from registrations.exporters import keep_as_text
from reports.workbook import BOLD, BORDER

MONEY = "#,##0"
HEADERS = ["TT", "Ngày", "Nội dung", "Loại", "Quyết định", "Thu (đồng)", "Chi (đồng)", "Tồn quỹ (đồng)"]
WIDTHS = {1: 6, 2: 12, 3: 60, 4: 28, 5: 18, 6: 16, 7: 16, 8: 16}


def build_workbook(*, title: str, year: int, ledger: dict) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Quỹ {year}"
    for index, text in enumerate([title.upper(), f"SỔ QUỸ THI ĐUA, KHEN THƯỞNG NĂM {year}"], 1):
        cell = sheet.cell(row=index, column=1, value=text)
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="center")
        sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=len(HEADERS))
    header_row = 4
    for column, value in enumerate(HEADERS, 1):
        cell = sheet.cell(row=header_row, column=column, value=value)
        cell.font, cell.border = BOLD, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS[column]
    totals = ledger["totals"]
    rows = [[None, None, "Số dư năm trước chuyển sang", None, None, None, None, int(totals.opening)]]
    for index, entry in enumerate(ledger["entries"], 1):
        side = entry.amount if not entry.reverses_id else -entry.amount
        code = (entry.decision.code if entry.decision_id else
                entry.province_decision.document.code if entry.province_decision_id else "")
        rows.append([index, entry.booked_on, entry.description, entry.get_kind_display(), code,
                     int(side) if entry.is_income else None, None if entry.is_income else int(side),
                     int(entry.running)])
    rows.append([None, None, "Cộng", None, None, int(totals.income), int(totals.spending), int(totals.balance)])
    for offset, values in enumerate(rows, 1):
        last = offset == len(rows)
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=header_row + offset, column=column, value=value)
            cell.border = BORDER
            if last:
                cell.font = BOLD
            if column == 2:
                cell.number_format = "DD/MM/YYYY"
            elif column >= 6:
                cell.number_format = MONEY
            keep_as_text(cell)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
