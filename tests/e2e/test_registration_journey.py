"""On a phone, Thôn A's leader registers the hamlet, two people for LĐTT and one for CSTĐCS with an initiative whose
PDF they attach, and submits; the office clerk returns one with a comment; the leader fixes and resubmits; the clerk
accepts everything; the summary workbook downloads and reads back with the expected rows."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from awards.catalogue import load_catalogue
from registrations.eligibility import titles_for
from registrations.enums import PhaseKind, RegistrationStatus
from registrations.models import Initiative, Phase, Registration
from tests import factories as f
from tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
COMMENT = "Bổ sung chức vụ của bà Lan"


def log_in(page, base_url, username):
    page.goto(f"{base_url}/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def add_registration(page, *, title, person=None, initiative=None, note=""):
    page.get_by_role("link", name="Thêm đăng ký").click()
    page.locator("select[name=title]").select_option(label=title)
    if person:
        page.locator("select[name=person]").select_option(label=person)
    if initiative:
        page.locator("select[name=initiative]").select_option(label=initiative)
    if note:
        page.locator("textarea[name=note]").fill(note)
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu nháp")).to_be_visible()
    page.get_by_role("link", name="Đăng ký năm 2022").click()


@pytest.mark.django_db(transaction=True)
def test_leader_registers_on_a_phone_and_the_office_decides(live_server, browser, browser_context_args, settings,
                                                           tmp_path, plan, commune, thon_a, hamlet_leader,
                                                           office_clerk):
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    load_catalogue()
    titles = {t.code: t for t in titles_for(commune=commune, year=2022)}  # NĐ 91/2017: CSTĐCS needs an initiative
    window = Phase.objects.create(commune=commune, year=2022, kind=PhaseKind.REGISTRATION, name="Đăng ký thi đua",
                                  opens_on=today - datetime.timedelta(days=3), closes_on=today + datetime.timedelta(3))
    Phase.objects.create(commune=commune, year=2022, kind=PhaseKind.INITIATIVES, name="Nộp sáng kiến",
                         opens_on=today - datetime.timedelta(days=3), closes_on=today + datetime.timedelta(days=30))
    f.PersonFactory(commune=commune, unit=thon_a, full_name="Đỗ Thị Lan")
    minh = f.PersonFactory(commune=commune, unit=thon_a, full_name="Vũ Văn Minh")
    # Five accepted LĐTT elsewhere and Thôn A's two: floor(15% × 7) = 1 CSTĐCS for the commune.
    office = f.UnitFactory(commune=commune, name="Văn phòng HĐND - UBND", kind="section", position=30)
    for i in range(5):
        person = f.PersonFactory(commune=commune, unit=office, full_name=f"Cán bộ {i}")
        Registration.objects.create(commune=commune, year=2022, phase=window, unit=office, title=titles["ldtt"],
                                    recipient_kind="individual", person=person, status=RegistrationStatus.ACCEPTED)
    initiative = Initiative.objects.create(commune=commune, year=2022, unit=thon_a, title="Số hóa sổ hộ khẩu")
    initiative.authors.add(minh)
    pdf = tmp_path / "sang-kien.pdf"
    pdf.write_bytes(PDF)

    phone = browser.new_context(viewport=PHONE, **browser_context_args)
    page = phone.new_page()
    log_in(page, live_server.url, "thona")
    # The initiative's PDF, on the initiative's page.
    page.goto(live_server.url + reverse("registrations:initiative_detail", args=[initiative.pk]))
    page.locator("input[name=file]").set_input_files(str(pdf))
    page.get_by_role("button", name="Đính kèm").click()
    expect(page.get_by_text("sang-kien.pdf")).to_be_visible()

    page.get_by_role("button", name="Trình đơn").click()  # the navbar is collapsed on a phone
    page.get_by_role("navigation").get_by_role("button", name="Thi đua").click()
    page.get_by_role("navigation").get_by_role("link", name="Đăng ký thi đua").click()
    expect(page.get_by_text("Đăng ký thi đua đang mở")).to_be_visible()
    add_registration(page, title="Thôn, tổ dân phố văn hóa")
    add_registration(page, title="Lao động tiên tiến", person="Đỗ Thị Lan")
    add_registration(page, title="Lao động tiên tiến", person="Vũ Văn Minh")
    # Without the initiative the 2022 rules say what is missing, next to the field.
    page.get_by_role("link", name="Thêm đăng ký").click()
    page.locator("select[name=title]").select_option(label="Chiến sĩ thi đua cơ sở")
    page.locator("select[name=person]").select_option(label="Vũ Văn Minh")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Chiến sĩ thi đua cơ sở phải có sáng kiến theo quy định năm 2022")).to_be_visible()
    page.locator("select[name=initiative]").select_option(label="Số hóa sổ hộ khẩu")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu nháp")).to_be_visible()
    page.get_by_role("link", name="Đăng ký năm 2022").click()
    page.get_by_role("button", name="Gửi tất cả bản nháp (4)").click()
    expect(page.get_by_text("Đã gửi Văn phòng 4 bản đăng ký.")).to_be_visible()
    assert set(Registration.objects.filter(unit=thon_a).values_list("status", flat=True)) == {"submitted"}

    desk = browser.new_context(**browser_context_args)
    clerk = desk.new_page()
    log_in(clerk, live_server.url, "vanphong")
    clerk.get_by_role("navigation").get_by_role("button", name="Thi đua").click()
    clerk.get_by_role("navigation").get_by_role("link", name="Đăng ký thi đua").click()
    clerk.locator("select[name=unit]").select_option(label="Thôn A")
    clerk.get_by_role("button", name="Lọc").click()
    lan = Registration.objects.get(person__full_name="Đỗ Thị Lan")
    clerk.locator(f"#registration-{lan.pk}").get_by_role("link", name="Trả lại").click()
    clerk.locator("textarea[name=comment]").fill(COMMENT)
    clerk.get_by_role("button", name="Trả lại đơn vị").click()
    expect(clerk.locator("#office-comment")).to_contain_text(COMMENT)
    clerk.get_by_role("link", name="Đăng ký năm 2022").click()
    for registration in Registration.objects.filter(unit=thon_a).exclude(pk=lan.pk):
        clerk.locator(f"#registration-{registration.pk}").get_by_role("button", name="Tiếp nhận").click()
        expect(clerk.get_by_text("Đã tiếp nhận:")).to_be_visible()

    page.reload()
    row = page.locator(f"#registration-{lan.pk}")
    expect(row).to_contain_text(COMMENT)
    row.click()
    expect(page.locator("#office-comment")).to_contain_text(COMMENT)
    page.get_by_role("link", name="Sửa", exact=True).click()
    page.locator("textarea[name=note]").fill("Chi hội trưởng Chi hội Phụ nữ")
    page.get_by_role("button", name="Lưu nháp").click()
    page.get_by_role("button", name="Gửi lại").click()
    expect(page.get_by_text("Đã gửi Văn phòng")).to_be_visible()
    phone.close()

    clerk.goto(live_server.url + reverse("registrations:registration_detail", args=[lan.pk]))
    clerk.get_by_role("button", name="Tiếp nhận").click()
    history = clerk.locator("#history")
    expect(history).to_contain_text("Trả lại để bổ sung")
    expect(history).to_contain_text(COMMENT)
    expect(history).to_contain_text("Trần Văn An")
    assert set(Registration.objects.filter(unit=thon_a).values_list("status", flat=True)) == {"accepted"}

    clerk.get_by_role("navigation").get_by_role("button", name="Thi đua").click()
    clerk.get_by_role("navigation").get_by_role("link", name="Đăng ký thi đua").click()
    with clerk.expect_download() as download_info:
        clerk.get_by_role("link", name="Tải bảng tổng hợp (Excel)").click()
    workbook = openpyxl.load_workbook(io.BytesIO(open(download_info.value.path(), "rb").read()), read_only=True)
    rows = [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    thon_a_rows = sorted((row[2], row[4], row[5] or "", row[6]) for row in rows if len(row) > 6 and row[1] == "Thôn A")
    assert thon_a_rows == [
        ("Thôn A", "Thôn, tổ dân phố văn hóa", "", "Đã duyệt"),
        ("Vũ Văn Minh", "Chiến sĩ thi đua cơ sở", "Số hóa sổ hộ khẩu", "Đã duyệt"),
        ("Vũ Văn Minh", "Lao động tiên tiến", "", "Đã duyệt"),
        ("Đỗ Thị Lan", "Lao động tiên tiến", "", "Đã duyệt"),
    ]
    desk.close()
