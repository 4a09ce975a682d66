"""The province as the commune's upper level, in headless Chromium: a CSTĐ cấp tỉnh dossier goes up and back.

1. Xuân Sơn's clerk issues the Tờ trình of the proposal (Đỗ Thị Lan for "Chiến sĩ thi đua cấp tỉnh", decided by the
   province's chairman; her report and the council's minutes are in the dossier) and sends it to the province.
2. Hà Nội's operator finds it in the inbox with its receipt number, receives it, opens the nominee's report and returns
   the dossier asking for a certified report, with a comment.
3. The clerk sees "returned" and the comment, uploads the new report on the nomination's page and sends it again: the
   receipt number stays.
4. The operator accepts it, puts it in a draft decision of the province and issues it (01/QĐ-UBND of Hà Nội, its PDF).
5. The clerk sees the province's decision on the proposal and the award in Lan's record; the next year's check of a
   CSTĐ cấp tỉnh for her counts it (the years that grounded it cannot ground another).
6. Cổ Đông, a commune of Hà Nội that never sent anything, shows as late on the province's year view once the operator
   sets the deadline, and its office clerk gets the reminder the operator sends.
"""

import importlib
from dataclasses import dataclass

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from awards.decisions import create_decision, issue_minutes
from awards.enums import Decider, NominationStatus
from awards.models import AwardDecision, BaseSalary, Nomination
from funds.enums import EntryKind
from funds.models import FundEntry
from notifications.models import Notification
from provinces.enums import DossierStatus
from provinces.models import Dossier
from tests.awards.test_decisions_data import absent_member, meeting  # noqa: F401
from tests.factories import PASSWORD
from tests.provinces.dossier_data import provide_report, publish_ballot
from tests.registrations.conftest import lan, titles  # noqa: F401

DESKTOP = {"width": 1366, "height": 900}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
COMMENT = "Đề nghị bổ sung Báo cáo thành tích có xác nhận của Thủ trưởng đơn vị."


@dataclass
class ProvinceWorld:
    clerk: object
    operator: object
    nomination: Nomination
    proposal: AwardDecision  # a draft: the clerk issues its Tờ trình in the browser


@pytest.fixture
def province_world(commune, office_clerk, province_operator, meeting, titles, lan, settings, tmp_path):  # noqa: F811
    """Xuân Sơn (Hà Nội) with Lan's CSTĐ cấp tỉnh nomination passed by the council (minutes issued), her report
    uploaded, and the draft proposal to the province's chairman listing it."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    # A browser test before this one flushed the tables, the base salaries of the data migration with them.
    for day, amount, basis in importlib.import_module("awards.migrations.0005_base_salaries").BASE_SALARIES:
        BaseSalary.objects.get_or_create(effective_from=day, defaults={"amount": amount, "legal_basis": basis})
    (tmp_path / "media/dossiers/2022").mkdir(parents=True)
    (tmp_path / "media/dossiers/2022/bao-cao.pdf").write_bytes(PDF)
    nomination = Nomination.objects.create(commune=commune, year=2022, title=titles["cstd-tinh"], person=lan,
                                           unit=lan.unit, status=NominationStatus.PASSED,
                                           achievement="Hoàn thành xuất sắc nhiệm vụ ba năm liền")
    meeting.nominations.add(nomination)
    publish_ballot(meeting, nomination)
    issue_minutes(meeting=meeting, issued_on=meeting.held_on, by=office_clerk)
    provide_report(nomination)
    proposal = create_decision(commune=commune, year=2022, decider=Decider.PROVINCE_CHAIRMAN,
                               nominations=[nomination], by=office_clerk)
    # The province's award fund has this year's allocation: its decision (dated today) is booked in it.
    FundEntry.objects.create(province=commune.province, booked_on=timezone.localdate().replace(month=1, day=1),
                             kind=EntryKind.BUDGET, amount=100_000_000, description="Dự toán ngân sách")
    return ProvinceWorld(clerk=office_clerk, operator=province_operator, nomination=nomination, proposal=proposal)


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.mark.django_db(transaction=True)
def test_a_cstd_tinh_dossier_is_returned_completed_accepted_and_decided(
        live_server, browser, browser_context_args, province_world, second_commune_clerk, titles, tmp_path):  # noqa: F811
    base, w = live_server.url, province_world
    late_clerk = second_commune_clerk  # Cổ Đông's, which never sends a dossier
    clerk = browser.new_context(**browser_context_args, viewport=DESKTOP).new_page()
    operator = browser.new_context(**browser_context_args, viewport=DESKTOP).new_page()

    # 1. The clerk issues the Tờ trình and sends the dossier. ---------------------------------------------------------
    log_in(clerk, base, w.clerk.username)
    clerk.goto(f"{base}/awards/decisions/{w.proposal.pk}/")
    clerk.get_by_role("link", name="Ban hành tờ trình").click()
    clerk.locator("#id_issued_on").fill("12/12/2022")
    clerk.get_by_role("button", name="Ban hành tờ trình").click()
    expect(clerk.locator("#send-dossier")).to_have_text("Gửi hồ sơ lên tỉnh")
    clerk.locator("#send-dossier").click()
    expect(clerk.get_by_role("heading", name="Hồ sơ 001/2022")).to_be_visible()
    expect(clerk.locator("#status")).to_have_text("Đã gửi, chờ tiếp nhận")

    # 2. The operator finds it in the inbox, receives it, opens the report and returns it. ---------------------------
    log_in(operator, base, w.operator.username)
    operator.get_by_role("link", name="Hồ sơ tiếp nhận").click()
    row = operator.locator("#inbox tbody tr", has_text="001/2022")
    expect(row).to_contain_text("Xuân Sơn")
    expect(row).to_contain_text("Chiến sĩ thi đua cấp tỉnh")
    row.get_by_role("link", name="001/2022").click()
    operator.locator("#receive").click()
    expect(operator.locator("#status")).to_have_text("Đã tiếp nhận, đang xem xét")
    with operator.expect_download() as download:
        operator.locator("[data-requirement='bao-cao-thanh-tich'] a").click()
    assert download.value.path().read_bytes() == PDF
    operator.locator("#return").click()
    operator.locator("#id_comment").fill(COMMENT)
    operator.get_by_label("Đỗ Thị Lan: Báo cáo thành tích").check()
    operator.get_by_role("button", name="Trả lại hồ sơ").click()
    expect(operator.locator("#status")).to_have_text("Trả lại để bổ sung")
    assert Notification.objects.filter(recipient=w.clerk, title__contains="001/2022").exists()

    # 3. The clerk sees the return and the comment, uploads the report and sends again. ------------------------------
    clerk.goto(f"{base}/dossiers/")
    clerk_row = clerk.locator("#dossiers tbody tr", has_text="001/2022")
    expect(clerk_row).to_contain_text("Trả lại để bổ sung")
    clerk_row.get_by_role("link", name="001/2022").click()
    expect(clerk.locator("#comment")).to_contain_text(COMMENT)
    expect(clerk.locator("#events")).to_contain_text("Đỗ Thị Lan: Báo cáo thành tích")
    clerk.get_by_role("link", name="Bổ sung, thay đổi tệp").click()
    report = tmp_path / "bao-cao-co-xac-nhan.pdf"
    report.write_bytes(PDF)
    line = clerk.locator("#dossier-bao-cao-thanh-tich")
    expect(line).to_contain_text("Còn thiếu")
    line.locator("input[type=file]").set_input_files(report)
    line.get_by_role("button", name="Lưu").click()
    expect(clerk.locator("#dossier-bao-cao-thanh-tich")).to_contain_text("Đã có")
    clerk.goto(f"{base}/dossiers/")
    clerk.get_by_role("link", name="001/2022").click()
    clerk.locator("#resend").click()
    expect(clerk.locator("#status")).to_have_text("Đã gửi, chờ tiếp nhận")
    expect(clerk.get_by_role("heading", name="Hồ sơ 001/2022")).to_be_visible()

    # 4. The operator accepts it. -------------------------------------------------------------------------------------
    operator.reload()
    expect(operator.locator("#events")).to_contain_text("Gửi lại")
    operator.locator("#accept").click()
    expect(operator.locator("#status")).to_have_text("Đã chấp nhận")
    dossier = Dossier.objects.get(proposal=w.proposal)
    assert (dossier.status, dossier.receipt_number, dossier.received_on) == (
        DossierStatus.ACCEPTED, 1, timezone.localdate())
    assert list(dossier.events.values_list("kind", flat=True)) == ["sent", "received", "returned", "resent",
                                                                   "accepted"]

    # 5. The operator puts it in a draft decision of the province and issues it. ---------------------------------------
    operator.goto(f"{base}/province/decisions/new/?year=2022")
    operator.locator("input[name=dossiers]").first.check()
    operator.get_by_role("button", name="Tạo bản dự thảo").click()
    expect(operator.locator("#dossiers")).to_contain_text("001/2022")
    operator.locator("#issue").click()
    today = timezone.localdate()
    operator.locator("#id_issued_on").fill(today.strftime("%d/%m/%Y"))
    operator.locator("#id_signer_name").fill("Trần Sỹ Thanh")
    operator.get_by_role("button", name="Ban hành quyết định").click()
    expect(operator.locator("#status")).to_have_text("Đã ban hành")
    expect(operator.locator("#awards")).to_contain_text("Đỗ Thị Lan")
    with operator.expect_download() as download:
        operator.locator("#decision-pdf").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.DECIDED
    code = dossier.decision.document.code
    assert code == "01/QĐ-UBND"

    # 6. The clerk sees the decision on the proposal and the award in Lan's record. ----------------------------------
    clerk.goto(f"{base}/awards/decisions/{w.proposal.pk}/")
    expect(clerk.locator("main")).to_contain_text(code)
    clerk.goto(f"{base}/awards/people/{w.nomination.person_id}/history/")
    awards = clerk.locator("#person-awards")
    expect(awards).to_contain_text("Chiến sĩ thi đua cấp tỉnh")
    expect(awards).to_contain_text(code)
    expect(awards).to_contain_text("thành phố Hà Nội")

    # 7. The next year's check counts it: a CSTĐ cấp tỉnh of 2023 cannot stand on the years that grounded it. --------
    next_year = Nomination.objects.create(commune=w.nomination.commune, year=2023, title=titles["cstd-tinh"],
                                          person=w.nomination.person, unit=w.nomination.unit)
    clerk.goto(f"{base}/awards/nominations/{next_year.pk}/")
    expect(clerk.locator("main")).to_contain_text(f"đã được Chiến sĩ thi đua cấp tỉnh năm 2022 (quyết định {code})")

    # 8. A commune that never sent is late on the province's view and gets the reminder. -----------------------------
    operator.goto(f"{base}/province/dossiers/call/?year=2022")
    operator.locator("#id_due_on").fill("15/11/2022")
    operator.get_by_role("button", name="Lưu").click()
    operator.locator("#remind-now").click()
    expect(operator.locator("#outstanding")).to_contain_text("Cổ Đông")
    operator.goto(f"{base}/province/year/?year=2022")
    late_row = operator.locator("tr", has_text="Cổ Đông").first
    expect(late_row.locator(".dossiers-late")).to_have_text("chưa gửi")
    expect(late_row.locator(".dossiers-reminded")).to_have_text(today.strftime("%d/%m/%Y"))
    assert Notification.objects.filter(recipient=late_clerk).exists()
    assert not Notification.objects.filter(recipient=w.clerk, title__icontains="nhắc").exists()
