"""The private iCalendar feed: exactly the deadlines that concern the user, behind a revocable secret token."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from timeline.enums import TaskRole, TaskStatus
from timeline.models import CalendarToken, Milestone, TaskAssignment
from timeline.services import calendar_token_for

from .. import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def tasks(plan, thon_a, thon_b, hamlet_leader):
    """Three tasks concern the leader of Thôn A (through his unit, directly, as coordinator); one does not."""
    through_unit = plan.tasks.get()
    TaskAssignment.objects.create(task=through_unit, role=TaskRole.DOES, unit=thon_a)
    direct = f.TaskFactory(plan=plan, content="Hội nghị điển hình tiên tiến", due_on=datetime.date(2022, 10, 30),
                           status=TaskStatus.IN_PROGRESS)
    TaskAssignment.objects.create(task=direct, role=TaskRole.DOES, person=hamlet_leader.person)
    coordinated = f.TaskFactory(plan=plan, content="Tự chấm điểm, chấm chéo", due_on=datetime.date(2022, 11, 10),
                                status=TaskStatus.DONE)
    TaskAssignment.objects.create(task=coordinated, role=TaskRole.SUPPORTS, unit=thon_a)
    other = f.TaskFactory(plan=plan, content="Việc của Thôn B", due_on=datetime.date(2022, 3, 1))
    TaskAssignment.objects.create(task=other, role=TaskRole.DOES, unit=thon_b)
    return {"through_unit": through_unit, "direct": direct, "coordinated": coordinated, "other": other}


def feed_url(user):
    return reverse("timeline:calendar_feed", args=[calendar_token_for(user).token])


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_feed_has_exactly_the_deadlines_that_concern_the_user(client, hamlet_leader, commune, thon_a, tasks,
                                                              settings):
    settings.SITE_URL = "https://tdkt.xuanson.example"
    milestone = Milestone.objects.create(commune=commune, year=2022, title="Hạn nộp sáng kiến",
                                         due_on=datetime.date(2022, 8, 1))
    milestone.units.add(thon_a)
    Milestone.objects.create(commune=commune, year=2022, title="Không liên quan", due_on=datetime.date(2022, 9, 1))
    calendar = parse(client.get(feed_url(hamlet_leader)))  # no login needed: the token is the credential
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    assert {uid: event.decoded("dtstart") for uid, event in events.items()} == {
        f"task-{tasks['through_unit'].pk}@xuanson-tdkt": datetime.date(2022, 11, 15),
        f"task-{tasks['direct'].pk}@xuanson-tdkt": datetime.date(2022, 10, 30),
        f"task-{tasks['coordinated'].pk}@xuanson-tdkt": datetime.date(2022, 11, 10),
        f"milestone-{milestone.pk}@xuanson-tdkt": datetime.date(2022, 8, 1),
    }
    assert str(calendar["x-wr-calname"]) == "TĐKT – Xã Xuân Sơn"
    direct = events[f"task-{tasks['direct'].pk}@xuanson-tdkt"]
    assert str(direct["summary"]) == "Hội nghị điển hình tiên tiến"
    assert direct.decoded("dtend") == datetime.date(2022, 10, 31)  # an all-day event
    assert str(direct["url"]) == f"https://tdkt.xuanson.example/timeline/tasks/{tasks['direct'].pk}/"
    description = str(direct["description"])
    assert "Thực hiện" in description and "Quá hạn" in description  # role, and the status as seen today
    coordinated = str(events[f"task-{tasks['coordinated'].pk}@xuanson-tdkt"]["description"])
    assert "Phối hợp" in coordinated and "Hoàn thành" in coordinated


def test_uids_are_stable(client, hamlet_leader, tasks):
    url = feed_url(hamlet_leader)
    first = [str(e["uid"]) for e in parse(client.get(url)).walk("VEVENT")]
    assert first == [str(e["uid"]) for e in parse(client.get(url)).walk("VEVENT")]


def test_wrong_token_is_not_found(client, hamlet_leader, tasks):
    calendar_token_for(hamlet_leader)
    assert client.get(reverse("timeline:calendar_feed", args=["not-the-token"])).status_code == 404
    assert client.get("/timeline/calendar/.ics").status_code == 404


def test_inactive_account_feed_is_not_found(client, hamlet_leader, tasks):
    url = feed_url(hamlet_leader)
    hamlet_leader.is_active = False
    hamlet_leader.save()
    assert client.get(url).status_code == 404


def test_feed_of_another_member_shows_their_own_deadlines(client, other_hamlet_leader, tasks):
    calendar = parse(client.get(feed_url(other_hamlet_leader)))
    assert [str(e["uid"]) for e in calendar.walk("VEVENT")] == [f"task-{tasks['other'].pk}@xuanson-tdkt"]


def test_calendar_page_creates_regenerates_and_revokes(client, hamlet_leader, tasks, settings):
    settings.SITE_URL = "https://tdkt.xuanson.example"
    client.force_login(hamlet_leader)
    page = reverse("timeline:calendar")
    assert "Tạo đường dẫn lịch của tôi" in client.get(page).content.decode()
    assert client.post(reverse("timeline:calendar_regenerate")).status_code == 302
    old = CalendarToken.objects.get(user=hamlet_leader).token
    old_url = reverse("timeline:calendar_feed", args=[old])
    html = client.get(page).content.decode()
    assert f"https://tdkt.xuanson.example{old_url}" in html and f"webcal://tdkt.xuanson.example{old_url}" in html
    assert client.get(old_url).status_code == 200

    client.post(reverse("timeline:calendar_regenerate"))
    new = CalendarToken.objects.get(user=hamlet_leader).token
    assert new != old
    assert client.get(old_url).status_code == 404  # regenerating revokes the old link
    assert client.get(reverse("timeline:calendar_feed", args=[new])).status_code == 200

    client.post(reverse("timeline:calendar_revoke"))
    assert not CalendarToken.objects.exists()
    assert client.get(reverse("timeline:calendar_feed", args=[new])).status_code == 404


def test_token_actions_are_post_only(client, hamlet_leader):
    client.force_login(hamlet_leader)
    assert client.get(reverse("timeline:calendar_regenerate")).status_code == 405
    assert client.get(reverse("timeline:calendar_revoke")).status_code == 405
    assert not CalendarToken.objects.exists()


def test_feed_runs_a_constant_number_of_queries(client, hamlet_leader, plan, thon_a, django_assert_max_num_queries):
    url = feed_url(hamlet_leader)
    for i in range(20):
        task = f.TaskFactory(plan=plan, content=f"Nhiệm vụ {i}", due_on=datetime.date(2022, 1 + i % 12, 10))
        TaskAssignment.objects.create(task=task, role=TaskRole.DOES, unit=thon_a)
    with django_assert_max_num_queries(10):
        assert len(parse(client.get(url)).walk("VEVENT")) == 20
