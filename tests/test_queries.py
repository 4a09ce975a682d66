"""List pages run a constant number of queries whatever the row count (1 row vs many rows)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from . import factories as f


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def grow(plan, n):
    """Add n of everything the list pages show."""
    commune = plan.commune
    section = plan.sections.first()
    for i in range(n):
        unit = f.UnitFactory(commune=commune, name=f"Tổ dân phố {i}")
        f.PersonFactory(commune=commune, unit=unit, full_name=f"Lê Thị Lan {i}")
        child = f.SectionFactory(plan=plan, parent=section, label=f"{i}.", title=f"Mục {i}")
        f.ParagraphFactory(section=child)
        campaign = f.CampaignFactory(plan=plan)
        f.TargetFactory(campaign=campaign)
        f.TargetFactory(campaign=campaign, text="chỉ tiêu thứ hai")
        f.TaskFactory(plan=plan)
        f.DocumentFactory(series=plan.document.series, number=100 + i, issued_on=datetime.date(2022, 3, 1))
        other_plan_document = f.DocumentFactory(series=plan.document.series, number=200 + i,
                                                issued_on=datetime.date(2030 + i, 1, 4))
        f.PlanFactory(commune=commune, year=2030 + i, document=other_plan_document)


LIST_PAGES = [
    lambda plan: reverse("campaigns:plan_list"),
    lambda plan: reverse("campaigns:plan_detail", args=[plan.pk]),
    lambda plan: reverse("campaigns:campaign_list", args=[plan.pk]),
    lambda plan: reverse("directory:unit_list"),
    lambda plan: reverse("directory:person_list"),
    lambda plan: reverse("documents:register") + "?year=2022",
    lambda plan: reverse("home"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", range(len(LIST_PAGES)))
def test_list_pages_run_constant_queries(client, office_clerk, plan, page):
    client.force_login(office_clerk)
    url = LIST_PAGES[page](plan)
    few = count_queries(client, url)
    grow(plan, 15)
    many = count_queries(client, url)
    assert few == many, f"{url}: {few} queries with one row, {many} with many"


def grow_timeline(plan, user, n):
    """Add n tasks concerning `user` (through their unit and directly), with progress notes, n milestones and
    notifications, and n beat schedules."""
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    from notifications.models import Notification
    from timeline.enums import TaskRole, TaskStatus
    from timeline.models import Milestone, TaskAssignment, TaskUpdate

    person = user.person
    for i in range(n):
        task = f.TaskFactory(plan=plan, content=f"Nhiệm vụ {i}", due_on=datetime.date(2022, 1 + i % 12, 5),
                             starts_on=datetime.date(2022, 1, 1) if i % 2 else None,
                             status=[TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS, TaskStatus.DONE][i % 3])
        TaskAssignment.objects.create(task=task, role=TaskRole.DOES, unit=person.unit)
        TaskAssignment.objects.create(task=task, role=TaskRole.SUPPORTS, person=person)
        TaskUpdate.objects.create(task=task, author=user, status=task.status, note=f"Ghi chú {i}")
        milestone = Milestone.objects.create(commune=plan.commune, year=2022, title=f"Mốc {i}",
                                             due_on=datetime.date(2022, 1 + i % 12, 1))
        milestone.units.add(person.unit)
        milestone.people.add(person)
        Notification.objects.create(recipient=user, title=f"Thông báo {i}", url="/timeline/my/")
        crontab = CrontabSchedule.objects.create(minute=str(i), hour="7", day_of_week="*")
        name = f"Nhắc hạn {PeriodicTask.objects.count()}"
        PeriodicTask.objects.create(name=name, task="timeline.send_reminders", crontab=crontab)


TIMELINE_PAGES = [
    lambda plan: reverse("timeline:timeline") + "?year=2022",
    lambda plan: reverse("timeline:my_tasks"),
    lambda plan: reverse("notifications:list"),
    lambda plan: reverse("timeline:reminder_settings"),
    lambda plan: reverse("timeline:task_detail", args=[plan.tasks.order_by("pk").first().pk]),
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", range(len(TIMELINE_PAGES)))
def test_timeline_pages_run_constant_queries(client, office_clerk, plan, page):
    from timeline.models import TaskUpdate

    client.force_login(office_clerk)
    grow_timeline(plan, office_clerk, 1)
    first = plan.tasks.order_by("pk").first()
    url = TIMELINE_PAGES[page](plan)
    few = count_queries(client, url)
    grow_timeline(plan, office_clerk, 15)
    for i in range(15):
        TaskUpdate.objects.create(task=first, author=office_clerk, status=first.status, note=f"Thêm {i}")
    many = count_queries(client, url)
    assert few == many, f"{url}: {few} queries with one row, {many} with many"
