"""A hamlet leader on a phone reports progress on a task of the appendix; the office clerk sees it on the timeline."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from notifications.models import Notification
from tests import factories as f
from tests.factories import PASSWORD
from timeline.enums import TaskRole
from timeline.models import TaskAssignment

CONTENT = "Hướng dẫn, tổ chức bình xét Gia đình văn hóa năm nay"
NOTE = "Đã họp thôn, phân công các chi hội rà soát danh sách"
PHONE = {"width": 390, "height": 844}


def log_in(page, base_url, username):
    page.goto(f"{base_url}/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.mark.django_db(transaction=True)
def test_leader_reports_progress_and_the_office_sees_it(live_server, browser, browser_context_args, commune,
                                                       thon_a, hamlet_leader, office_clerk):
    today = timezone.localdate()
    plan = f.PlanFactory(commune=commune, year=today.year, document__number=1)
    task = f.TaskFactory(plan=plan, content=CONTENT, does="Thôn A", due_on=today + datetime.timedelta(days=20))
    TaskAssignment.objects.create(task=task, role=TaskRole.DOES, unit=thon_a)
    Notification.objects.create(recipient=hamlet_leader, title=f"Còn 20 ngày: {CONTENT}",
                                url=f"/timeline/tasks/{task.pk}/")

    phone = browser.new_context(viewport=PHONE, **browser_context_args)
    page = phone.new_page()
    log_in(page, live_server.url, "thona")
    expect(page.locator("#unread-count")).to_have_text("1")  # the bell stays visible on a phone
    page.get_by_role("button", name="Trình đơn").click()  # the navbar is collapsed on a phone
    page.get_by_role("navigation").get_by_role("link", name="Nhiệm vụ của tôi").click()
    card = page.locator(f"#task-{task.pk}")
    expect(card).to_contain_text(CONTENT)
    card.get_by_label("Trạng thái").select_option(label="Đang thực hiện")
    card.get_by_label("Ghi chú tiến độ").fill(NOTE)
    card.get_by_role("button", name="Ghi nhận tiến độ").click()
    expect(page.get_by_text("Đã ghi nhận tiến độ nhiệm vụ.")).to_be_visible()
    expect(page.locator(f"#task-{task.pk}")).to_contain_text("Đang thực hiện")
    phone.close()

    office = browser.new_context(**browser_context_args)
    page = office.new_page()
    log_in(page, live_server.url, "vanphong")
    page.get_by_role("navigation").get_by_role("link", name="Tiến độ thực hiện").click()
    row = page.locator(f"tr#task-{task.pk}")
    expect(row).to_contain_text(CONTENT)
    expect(row).to_contain_text("Đang thực hiện")
    row.get_by_role("link", name=CONTENT).click()
    history = page.locator("#history")
    expect(history).to_contain_text(NOTE)
    expect(history).to_contain_text("Trần Văn An")
    office.close()
