"""The emulation cluster's score sheet in headless Chromium, from self-scoring to the leaderboard's Excel file.

Xuân Sơn heads a three-commune cluster; Thanh Mỹ cross-scores Xuân Sơn; Cổ Đông, the deputy head commune, reviews
Xuân Sơn's own sheet (nobody reviews their own points). The other two sheets are taken to final through the services
beforehand, so the leaderboard is complete once Xuân Sơn's sheet is finalised in the browser.

Xuân Sơn's clerk self-scores on a phone (a value above the maximum is refused next to its field, the other typed
values stay), Thanh Mỹ's clerk scores I.1 lower, Xuân Sơn explains, Cổ Đông settles I.1 between the two and
finalises; the leaderboard and its Excel download show the final score and the rank.
"""

import re
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from scoring import services
from scoring.enums import CriterionKind as K, SheetStatus as S
from scoring.models import Cluster, Criterion, ScoreSheet, ScoringAssignment
from tests import factories as f
from tests.factories import PASSWORD
from tests.scoring.conftest import make_clerk

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def log_in(browser, browser_context_args, base_url, username, viewport=DESKTOP):
    extra = {"is_mobile": True, "has_touch": True} if viewport == PHONE else {}
    context = browser.new_context(**{**browser_context_args, "viewport": viewport, **extra})
    page = context.new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_label("Mật khẩu")).to_have_count(0)
    return context, page


def build_cluster(head, deputy, third):
    """I (20): I.1 qualitative 10, I.2 quantitative 10 (target 20 %); II (6): II.1 2 points per occurrence up to 6,
    II.2 deduction up to 4. Rotation: Thanh Mỹ scores Xuân Sơn, Cổ Đông scores Thanh Mỹ, Xuân Sơn scores Cổ Đông."""
    cluster = Cluster.objects.create(name="Cụm thi đua số 3 thị xã Sơn Tây", year=2022, head=head, deputy=deputy)
    cluster.members.add(head, deputy, third)
    tree = {}
    for position, (code, kind, maximum, parent, extra) in enumerate([
        ("I", K.GROUP, 20, None, {}),
        ("I.1", K.QUALITATIVE, 10, "I", {}),
        ("I.2", K.QUANTITATIVE, 10, "I", {"target": Decimal(20), "unit": "%"}),
        ("II", K.GROUP, 6, None, {}),
        ("II.1", K.PER_OCCURRENCE, 6, "II", {"points_per_occurrence": Decimal(2)}),
        ("II.2", K.DEDUCTION, 4, "II", {}),
    ], 1):
        tree[code] = Criterion.objects.create(cluster=cluster, parent=tree.get(parent), code=code,
                                              name=f"Tiêu chí {code}", kind=kind, max_points=Decimal(maximum),
                                              position=position, **extra)
    for scored, scorer in [(head, third), (third, deputy), (deputy, head)]:
        ScoringAssignment.objects.create(cluster=cluster, scored=scored, scorer=scorer)
    return cluster, tree


def finish_through_services(sheet, tree, table, *, office, scorer, reviewer):
    """Self, cross and review with the same values (code → value), then final."""
    values = {tree[code].pk: Decimal(value) for code, value in table.items()}
    services.save_self_scores(sheet=sheet, values=values, by=office, submit=True)
    services.save_cross_scores(sheet=sheet, values=values, by=scorer, finish=True)
    services.save_explanations(sheet=sheet, explanations={}, by=office, send=True)
    services.save_review(sheet=sheet, values={}, by=reviewer, finalise=True)


@pytest.mark.django_db(transaction=True)
def test_self_cross_explain_review_leaderboard_and_excel(live_server, browser, browser_context_args, tmp_path,
                                                         settings, commune, office_clerk):
    settings.MEDIA_ROOT = tmp_path / "media"
    co_dong = f.CommuneFactory(name="Cổ Đông", slug="co-dong")
    thanh_my = f.CommuneFactory(name="Thanh Mỹ", slug="thanh-my")
    deputy_clerk = make_clerk(co_dong, "vanphong.co-dong", "Lê Văn Hùng")
    scorer_clerk = make_clerk(thanh_my, "vanphong.thanh-my", "Nguyễn Thị Lan")
    cluster, tree = build_cluster(commune, co_dong, thanh_my)
    services.open_sheets(cluster=cluster, by=office_clerk)
    sheets = {s.commune_id: s for s in cluster.sheets.all()}
    # Cổ Đông 24 points (ahead of Xuân Sơn), Thanh Mỹ 20 (behind); Xuân Sơn reviews both as the head commune.
    finish_through_services(sheets[co_dong.pk], tree, {"I.1": "10", "I.2": "20", "II.1": "3", "II.2": "2"},
                            office=deputy_clerk, scorer=office_clerk, reviewer=office_clerk)
    finish_through_services(sheets[thanh_my.pk], tree, {"I.1": "8", "I.2": "16", "II.1": "2", "II.2": "0"},
                            office=scorer_clerk, scorer=deputy_clerk, reviewer=office_clerk)
    sheet = sheets[commune.pk]
    sheet_url = f"{live_server.url}{reverse('scoring:sheet_detail', args=[sheet.pk])}"
    field = {code: f"#id_value_{tree[code].pk}" for code in ("I.1", "I.2", "II.1", "II.2")}

    # 1. Xuân Sơn's clerk self-scores on a phone: 12 for I.1 (at most 10) is refused next to the field.
    context, clerk = log_in(browser, browser_context_args, live_server.url, "vanphong", viewport=PHONE)
    clerk.goto(sheet_url)
    clerk.get_by_role("link", name="Tự chấm điểm").click()
    typed = {"I.1": "12", "I.2": "18", "II.1": "3", "II.2": "1"}
    for code, value in typed.items():
        clerk.locator(field[code]).fill(value)
    clerk.locator(f"#id_evidence_{tree['I.2'].pk}").fill("Báo cáo tỷ lệ hộ đạt chuẩn năm 2022")
    clerk.get_by_role("button", name="Lưu và gửi chấm chéo").click()
    expect(clerk.get_by_text("Vui lòng sửa các lỗi bên dưới. Chưa có gì được lưu.")).to_be_visible()
    expect(clerk.locator(f"#criterion-{tree['I.1'].pk}")).to_contain_text("Tối đa 10 điểm cho tiêu chí này.")
    expect(clerk.locator(f"#criterion-{tree['I.2'].pk}")).not_to_contain_text("Tối đa")
    for code, value in typed.items():
        expect(clerk.locator(field[code])).to_have_value(value)
    expect(clerk.locator(f"#id_evidence_{tree['I.2'].pk}")).to_have_value("Báo cáo tỷ lệ hộ đạt chuẩn năm 2022")
    sheet.refresh_from_db()
    assert sheet.status == S.SELF_SCORING
    assert not sheet.entries.filter(self_value__isnull=False).exists()
    # The page fits the phone: no sideways scrolling.
    assert clerk.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    clerk.locator(field["I.1"]).fill("9")
    clerk.get_by_role("button", name="Lưu và gửi chấm chéo").click()
    expect(clerk.get_by_text("Đã lưu và chuyển bước tiếp theo.")).to_be_visible()
    expect(clerk.locator("tfoot")).to_contain_text("23")  # 9 + 9 + 6 - 1
    context.close()

    # 2. Thanh Mỹ's clerk, the assigned scorer, gives 7 instead of 9 for I.1 and finishes.
    context, scorer = log_in(browser, browser_context_args, live_server.url, "vanphong.thanh-my")
    scorer.goto(sheet_url)
    scorer.get_by_role("link", name="Chấm chéo").click()
    cross = {"I.1": "7", "I.2": "18", "II.1": "3", "II.2": "1"}
    for code, value in cross.items():
        scorer.locator(field[code]).fill(value)
    scorer.locator(f"#id_note_{tree['I.1'].pk}").fill("Thiếu biên bản hội nghị sơ kết")
    scorer.get_by_role("button", name="Lưu và hoàn thành chấm chéo").click()
    expect(scorer.get_by_text("Đã lưu và chuyển bước tiếp theo.")).to_be_visible()
    expect(scorer.locator("tfoot")).to_contain_text("21")
    context.close()

    # 3. Xuân Sơn's clerk explains I.1, the only criterion where the points differ.
    context, clerk = log_in(browser, browser_context_args, live_server.url, "vanphong", viewport=PHONE)
    clerk.goto(sheet_url)
    clerk.get_by_role("link", name="Viết giải trình").click()
    expect(clerk.locator("textarea[name^=explanation_]")).to_have_count(1)
    clerk.locator(f"#id_explanation_{tree['I.1'].pk}").fill("Biên bản sơ kết đã nộp kèm báo cáo 6 tháng")
    clerk.get_by_role("button", name="Lưu và gửi giải trình").click()
    expect(clerk.get_by_text("Đã lưu và chuyển bước tiếp theo.")).to_be_visible()
    # The head commune does not review its own sheet.
    expect(clerk.get_by_role("link", name="Phúc tra")).to_have_count(0)
    context.close()

    # 4. Cổ Đông's clerk, the deputy head commune, settles I.1 at 8 and finalises.
    context, reviewer = log_in(browser, browser_context_args, live_server.url, "vanphong.co-dong")
    reviewer.goto(sheet_url)
    reviewer.get_by_role("link", name="Phúc tra").click()
    expect(reviewer.get_by_text("Biên bản sơ kết đã nộp kèm báo cáo 6 tháng")).to_be_visible()
    # The field starts from the cross-scored value (rendered as "7.00").
    expect(reviewer.locator(field["I.1"])).to_have_value(re.compile(r"^7(\.0+)?$"))
    reviewer.locator(field["I.1"]).fill("8")
    reviewer.get_by_role("button", name="Lưu và chốt điểm").click()
    expect(reviewer.get_by_text("Đã lưu và chuyển bước tiếp theo.")).to_be_visible()
    expect(reviewer.get_by_text("Đã chốt điểm").first).to_be_visible()
    context.close()
    sheet.refresh_from_db()
    assert (sheet.status, sheet.final_score) == (S.FINAL, Decimal("22.00"))

    # 5. The leaderboard: Cổ Đông 24, Xuân Sơn 22, Thanh Mỹ 20; its Excel file says the same.
    context, clerk = log_in(browser, browser_context_args, live_server.url, "vanphong")
    clerk.goto(f"{live_server.url}{reverse('scoring:leaderboard', args=[cluster.pk])}")
    expect(clerk.get_by_text("Kết quả tạm thời")).to_have_count(0)
    rows = clerk.locator("tbody tr")
    expect(rows).to_have_count(3)
    own = rows.filter(has_text="Xuân Sơn")
    expect(own.locator("td").nth(0)).to_have_text("2")
    expect(own.locator("td").nth(4)).to_have_text("22")
    expect(rows.nth(0)).to_contain_text("Cổ Đông")
    with clerk.expect_download() as download:
        clerk.get_by_role("link", name="Tải Excel").click()
    assert download.value.suggested_filename == "xep-hang-2022.xlsx"
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    workbook = openpyxl.load_workbook(path)
    table = [row for row in workbook.active.iter_rows(values_only=True) if row[1] == "Xã Xuân Sơn"]
    assert len(table) == 1
    rank, _name, self_total, cross_total, final_total, status = table[0]
    assert (rank, float(self_total), float(cross_total), float(final_total), status) == (2, 23, 21, 22,
                                                                                         "Đã chốt điểm")
    context.close()
    assert ScoreSheet.objects.filter(cluster=cluster, status=S.FINAL).count() == 3
