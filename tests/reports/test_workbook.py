"""The statistics workbook reads back with openpyxl and holds the same figures as the report."""

import io

import openpyxl
import pytest

from reports import services
from reports.workbook import report_workbook

pytestmark = pytest.mark.django_db


def rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_one_sheet_per_table_with_commune_and_period(commune, ubnd, office_clerk, year_data):
    report = services.create_report(commune=commune, year=2022, period="h1", series=ubnd, by=office_clerk)
    workbook = openpyxl.load_workbook(io.BytesIO(report_workbook(report)))
    assert workbook.sheetnames == ["Đăng ký thi đua", "Chỉ tiêu phong trào", "Sáng kiến", "Bài viết", "Khen thưởng",
                                   "Nhiệm vụ"]
    for sheet in workbook.worksheets:
        assert sheet["A1"].value == "XÃ XUÂN SƠN"
        assert "6 THÁNG ĐẦU NĂM 2022" in sheet["A2"].value
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.print_title_rows == "$5:$5"
    registrations = rows(workbook["Đăng ký thi đua"])
    assert registrations[4] == ["TT", "Đơn vị", "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở",
                                "Tập thể lao động tiên tiến", "Thôn, tổ dân phố văn hóa", "Cộng"]
    assert registrations[5] == [1, "Thôn A", 2, 0, 0, 1, 3]
    assert registrations[-1] == [None, "Tổng cộng", 3, 1, 1, 1, 6]
    awards = rows(workbook["Khen thưởng"])
    assert awards[-1] == [None, "Tổng cộng", None, 3, 1, 2086000]
    contest = rows(workbook["Bài viết"])
    assert contest[-1] == [None, "Tổng cộng", 1, 0, 2, 0, 0, 0, 1, 4]
    assert rows(workbook["Nhiệm vụ"])[-1] == [3, 1, 1, 1, 1]
    assert rows(workbook["Sáng kiến"])[-1] == [4, 3, 2, 8, 2, 25, 15, 66.7, 70]


def test_an_issued_workbook_keeps_the_issued_figures(commune, ubnd, office_clerk, year_data, thon_b):
    import datetime

    report = services.create_report(commune=commune, year=2022, period="h1", series=ubnd, by=office_clerk)
    report = services.issue_report(report=report, issued_on=datetime.date(2022, 7, 5), signer_name="Hoàng Văn Vân",
                                   by=office_clerk)
    before = rows(openpyxl.load_workbook(io.BytesIO(report_workbook(report)))["Đăng ký thi đua"])
    assert before[2] == ["(Kèm theo Báo cáo số 01/BC-UBND)"] + [None] * 6
    from registrations.models import Registration

    Registration.objects.update(status="accepted")
    after = rows(openpyxl.load_workbook(io.BytesIO(report_workbook(report)))["Đăng ký thi đua"])
    assert after == before
