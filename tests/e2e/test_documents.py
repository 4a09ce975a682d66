"""The office's documents in the browser: several plans a year, a reviewed year copy, the plan's page on a phone.

1. Beside the annual plan of 2022 (01/KH-UBND), the clerk creates the council's writing-contest plan (01/KH-HĐTĐKT)
   with its campaign and issues both.
2. A contest entry is sent for the council's plan and its campaign.
3. The clerk copies the 2022 annual plan to 2023: the copy cannot be issued before the phrases carrying a year are
   reviewed ("năm 2021", "kỷ niệm 75 năm ... (27/7/1947 - 27/7/2022)", "năm thứ hai thực hiện ... (2021 - 2025)");
   she accepts the suggestions, issues the copy and downloads it as PDF and as Word (.docx).
"""

import re
import subprocess

import docx
import pytest
from playwright.sync_api import expect

from campaigns.enums import PlanKind, PlanStatus
from campaigns.models import Plan
from demo import data
from registrations.models import ContestEntry
from tests import factories as f
from tests.factories import PASSWORD

COUNCIL_SUMMARY = "Tổ chức Cuộc thi viết về gương điển hình tiên tiến, người tốt, việc tốt năm 2022"
CAMPAIGN = "Cuộc thi viết về gương điển hình tiên tiến, người tốt, việc tốt năm 2022"


def demo_text(*needles) -> str:
    """The demo plan's paragraph holding every needle: the seed plan's own words."""
    return next(body for what, _label, body in data.PLAN_OUTLINE
                if what not in (data.SECTION, data.SUBSECTION) and all(n in body for n in needles))


@pytest.fixture
def annual_plan(plan):
    """The 2022 annual plan as a draft, with the seed plan's paragraphs that carry years and the appendix row of the
    year-end conference."""
    # The preamble of the seed plan: "năm thứ hai thực hiện ... (2021 - 2025)", "kỷ niệm 75 năm ... (27/7/1947 -
    # 27/7/2022)".
    f.ParagraphFactory(section=plan.sections.get(), position=10,
                       text=demo_text("năm thứ hai thực hiện", "(2021 - 2025)", "(27/7/1947 - 27/7/2022)"))
    content, directs, does, supports, starts_on, due_on, due_text = data.TIMELINE_TASKS[1]
    f.TaskFactory(plan=plan, position=2, content=content, directs=directs, does=does, supports=supports,
                  starts_on=starts_on, due_on=due_on, due_text=due_text)
    return plan


@pytest.fixture
def council_series(commune):
    return f.SeriesFactory(commune=commune, code="HĐTĐKT", name="Hội đồng Thi đua - Khen thưởng xã",
                           parent_body="UBND XÃ XUÂN SƠN", issuing_body="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                           signing_capacity="TM. HỘI ĐỒNG")


def log_in(page, base_url):
    page.goto(f"{base_url}/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def pdf_text(path) -> str:
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(raw.split())


@pytest.mark.django_db(transaction=True)
def test_council_plan_beside_the_annual_one_and_a_reviewed_year_copy(live_server, page, office_clerk, thon_a,
                                                                      annual_plan, council_series, tmp_path):
    base = live_server.url
    log_in(page, base)

    # 1. The council's contest plan of 2022, beside the annual plan of the same year. -------------------------------
    page.goto(f"{base}/plans/")
    page.get_by_role("link", name="Thêm kế hoạch").click()
    page.locator("#id_doc-series").select_option(label="Hội đồng Thi đua - Khen thưởng xã")
    page.locator("#id_doc-number").fill("1")
    page.locator("#id_doc-issued_on").fill("15/02/2022")
    page.locator("#id_doc-summary").fill(COUNCIL_SUMMARY)
    page.locator("#id_doc-signer_name").fill("Hoàng Văn Vân")
    page.locator("#id_plan-kind").select_option(PlanKind.COUNCIL)
    page.locator("#id_plan-year").fill("2022")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã tạo kế hoạch.")).to_be_visible()
    expect(page.get_by_role("heading", name="Kế hoạch 01/KH-HĐTĐKT")).to_be_visible()
    council = Plan.objects.get(kind=PlanKind.COUNCIL)
    assert (council.year, council.document.code) == (2022, "01/KH-HĐTĐKT")

    page.get_by_role("link", name=re.compile(r"^Phong trào thi đua \(0\)")).click()
    page.get_by_role("link", name="Thêm phong trào").click()
    page.locator("#id_name").fill(CAMPAIGN)
    page.locator("#id_kind").select_option("thematic")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu phong trào thi đua.")).to_be_visible()

    page.goto(f"{base}/plans/{council.pk}/")
    page.get_by_role("button", name="Ban hành kế hoạch").click()
    expect(page.get_by_text("Đã ban hành kế hoạch.")).to_be_visible()
    page.goto(f"{base}/plans/{annual_plan.pk}/")
    page.get_by_role("button", name="Ban hành kế hoạch").click()
    expect(page.get_by_text("Đã ban hành kế hoạch.")).to_be_visible()
    assert sorted(Plan.objects.filter(year=2022).values_list("document__series__code", "status")) == [
        ("HĐTĐKT", PlanStatus.ISSUED), ("UBND", PlanStatus.ISSUED)]
    page.goto(f"{base}/plans/")
    expect(page.get_by_role("link", name="01/KH-HĐTĐKT")).to_be_visible()
    expect(page.get_by_role("link", name="01/KH-UBND")).to_be_visible()

    # 2. A contest entry, sent for the council's plan and its campaign. ---------------------------------------------
    page.goto(f"{base}/registrations/contest/new/")
    page.locator("#id_unit").select_option(label="Thôn A")
    page.locator("#id_plan").select_option(label=f"01/KH-HĐTĐKT – {COUNCIL_SUMMARY}")
    page.locator("#id_campaign").select_option(label=f"{CAMPAIGN} (01/KH-HĐTĐKT)")
    page.locator("#id_year").fill("2022")
    page.locator("#id_period").fill("5")
    page.locator("#id_title").fill("Người cựu chiến binh làm kinh tế giỏi")
    page.locator("#id_subject").fill("Ông Đỗ Văn Bình")
    page.locator("#id_text").fill("Ông Bình giúp ba hộ nghèo thoát nghèo.")
    page.get_by_role("button", name="Gửi").click()
    expect(page.get_by_role("link", name="01/KH-HĐTĐKT")).to_be_visible()
    entry = ContestEntry.objects.get()
    assert (entry.plan_id, entry.campaign.name) == (council.pk, CAMPAIGN)

    # 3. The year copy, reviewed, then issued and printed. ----------------------------------------------------------
    page.goto(f"{base}/plans/{annual_plan.pk}/")
    page.get_by_role("link", name="Sao chép sang năm mới").click()
    expect(page.locator("#id_year")).to_have_value("2023")
    page.get_by_role("button", name="Tạo bản dự thảo").click()
    expect(page.get_by_text("chờ rà soát")).to_be_visible()
    copy = Plan.objects.get(year=2023)
    page.get_by_role("button", name="Ban hành kế hoạch").click()
    expect(page.get_by_text("Chưa thể ban hành kế hoạch")).to_be_visible()
    assert Plan.objects.get(pk=copy.pk).status == PlanStatus.DRAFT

    # The review page lists the three phrases with their suggestions.
    expect(page.get_by_role("heading", name="Rà soát bản sao năm mới")).to_be_visible()
    for suggestion in ["năm thứ ba thực hiện", "kỷ niệm 76 năm Ngày Thương binh liệt sỹ (27/7/1947 - 27/7/2023)",
                       "tổng kết công tác thi đua, khen thưởng năm 2022"]:
        expect(page.locator(".finding-suggestion", has_text=suggestion)).to_have_count(1)
    accept = page.get_by_role("button", name="Chấp nhận nội dung này")
    total = accept.count()
    assert total == copy.findings.count() >= 3
    for done in range(1, total + 1):
        accept.first.click()
        expect(accept).to_have_count(total - done)
        expect(page.get_by_text("Đã đưa nội dung vào kế hoạch.")).to_be_visible()
    expect(page.locator(".alert-success", has_text="Mọi cụm từ đã được rà soát")).to_be_visible()

    page.get_by_role("link", name="Quay lại kế hoạch").click()
    page.get_by_role("button", name="Ban hành kế hoạch").click()
    expect(page.get_by_text("Đã ban hành kế hoạch.")).to_be_visible()
    expect(page.get_by_text("năm thứ ba thực hiện các mục tiêu")).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải PDF").click()
    pdf = tmp_path / "plan-2023.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Số: 01/KH-UBND" in text
    assert "kỷ niệm 76 năm Ngày Thương binh liệt sỹ (27/7/1947 - 27/7/2023)" in text
    assert "năm thứ ba thực hiện" in text

    # The same plan as a Word copy, for offices that finish documents in Word before signing.
    with page.expect_download() as download_info:
        page.locator("#plan-docx").click()
    word = tmp_path / "plan-2023.docx"
    download_info.value.save_as(word)
    document = docx.Document(str(word))
    word_text = " ".join(" ".join(p.text for p in document.paragraphs).split())
    cells = " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Số: 01/KH-UBND" in " ".join(cells.split())
    assert "kỷ niệm 76 năm Ngày Thương binh liệt sỹ (27/7/1947 - 27/7/2023)" in word_text
    assert "năm thứ ba thực hiện" in word_text
    assert copy.tasks.get(position=2).content == (
        "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022; phát động thi đua năm 2023")


@pytest.mark.django_db(transaction=True)
def test_the_plans_page_on_a_phone(live_server, browser, browser_context_args, office_clerk, annual_plan):
    """On a 390 px phone the text takes the width of the screen (no column of buttons beside it), each section folds
    and carries its own toolbar, and the table of contents opens on demand."""
    context = browser.new_context(**browser_context_args, viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/plans/{annual_plan.pk}/")
    section = annual_plan.sections.get()
    block = page.locator(f"#section-{section.pk}")
    toolbar = block.get_by_role("toolbar")
    expect(toolbar.get_by_role("link", name="Sửa mục")).to_be_visible()
    expect(toolbar.get_by_role("link", name="Thêm đoạn văn")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    paragraph = block.locator(".plan-paragraph p").first
    assert paragraph.bounding_box()["width"] > 300
    block.locator("summary").first.click()  # folds
    expect(paragraph).to_be_hidden()
    page.locator("summary", has_text="Mục lục").click()
    expect(page.get_by_role("link", name="Phụ lục", exact=True)).to_be_visible()
    context.close()
