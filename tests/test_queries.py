"""List pages run a constant number of queries whatever the row count (1 row vs many rows)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from . import factories as f

# Counts measure the rendering: the page cache off (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("no_page_cache")


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


def grow_initiatives(commune, n, *, first=0):
    """Add n units, each with an initiative (two authors, a file record) and a contest entry for May 2022."""
    from directory.enums import UnitKind
    from registrations.models import ContestEntry, Initiative, InitiativeAttachment

    for i in range(first, first + n):
        unit = f.UnitFactory(commune=commune, name=f"Tổ dân phố {i}", kind=UnitKind.RESIDENTIAL_GROUP, position=i)
        authors = [f.PersonFactory(commune=commune, unit=unit, full_name=f"Lê Thị Lan {i}-{j}") for j in range(2)]
        initiative = Initiative.objects.create(commune=commune, unit=unit, year=2022, title=f"Sáng kiến {i}",
                                               recognised=bool(i % 2) or None)
        initiative.authors.set(authors)
        InitiativeAttachment.objects.create(initiative=initiative, file=f"initiatives/2022/{i}.pdf",
                                            original_name="a.pdf", content_type="application/pdf", size=9)
        ContestEntry.objects.create(commune=commune, unit=unit, year=2022, period=5, title=f"Bài {i}",
                                    subject="Ông Hùng", text="…", forwarded_at=None)
        f.UnitFactory(commune=commune, name=f"Thôn chưa gửi {i}", position=100 + i)


INITIATIVE_PAGES = [
    lambda: reverse("registrations:initiative_list"),
    lambda: reverse("registrations:initiative_list") + "?year=2022",
    lambda: reverse("registrations:contest_list"),
    lambda: reverse("registrations:contest_list") + "?year=2022&period_kind=month&period=5",
    lambda: reverse("registrations:contest_missing") + "?year=2022&period_kind=month&period=5",
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", range(len(INITIATIVE_PAGES)))
def test_initiative_and_contest_pages_run_constant_queries(client, office_clerk, commune, page):
    client.force_login(office_clerk)
    url = INITIATIVE_PAGES[page]()
    grow_initiatives(commune, 1)
    few = count_queries(client, url)
    grow_initiatives(commune, 15, first=1)
    many = count_queries(client, url)
    assert few == many, f"{url}: {few} queries with one row, {many} with many"


def grow_registrations(plan, n):
    """n units, each with a person registered for LĐTT, a hamlet registration with history, and a phase."""
    import itertools

    from awards.catalogue import load_catalogue
    from registrations.eligibility import titles_for
    from registrations.models import Phase, Registration, RegistrationEvent

    load_catalogue()
    titles = {t.code: t for t in titles_for(commune=plan.commune, year=2022)}
    phase = Phase.objects.filter(commune=plan.commune).first() or Phase.objects.create(
        commune=plan.commune, year=2022, kind="registration", name="Đăng ký thi đua năm 2022",
        opens_on=datetime.date(2022, 1, 4), closes_on=datetime.date(2022, 1, 31))
    leader = plan.commune.units.filter(leader__isnull=False).first()
    statuses = itertools.cycle(["draft", "submitted", "returned", "accepted"])
    for i in range(n):
        unit = leader if leader and i == 0 else f.UnitFactory(commune=plan.commune, name=f"Tổ {i}", kind="hamlet")
        person = f.PersonFactory(commune=plan.commune, unit=leader or unit, full_name=f"Phạm Văn Nam {i}")
        for title, who in ((titles["ldtt"], person), (titles["thon-van-hoa"], None)):
            if who is None and Registration.objects.filter(unit=unit, title=title).exists():
                continue
            registration = Registration.objects.create(
                commune=plan.commune, year=2022, phase=phase, unit=leader or unit, title=title,
                recipient_kind=title.recipient_kind, person=who, status=next(statuses), office_comment="Bổ sung",
            ) if who else Registration.objects.create(
                commune=plan.commune, year=2022, phase=phase, unit=unit, title=title,
                recipient_kind=title.recipient_kind, status=next(statuses))
            RegistrationEvent.objects.create(registration=registration, action="created", status="draft")
        Phase.objects.create(commune=plan.commune, year=2022, kind="contest", name=f"Đợt {i}",
                             opens_on=datetime.date(2022, 2, 1), closes_on=datetime.date(2022, 3, 1),
                             campaign=plan.campaigns.first())


REGISTRATION_PAGES = [
    ("office_clerk", lambda plan: reverse("registrations:overview") + "?year=2022"),
    ("office_clerk", lambda plan: reverse("registrations:overview") + "?year=2022&status=submitted"),
    ("hamlet_leader", lambda plan: reverse("registrations:registration_list") + "?year=2022"),
    ("hamlet_leader", lambda plan: reverse("registrations:phase_list") + "?year=2022"),
    ("office_clerk", lambda plan: reverse("awards:rule_set_list")),
    ("office_clerk", lambda plan: reverse("awards:rule_set_detail", args=[plan.rule_set_pk])),
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", range(len(REGISTRATION_PAGES)))
def test_registration_pages_run_constant_queries(client, personas, plan, page):
    from awards.models import RuleSet

    persona, url_of = REGISTRATION_PAGES[page]
    client.force_login(personas[persona])
    grow_registrations(plan, 1)
    plan.rule_set_pk = RuleSet.objects.order_by("effective_from").first().pk
    url = url_of(plan)
    few = count_queries(client, url)
    grow_registrations(plan, 15)
    many = count_queries(client, url)
    assert few == many, f"{url}: {few} queries with one row, {many} with many"
