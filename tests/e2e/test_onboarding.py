"""Onboarding a new commune without a developer, in headless Chromium, from the province's office to a hamlet's leader.

1. The operator of Hà Nội's emulation office creates xã Phúc Lộc at /province/ and invites its first clerk.
2. The clerk follows the link of the e-mail (read from the outbox), sets a password and signs in.
3. She downloads the portal's template of units and people, fills it (three hamlets, six people) and imports it after
   the preview.
4. She gives a hamlet's leader an account (an invitation e-mail) and makes him the leader of his hamlet.
5. She writes the commune's first plan (a section, a paragraph), issues it and downloads its PDF: the PDF carries
   Phúc Lộc's names and its province's, and no word of Xuân Sơn or Sơn Tây (whose commune is in the same province).
6. The leader, on his phone, sets his password from his invitation, later forgets it, resets it from the "Quên mật
   khẩu?" e-mail and signs in with the new one.
7. No page of the journey opens /admin/: every request and navigation of the three browsers is recorded and checked.
"""

import re
import subprocess
import sys
import unicodedata
from urllib.parse import urlsplit

import openpyxl
import pytest
from playwright.sync_api import expect

from accounts.models import Invitation
from notifications.models import OutboundEmail
from tests import factories as f
from tests.factories import PASSWORD
from tests.pdfutils import FIXTURES

PDFCHECK = FIXTURES / "pdfcheck.py"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

COMMUNE = "Phúc Lộc"
CLERK, CLERK_EMAIL, CLERK_PASSWORD = "Lê Thị Mai", "mai.lt@phucloc.example.vn", "Mat-khau-cua-Mai-2026"
LEADER, LEADER_EMAIL = "Nguyễn Văn Bình", "binh.nv@phucloc.example.vn"
LEADER_FIRST, LEADER_SECOND = "Mat-khau-cua-Binh-2026", "Mat-khau-moi-cua-Binh-2027"
CHAIRMAN = "Trần Văn Hùng"
HAMLETS = ["Thôn Đông", "Thôn Đoài", "Thôn Trung"]
PEOPLE = [  # full name, gender, year of birth, hamlet, position, e-mail
    (LEADER, "Nam", 1975, "Thôn Đông", "Trưởng thôn", LEADER_EMAIL),
    ("Phạm Thị Lan", "Nữ", 1982, "Thôn Đông", "", ""),
    ("Đỗ Văn Cường", "Nam", 1968, "Thôn Đoài", "Trưởng thôn", ""),
    ("Hoàng Thị Thu", "Nữ", 1990, "Thôn Đoài", "", ""),
    ("Vũ Văn Hải", "Nam", 1979, "Thôn Trung", "", ""),
    ("Bùi Thị Ngọc", "Nữ", 1985, "Thôn Trung", "", ""),
]
PARAGRAPH = ("Phát động phong trào thi đua yêu nước sâu rộng trong toàn xã Phúc Lộc, gắn với xây dựng nông thôn mới "
             "kiểu mẫu.")
FOREIGN_NAMES = ["xuân sơn", "sơn tây"]  # the first commune of the province and its former district-level town


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class Journey:
    """The browser contexts of the journey, each recording every URL it requested or navigated to."""

    def __init__(self, browser, context_args, base):
        self.browser, self.context_args, self.base = browser, context_args, base
        self.urls: list[str] = []
        self.contexts = []

    def context(self, *, phone=False):
        extra = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if phone else {"viewport": DESKTOP}
        context = self.browser.new_context(**{**self.context_args, **extra})
        context.on("request", lambda request: self.urls.append(request.url))
        context.on("page", lambda page: page.on("framenavigated", lambda frame: self.urls.append(frame.url)))
        self.contexts.append(context)
        return context.new_page()

    def admin_urls(self) -> list[str]:
        return [url for url in self.urls if urlsplit(url).path.startswith("/admin")]

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def journey(live_server, browser, browser_context_args):
    journey = Journey(browser, browser_context_args, live_server.url)
    yield journey
    journey.close()


def shows_nothing_foreign(page) -> bool:
    """No word of the other commune (or its former town) in the page's visible text."""
    text = fold(page.locator("body").inner_text())
    return not [name for name in FOREIGN_NAMES if name in text]


def log_in(page, base, username, password):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def last_link(to) -> str:
    """The path of the link in the latest e-mail to `to` (the outbox keeps every e-mail the portal sends)."""
    email = OutboundEmail.objects.filter(to=to).latest("pk")
    return re.search(r"https?://[^/\s]+(/\S+)", email.body_text).group(1)


def set_password(page, password):
    page.locator("#id_new_password1").fill(password)
    page.locator("#id_new_password2").fill(password)


def fill_template(path, target):
    """Fill the downloaded template by its headers: the hamlets on "Đơn vị", the people on "Người"."""
    workbook = openpyxl.load_workbook(path)
    units, people = workbook["Đơn vị"], workbook["Người"]

    def append(sheet, values: dict):
        headers = [cell.value for cell in sheet[1]]
        assert set(values) <= set(headers), (values.keys(), headers)
        sheet.append([values.get(header) for header in headers])

    for position, hamlet in enumerate(HAMLETS, 1):
        append(units, {"Tên đơn vị": hamlet, "Loại đơn vị": "Thôn", "Thứ tự": position})
    for name, gender, born, hamlet, position, email in PEOPLE:
        append(people, {"Họ và tên": name, "Giới tính": gender, "Năm sinh": born, "Loại": "Người dân",
                        "Đơn vị": hamlet, "Chức vụ": position or None, "Email": email or None})
    workbook.save(target)


@pytest.mark.django_db(transaction=True)
def test_a_new_commune_is_onboarded_without_the_admin(journey, commune, tmp_path):
    base = journey.base
    # Hà Nội's emulation office; Xuân Sơn (the `commune` fixture, "thị xã Sơn Tây" before 1 July 2025) is already
    # one of its communes, so that nothing of it may leak into the new commune's pages or documents.
    f.OperatorFactory(user=f.UserFactory(username="bantdkt"), province=commune.province, full_name="Đinh Thị Thu")

    # 1. The operator creates the commune and invites its first clerk. ----------------------------------------------
    operator = journey.context()
    log_in(operator, base, "bantdkt", PASSWORD)
    expect(operator).to_have_url(f"{base}/province/")
    expect(operator.get_by_role("heading", name="thành phố Hà Nội")).to_be_visible()
    operator.get_by_role("link", name="Thêm xã, phường").click()
    operator.locator("#id_name").fill(COMMUNE)
    operator.locator("#id_kind_label").select_option("xã")
    operator.get_by_role("button", name="Lưu").click()
    expect(operator.get_by_text("Đã tạo Xã Phúc Lộc cùng các sổ văn bản.")).to_be_visible()
    expect(operator.get_by_role("heading", name="Xã Phúc Lộc")).to_be_visible()
    operator.get_by_role("link", name="Mời công chức").click()
    operator.locator("#id_full_name").fill(CLERK)
    operator.locator("#id_gender").select_option("female")
    operator.locator("#id_email").fill(CLERK_EMAIL)
    operator.get_by_role("button", name="Gửi lời mời").click()
    expect(operator.get_by_text(f"Đã gửi lời mời đến {CLERK_EMAIL}")).to_be_visible()
    expect(operator.locator("#clerks").get_by_role("row", name=CLERK)).to_contain_text("đã mời")
    clerk_username = Invitation.objects.get(email=CLERK_EMAIL).user.username

    # 2. The clerk follows the e-mail's link, sets her password and signs in. ---------------------------------------
    clerk = journey.context()
    clerk.goto(f"{base}{last_link(CLERK_EMAIL)}")
    expect(clerk.get_by_text(clerk_username)).to_be_visible()
    set_password(clerk, CLERK_PASSWORD)
    clerk.get_by_role("button", name="Lưu mật khẩu").click()
    expect(clerk.locator("#invitation-done")).to_be_visible()
    log_in(clerk, base, clerk_username, CLERK_PASSWORD)
    expect(clerk).to_have_url(f"{base}/")
    assert shows_nothing_foreign(clerk)

    # 3. She imports the hamlets and their people from the portal's own template. -----------------------------------
    clerk.goto(f"{base}/directory/units/")  # the commune has no units yet: the import is where to start
    clerk.get_by_role("link", name="Nhập từ Excel").click()
    with clerk.expect_download() as download_info:
        clerk.get_by_role("link", name="Tải tệp mẫu").click()
    template, filled = tmp_path / "template.xlsx", tmp_path / "phuc-loc.xlsx"
    download_info.value.save_as(template)
    fill_template(template, filled)
    clerk.locator("#id_file").set_input_files(filled)
    clerk.get_by_role("button", name="Kiểm tra tệp").click()
    expect(clerk.get_by_role("heading", name=re.compile("Đơn vị.*3 dòng"))).to_be_visible()
    expect(clerk.get_by_role("heading", name=re.compile("Người.*6 dòng"))).to_be_visible()
    expect(clerk.get_by_role("cell", name=LEADER)).to_be_visible()
    clerk.get_by_role("button", name="Nhập tất cả các dòng").click()
    expect(clerk.get_by_text(re.compile(r"3 đơn vị, 6 người"))).to_be_visible()
    clerk.goto(f"{base}/directory/units/")
    for hamlet in HAMLETS:
        expect(clerk.get_by_role("link", name=hamlet, exact=True)).to_be_visible()

    # 4. She gives the leader of Thôn Đông an account and makes him the hamlet's leader. -----------------------------
    clerk.goto(f"{base}/accounts/people/")
    expect(clerk.get_by_role("heading", name="Tài khoản và vai trò")).to_be_visible()
    assert shows_nothing_foreign(clerk)
    clerk.get_by_role("link", name=LEADER).click()
    leader_username = clerk.get_by_label("Tên đăng nhập").input_value()
    assert leader_username
    clerk.get_by_role("button", name="Tạo tài khoản và gửi lời mời").click()
    expect(clerk.get_by_text(f"Đã gửi lời mời đến {LEADER_EMAIL}.")).to_be_visible()
    clerk.get_by_label("Giao làm trưởng của").select_option(label="Thôn Đông")
    clerk.locator("form[action$='/units/lead/']").get_by_role("button", name="Giao").click()
    expect(clerk.get_by_text("Người này đã được giao phụ trách đơn vị.")).to_be_visible()

    # 5. She writes the commune's first plan, issues it and downloads its PDF. --------------------------------------
    clerk.goto(f"{base}/plans/")
    clerk.get_by_role("link", name="Thêm kế hoạch").click()
    expect(clerk.locator("#id_doc-series")).to_have_value(re.compile(r"\d+"))
    expect(clerk.locator("#id_doc-series option:checked")).to_have_text("Ủy ban nhân dân xã")
    expect(clerk.locator("#id_doc-number")).to_have_value("1")
    expect(clerk.locator("#id_doc-place")).to_have_value(COMMUNE)
    # The recipients are derived from the commune's data: its upper level today is its province.
    expect(clerk.locator("#id_doc-recipients")).to_have_value(re.compile(r"^UBND thành phố Hà Nội;"))
    day, month, year = (int(part) for part in clerk.locator("#id_doc-issued_on").input_value().split("/"))
    month_text = f"{month:02d}" if month <= 2 else str(month)  # as the state format prints it
    dated = f"Phúc Lộc, ngày {day:02d} tháng {month_text} năm {year}"
    clerk.locator("#id_doc-summary").fill(f"Công tác thi đua, khen thưởng năm {year}")
    clerk.locator("#id_doc-signer_name").fill(CHAIRMAN)
    clerk.locator("#id_plan-year").fill(str(year))
    clerk.get_by_role("button", name="Lưu").click()
    expect(clerk.get_by_text("Đã tạo kế hoạch.")).to_be_visible()
    clerk.get_by_role("link", name="Thêm mục").click()
    clerk.locator("#id_label").fill("I.")
    clerk.locator("#id_title").fill("MỤC ĐÍCH, YÊU CẦU")
    clerk.get_by_role("button", name="Lưu").click()
    expect(clerk.get_by_text("Đã thêm mục.")).to_be_visible()
    clerk.get_by_role("link", name="Thêm đoạn văn").click()
    clerk.locator("#id_label").fill("1.")
    clerk.locator("#id_text").fill(PARAGRAPH)
    clerk.get_by_role("button", name="Lưu").click()
    expect(clerk.get_by_text(PARAGRAPH)).to_be_visible()
    clerk.get_by_role("link", name="Sửa kế hoạch").click()
    clerk.locator("#id_plan-status").select_option("issued")
    clerk.get_by_role("button", name="Lưu").click()
    expect(clerk.get_by_text("Đã lưu kế hoạch.")).to_be_visible()
    expect(clerk.get_by_text("Đã ban hành")).to_be_visible()
    assert shows_nothing_foreign(clerk)
    with clerk.expect_download() as download_info:
        clerk.get_by_role("link", name="Tải PDF").click()
    pdf = tmp_path / "plan.pdf"
    download_info.value.save_as(pdf)
    raw = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = flat(raw)
    for expected in ["ỦY BAN NHÂN DÂN", "XÃ PHÚC LỘC", "Số: 01/KH-UBND", dated,
                     "UBND thành phố Hà Nội;", "Các ban, ngành, đoàn thể xã;", CHAIRMAN, PARAGRAPH]:
        assert expected in text, expected
    assert not [name for name in FOREIGN_NAMES if name in fold(raw)], fold(raw)
    reference = tmp_path / "reference.txt"
    reference.write_text("\n".join([f"Công tác thi đua, khen thưởng năm {year}", "UBND thành phố Hà Nội;",
                                    "MỤC ĐÍCH, YÊU CẦU", PARAGRAPH]), encoding="utf-8")
    check = subprocess.run([sys.executable, str(PDFCHECK), str(pdf), str(reference), "100"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout

    # 6. The leader, on his phone: the invitation, then a forgotten password reset from the e-mail. -----------------
    leader = journey.context(phone=True)
    leader.goto(f"{base}{last_link(LEADER_EMAIL)}")
    expect(leader.get_by_text(leader_username)).to_be_visible()
    set_password(leader, LEADER_FIRST)
    leader.get_by_role("button", name="Lưu mật khẩu").click()
    expect(leader.locator("#invitation-done")).to_be_visible()
    log_in(leader, base, leader_username, LEADER_FIRST)
    expect(leader).to_have_url(f"{base}/")
    leader.context.clear_cookies()
    leader.goto(f"{base}/accounts/login/")
    leader.get_by_role("link", name="Quên mật khẩu?").click()
    leader.locator("#id_email").fill(LEADER_EMAIL)
    leader.get_by_role("button", name="Gửi đường liên kết").click()
    expect(leader.locator("#reset-sent")).to_be_visible()
    leader.goto(f"{base}{last_link(LEADER_EMAIL)}")
    set_password(leader, LEADER_SECOND)
    leader.get_by_role("button", name="Lưu mật khẩu mới").click()
    expect(leader.locator("#reset-complete")).to_be_visible()
    log_in(leader, base, leader_username, LEADER_FIRST)
    expect(leader.locator("form .alert-danger")).to_be_visible()  # the old password no longer works
    log_in(leader, base, leader_username, LEADER_SECOND)
    expect(leader).to_have_url(f"{base}/")
    leader.goto(f"{base}/directory/units/")
    expect(leader.get_by_text("Thôn Đông").first).to_be_visible()
    assert shows_nothing_foreign(leader)
    leader.goto(f"{base}/")
    assert shows_nothing_foreign(leader)

    # The operator's list now shows the commune set up, its clerk active and its plan issued. ----------------------
    operator.goto(f"{base}/province/")
    row = operator.locator("#communes tr[data-commune='phuc-loc']")
    for state in ("state-setup", "state-clerk", "state-plan"):
        expect(row.locator(f".{state} .badge")).to_have_class(re.compile("text-bg-success"))

    # 7. Nothing of this opened the admin. ----------------------------------------------------------------------------
    paths = {urlsplit(url).path for url in journey.urls}
    assert {"/province/communes/new/", "/accounts/import/", "/plans/new/"} <= paths  # the recorder saw the journey
    assert journey.admin_urls() == []
