"""The daily reminder job end to end: a real Celery worker over Redis, the demo plan, e-mails written to files.

Task 8 of the demo plan ("Tổng hợp hồ sơ xét khen thưởng gửi Cụm trưởng và thị xã") is due 15/11/2022, so the job run
for 2022-11-12 owes its "before-3" reminder to everybody who does or supports it. The test checks that exactly those
people got one notification and one e-mail each, and that running the job again, twice at once, or in-process with
`manage.py send_reminders` sends nothing more.

Needs Redis (REDIS_URL) and a database the worker process can open: PostgreSQL (as CI runs it) or a SQLite test
database in a file. With an in-memory SQLite test database the test is skipped (fails under REQUIRE_SERVICES=1).

Isolation: the worker and this process talk through Redis database 15 (flushed before and after), never the
database of REDIS_URL, so a worker of `make run` cannot take these messages and this worker cannot take theirs; the
worker opens the *test* database and writes e-mails with the file backend into a temporary directory.
"""

import contextlib
import email
import email.policy
import io
import os
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from celery import Celery
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from directory.models import Person
from notifications.enums import EmailStatus
from notifications.models import Notification, OutboundEmail
from tests.services import celery_worker, log_tail, require_service, worker_command
from timeline.enums import TaskRole
from timeline.models import ReminderDelivery, TaskAssignment, TimelineTask

BASE_DIR = Path(__file__).resolve().parent.parent.parent
REDIS_TEST_DB = 15
RESULT_TIMEOUT = 30  # seconds for one job, the worker's start-up included (usually 2-3 s)
DELIVERY_TIMEOUT = 30  # seconds until the outbox is empty
TODAY = "2022-11-12"  # 3 days before task 8 is due
MAIL_SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # what Django's file backend writes after each message

# Task 8 through its labels: "Văn phòng – Thống kê" does it, "Cán bộ, công chức" (every specialist section) supports.
TASK_8_PEOPLE = {
    "Nguyễn Thị Hương", "Lê Thị Thu Trang",  # Văn phòng - Thống kê
    "Phan Thị Mai", "Khuất Văn Tuấn", "Nguyễn Đức Mạnh", "Phùng Văn Cường", "Đỗ Thị Thanh Hà", "Nguyễn Văn Khải",
    "Lê Quang Huy", "Bùi Văn Dũng", "Kiều Văn Thành",
}  # fmt: skip


# --- the services -----------------------------------------------------------------------------------------------------


def _redis_test_url() -> str:
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        require_service("Redis", "REDIS_URL is not set")
    return urlsplit(redis_url)._replace(path=f"/{REDIS_TEST_DB}").geturl()


def _worker_database_url() -> str:
    """A URL of the database this test runs on (the test database), for the worker's settings."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        if connection.is_in_memory_db():
            require_service("PostgreSQL", "the SQLite test database is in memory, a worker process cannot open it; "
                                          "set DATABASE_URL=postgres://...")
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    if connection.vendor != "postgresql":
        pytest.skip(f"no worker database URL for {connection.vendor}")
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = quote(db["HOST"] or "", safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"


@pytest.fixture
def redis_db():
    """Redis database 15 of the REDIS_URL server, empty before and after the test."""
    import redis

    url = _redis_test_url()
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.flushdb()
    except redis.RedisError as exc:
        require_service("Redis", f"cannot reach {url}: {exc}")
    yield url
    with contextlib.suppress(redis.RedisError):
        client.flushdb()
    client.close()


@pytest.fixture
def broker(redis_db):
    """A Celery client of its own on database 15 (the project's app stays configured as it was)."""
    app = Celery("xuanson-worker-test", broker=redis_db, backend=redis_db, set_as_current=False)
    yield app
    app.close()


@pytest.fixture
def mail_dir(tmp_path):
    path = tmp_path / "mail"
    path.mkdir()
    return path


@pytest.fixture
def worker(redis_db, mail_dir, tmp_path):
    """A real worker process: prefork pool with two children, so two jobs really run at the same time."""
    database_url = _worker_database_url()
    env = dict(os.environ)
    for name in ("CELERY_TASK_ALWAYS_EAGER", "EMAIL_HOST", "SQLITE_PATH"):
        env.pop(name, None)
    env.update(
        DJANGO_SETTINGS_MODULE="xuanson_tdkt.settings", PYTHONUNBUFFERED="1", VAR_DIR=str(tmp_path / "var"),
        REDIS_URL=redis_db, DATABASE_URL=database_url, DB_CONN_MAX_AGE="0",
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=str(mail_dir),
    )  # fmt: skip
    with celery_worker(worker_command(pool="prefork", concurrency=2), env, tmp_path / "worker.log") as process:
        yield process


def _log_tail(process) -> str:
    return log_tail(process.log_path)


# --- running the job --------------------------------------------------------------------------------------------------


def run_jobs(broker, worker, days: list[str]) -> list[dict]:
    """Send one reminder job per day, all at once, and wait for every result and for the outbox to empty."""
    results = [broker.send_task("timeline.send_reminders", kwargs={"today": day}) for day in days]
    answers = []
    try:
        for result in results:
            answers.append(result.get(timeout=RESULT_TIMEOUT))
    except Exception as exc:
        pytest.fail(f"the reminder job failed or timed out (worker exit code {worker.poll()}): {exc!r}\n"
                    f"{_log_tail(worker)}", pytrace=False)
    finally:
        for result in results:
            result.forget()
    _wait_for_outbox(worker)
    return answers


def _wait_for_outbox(worker) -> None:
    deadline = time.monotonic() + DELIVERY_TIMEOUT
    while OutboundEmail.objects.exclude(status=EmailStatus.SENT).exists():
        if time.monotonic() > deadline:
            waiting = list(OutboundEmail.objects.exclude(status=EmailStatus.SENT).values_list("to", "status"))
            pytest.fail(f"e-mails not sent within {DELIVERY_TIMEOUT} s: {waiting}\n{_log_tail(worker)}",
                        pytrace=False)
        time.sleep(0.2)


def mails(mail_dir: Path) -> list[email.message.EmailMessage]:
    """Every message the worker's file backend wrote (one file per connection, a separator after each message)."""
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for chunk in path.read_bytes().split(MAIL_SEPARATOR):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=email.policy.default))
    return messages


def subject(message) -> str:
    return str(message["subject"]).strip()  # a folded header decodes with the fold's leading space


def recipient(message) -> str:
    return str(message["to"]).strip()


def snapshot(mail_dir) -> dict[str, int]:
    return {
        "claims": ReminderDelivery.objects.count(),
        "notifications": Notification.objects.count(),
        "outbox": OutboundEmail.objects.count(),
        "mails": len(mails(mail_dir)),
    }


# --- who should be reminded, computed without the reminder code -------------------------------------------------------


def responsible_people(task) -> set[Person]:
    """Those who do or support `task`: people assigned directly, and the members and leader of assigned units."""
    people = set()
    for assignment in TaskAssignment.objects.filter(task=task, role__in=[TaskRole.DOES, TaskRole.SUPPORTS]):
        if assignment.person_id:
            people.add(assignment.person)
            continue
        people.update(Person.objects.filter(unit=assignment.unit))
        if assignment.unit.leader:
            people.add(assignment.unit.leader)
    return people


def reachable(people) -> set[Person]:
    """Only people with an active account are reminded (in the app, and by e-mail when they have an address)."""
    return {person for person in people if person.user_id and person.user.is_active}


def address(person) -> str:
    return person.email or person.user.email


def give_accounts():
    """Besides the demo's `vanphong`: one more official with an account, one without e-mail, one deactivated."""
    User = get_user_model()
    accounts = [("taichinh", "Phan Thị Mai", True), ("diachinh", "Nguyễn Đức Mạnh", True),
                ("tuphap", "Khuất Văn Tuấn", False)]  # fmt: skip
    for username, full_name, active in accounts:
        user = User.objects.create_user(username, password=None, is_active=active)
        Person.objects.filter(full_name=full_name).update(user=user)
    Person.objects.filter(full_name="Nguyễn Đức Mạnh").update(email="")  # reached in the app only


# --- the test ---------------------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # committed, so the worker process sees the data
def test_worker_reminds_exactly_the_responsible_people_once(redis_db, broker, worker, mail_dir):
    call_command("seed_demo", stdout=io.StringIO())
    # The demo's own e-mails (demo/dossiers.py: Yên Bài's dossier steps, Hà Nội's reminders) went to the project's
    # broker, not this test's: dropped, so that the outbox holds what the worker's jobs write.
    OutboundEmail.objects.all().delete()
    give_accounts()
    task = TimelineTask.objects.get(plan__year=2022, position=8)
    assert task.due_on.isoformat() == "2022-11-15"
    responsible = responsible_people(task)
    assert {person.full_name for person in responsible} == TASK_8_PEOPLE
    people = reachable(responsible)
    assert {person.full_name for person in people} == {"Nguyễn Thị Hương", "Phan Thị Mai", "Nguyễn Đức Mạnh"}

    # The job for 12/11/2022, run by the worker.
    [first] = run_jobs(broker, worker, [TODAY])
    assert first["claimed"] > 0

    claims = set(ReminderDelivery.objects.filter(source="task", object_id=task.pk).values_list("person", "occasion"))
    assert claims == {(person.pk, "before-3") for person in people}

    about_task = {"title__contains": task.content}
    notified = Counter(Notification.objects.filter(**about_task).values_list("recipient", flat=True))
    assert notified == Counter(person.user_id for person in people)
    # Nobody who only directs (the chairman), nor anyone outside the sections, heard of anything today.
    assert not Notification.objects.filter(recipient__username__in=["chutich", "hoidong", "thona", "thonb"]).exists()

    messages = mails(mail_dir)
    about = [m for m in messages if task.content in subject(m) and "15/11/2022" in subject(m)]
    assert Counter(recipient(m) for m in about) == Counter(address(p) for p in people if address(p))
    assert Counter(recipient(m) for m in about) == Counter({"vanphong@xuanson.example": 1,
                                                             "taichinh@xuanson.example": 1})
    assert all(subject(m).startswith("Còn 3 ngày") for m in about), [subject(m) for m in about]
    # Every e-mail of the outbox (tasks 6, 7 and 8 are due around that day) was written exactly once.
    assert Counter((recipient(m), subject(m)) for m in messages) == Counter(
        OutboundEmail.objects.values_list("to", "subject")
    )
    after_first = snapshot(mail_dir)

    # The same job again: everything is claimed already.
    [second] = run_jobs(broker, worker, [TODAY])
    assert second == {"claimed": 0, "emails": 0, "notifications": 0}
    assert snapshot(mail_dir) == after_first

    # Twice at the same time (two pool processes): still nothing.
    assert run_jobs(broker, worker, [TODAY, TODAY]) == [{"claimed": 0, "emails": 0, "notifications": 0}] * 2
    assert snapshot(mail_dir) == after_first

    # The management command, in this process, on the same day: nothing either.
    out = io.StringIO()
    call_command("send_reminders", "--today", TODAY, stdout=out)
    assert "12/11/2022: 0 reminders, 0 e-mails queued, 0 notifications" in out.getvalue()
    assert snapshot(mail_dir) == after_first

    # A real race: two jobs at once for 14/11/2022, when "before-1" is owed. Each reminder is sent once.
    racing = run_jobs(broker, worker, ["2022-11-14", "2022-11-14"])
    claims = list(ReminderDelivery.objects.filter(source="task", object_id=task.pk, occasion="before-1")
                  .values_list("person", flat=True))
    assert Counter(claims) == Counter(person.pk for person in people)
    new_claims = ReminderDelivery.objects.count() - after_first["claims"]
    assert sum(answer["claimed"] for answer in racing) == new_claims > 0
    messages = mails(mail_dir)
    about = [m for m in messages if task.content in subject(m)]  # "before-3" and now "before-1"
    assert Counter(recipient(m) for m in about) == Counter(2 * [address(p) for p in people if address(p)])
    assert len(messages) == OutboundEmail.objects.count() == after_first["outbox"] + sum(a["emails"] for a in racing)
