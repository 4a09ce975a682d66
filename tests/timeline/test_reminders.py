"""The reminder rules: offsets, overdue once, done never, through a unit, inactive accounts never, no double sends."""

import datetime

import pytest
from django.core import mail

from directory.enums import Role
from notifications.enums import EmailStatus
from notifications.models import Notification, OutboundEmail
from notifications.services import deliver_email
from timeline.enums import TaskRole, TaskStatus
from timeline.models import Milestone, ReminderDelivery, ReminderSettings, TaskAssignment
from timeline.reminders import occasion_for, send_reminders, send_weekly_digest

from .. import factories as f

DUE = datetime.date(2022, 11, 15)


def day(offset):
    return DUE + datetime.timedelta(days=offset)


@pytest.fixture
def task(plan):
    return plan.tasks.get()


@pytest.fixture
def doer(commune, thon_a):
    """A person assigned directly, with an active account and an e-mail address."""
    user = f.UserFactory(username="doer", email="doer@xuanson.example")
    return f.PersonFactory(commune=commune, unit=thon_a, full_name="Đinh Văn Làm", user=user)


def assign(task, role=TaskRole.DOES, *, person=None, unit=None):
    return TaskAssignment.objects.create(task=task, role=role, person=person, unit=unit)


def deliveries():
    return sorted(ReminderDelivery.objects.values_list("person__full_name", "occasion"))


@pytest.mark.parametrize(
    ("days_left", "occasion"),
    [(10, None), (8, None), (7, "before-7"), (5, "before-7"), (3, "before-3"), (2, "before-3"), (1, "before-1"),
     (0, "before-1"), (-1, "overdue"), (-7, "overdue"), (-8, None)],
)
def test_occasion_for_default_settings(days_left, occasion):
    assert occasion_for(days_left, ReminderSettings()) == occasion


def test_occasion_for_custom_offsets():
    config = ReminderSettings(days_before="14, 2", overdue_lookback_days=1)
    assert [occasion_for(d, config) for d in (15, 14, 5, 2, 0, -1, -2)] == [
        None, "before-14", "before-14", "before-2", "before-2", "overdue", None]


@pytest.mark.django_db
def test_reminded_at_each_offset_and_once_overdue(task, doer):
    assign(task, person=doer)
    for today in [day(-d) for d in range(10, -10, -1)]:  # the daily job, from 10 days before to 9 days after
        send_reminders(today=today)
    assert deliveries() == [("Đinh Văn Làm", "before-1"), ("Đinh Văn Làm", "before-3"), ("Đinh Văn Làm", "before-7"),
                            ("Đinh Văn Làm", "overdue")]
    assert Notification.objects.filter(recipient=doer.user).count() == 4
    assert OutboundEmail.objects.filter(to="doer@xuanson.example").count() == 4


@pytest.mark.django_db
def test_message_is_vietnamese_and_links_to_the_task(task, doer, settings):
    settings.SITE_URL = "https://tdkt.xuanson.example"
    assign(task, person=doer)
    send_reminders(today=day(-3))
    email = OutboundEmail.objects.get()
    assert email.subject == f"Còn 3 ngày: {task.content} (hạn 15/11/2022)"
    assert "Kính gửi Đinh Văn Làm," in email.body_text
    assert f"https://tdkt.xuanson.example/timeline/tasks/{task.pk}/" in email.body_text
    assert "<a href=" in email.body_html
    send_reminders(today=day(2))
    assert OutboundEmail.objects.latest("pk").subject.startswith("Quá hạn: ")


@pytest.mark.django_db
def test_running_twice_sends_nothing_more(task, doer):
    assign(task, person=doer)
    first = send_reminders(today=day(-3))
    second = send_reminders(today=day(-3))
    assert (first.claimed, second.claimed) == (1, 0)
    assert (Notification.objects.count(), OutboundEmail.objects.count()) == (1, 1)


@pytest.mark.django_db
def test_done_tasks_are_never_reminded(task, doer):
    assign(task, person=doer)
    task.status = TaskStatus.DONE
    task.save()
    for offset in (-7, -3, -1, 1):
        send_reminders(today=day(offset))
    assert deliveries() == []


@pytest.mark.django_db
def test_people_responsible_through_a_unit(task, thon_a, hamlet_leader, other_hamlet_leader):
    member = f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name="Cao Thị Mai",
                             user=f.UserFactory(username="mai", email="mai@xuanson.example"))
    f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name="Không Có Tài Khoản")  # nobody to reach
    assign(task, TaskRole.SUPPORTS, unit=thon_a)
    send_reminders(today=day(-1))
    # The unit's member with an account and its leader; not Thôn B's leader, not the person without an account.
    assert deliveries() == [("Cao Thị Mai", "before-1"), ("Trần Văn An", "before-1")]
    assert member.user.notifications.count() == 1


@pytest.mark.django_db
def test_inactive_users_are_not_reminded(task, doer):
    assign(task, person=doer)
    doer.user.is_active = False
    doer.user.save()
    send_reminders(today=day(-3))
    assert deliveries() == [] and OutboundEmail.objects.count() == 0


@pytest.mark.django_db
def test_directors_only_when_the_commune_asks(task, doer, chairman):
    assign(task, person=doer)
    assign(task, TaskRole.DIRECTS, person=chairman.person)
    send_reminders(today=day(-7))
    assert [name for name, _ in deliveries()] == ["Đinh Văn Làm"]
    ReminderSettings.objects.create(commune=task.plan.commune, remind_directors=True)
    send_reminders(today=day(-3))
    assert ("Hoàng Văn Vân", "before-3") in deliveries()


@pytest.mark.django_db
def test_commune_offsets_are_used(task, doer):
    ReminderSettings.objects.create(commune=task.plan.commune, days_before="10")
    assign(task, person=doer)
    send_reminders(today=day(-10))
    send_reminders(today=day(-3))
    assert deliveries() == [("Đinh Văn Làm", "before-10")]


@pytest.mark.django_db
def test_milestones_use_the_same_machinery(commune, thon_a, hamlet_leader):
    milestone = Milestone.objects.create(commune=commune, year=2022, title="Hạn nộp đề tài sáng kiến",
                                         due_on=datetime.date(2022, 8, 1))
    milestone.units.add(thon_a)
    send_reminders(today=datetime.date(2022, 7, 29))
    assert deliveries() == [("Trần Văn An", "before-3")]
    assert hamlet_leader.notifications.get().title.startswith("Còn 3 ngày: Hạn nộp đề tài sáng kiến")


@pytest.mark.django_db
def test_weekly_digest_goes_to_the_chairman_once_a_week(task, chairman):
    monday = datetime.date(2022, 11, 21)
    assert send_weekly_digest(today=monday).claimed == 1
    assert send_weekly_digest(today=monday + datetime.timedelta(days=2)).claimed == 0
    assert send_weekly_digest(today=monday + datetime.timedelta(days=7)).claimed == 1
    notification = chairman.notifications.first()
    assert notification.title == "1 nhiệm vụ tiến độ đang quá hạn"
    task.status = TaskStatus.DONE
    task.save()
    assert send_weekly_digest(today=monday + datetime.timedelta(days=14)).claimed == 0


@pytest.mark.django_db
def test_chairman_role_assignment_is_what_counts(task, council_member):
    send_weekly_digest(today=datetime.date(2022, 11, 21))
    assert not ReminderDelivery.objects.exists()
    assert not council_member.person.roles.filter(role=Role.CHAIRMAN).exists()


@pytest.mark.django_db
def test_an_email_is_sent_once_and_failures_are_retried(task, doer, settings, monkeypatch):
    assign(task, person=doer)
    send_reminders(today=day(-3))
    email = OutboundEmail.objects.get()
    assert deliver_email(email.pk) is True
    assert deliver_email(email.pk) is False  # a retried or duplicated task finds it sent
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["doer@xuanson.example"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"

    send_reminders(today=day(-1))
    failing = OutboundEmail.objects.latest("pk")

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.message.EmailMessage.send", refuse)
    with pytest.raises(ConnectionRefusedError):
        deliver_email(failing.pk)
    failing.refresh_from_db()
    assert (failing.status, failing.attempts, failing.last_error) == (EmailStatus.FAILED, 1, "SMTP down")
    monkeypatch.undo()
    assert deliver_email(failing.pk) is True
    failing.refresh_from_db()
    assert (failing.status, failing.attempts) == (EmailStatus.SENT, 2)


@pytest.mark.django_db
def test_each_recipient_gets_their_own_name_escaped(task, thon_a, hamlet_leader):
    other = f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name="Lò <Thị> & Hà",
                            user=f.UserFactory(username="ha", email="ha@xuanson.example"))
    assign(task, unit=thon_a)
    send_reminders(today=day(-3))
    assert sorted(n.body.splitlines()[0] for n in Notification.objects.all()) == [
        "Kính gửi Lò <Thị> & Hà,", "Kính gửi Trần Văn An,"]
    html = OutboundEmail.objects.get(to=other.user.email).body_html
    assert "Lò &lt;Thị&gt; &amp; Hà" in html


@pytest.mark.django_db
def test_an_email_stuck_by_a_dead_worker_is_retried(task, doer):
    from django.utils import timezone

    from notifications.services import claim_email, unsent_email_ids

    assign(task, person=doer)
    send_reminders(today=day(-3))
    email = OutboundEmail.objects.get()
    assert claim_email(email.pk) is not None  # a worker claims it ... and dies before sending
    OutboundEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - timezone.timedelta(hours=1))
    assert unsent_email_ids() == []  # still within the grace period: maybe it is being sent right now
    OutboundEmail.objects.filter(pk=email.pk).update(claimed_at=timezone.now() - timezone.timedelta(minutes=20))
    assert unsent_email_ids() == [email.pk]
    assert deliver_email(email.pk) is True
    assert len(mail.outbox) == 1
