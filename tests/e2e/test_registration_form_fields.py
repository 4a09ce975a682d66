"""On a phone, the registration form shows only the fields the chosen title needs (static/js/registration_form.js):
the person for a title of individuals, the household for a household's, the initiative where one is allowed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from awards.catalogue import load_catalogue
from registrations.enums import PhaseKind
from registrations.models import Phase
from tests import factories as f

from .test_registration_journey import PHONE, log_in


@pytest.mark.django_db(transaction=True)
def test_fields_follow_the_chosen_title(live_server, browser, browser_context_args, plan, commune, thon_a,
                                        hamlet_leader):
    load_catalogue()
    today = timezone.localdate()
    Phase.objects.create(commune=commune, year=2022, kind=PhaseKind.REGISTRATION, name="Đăng ký thi đua",
                         opens_on=today - datetime.timedelta(days=3), closes_on=today + datetime.timedelta(days=3))
    f.PersonFactory(commune=commune, unit=thon_a, full_name="Đỗ Thị Lan")

    phone = browser.new_context(viewport=PHONE, **browser_context_args)
    page = phone.new_page()
    log_in(page, live_server.url, "thona")
    page.goto(live_server.url + reverse("registrations:registration_create") + "?year=2022")
    person, household = page.locator("select[name=person]"), page.locator("input[name=household]")
    initiative = page.locator("select[name=initiative]")
    title = page.locator("select[name=title]")

    title.select_option(label="Thôn, tổ dân phố văn hóa")
    expect(person).to_be_hidden()
    expect(household).to_be_hidden()
    expect(initiative).to_be_hidden()
    expect(page.get_by_label("Ghi chú")).to_be_visible()

    title.select_option(label="Lao động tiên tiến")
    expect(person).to_be_visible()
    expect(initiative).to_be_visible()
    expect(household).to_be_hidden()

    title.select_option(label="Gia đình văn hóa")
    expect(household).to_be_visible()
    expect(person).to_be_hidden()
    expect(initiative).to_be_hidden()

    # Back to the hamlet title and saved: the hidden fields do not get in the way.
    title.select_option(label="Thôn, tổ dân phố văn hóa")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_text("Đã lưu nháp")).to_be_visible()
    phone.close()


@pytest.mark.django_db(transaction=True)
def test_the_ground_of_cstdcs_follows_the_rules_and_the_choice(live_server, browser, browser_context_args, plan,
                                                               commune, thon_a, hamlet_leader):
    """Under today's rules (2026) CSTĐCS offers the ground "hoàn thành xuất sắc nhiệm vụ": its evidence shows when it
    is chosen, and the initiative goes; under the 2022 rules, and for the other titles, the choice is not shown."""
    load_catalogue()
    today = timezone.localdate()
    for year in (2022, 2026):
        Phase.objects.create(commune=commune, year=year, kind=PhaseKind.REGISTRATION, name=f"Đăng ký {year}",
                             opens_on=today - datetime.timedelta(days=3), closes_on=today + datetime.timedelta(days=3))
    f.PersonFactory(commune=commune, unit=thon_a, full_name="Đỗ Thị Lan")

    phone = browser.new_context(viewport=PHONE, **browser_context_args)
    page = phone.new_page()
    log_in(page, live_server.url, "thona")
    page.goto(live_server.url + reverse("registrations:registration_create") + "?year=2026")
    title, initiative = page.locator("select[name=title]"), page.locator("select[name=initiative]")
    excellence = page.locator("input[name=ground][value=excellence]")
    evidence = page.locator("textarea[name=ground_evidence]")

    title.select_option(label="Lao động tiên tiến")
    expect(excellence).to_be_hidden()
    expect(evidence).to_be_hidden()

    title.select_option(label="Chiến sĩ thi đua cơ sở")
    expect(excellence).to_be_visible()
    expect(initiative).to_be_visible()
    expect(evidence).to_be_hidden()
    excellence.check()
    expect(evidence).to_be_visible()
    expect(initiative).to_be_hidden()
    page.locator("input[name=ground][value=initiative]").check()
    expect(initiative).to_be_visible()
    expect(evidence).to_be_hidden()

    page.goto(live_server.url + reverse("registrations:registration_create") + "?year=2022")
    page.locator("select[name=title]").select_option(label="Chiến sĩ thi đua cơ sở")
    expect(page.locator("select[name=initiative]")).to_be_visible()
    expect(page.locator("input[name=ground][value=excellence]")).to_be_hidden()
    phone.close()
