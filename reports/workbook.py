"""The report's statistics as an XLSX workbook the town can file: one sheet per table, the commune and the period in
each sheet's header, A4 ready to print. Built from the same figures as the PDF (frozen ones for an issued report)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from registrations.exporters import keep_as_text

from .drafts import LEVEL_WORDS
from .services import ReportContent, report_content

_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
BOLD = Font(bold=True)


def sheets(content: ReportContent) -> list[tuple[str, str, list, list[list], list[float]]]:
    """(sheet name, table title, headers, rows, column widths) for every table; the last row of a table with
    totals is its "Tổng cộng" row."""
    f = content.figures
    reg, ini, contest, awards, tasks = (f["registrations"], f["initiatives"], f["contest"], f["awards"], f["tasks"])
    targets = []
    for i, campaign in enumerate(content.campaigns, 1):
        targets.append([str(i), campaign["name"], "", "", "", ""])
        for j, t in enumerate(campaign["targets"], 1):
            targets.append([f"{i}.{j}", t["text"], f"{t['value']}{t['unit']}" if t["value"] else "",
                            f"{t['achieved']}{t['unit']}" if t["achieved"] else "", t["status_words"], t["note"]])
    return [
        ("Đăng ký thi đua", "Đăng ký danh hiệu thi đua theo đơn vị",
         ["TT", "Đơn vị", *reg["titles"], "Cộng"],
         [[i, row["unit"], *row["counts"], row["total"]] for i, row in enumerate(reg["rows"], 1)]
         + [["", "Tổng cộng", *reg["totals"], reg["total"]]],
         [6, 34, *[14] * len(reg["titles"]), 10]),
        ("Chỉ tiêu phong trào", "Kết quả thực hiện chỉ tiêu các phong trào thi đua",
         ["TT", "Chỉ tiêu", "Kế hoạch", "Kết quả", "Đánh giá", "Ghi chú"], targets, [6, 60, 12, 12, 14, 40]),
        ("Sáng kiến", "Sáng kiến",
         ["Đăng ký", "Được công nhận", "Được áp dụng", "Cán bộ, công chức", "CBCC có sáng kiến được công nhận",
          "Tỷ lệ (%)", "Chỉ tiêu (%)", "Tỷ lệ áp dụng (%)", "Chỉ tiêu áp dụng (%)"],
         [[ini["submitted"], ini["recognised"], ini["applied"], ini["staff"], ini["staff_with_recognised"],
           ini["staff_percent"], ini["staff_target"], ini["applied_percent"], ini["applied_target"]]],
         [12, 14, 14, 14, 18, 12, 12, 14, 14]),
        ("Bài viết", "Bài viết gương điển hình tiên tiến theo đơn vị và tháng",
         ["TT", "Đơn vị", *[f"T{m}" for m in contest["months"]], "Theo quý", "Cộng"],
         [[i, row["unit"], *row["months"], row["quarters"], row["total"]] for i, row in enumerate(contest["rows"], 1)]
         + [["", "Tổng cộng", *contest["month_totals"], contest["quarter_total"], contest["total"]]],
         [6, 34, *[6] * len(contest["months"]), 10, 8]),
        ("Khen thưởng", "Khen thưởng theo hình thức và đối tượng",
         ["TT", "Danh hiệu, hình thức khen thưởng", "Đối tượng", "Số lượt", "Nữ", "Tiền thưởng (đồng)"],
         [[i, row["title"], LEVEL_WORDS.get(row["level"], row["level"]), row["count"], row["women"], row["amount"]]
          for i, row in enumerate(awards["rows"], 1)]
         + [["", "Tổng cộng", "", awards["total"], awards["women"], awards["amount"]]],
         [6, 46, 18, 10, 8, 18]),
        ("Nhiệm vụ", "Tiến độ thực hiện nhiệm vụ (đến hạn trong kỳ)",
         ["Tổng số", "Hoàn thành đúng hạn", "Hoàn thành muộn", "Chưa hoàn thành", "Trong đó quá hạn"],
         [[tasks["total"], tasks["on_time"], tasks["late"], tasks["open"], tasks["overdue"]]], [12, 18, 18, 18, 18]),
    ]


def build_workbook(content: ReportContent, *, document_code: str = "") -> bytes:
    f = content.figures
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, title, headers, rows, widths in sheets(content):
        sheet = workbook.create_sheet(name)
        width = len(headers)
        header = [f["commune"].upper(), f"{title} {f['period_label']}".upper(),
                  f"(Kèm theo Báo cáo số {document_code})" if document_code else ""]
        for index, text in enumerate(header, 1):
            sheet.cell(row=index, column=1, value=text).font = BOLD
            sheet.cell(row=index, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
            sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=width)
        header_row = len(header) + 2
        for column, value in enumerate(headers, 1):
            cell = keep_as_text(sheet.cell(row=header_row, column=column, value=value))
            cell.font, cell.border = BOLD, BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for offset, row in enumerate(rows, 1):
            for column, value in enumerate(row, 1):
                cell = keep_as_text(sheet.cell(row=header_row + offset, column=column, value=value))
                cell.border = BORDER
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                if row and row[1:2] == ["Tổng cộng"]:
                    cell.font = BOLD
        for column, column_width in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(column)].width = column_width
        sheet.print_title_rows = f"{header_row}:{header_row}"
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.page_setup.orientation = (Worksheet.ORIENTATION_LANDSCAPE if width > 7
                                        else Worksheet.ORIENTATION_PORTRAIT)
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def report_workbook(report) -> bytes:
    return build_workbook(report_content(report), document_code=report.document.code if report.is_issued else "")
