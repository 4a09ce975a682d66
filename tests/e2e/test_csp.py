"""The browser side of the Content Security Policy: the watch that fails a test on any violation does see one, and
the pages whose scripts moved to static/ still behave (the admin too)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.e2e.conftest import CSP_VIOLATIONS
from tests.factories import PASSWORD


def _probe(page):
    page.route("http://probe.invalid/", lambda route: route.fulfill(
        status=200, content_type="text/html", headers={"Content-Security-Policy": "script-src 'self'"},
        body="<script>document.title = 'ran'</script><p>probe</p>"))
    page.goto("http://probe.invalid/")
    page.wait_for_timeout(200)
    assert page.title() != "ran"
    assert any("Content Security Policy" in violation for violation in CSP_VIOLATIONS)
    CSP_VIOLATIONS.clear()


def test_the_watch_sees_a_blocked_inline_script(browser, page):
    """Pages of the `page` fixture's context and of browser.new_page() (the journeys use both) are watched."""
    _probe(page)
    own = browser.new_page()
    _probe(own)
    own.close()


@pytest.mark.django_db(transaction=True)
def test_the_admin_works_under_the_policy(live_server, page):
    from django_celery_beat.models import CrontabSchedule

    get_user_model().objects.create_superuser("quantri", password=PASSWORD)
    crontab = CrontabSchedule.objects.create(minute="0", hour="7")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "quantri")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/directory/commune/add/")
    expect(page.locator("#id_name")).to_be_visible()
    # django-celery-beat's crontab help, whose inline script moved to static/js/admin/periodic_task.js, works.
    page.goto(f"{live_server.url}/admin/django_celery_beat/periodictask/add/")
    expect(page.locator(".field-crontab_translation")).to_be_hidden()
    page.select_option("#id_crontab", str(crontab.pk))
    expect(page.locator(".field-crontab .help")).to_contain_text("Translation:")


@pytest.mark.django_db(transaction=True)
def test_the_behaviours_moved_to_static_files_work(live_server, page, settings, tmp_path):
    """Dashboard bars and Gantt positions (data-width / data-left), the year picker, the calendar address, the
    withdrawal's confirmation and the report job's progress, all from static/ scripts under the policy."""
    import io

    from django.core.management import call_command

    from demo.data import DEMO_PASSWORD
    from directory.models import Commune
    from disclosure.models import Disclosure
    from documents.models import Series
    from reports.enums import JobStatus
    from reports.models import ReportJob
    from reports.services import create_report

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    commune = Commune.objects.get(slug="xuan-son")
    clerk = get_user_model().objects.get(username="vanphong")
    report = create_report(commune=commune, year=2022, period="h1", by=clerk,
                           series=Series.objects.get(commune=commune, code="UBND"))
    job = ReportJob.objects.create(report=report, kind="xlsx")
    base = live_server.url

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.goto(f"{base}/?year=2022")
    bars = page.locator(".dash-bar[data-width]")
    widths = [(float(b.evaluate("e => e.style.width").rstrip("%")), float(b.get_attribute("data-width").rstrip("%")))
              for b in bars.all()]
    assert widths and all(shown == wanted for shown, wanted in widths) and any(wanted for _, wanted in widths)

    page.goto(f"{base}/timeline/?year=2022")
    gantt = page.locator(".gantt-bar").first
    shown = [float(v.rstrip("%")) for v in gantt.evaluate("e => [e.style.left, e.style.width]")]
    assert shown == [float(gantt.get_attribute(a).rstrip("%")) for a in ("data-left", "data-width")]

    page.goto(f"{base}/public/office/?year=2022")
    page.locator("select[data-autosubmit][name=year]").select_option("2021")
    page.wait_for_url("**/public/office/?year=2021")

    page.goto(f"{base}/timeline/calendar/")
    page.locator("form[action$='/regenerate/'] button").click()
    page.locator("#feed-url").focus()
    assert page.locator("#feed-url").evaluate("e => e.selectionEnd - e.selectionStart") == len(
        page.locator("#feed-url").input_value())

    disclosure = Disclosure.objects.filter(commune=commune, withdrawn_at__isnull=True).first()
    page.goto(f"{base}/public/office/{disclosure.pk}/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Rút xuống").click()
    page.wait_for_timeout(300)
    disclosure.refresh_from_db()
    assert disclosure.withdrawn_at is None
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Rút xuống").click()
    page.wait_for_load_state()
    expect(page.locator(".alert").first).to_be_visible()
    disclosure.refresh_from_db()
    assert disclosure.withdrawn_at is not None

    page.goto(f"{base}/reports/files/{job.pk}/")
    expect(page.locator("#job-bar")).to_have_text("0%")
    ReportJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, progress=40, error="Hỏng máy in")
    expect(page.locator("#job-error")).to_have_text("Hỏng máy in")
    assert page.locator("#job-bar").evaluate("e => e.style.width") == "40%"
