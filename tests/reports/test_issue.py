"""Creating, issuing and versioning reports: register numbers, frozen figures and text, the stored PDF."""

import datetime
import subprocess
import sys

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from documents.registry import render_document_pdf
from registrations.enums import RegistrationStatus
from registrations.models import Registration
from reports import services
from reports.enums import PartKey
from tests.pdfutils import FIXTURES, pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db
PDFCHECK = FIXTURES / "pdfcheck.py"
ISSUED_ON = datetime.date(2022, 7, 5)


def flat(text):
    return " ".join(text.split())


def make(commune, series, clerk, period="h1", year=2022):
    return services.create_report(commune=commune, year=year, period=period, series=series, by=clerk)


def issue(report, clerk, day=ISSUED_ON):
    return services.issue_report(report=report, issued_on=day, signer_name="Hoàng Văn Vân", by=clerk)


def test_parts_start_from_drafts_written_from_the_data(commune, ubnd, office_clerk, year_data):
    report = make(commune, ubnd, office_clerk)
    parts = {part.key: part.text for part in report.parts.all()}
    assert list(parts) == PartKey.values
    assert "Có 3/4 đơn vị đăng ký thi đua với 6 lượt đăng ký danh hiệu thi đua (3 đã được duyệt)." in parts["direction"]
    assert "Kế hoạch số 01/KH-UBND ngày 04/01/2022" in parts["direction"]
    assert "Khen thưởng 3 lượt (2 cá nhân, 1 tập thể), trong đó 1 lượt là nữ; tổng số tiền thưởng 2.086.000 đồng." \
        in parts["commendation"]
    assert report.target_results.count() == 1
    assert report.summary.startswith("Kết quả công tác thi đua, khen thưởng 6 tháng đầu năm")


def test_one_draft_at_a_time_and_only_the_office(commune, ubnd, office_clerk, chairman, year_data):
    make(commune, ubnd, office_clerk)
    with pytest.raises(ValidationError):
        make(commune, ubnd, office_clerk)
    with pytest.raises(PermissionDenied):
        make(commune, ubnd, chairman, period="year")


def test_issue_takes_the_next_bc_number_and_freezes_everything(commune, ubnd, office_clerk, thon_b, year_data):
    first = issue(make(commune, ubnd, office_clerk), office_clerk)
    assert first.document.code == "01/BC-UBND"
    second = issue(make(commune, ubnd, office_clerk, period="year"), office_clerk, datetime.date(2022, 12, 30))
    assert second.document.code == "02/BC-UBND"
    pdf = first.pdf.read()
    frozen = first.frozen
    assert frozen["figures"]["registrations"]["total"] == 6

    # The data changes afterwards: nothing about the issued report does.
    Registration.objects.filter(status=RegistrationStatus.DRAFT).update(status=RegistrationStatus.ACCEPTED)
    first.refresh_from_db()
    assert first.frozen == frozen
    assert services.report_content(first).figures["registrations"]["total"] == 6
    assert services.report_pdf_bytes(first) == pdf
    assert render_document_pdf(first.document) == pdf  # the register's renderer returns the stored file
    with pytest.raises(ValidationError):
        services.save_part(part=first.parts.first(), text="Sửa", by=office_clerk)
    # A live draft sees the change.
    assert services.live_content(first).figures["registrations"]["total"] == 7


def test_the_issued_pdf_says_what_the_figures_say_and_passes_pdfcheck(commune, ubnd, office_clerk, year_data,
                                                                      tmp_path):
    report = issue(make(commune, ubnd, office_clerk), office_clerk)
    path = tmp_path / "bc.pdf"
    path.write_bytes(report.pdf.read())
    text = flat(pdf_text(path))
    for expected in ["Số: 01/BC-UBND", "Xuân Sơn, ngày 05 tháng 7 năm 2022", "BÁO CÁO", "ỦY BAN NHÂN DÂN",
                     "XÃ XUÂN SƠN", "I. CÔNG TÁC CHỈ ĐẠO, TỔ CHỨC PHONG TRÀO THI ĐUA", "VI. ĐỀ XUẤT, KIẾN NGHỊ",
                     "Có 3/4 đơn vị đăng ký thi đua", "Tổng cộng 3 1 2.086.000", "PHỤ LỤC", "Thôn A 2 0 0 1 3",
                     "Hội Phụ nữ 0 0 0 0 0 0 0 Chưa gửi", "Hoàng Văn Vân"]:
        assert expected in text, expected
    assert "DỰ THẢO" not in text
    result = subprocess.run([sys.executable, str(PDFCHECK), str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert {font.family for font in pdf_fonts(path)} and all(font.embedded for font in pdf_fonts(path))


def test_council_series_has_the_two_line_issuing_body_and_its_own_numbers(commune, ubnd, council_series,
                                                                         office_clerk, year_data, tmp_path):
    issue(make(commune, ubnd, office_clerk), office_clerk)
    report = issue(make(commune, council_series, office_clerk), office_clerk)
    assert report.document.code == "01/BC-HĐTĐKT"
    path = tmp_path / "council.pdf"
    path.write_bytes(report.pdf.read())
    lines = [line.strip() for line in pdf_text(path).splitlines()]
    assert "UBND XÃ XUÂN SƠN" in lines[0]
    assert "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" in flat(" ".join(lines[:4]))
    assert "Số: 01/BC-HĐTĐKT" in flat(" ".join(lines))
    assert "TM. HỘI ĐỒNG" in flat(" ".join(lines))


def test_a_year_without_plan_or_data_never_speaks_of_the_portal(commune, ubnd, office_clerk, tmp_path):
    """An official document has no portal wording: without a plan the opening sentence names none, and a part with
    nothing to print is left out (the numbers close up)."""
    report = make(commune, ubnd, office_clerk, period="year", year=2030)
    services.save_part(part=report.parts.get(key=PartKey.ASSESSMENT), text="", by=office_clerk)
    path = tmp_path / "empty.pdf"
    path.write_bytes(services.report_pdf_bytes(report))
    text = flat(pdf_text(path))
    assert "cổng thông tin" not in text and "Chưa có số liệu" not in text
    assert "báo cáo kết quả công tác thi đua, khen thưởng năm 2030 như sau:" in text
    assert "ĐÁNH GIÁ CHUNG" not in text  # emptied by the clerk: left out
    assert "KẾT QUẢ THỰC HIỆN CÁC PHONG TRÀO THI ĐUA" not in text  # no plan: no targets, no text
    assert "II. KẾT QUẢ CÔNG TÁC KHEN THƯỞNG" in text and "III. PHƯƠNG HƯỚNG" in text
    assert "DỰ THẢO" in text


def test_a_new_version_copies_the_text_and_gets_its_own_number(commune, ubnd, office_clerk, year_data):
    first = make(commune, ubnd, office_clerk)
    part = first.parts.get(key=PartKey.ASSESSMENT)
    services.save_part(part=part, text="Ưu điểm: tổ chức tốt.", by=office_clerk)
    first = issue(first, office_clerk)
    with pytest.raises(ValidationError):
        services.new_version(report=make(commune, ubnd, office_clerk, period="year"), by=office_clerk)
    second = services.new_version(report=first, by=office_clerk)
    assert (second.version, second.previous, second.status) == (2, first, "draft")
    assert second.parts.get(key=PartKey.ASSESSMENT).text == "Ưu điểm: tổ chức tốt."
    second = issue(second, office_clerk, datetime.date(2022, 7, 20))
    assert second.document.code == "02/BC-UBND"
