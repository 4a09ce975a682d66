"""Accounts without the admin, in headless Chromium on a phone: the office invites a person of the commune and makes
her a hamlet's leader; she sets her password from the e-mail's link and logs in; later she forgets it and chooses a
new one from the "forgot password" e-mail. Every e-mail is read from the outbox; no step opens /admin/."""

import re

import pytest
from playwright.sync_api import expect

from notifications.models import OutboundEmail
from tests import factories as f
from tests.factories import PASSWORD

PHONE = {"width": 390, "height": 844}
FIRST, SECOND = "Mat-khau-cua-Hoa-2025", "Mat-khau-moi-cua-Hoa-2026"


def log_in(page, base_url, username, password):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def last_link(to) -> str:
    email = OutboundEmail.objects.filter(to=to).latest("pk")
    return re.search(r"https?://[^/\s]+(/\S+)", email.body_text).group(1)


def set_password(page, password):
    page.locator("#id_new_password1").fill(password)
    page.locator("#id_new_password2").fill(password)


@pytest.mark.django_db(transaction=True)
def test_invite_lead_and_reset(live_server, browser, browser_context_args, office_clerk, commune, thon_a):
    base = live_server.url
    f.PersonFactory(commune=commune, unit=thon_a, full_name="Đỗ Thị Hoa", email="hoa@example.vn")
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True})
    page = context.new_page()

    log_in(page, base, office_clerk.username, PASSWORD)
    page.goto(f"{base}/accounts/people/")
    expect(page.get_by_role("heading", name="Tài khoản và vai trò")).to_be_visible()
    page.get_by_role("link", name="Đỗ Thị Hoa").click()
    expect(page.get_by_label("Tên đăng nhập")).to_have_value("hoadt")
    page.get_by_role("button", name="Tạo tài khoản và gửi lời mời").click()
    expect(page.get_by_text("Đã gửi lời mời đến hoa@example.vn.")).to_be_visible()
    page.get_by_label("Giao làm trưởng của").select_option(label="Thôn A")
    page.locator("form[action$='/units/lead/']").get_by_role("button", name="Giao").click()
    expect(page.get_by_text("Người này đã được giao phụ trách đơn vị.")).to_be_visible()
    context.clear_cookies()

    # Hoa follows the invitation's link and sets her password.
    page.goto(f"{base}{last_link('hoa@example.vn')}")
    expect(page.get_by_text("hoadt")).to_be_visible()
    set_password(page, FIRST)
    page.get_by_role("button", name="Lưu mật khẩu").click()
    expect(page.locator("#invitation-done")).to_be_visible()
    log_in(page, base, "hoadt", FIRST)
    expect(page).to_have_url(f"{base}/")
    context.clear_cookies()

    # She forgets it: the login page's link, the e-mail, a new password.
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("link", name="Quên mật khẩu?").click()
    page.locator("#id_email").fill("hoa@example.vn")
    page.get_by_role("button", name="Gửi đường liên kết").click()
    expect(page.locator("#reset-sent")).to_be_visible()
    page.goto(f"{base}{last_link('hoa@example.vn')}")
    set_password(page, SECOND)
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    expect(page.locator("#reset-complete")).to_be_visible()
    log_in(page, base, "hoadt", SECOND)
    expect(page).to_have_url(f"{base}/")
    page.goto(f"{base}/directory/units/")
    expect(page.get_by_text("Thôn A")).to_be_visible()
    assert "/admin/" not in page.url
    context.close()
