"""The clerk opens the dashboard of the demo year (2022), creates the six-month report, edits one prose part, issues
it (the next BC number of 2022), downloads the PDF and the workbook: their figures equal the dashboard's and the
database's."""

import io

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from demo.data import DEMO_PASSWORD
from directory.models import Commune, Unit
from documents.models import Series
from documents.services import next_number
from registrations.enums import PeriodKind, PhaseKind, RegistrationStatus
from registrations.models import ContestEntry, Phase, Registration
from reports.figures import REGISTERED
from tests import factories as f
from tests.pdfutils import pdf_text


def log_in(page, base_url, username):
    page.goto(f"{base_url}/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def bar_value(page, chart, label) -> int:
    return int(page.locator(f'#chart-{chart} [data-bar="{label}"] [data-value]').inner_text())


def _demo_year_data(commune):
    """A few 2022 registrations and contest entries on top of whatever the demo seed holds."""
    from awards.models import Title

    phase = Phase.objects.filter(commune=commune, year=2022, kind=PhaseKind.REGISTRATION).first()
    ldtt = Title.objects.filter(code="ldtt", rule_set__effective_from__year=2017).first()
    hamlets = list(Unit.objects.filter(commune=commune, kind="hamlet").order_by("position")[:2])
    for i, status in enumerate([RegistrationStatus.ACCEPTED, RegistrationStatus.ACCEPTED,
                                RegistrationStatus.SUBMITTED, RegistrationStatus.DRAFT]):
        unit = hamlets[i % 2]
        person = f.PersonFactory(commune=commune, unit=unit, full_name=f"Người thi đua {i}")
        Registration.objects.create(commune=commune, year=2022, phase=phase, unit=unit, title=ldtt,
                                    recipient_kind="individual", person=person, status=status)
    ContestEntry.objects.create(commune=commune, unit=hamlets[0], year=2022, period_kind=PeriodKind.MONTH, period=3,
                                title="Người tốt việc tốt", subject="Bà Lan")


@pytest.mark.django_db(transaction=True)
def test_clerk_writes_and_issues_the_six_month_report(live_server, browser, browser_context_args, settings,
                                                    tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    commune = Commune.objects.get(slug="xuan-son")
    _demo_year_data(commune)
    ubnd = Series.objects.get(commune=commune, code="UBND")
    expected_number = f"{next_number(series=ubnd, doc_type='BC', year=2022):02d}/BC-UBND"
    registered = Registration.objects.filter(commune=commune, year=2022, status__in=REGISTERED).count()
    accepted = Registration.objects.filter(commune=commune, year=2022, status=RegistrationStatus.ACCEPTED).count()

    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    log_in(page, live_server.url, "vanphong")
    page.goto(f"{live_server.url}/?year=2022&period=h1")
    expect(page.locator("#dashboard-title")).to_contain_text("6 tháng đầu năm 2022")
    shown = {label: bar_value(page, "registrations", label)
             for label in ["Dự thảo", "Đăng ký", "Trả lại để bổ sung", "Đã tiếp nhận"]}
    assert shown["Đã tiếp nhận"] == accepted
    assert shown["Đăng ký"] + shown["Trả lại để bổ sung"] + shown["Đã tiếp nhận"] == registered
    summary = page.locator("#chart-registrations [data-summary]").inner_text()  # "a/b đơn vị đăng ký"
    units = summary.split()[0]

    page.locator(".dashboard").get_by_role("link", name="Báo cáo").click()
    page.get_by_role("link", name="Báo cáo mới").click()
    page.locator("input[name=year]").fill("2022")
    page.locator("select[name=period]").select_option(label="6 tháng đầu năm")
    page.locator("select[name=series]").select_option(label="Ủy ban nhân dân xã")
    page.get_by_role("button", name="Tạo báo cáo").click()
    expect(page.get_by_text("Đã tạo báo cáo với bản thảo viết từ số liệu.")).to_be_visible()
    expect(page.locator("#part-direction")).to_contain_text(
        f"Có {units} đơn vị đăng ký thi đua với {registered} lượt đăng ký danh hiệu thi đua "
        f"({accepted} đã được duyệt).")

    page.locator("#part-assessment").get_by_role("link", name="Sửa").click()
    page.locator("textarea[name=text]").fill("Ưu điểm: các thôn đăng ký thi đua đầy đủ, đúng hạn.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#part-assessment")).to_contain_text("các thôn đăng ký thi đua đầy đủ")

    page.get_by_role("link", name="Ban hành báo cáo").click()
    page.locator("input[name=issued_on]").fill("05/07/2022")
    expect(page.locator("input[name=signer_name]")).to_have_value("Hoàng Văn Vân")
    page.get_by_role("button", name="Ban hành", exact=True).click()
    expect(page.locator("#report-number")).to_have_text(expected_number)

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải báo cáo (PDF)").click()
    pdf = tmp_path / "report.pdf"
    download.value.save_as(pdf)
    text = " ".join(pdf_text(pdf).split())
    assert f"Số: {expected_number}" in text
    assert f"Có {units} đơn vị đăng ký thi đua với {registered} lượt" in text
    assert "các thôn đăng ký thi đua đầy đủ, đúng hạn" in text
    with page.expect_download() as again:
        page.get_by_role("link", name="Tải báo cáo (PDF)").click()
    assert open(again.value.path(), "rb").read() == pdf.read_bytes()

    with page.expect_download() as download:
        page.get_by_role("link", name="Tải bảng thống kê (XLSX)").click()
    xlsx = tmp_path / "report.xlsx"
    download.value.save_as(xlsx)
    workbook = openpyxl.load_workbook(xlsx)
    rows = [list(row) for row in workbook["Đăng ký thi đua"].iter_rows(values_only=True)]
    assert rows[-1][1] == "Tổng cộng" and rows[-1][-1] == registered
    contest = [list(row) for row in workbook["Bài viết"].iter_rows(values_only=True)]
    assert contest[-1][-1] == ContestEntry.objects.filter(
        commune=commune, year=2022, period_kind="month", period__lte=6).count() + ContestEntry.objects.filter(
        commune=commune, year=2022, period_kind="quarter", period__lte=2).count()
    context.close()
