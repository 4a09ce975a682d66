"""The year-end evaluation in headless Chromium: the clerk makes nominations from accepted registrations and opens a
meeting and its ballot; three council members vote on phones; the chair closes and publishes; the clerk posts the
passed nominations publicly (the public page shows them, no login) and issues the decision, whose PDF lists exactly
the nominations that passed."""

import datetime
import re
import subprocess

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from awards.catalogue import load_base_salaries, load_catalogue
from awards.models import Award, Ballot, Nomination
from directory.enums import Role
from funds.enums import EntryKind
from funds.models import FundEntry
from registrations.eligibility import titles_for
from registrations.enums import PhaseKind, RegistrationStatus
from registrations.models import Phase
from tests import factories as f
from tests.factories import PASSWORD
from tests.registrations.conftest import register

PHONE = {"width": 390, "height": 844}
NOMINEES = ["Đỗ Thị Lan", "Vũ Văn Minh", "Trần Thị Hoa"]
PASSING = ["Đỗ Thị Lan", "Trần Thị Hoa"]


def log_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def phone_page(browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE, "is_mobile": True,
                                     "has_touch": True})
    return context, context.new_page()


def vote_on_phone(browser, browser_context_args, base_url, username, choices):
    """A council member logs in on a phone and votes: choices maps a nominee to "Đồng ý" / "Không đồng ý"."""
    context, page = phone_page(browser, browser_context_args)
    log_in(page, base_url, username)
    page.goto(f"{base_url}{reverse('awards:vote')}")
    for nominee, label in choices.items():
        fieldset = page.locator("fieldset", has=page.get_by_text(nominee, exact=True))
        fieldset.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Gửi phiếu").click()
    expect(page.get_by_text("Phiếu của đồng chí đã được ghi nhận (3 phiếu).")).to_be_visible()
    # The page now says only that the member voted, never how.
    expect(page.get_by_text("Đồng chí đã bỏ phiếu", exact=True)).to_have_count(3)
    context.close()


@pytest.mark.django_db(transaction=True)
def test_nominations_ballot_disclosure_and_decision(live_server, browser, browser_context_args, settings, tmp_path,
                                                    plan, commune, thon_a, office_clerk, chairman, council_member):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_catalogue()
    load_base_salaries()  # a transactional test before this one may have flushed the migration's rows
    window = Phase.objects.create(commune=commune, year=2022, kind=PhaseKind.REGISTRATION, name="Đăng ký năm 2022",
                                  opens_on=datetime.date(2022, 1, 4), closes_on=datetime.date(2022, 1, 31))
    titles = {t.code: t for t in titles_for(commune=commune, year=2022)}
    for name in NOMINEES:
        person = f.PersonFactory(commune=commune, unit=thon_a, full_name=name)
        register(unit=thon_a, title=titles["giay-khen-ca-nhan"], phase=window, person=person,
                 status=RegistrationStatus.ACCEPTED)
    third = f.UserFactory(username="uyvien")
    f.RoleFactory(person=f.PersonFactory(commune=commune, full_name="Đỗ Văn Ủy", user=third),
                  role=Role.COUNCIL_MEMBER)
    base_url = live_server.url

    # The clerk, at a desktop browser: nominations from the accepted registrations, then the meeting.
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": 1280, "height": 900}})
    clerk = context.new_page()
    log_in(clerk, base_url, "vanphong")
    clerk.goto(f"{base_url}{reverse('awards:nomination_list')}?year=2022")
    clerk.get_by_role("button", name="Lập đề nghị từ các đăng ký đã chấp nhận").click()
    expect(clerk.get_by_text("Đã lập 3 đề nghị từ các đăng ký đã được chấp nhận.")).to_be_visible()
    for name in NOMINEES:
        expect(clerk.locator("#nominations").get_by_role("link", name=name)).to_be_visible()
    clerk.get_by_role("link", name="Họp Hội đồng", exact=True).first.click()
    clerk.get_by_role("link", name="Cuộc họp mới").click()
    clerk.locator("#id_held_on").fill("20/11/2022")
    clerk.locator("#id_place").fill("Hội trường UBND xã")
    clerk.get_by_role("button", name="Tạo cuộc họp").click()
    expect(clerk.get_by_text("Đã tạo cuộc họp")).to_be_visible()
    expect(clerk.locator("#present-count")).to_have_text("3/3 thành viên")
    clerk.get_by_role("button", name="Mở bỏ phiếu cả danh sách").click()
    expect(clerk.get_by_text("Đã mở bỏ phiếu cho 3 đề nghị.")).to_be_visible()
    meeting_url = clerk.url

    # Three council members vote from their phones; Minh gets one "disagree" and misses the 80% mark.
    agree, disagree = "Đồng ý", "Không đồng ý"
    vote_on_phone(browser, browser_context_args, base_url, "chutich", dict.fromkeys(NOMINEES, agree))
    vote_on_phone(browser, browser_context_args, base_url, "hoidong",
                  {"Đỗ Thị Lan": agree, "Vũ Văn Minh": disagree, "Trần Thị Hoa": agree})
    vote_on_phone(browser, browser_context_args, base_url, "uyvien", dict.fromkeys(NOMINEES, agree))

    # The chair closes and publishes, on a phone too.
    chair_context, chair = phone_page(browser, browser_context_args)
    log_in(chair, base_url, "chutich")
    chair.goto(meeting_url)
    expect(chair.locator("td.result").first).to_have_text("")
    chair.get_by_role("button", name="Kết thúc mọi cuộc bỏ phiếu đang mở").click()
    expect(chair.get_by_text("Đã kiểm phiếu; chưa công bố")).to_have_count(3)
    chair.get_by_role("button", name="Công bố mọi kết quả").click()
    expect(chair.get_by_text("Đã công bố kết quả.")).to_be_visible()
    results = chair.locator("#agenda-table")
    expect(results.locator("tr", has_text="Vũ Văn Minh")).to_contain_text("không đạt")
    expect(results.locator("tr", has_text="Đỗ Thị Lan")).to_contain_text("3 đồng ý, 0 không đồng ý")
    chair_context.close()
    assert sorted(Nomination.objects.filter(status="passed").values_list("person__full_name", flat=True)) == sorted(
        PASSING)
    assert Ballot.objects.filter(status="published").count() == 3

    # Public disclosure and the decision follow (see below).
    run_disclosure_and_decision(clerk, browser, browser_context_args, base_url, commune)
    context.close()


def run_disclosure_and_decision(clerk, browser, browser_context_args, base_url, commune):
    """Post the passed nominations publicly, check the public page (no login), issue the decision, check its PDF."""
    # The commune's award fund has its year's allocation: the decision's reward money is booked in it.
    FundEntry.objects.create(commune=commune, booked_on=datetime.date(2022, 1, 20), kind=EntryKind.BUDGET,
                             amount=100_000_000, description="Dự toán ngân sách năm 2022")
    clerk.goto(f"{base_url}{reverse('disclosure:create')}?year=2022")
    clerk.locator("#id_starts_on").fill("21/11/2022")
    clerk.get_by_role("button", name="Đăng", exact=True).click()
    public_context, public = phone_page(browser, browser_context_args)
    public.goto(f"{base_url}{reverse('disclosure:public_index', args=[commune.slug])}")
    for name in PASSING:
        expect(public.get_by_text(name)).to_be_visible()
    expect(public.get_by_text("Vũ Văn Minh")).to_have_count(0)
    public_context.close()

    clerk.goto(f"{base_url}{reverse('awards:decision_list')}?year=2022")
    clerk.get_by_role("link", name=re.compile("Quyết định mới")).click()
    clerk.get_by_role("button", name=re.compile("Lập|Tạo|Lưu")).first.click()
    # The submission (Tờ trình) comes first; the decision follows it.
    clerk.get_by_role("link", name="Ban hành tờ trình").click()
    clerk.get_by_label(re.compile("Ngày")).fill("12/12/2022")
    clerk.get_by_role("button", name="Ban hành tờ trình").click()
    clerk.get_by_role("link", name="Ban hành quyết định").click()
    clerk.get_by_label(re.compile("Ngày")).fill("15/12/2022")
    clerk.get_by_label(re.compile("Số")).fill("15")
    clerk.get_by_role("button", name=re.compile("Ban hành")).click()
    expect(clerk.get_by_text("15/QĐ-UBND").first).to_be_visible()
    with clerk.expect_download() as download:
        clerk.get_by_role("link", name=re.compile("Quyết định.*PDF|Tải quyết định")).first.click()
    path = download.value.path()
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Số: 15/QĐ-UBND" in text
    assert "Xuân Sơn, ngày 15 tháng 12 năm 2022" in text
    for name in PASSING:
        assert name in text
    assert "Vũ Văn Minh" not in text
    assert sorted(Award.objects.values_list("recipient_name", flat=True)) == sorted(PASSING)
