"""The province's view of a year as one XLSX workbook: a sheet of per-commune rows with the province's total, and a
sheet of the awards by title or form and level. Vietnamese headers whatever the interface language (a document the
office files); every count, percentage and amount is a number cell, dates are date cells."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from registrations.exporters import keep_as_text
from reports.figures import initiative_targets
from reports.workbook import BOLD, BORDER

from .overview import DECIDERS, DOSSIER_STATES, ProvinceYear

DECIDER_WORDS = {"commune": "Cấp xã", "district": "Cấp huyện", "province": "Cấp tỉnh"}
KIND_WORDS = {"title": "Danh hiệu thi đua", "award": "Hình thức khen thưởng"}
STATE_WORDS = {"sent": "Chờ tiếp nhận", "received": "Đang kiểm tra", "returned": "Trả lại bổ sung",
               "accepted": "Đã chấp nhận", "decided": "Đã có quyết định"}
MONEY = "#,##0"
PERCENT = "0.0"


def _met(met: bool) -> str:
    return "Đạt" if met else "Chưa đạt"


def commune_headers(view: ProvinceYear) -> list[str]:
    staff_target, applied_target = initiative_targets()
    return [
        "TT", "Xã, phường", "Kế hoạch năm", "Ngày ban hành kế hoạch",
        *[f"Đăng ký: {title.name}" for title in view.titles],
        "Đăng ký (tổng)", "Đăng ký chờ duyệt", "Đăng ký đã chấp thuận",
        "Sáng kiến", "Sáng kiến được công nhận", "Sáng kiến được áp dụng", "Cán bộ, công chức",
        "CBCC có sáng kiến được công nhận", "Tỷ lệ CBCC có sáng kiến (%)", f"Chỉ tiêu {staff_target}%",
        "Tỷ lệ sáng kiến được áp dụng (%)", f"Chỉ tiêu {applied_target}%",
        "Bài viết", "Đơn vị đã gửi bài", "Đơn vị thi đua",
        "Hồ sơ đề nghị đã gửi", *[f"Hồ sơ: {STATE_WORDS[state]}" for state in DOSSIER_STATES], "Chậm gửi hồ sơ",
        "Ngày nhắc gần nhất",
        "Khen thưởng (tổng)", "Danh hiệu thi đua", "Hình thức khen thưởng",
        *[DECIDER_WORDS[decider] for decider in DECIDERS],
        "Cá nhân được khen", "Trong đó nữ", "Tỷ lệ nữ (%)", "Tiền thưởng (đồng)",
    ]


def _late(dossiers: dict) -> str:
    if dossiers["nothing_declared_on"] and not dossiers["late"]:
        return f"Không có đề nghị (khai ngày {dossiers['nothing_declared_on']:%d/%m/%Y})"
    if dossiers["outstanding"]:
        return "Chưa gửi"
    return "Gửi muộn" if dossiers["late"] else ""


def _figures(row: dict, *, total=False) -> list:
    reg, ini, contest, awards = row["registrations"], row["initiatives"], row["contest"], row["awards"]
    dossiers = row["dossiers"]
    # In the total row: the number of communes late, and of communes reminded.
    late = dossiers["late"] if total else _late(dossiers)
    reminded = len(dossiers["reminded_communes"]) if total else dossiers["reminded_on"]
    return [
        *reg["by_title"], reg["registered"], reg["submitted"], reg["accepted"],
        ini["submitted"], ini["recognised"], ini["applied"], ini["staff"], ini["staff_with_recognised"],
        ini["staff_percent"], _met(ini["staff_met"]), ini["applied_percent"], _met(ini["applied_met"]),
        contest["total"], contest["units_sent"], contest["units_total"],
        dossiers["sent"], *dossiers["by_status"], late, reminded,
        awards["total"], awards["titles"], awards["forms"], *awards["by_decider"],
        awards["people"], awards["women"], awards["women_percent"], awards["amount"],
    ]


def commune_rows(view: ProvinceYear) -> list[list]:
    rows = []
    for index, row in enumerate(view.rows, 1):
        plan = row["plan"]
        if plan is None:
            plan_cells = ["Chưa có", None]
        elif not plan["issued"]:
            plan_cells = ["Dự thảo", None]
        else:
            plan_cells = [plan["code"], plan["issued_on"]]
        rows.append([index, str(row["commune"]), *plan_cells, *_figures(row)])
    rows.append([None, "Tổng cộng", view.total["plan"], None, *_figures(view.total, total=True)])
    return rows


def title_headers() -> list[str]:
    return ["TT", "Danh hiệu, hình thức khen thưởng", "Loại", "Cấp quyết định", "Số lượt", "Cá nhân", "Trong đó nữ",
            "Tỷ lệ nữ (%)", "Tiền thưởng (đồng)", "Số xã, phường"]


def title_rows(view: ProvinceYear) -> list[list]:
    rows = [[i, line["name"], KIND_WORDS[line["kind"]], DECIDER_WORDS[line["decider"]], line["count"],
             line["people"], line["women"], line["women_percent"], line["amount"], len(line["communes"])]
            for i, line in enumerate(view.awards_by_title, 1)]
    awards = view.total["awards"]
    rows.append([None, "Tổng cộng", None, None, awards["total"], awards["people"], awards["women"],
                 awards["women_percent"], awards["amount"], sum(1 for row in view.rows if row["awards"]["total"])])
    return rows


def _sheet(workbook, name: str, title_lines: list[str], headers: list[str], rows: list[list], widths: dict):
    sheet = workbook.create_sheet(name)
    for index, text in enumerate(title_lines, 1):
        cell = sheet.cell(row=index, column=1, value=text)
        cell.font = BOLD
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=len(headers))
    header_row = len(title_lines) + 2
    for column, value in enumerate(headers, 1):
        cell = sheet.cell(row=header_row, column=column, value=value)
        cell.font, cell.border = BOLD, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(column, 12)
    for offset, values in enumerate(rows, 1):
        last = offset == len(rows)
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=header_row + offset, column=column, value=value)
            cell.border = BORDER
            if last:
                cell.font = BOLD
            header = headers[column - 1]
            if "(%)" in header:
                cell.number_format = PERCENT
            elif "(đồng)" in header:
                cell.number_format = MONEY
            elif header.startswith("Ngày") and not last:
                cell.number_format = "DD/MM/YYYY"
            keep_as_text(cell)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    return sheet


def build_workbook(view: ProvinceYear) -> bytes:
    province = view.province
    heading = [province.office_title.upper(), f"TỔNG HỢP CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM {view.year}"]
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, "Theo xã, phường", [*heading, "THEO XÃ, PHƯỜNG"], commune_headers(view), commune_rows(view),
           {1: 6, 2: 26, 3: 14, 4: 12})
    _sheet(workbook, "Khen thưởng", [*heading, "KHEN THƯỞNG THEO DANH HIỆU, HÌNH THỨC VÀ CẤP QUYẾT ĐỊNH"],
           title_headers(), title_rows(view), {1: 6, 2: 44, 3: 22, 4: 14, 9: 16})
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def filename(view: ProvinceYear) -> str:
    return f"tong-hop-{view.province.slug}-{view.year}.xlsx"
