"""A broker outage never turns a save into an error (xuanson_tdkt/queueing.py): the page says it was saved and that
the e-mails (or the file) will follow; the work waits in the database and the sweeps queue it once the broker is back.

Runs on SQLite without Redis: the broker is "down" at a closed port, "back" is the in-process (eager) path. The same
story through Redis and a real worker is tests/test_broker_outage.py.
"""

import datetime
import logging
import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from notifications.services import NOT_QUEUED
from notifications.tasks import flush_outbox, send_emails
from registrations.enums import RegistrationStatus
from reports import jobs, services as report_services
from reports.enums import JobStatus
from reports.models import ReportJob
from tests.registrations.conftest import lan, open_phase, register, titles  # noqa: F401
from tests.reports.conftest import _media, ubnd  # noqa: F401
from tests.services import CLOSED_BROKER_URL, project_broker_at
from xuanson_tdkt.celery import ping
from xuanson_tdkt.queueing import enqueue

EMAILS_WARNING = "Đã lưu. Hệ thống gửi thư đang tạm gián đoạn; thư sẽ được gửi tự động khi hệ thống hoạt động lại."
FILE_WARNING = "Đã ghi nhận yêu cầu. Hệ thống xử lý nền đang tạm gián đoạn; tệp sẽ được tạo tự động"
FILE_STEP = "Đang chờ: hệ thống xử lý nền tạm gián đoạn"


@pytest.fixture
def broker_down():
    with project_broker_at(CLOSED_BROKER_URL) as app:
        yield app


@pytest.fixture
def eager(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def submitted(hamlet_leader, thon_a, titles, open_phase, lan):  # noqa: F811
    hamlet_leader.email = "thona@xuanson.example"
    hamlet_leader.save(update_fields=["email"])
    return register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=lan,
                    status=RegistrationStatus.SUBMITTED)


def accept(client, office_clerk, registration):
    client.force_login(office_clerk)
    response = client.post(reverse("registrations:registration_accept", args=[registration.pk]))
    assert response.status_code == 302, response
    page = client.get(response.url)
    assert page.status_code == 200
    return page.content.decode()


def age_the_outbox():
    """The sweep leaves e-mails younger than a minute to the task queued with them; these are older."""
    OutboundEmail.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=2))


# --- enqueue itself -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_enqueue_gives_up_quickly_and_says_why_when_the_broker_is_down(broker_down, caplog):
    """ping keeps its result: enqueue must not wait for the (down) result backend either."""
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="xuanson_tdkt.queueing"):
        assert enqueue(ping) is False
    assert time.monotonic() - started < 3
    assert "could not queue xuanson_tdkt.ping" in caplog.text and "127.0.0.1:1" in caplog.text


@pytest.mark.django_db
def test_enqueue_runs_the_task_in_process_when_eager_whatever_the_broker(broker_down, eager):
    email = OutboundEmail.objects.create(to="a@xuanson.example", subject="Thư", body_text="Nội dung")
    assert enqueue(send_emails, [email.pk]) is True
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert [message.to for message in mail.outbox] == [["a@xuanson.example"]]


# --- e-mails queued after a save --------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # the e-mails are queued on commit, inside the request
def test_accepting_with_the_broker_down_is_saved_and_says_the_emails_will_follow(client, office_clerk, submitted,
                                                                                broker_down, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    page = accept(client, office_clerk, submitted)
    assert "Đã tiếp nhận:" in page  # the success message stays
    assert EMAILS_WARNING in page
    submitted.refresh_from_db()
    assert submitted.status == RegistrationStatus.ACCEPTED
    assert list(OutboundEmail.objects.values_list("to", "status", "last_error")) == [
        ("thona@xuanson.example", EmailStatus.PENDING, NOT_QUEUED)]
    assert mail.outbox == []
    # Shown once: the next page has no warning left.
    assert EMAILS_WARNING not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_outbox_sweep_sends_them_once_the_broker_is_back(client, office_clerk, submitted, broker_down, eager):
    """Eager: tasks run in process, as if the broker were back."""
    accept(client, office_clerk, submitted)
    assert OutboundEmail.objects.get().status == EmailStatus.SENT  # eager: nothing waited

    OutboundEmail.objects.create(to="b@xuanson.example", subject="Thư chờ", body_text="…", last_error=NOT_QUEUED)
    assert flush_outbox() == 0  # too young: its own task may still be on the way
    age_the_outbox()
    assert flush_outbox() == 1
    assert flush_outbox() == 0
    assert sorted(message.to[0] for message in mail.outbox) == ["b@xuanson.example", "thona@xuanson.example"]
    assert set(OutboundEmail.objects.values_list("status", "last_error")) == {(EmailStatus.SENT, "")}


@pytest.mark.django_db(transaction=True)
def test_the_eager_path_needs_no_broker(client, office_clerk, submitted, broker_down, eager):
    page = accept(client, office_clerk, submitted)
    assert "Đã tiếp nhận:" in page and "tạm gián đoạn" not in page
    assert OutboundEmail.objects.get().status == EmailStatus.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_sweep_itself_stops_quietly_when_the_broker_is_down_again(broker_down):
    OutboundEmail.objects.create(to="c@xuanson.example", subject="Thư", body_text="…")
    age_the_outbox()
    assert flush_outbox() == 0
    assert OutboundEmail.objects.get().status == EmailStatus.PENDING


@pytest.mark.django_db
def test_a_batch_goes_on_when_neither_the_mail_server_nor_the_broker_answers(broker_down, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2  # refused
    emails = [OutboundEmail.objects.create(to=f"{name}@xuanson.example", subject="Thư", body_text="…")
              for name in ("a", "b")]
    send_emails([email.pk for email in emails])  # as the worker runs it; the retries cannot be queued
    assert list(OutboundEmail.objects.values_list("status", "attempts")) == [(EmailStatus.FAILED, 1)] * 2


# --- a report file built in the worker --------------------------------------------------------------------------------


@pytest.fixture
def report(commune, ubnd, office_clerk, plan):  # noqa: F811
    return report_services.create_report(commune=commune, year=2022, period="h1", series=ubnd, by=office_clerk)


def ask_for_file(client, report):
    response = client.post(reverse("reports:job_start", args=[report.pk]), {"kind": "xlsx"})
    assert response.status_code == 302, response
    page = client.get(response.url)
    assert page.status_code == 200
    return response.url, page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_file_asked_for_with_the_broker_down_waits_and_the_sweep_makes_it(client, office_clerk, report,
                                                                            broker_down, settings):
    client.force_login(office_clerk)
    url, page = ask_for_file(client, report)
    assert FILE_WARNING in page and FILE_STEP in page
    job = ReportJob.objects.get()
    assert (job.status, job.step) == (JobStatus.PENDING, "not_queued")
    assert ask_for_file(client, report)[0] == url  # asking again while it is still down: the same job, still waiting
    assert ReportJob.objects.get().step == "not_queued"
    assert jobs.requeue_jobs() == 0  # still down

    settings.CELERY_TASK_ALWAYS_EAGER = True  # back
    assert jobs.requeue_jobs() == 1
    job.refresh_from_db()
    assert (job.status, job.progress) == (JobStatus.DONE, 100)
    assert jobs.requeue_jobs() == 0


@pytest.mark.django_db(transaction=True)
def test_asking_again_once_the_broker_is_back_makes_the_waiting_file(client, office_clerk, report, broker_down,
                                                                     settings):
    client.force_login(office_clerk)
    url, _ = ask_for_file(client, report)
    ReportJob.objects.update(created_at=timezone.now() - jobs.JOB_STALE_AFTER * 2)  # however long ago
    settings.CELERY_TASK_ALWAYS_EAGER = True
    again, page = ask_for_file(client, report)
    assert again == url and "tạm gián đoạn" not in page
    assert ReportJob.objects.get().status == JobStatus.DONE
