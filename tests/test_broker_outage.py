"""Redis down, then back, for real: the office accepts registrations and asks for a report file while the project's
Celery app points at a closed port; every page is a success with the Vietnamese warning and the work waits in the
database. With Redis back, beat's sweeps (run through a real worker, twice at once) send every e-mail exactly once and
make the file.

Needs Redis (REDIS_URL) and a database the worker can open (PostgreSQL, as CI runs it); skipped without them, failed
under REQUIRE_SERVICES=1. Isolation: the database of REDIS_URL itself with a queue of this test's own (CELERY_QUEUE),
so no other worker on that database takes these messages; the worker writes e-mails with the file backend into a
temporary directory.
"""

import os
import time
import uuid
from collections import Counter

import pytest
from django.urls import reverse

from notifications.enums import EmailStatus
from notifications.models import OutboundEmail
from notifications.tasks import flush_outbox
from registrations.enums import RegistrationStatus
from registrations.models import Registration
from reports.enums import JobStatus
from reports.models import ReportJob
from reports.tasks import requeue_jobs
from tests import factories as f
from tests.registrations.conftest import open_phase, register, titles  # noqa: F401
from tests.reports.conftest import _media, ubnd  # noqa: F401
from tests.services import (
    CLOSED_BROKER_URL,
    celery_worker,
    log_tail,
    project_broker_at,
    require_service,
    worker_command,
)
from tests.test_queueing import EMAILS_WARNING, FILE_STEP, FILE_WARNING, age_the_outbox, report  # noqa: F401
from tests.timeline.test_worker_reminders import _worker_database_url, mail_dir, mails, recipient, subject  # noqa: F401
from xuanson_tdkt.celery import ping
from xuanson_tdkt.queueing import enqueue

pytestmark = pytest.mark.django_db(transaction=True)
TIMEOUT = 60  # seconds for the sweeps to finish, the worker's start-up included


@pytest.fixture
def redis_url():
    import redis

    url = os.environ.get("REDIS_URL", "")
    if not url:
        require_service("Redis", "REDIS_URL is not set")
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as exc:
        require_service("Redis", f"cannot reach {url}: {exc}")
    yield url
    client.close()


@pytest.fixture
def queue(redis_url, settings):
    """A queue of this test's own, for the worker and for the project's app once the broker is back."""
    import redis

    name = f"test-outage-{uuid.uuid4().hex[:8]}"
    settings.CELERY_TASK_DEFAULT_QUEUE = name
    yield name
    client = redis.Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=5)
    client.delete(name, *(f"_kombu.{kind}.{name}" for kind in ("binding", "binding_permanent")))
    client.close()


@pytest.fixture
def worker(redis_url, queue, mail_dir, settings, tmp_path):  # noqa: F811
    env = dict(os.environ)
    for name in ("CELERY_TASK_ALWAYS_EAGER", "EMAIL_HOST", "SQLITE_PATH"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="xuanson_tdkt.settings", PYTHONUNBUFFERED="1", VAR_DIR=str(tmp_path / "var"),
        REDIS_URL=redis_url, CELERY_QUEUE=queue, DATABASE_URL=_worker_database_url(), DB_CONN_MAX_AGE="0",
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=str(mail_dir),
    )  # fmt: skip
    return lambda: celery_worker(worker_command(queue=queue), env, tmp_path / "worker.log")


@pytest.fixture
def leaders(commune, thon_a, thon_b, hamlet_leader, other_hamlet_leader):
    for user, unit in ((hamlet_leader, thon_a), (other_hamlet_leader, thon_b)):
        user.email = f"{user.username}@xuanson.example"
        user.save(update_fields=["email"])
        unit.leader = user.person
        unit.save()
    return [hamlet_leader, other_hamlet_leader]


def success_page(client, url, data=None) -> str:
    response = client.post(url, data or {})
    assert response.status_code == 302, (response.status_code, response.content[:500])
    page = client.get(response.url)
    assert page.status_code == 200
    return page.content.decode()


def wait_until(done, what: str, process) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not done():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not done within {TIMEOUT} s\n{log_tail(process.log_path)}", pytrace=False)
        time.sleep(0.2)


def test_a_save_while_redis_is_down_succeeds_and_the_emails_go_once_it_is_back(
        client, office_clerk, leaders, thon_a, thon_b, titles, open_phase, report, queue, worker, mail_dir):  # noqa: F811
    registrations = [
        register(unit=unit, title=titles["ldtt"], phase=open_phase, status=RegistrationStatus.SUBMITTED,
                 person=f.PersonFactory(commune=unit.commune, unit=unit, full_name=f"Người của {unit.name}"))
        for unit in (thon_a, thon_a, thon_b)
    ]  # fmt: skip
    client.force_login(office_clerk)

    with project_broker_at(CLOSED_BROKER_URL):  # Redis is down
        for registration in registrations:
            page = success_page(client, reverse("registrations:registration_accept", args=[registration.pk]))
            assert "Đã tiếp nhận:" in page and EMAILS_WARNING in page
        page = success_page(client, reverse("reports:job_start", args=[report.pk]), {"kind": "xlsx"})
        assert FILE_WARNING in page and FILE_STEP in page

    assert set(Registration.objects.values_list("status", flat=True)) == {RegistrationStatus.ACCEPTED}
    assert Counter(OutboundEmail.objects.values_list("to", "status")) == {
        ("thona@xuanson.example", EmailStatus.PENDING): 2, ("thonb@xuanson.example", EmailStatus.PENDING): 1}
    job = ReportJob.objects.get()
    assert (job.status, job.step) == (JobStatus.PENDING, "not_queued")
    assert list(mail_dir.iterdir()) == []

    # Redis is back (the project's app on REDIS_URL again, this test's queue): beat's sweeps, each run twice at once.
    age_the_outbox()
    with worker() as process:
        for task in (flush_outbox, flush_outbox, requeue_jobs, requeue_jobs):
            assert enqueue(task)
        wait_until(lambda: not OutboundEmail.objects.exclude(status=EmailStatus.SENT).exists(), "the outbox", process)
        wait_until(lambda: ReportJob.objects.filter(status=JobStatus.DONE).exists(), "the file", process)
        # Whatever the sweeps queued twice was queued before this: once it answers, the worker has run it all.
        answer = ping.apply_async()
        assert answer.get(timeout=TIMEOUT) == "pong"
        answer.forget()

    sent = mails(mail_dir)
    assert Counter((recipient(message), subject(message)) for message in sent) == Counter(
        OutboundEmail.objects.values_list("to", "subject"))
    assert len(sent) == 3
    assert set(OutboundEmail.objects.values_list("status", "attempts", "last_error")) == {(EmailStatus.SENT, 1, "")}
    job.refresh_from_db()
    assert (job.status, job.progress, job.step) == (JobStatus.DONE, 100, "done")
    assert job.file.size > 0
