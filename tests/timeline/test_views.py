"""Timeline pages: the year's list and chart, a task and its history, my tasks, status updates, reminder settings."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import CrontabSchedule, PeriodicTask, PeriodicTasks

from timeline.display import build_chart
from timeline.enums import TaskRole, TaskStatus
from timeline.models import Milestone, ReminderSettings, TaskAssignment, TaskUpdate, TimelineTask
from timeline.services import update_task_status

from .. import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(plan, thon_a, thon_b, chairman):
    """The plan's appendix row: Thôn A does it, the chairman directs it, Thôn B coordinates."""
    task = plan.tasks.get()
    TaskAssignment.objects.create(task=task, role=TaskRole.DOES, unit=thon_a)
    TaskAssignment.objects.create(task=task, role=TaskRole.DIRECTS, person=chairman.person)
    TaskAssignment.objects.create(task=task, role=TaskRole.SUPPORTS, unit=thon_b)
    return task


def status_url(task):
    return reverse("timeline:task_detail", args=[task.pk])


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


# --- who may report progress -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("office_clerk", True),  # the office, the council's standing agency, always may
        ("hamlet_leader", True),  # leads Thôn A, the unit that does the task
        ("council_member", False),
        ("chairman", False),  # directs the task, but does not do it
        ("other_hamlet_leader", False),  # Thôn B only coordinates
        ("outsider", False),
    ],
)
def test_status_update_per_persona(client, personas, task, persona, allowed):
    client.force_login(personas[persona])
    response = client.post(status_url(task), {"status": TaskStatus.IN_PROGRESS, "note": "Đã họp triển khai"})
    task.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert task.status == TaskStatus.IN_PROGRESS
        update = TaskUpdate.objects.get()
        assert (update.author, update.status, update.note) == (personas[persona], "in_progress", "Đã họp triển khai")
    else:
        assert response.status_code == 403
        assert task.status == TaskStatus.NOT_STARTED
        assert not TaskUpdate.objects.exists()


def test_form_shown_only_to_those_who_may_update(client, personas, task):
    for persona, shown in [("office_clerk", True), ("hamlet_leader", True), ("council_member", False),
                           ("chairman", False), ("other_hamlet_leader", False)]:
        client.force_login(personas[persona])
        html = page(client, status_url(task))
        assert ('name="note"' in html) == shown, persona


def test_a_person_assigned_directly_may_update(client, commune, task):
    user = f.UserFactory(username="canbo")
    f.PersonFactory(commune=commune, full_name="Đinh Văn Làm", user=user)
    client.force_login(user)
    assert client.post(status_url(task), {"status": "done", "note": ""}).status_code == 403
    TaskAssignment.objects.create(task=task, role=TaskRole.DOES, person=user.person)
    assert client.post(status_url(task), {"status": "done", "note": ""}).status_code == 302
    task.refresh_from_db()
    assert (task.status, task.done_on) == (TaskStatus.DONE, timezone.localdate())


def test_the_chairman_may_update_when_assigned_to_do_it(client, chairman, task):
    TaskAssignment.objects.create(task=task, role=TaskRole.DOES, person=chairman.person)
    client.force_login(chairman)
    assert client.post(status_url(task), {"status": "in_progress"}).status_code == 302
    assert TaskUpdate.objects.get().author == chairman


def test_a_member_of_the_doing_unit_may_update(client, commune, thon_a, task):
    user = f.UserFactory(username="xuviena")
    f.PersonFactory(commune=commune, unit=thon_a, full_name="Cao Thị Mai", user=user)
    client.force_login(user)
    assert client.post(status_url(task), {"status": "in_progress"}).status_code == 302


def test_nothing_to_record_is_an_error(client, hamlet_leader, task):
    client.force_login(hamlet_leader)
    response = client.post(status_url(task), {"status": TaskStatus.NOT_STARTED, "note": "  "})
    assert response.status_code == 200
    assert "Hãy đổi trạng thái hoặc ghi nội dung tiến độ." in response.content.decode()
    assert not TaskUpdate.objects.exists()


def test_a_note_without_a_status_change_is_recorded(client, hamlet_leader, task):
    client.force_login(hamlet_leader)
    client.post(status_url(task), {"status": TaskStatus.NOT_STARTED, "note": "Chờ hướng dẫn của thị xã"})
    assert list(TaskUpdate.objects.values_list("status", "note")) == [("not_started", "Chờ hướng dẫn của thị xã")]


def test_update_from_my_tasks_returns_there(client, hamlet_leader, task):
    client.force_login(hamlet_leader)
    back = reverse("timeline:my_tasks") + f"#task-{task.pk}"
    response = client.post(status_url(task), {"status": "in_progress", "note": "", "next": back})
    assert response.url == back
    response = client.post(status_url(task), {"status": "done", "note": "", "next": "https://evil.example/"})
    assert response.url == status_url(task)


def test_foreign_task_is_not_found_even_for_the_office(client, office_clerk, foreign_plan):
    client.force_login(office_clerk)
    foreign = foreign_plan.tasks.get()
    assert client.post(status_url(foreign), {"status": "done"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == TaskStatus.NOT_STARTED


# --- the task page -----------------------------------------------------------------------------------------------


def test_task_page_shows_responsible_and_history(client, council_member, hamlet_leader, task):
    update = update_task_status(task=task, by=hamlet_leader, status=TaskStatus.IN_PROGRESS, note="Đã gửi công văn")
    TaskUpdate.objects.filter(pk=update.pk).update(
        created_at=datetime.datetime(2022, 11, 2, 1, 5, tzinfo=datetime.UTC))  # 08:05 in Hà Nội
    client.force_login(council_member)
    html = page(client, status_url(task))
    assert task.content in html
    assert "Thôn A" in html and "Thôn B" in html and "Hoàng Văn Vân" in html
    assert "Trần Văn An" in html and "Đã gửi công văn" in html and "02/11/2022 08:05" in html
    assert "Quá hạn" in html  # due 15/11/2022, not done: overdue is derived from the date
    task.status = TaskStatus.DONE
    task.save()
    assert "Quá hạn" not in page(client, status_url(task))


# --- the year's timeline -----------------------------------------------------------------------------------------


def test_timeline_defaults_to_the_latest_plan_year(client, council_member, plan):
    newer = f.PlanFactory(commune=plan.commune, year=2023, document__number=2)
    f.TaskFactory(plan=newer, content="Tổng kết công tác thi đua năm 2023", due_on=datetime.date(2023, 12, 20))
    client.force_login(council_member)
    html = page(client, reverse("timeline:timeline"))
    assert "Tổng kết công tác thi đua năm 2023" in html and plan.tasks.get().content not in html
    html = page(client, reverse("timeline:timeline"), year=2022)
    assert "Tổng kết công tác thi đua năm 2023" not in html and plan.tasks.get().content in html
    # A year without a plan, or nonsense, is an empty page or the default.
    assert "Chưa có nhiệm vụ nào" in page(client, reverse("timeline:timeline"), year=2019)
    assert "Tổng kết công tác thi đua năm 2023" in page(client, reverse("timeline:timeline"), year="abc")


def test_timeline_marks_status_overdue_and_today(client, office_clerk, commune):
    today = timezone.localdate()
    plan = f.PlanFactory(commune=commune, year=today.year, document__number=5)
    late = f.TaskFactory(plan=plan, content="Việc trễ hạn", due_on=datetime.date(today.year, 1, 1),
                         starts_on=None, position=1) if today > datetime.date(today.year, 1, 1) else None
    done = f.TaskFactory(plan=plan, content="Việc đã xong", due_on=datetime.date(today.year, 1, 1),
                         status=TaskStatus.DONE, position=2)
    doing = f.TaskFactory(plan=plan, content="Việc đang làm", due_on=datetime.date(today.year, 12, 31),
                          status=TaskStatus.IN_PROGRESS, position=3)
    client.force_login(office_clerk)
    html = page(client, reverse("timeline:timeline"), year=today.year)
    assert 'class="gantt-today"' in html
    assert f'id="gantt-task-{doing.pk}"' in html and "Đang thực hiện" in html
    assert f'<div class="gantt-row status-done" role="row" id="gantt-task-{done.pk}">' in html
    if late:
        assert f'<div class="gantt-row status-overdue" role="row" id="gantt-task-{late.pk}">' in html
    # Another year: no "today" line.
    f.PlanFactory(commune=commune, year=today.year - 1, document__number=6)
    assert 'class="gantt-today"' not in page(client, reverse("timeline:timeline"), year=today.year - 1)


def test_chart_geometry():
    plan = f.PlanFactory(year=2022)
    whole_year = f.TaskFactory(plan=plan, starts_on=datetime.date(2022, 1, 1), due_on=datetime.date(2022, 12, 31))
    november = f.TaskFactory(plan=plan, due_on=datetime.date(2022, 11, 15))  # no start: from 01/11
    chart = build_chart([whole_year, november], year=2022, today=datetime.date(2022, 7, 2))
    assert [m.first_day.month for m in chart.months] == list(range(1, 13))
    assert (chart.bars[0].left, chart.bars[0].width) == ("0.000%", "100.000%")
    assert chart.bars[1].starts_on == datetime.date(2022, 11, 1)
    assert chart.bars[1].left == f"{304 / 365 * 100:.3f}%" and chart.bars[1].width == f"{15 / 365 * 100:.3f}%"
    assert chart.today_left == f"{(182.5) / 365 * 100:.3f}%"
    assert build_chart([november], year=2022, today=datetime.date(2023, 1, 5)).today_left is None
    # A task due in January of the next year widens the chart by a month.
    next_january = f.TaskFactory(plan=plan, due_on=datetime.date(2023, 1, 20), due_text="Tháng 01 năm sau")
    chart = build_chart([next_january], year=2022, today=datetime.date(2023, 1, 5))
    assert len(chart.months) == 13 and chart.end == datetime.date(2023, 1, 31) and chart.today_left


# --- my tasks ----------------------------------------------------------------------------------------------------


def test_my_tasks_open_first_then_done_with_milestones(client, hamlet_leader, commune, plan, thon_a, thon_b, task):
    later = f.TaskFactory(plan=plan, content="Chấm điểm chéo các thôn", due_on=datetime.date(2022, 12, 1))
    TaskAssignment.objects.create(task=later, role=TaskRole.SUPPORTS, person=hamlet_leader.person)
    finished = f.TaskFactory(plan=plan, content="Báo cáo sơ kết 6 tháng", due_on=datetime.date(2022, 6, 30),
                             status=TaskStatus.DONE)
    TaskAssignment.objects.create(task=finished, role=TaskRole.DOES, unit=thon_a)
    not_mine = f.TaskFactory(plan=plan, content="Việc của Thôn B", due_on=datetime.date(2022, 3, 1))
    TaskAssignment.objects.create(task=not_mine, role=TaskRole.DOES, unit=thon_b)
    august = datetime.date(2022, 8, 1)
    by_unit = Milestone.objects.create(commune=commune, year=2022, title="Nộp sáng kiến", due_on=august)
    by_unit.units.add(thon_a)
    other = Milestone.objects.create(commune=commune, year=2022, title="Mốc của Thôn B", due_on=august)
    other.units.add(thon_b)
    client.force_login(hamlet_leader)
    html = page(client, reverse("timeline:my_tasks"))
    positions = [html.index(text) for text in [task.content, "Chấm điểm chéo các thôn", "Báo cáo sơ kết 6 tháng"]]
    assert positions == sorted(positions)
    assert "Việc của Thôn B" not in html and "Mốc của Thôn B" not in html and "Nộp sáng kiến" in html
    # The quick form for the tasks he does, not for the one he only coordinates.
    assert f'id="id_note_{task.pk}"' in html and f'id="id_note_{finished.pk}"' in html
    assert f'id="id_note_{later.pk}"' not in html
    assert "Phối hợp" in html  # his role on the coordinated task


def test_my_tasks_of_the_office_have_forms_everywhere(client, office_clerk, office_unit, plan):
    directed = plan.tasks.get()
    TaskAssignment.objects.create(task=directed, role=TaskRole.SUPPORTS, unit=office_unit)
    client.force_login(office_clerk)
    assert f'id="id_note_{directed.pk}"' in page(client, reverse("timeline:my_tasks"))


# --- appendix rows: responsible units and people -----------------------------------------------------------------


def test_office_sets_responsible_units_and_people(client, office_clerk, chairman, hamlet_leader, plan, thon_a, thon_b):
    row = plan.tasks.get()
    client.force_login(office_clerk)
    data = {
        "content": row.content, "directs": "Chủ tịch UBND", "does": "Thôn A", "supports": "Thôn B",
        "due_on": "15/11/2022", "due_text": "", "starts_on": "",
        "directs_people": [chairman.person.pk], "does_units": [thon_a.pk], "supports_units": [thon_b.pk],
        "supports_people": [hamlet_leader.person.pk],
    }
    assert client.post(reverse("timeline:task_edit", args=[row.pk]), data).status_code == 302
    assignments = sorted(TaskAssignment.objects.values_list("role", "unit__name", "person__full_name"), key=str)
    assert assignments == [("directs", None, "Hoàng Văn Vân"), ("does", "Thôn A", None), ("supports", "Thôn B", None),
                           ("supports", None, "Trần Văn An")]
    kept = TaskAssignment.objects.get(role="does").pk
    html = page(client, reverse("timeline:task_edit", args=[row.pk]))
    assert f'<option value="{thon_a.pk}" selected>Thôn A</option>' in html
    data.update(supports_units=[], supports_people=[])
    client.post(reverse("timeline:task_edit", args=[row.pk]), data)
    assert sorted(TaskAssignment.objects.values_list("role", flat=True)) == ["directs", "does"]
    assert TaskAssignment.objects.get(role="does").pk == kept  # unchanged rows stay as they are
    row.refresh_from_db()
    assert (row.directs, row.does, row.supports) == ("Chủ tịch UBND", "Thôn A", "Thôn B")  # the printed columns


def test_new_row_with_responsible_unit(client, office_clerk, plan, thon_a, other_commune):
    foreign_unit = f.UnitFactory(commune=other_commune, name="Thôn ngoài xã")
    client.force_login(office_clerk)
    data = {"content": "Hướng dẫn bình xét Gia đình văn hóa", "due_on": "25/11/2022", "does_units": [thon_a.pk]}
    assert client.post(reverse("timeline:task_create", args=[plan.pk]), data).status_code == 302
    new = TimelineTask.objects.get(content="Hướng dẫn bình xét Gia đình văn hóa")
    assert list(new.assignments.values_list("role", "unit")) == [("does", thon_a.pk)]
    data.update(content="Không hợp lệ", does_units=[foreign_unit.pk])
    assert client.post(reverse("timeline:task_create", args=[plan.pk]), data).status_code == 200
    assert not TimelineTask.objects.filter(content="Không hợp lệ").exists()


# --- reminder settings -------------------------------------------------------------------------------------------


@pytest.fixture
def beat(db):
    crontab = CrontabSchedule.objects.create(minute="0", hour="7", day_of_week="*", timezone="Asia/Ho_Chi_Minh")
    weekly = CrontabSchedule.objects.create(minute="30", hour="7", day_of_week="1", timezone="Asia/Ho_Chi_Minh")
    return {
        "daily": PeriodicTask.objects.create(name="Nhắc hạn hằng ngày", task="timeline.send_reminders",
                                             crontab=crontab),
        "digest": PeriodicTask.objects.create(name="Tổng hợp tuần", task="timeline.send_weekly_digest",
                                              crontab=weekly),
        "other": PeriodicTask.objects.create(name="Dọn kết quả", task="celery.backend_cleanup", crontab=crontab),
    }


def settings_data(beat, **changes):
    data = {"settings-days_before": "7,3,1", "settings-overdue_lookback_days": "7"}
    for key in ("daily", "digest"):
        task = PeriodicTask.objects.select_related("crontab").get(pk=beat[key].pk)
        prefix = f"beat-{task.pk}"
        data.update({f"{prefix}-minute": task.crontab.minute, f"{prefix}-hour": task.crontab.hour,
                     f"{prefix}-day_of_week": task.crontab.day_of_week})
        if task.enabled:
            data[f"{prefix}-enabled"] = "on"
    data.update(changes)
    return data


def test_office_edits_reminder_settings(client, office_clerk, commune, beat):
    url = reverse("timeline:reminder_settings")
    client.force_login(office_clerk)
    html = page(client, url)
    assert "Nhắc hạn hằng ngày" in html and "Tổng hợp tuần" in html and "Dọn kết quả" not in html
    assert not ReminderSettings.objects.exists()  # looking creates nothing
    response = client.post(url, settings_data(beat, **{"settings-days_before": " 3, 7,1,7 ",
                                                       "settings-remind_directors": "on"}))
    assert response.status_code == 302
    config = ReminderSettings.objects.get(commune=commune)
    assert (config.days_before, config.remind_directors, config.offsets) == ("7,3,1", True, [7, 3, 1])


@pytest.mark.parametrize("value", ["7,a", "0,3", "", "7;3", "-1", "400"])
def test_days_before_must_be_a_list_of_positive_numbers(client, office_clerk, value):
    client.force_login(office_clerk)
    response = client.post(reverse("timeline:reminder_settings"),
                           {"settings-days_before": value, "settings-overdue_lookback_days": "7"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nhập số ngày" in html or "Trường này là bắt buộc" in html
    assert not ReminderSettings.objects.exists()


def test_office_reschedules_a_periodic_task(client, office_clerk, beat):
    url = reverse("timeline:reminder_settings")
    client.force_login(office_clerk)
    before = PeriodicTasks.last_change()
    daily = beat["daily"]
    prefix = f"beat-{daily.pk}"
    response = client.post(url, settings_data(beat, **{f"{prefix}-hour": "8", f"{prefix}-minute": "15"}))
    assert response.status_code == 302
    daily.refresh_from_db()
    assert (daily.crontab.minute, daily.crontab.hour, daily.crontab.day_of_week) == ("15", "8", "*")
    assert PeriodicTasks.last_change() != before  # beat reloads its schedule
    # The shared crontab was not edited in place: the other task keeps 07:00.
    beat["other"].refresh_from_db()
    assert (beat["other"].crontab.minute, beat["other"].crontab.hour) == ("0", "7")
    # Disabling.
    data = settings_data(beat)
    del data[f"beat-{beat['digest'].pk}-enabled"]
    client.post(url, data)
    beat["digest"].refresh_from_db()
    assert beat["digest"].enabled is False


@pytest.mark.parametrize(("field", "value"), [("hour", "25"), ("minute", "61"), ("day_of_week", "8"),
                                              ("minute", "abc"), ("hour", "")])
def test_invalid_cron_values_are_refused(client, office_clerk, beat, field, value):
    client.force_login(office_clerk)
    daily = beat["daily"]
    response = client.post(reverse("timeline:reminder_settings"),
                           settings_data(beat, **{f"beat-{daily.pk}-{field}": value,
                                                  "settings-days_before": "5"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Giá trị cron không hợp lệ" in html or "Trường này là bắt buộc" in html
    daily.refresh_from_db()
    assert (daily.crontab.minute, daily.crontab.hour, daily.crontab.day_of_week) == ("0", "7", "*")
    assert not ReminderSettings.objects.exists()  # nothing saved: one form, one transaction


def test_reminders_page_without_periodic_tasks(client, office_clerk):
    client.force_login(office_clerk)
    assert "Chưa có tác vụ tự động nào" in page(client, reverse("timeline:reminder_settings"))


@pytest.mark.django_db
def test_shared_schedules_are_not_one_communes_to_change(client, office_clerk, other_commune, beat):
    """With two communes on the portal, one commune's office cannot change the jobs every commune depends on."""
    from django_celery_beat.models import PeriodicTask

    client.force_login(office_clerk)
    response = client.get(reverse("timeline:reminder_settings"))
    assert response.context["schedules"] == []
    assert "dùng chung cho mọi xã" in response.content.decode()
    before = list(PeriodicTask.objects.values_list("pk", "enabled", "crontab_id"))
    client.post(reverse("timeline:reminder_settings"), {"settings-days_before": "7,3,1",
                                                        "settings-overdue_lookback_days": "7"})
    assert list(PeriodicTask.objects.values_list("pk", "enabled", "crontab_id")) == before
