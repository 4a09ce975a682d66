"""The machinery under the portal: database, Celery with Redis, Celery without any server, settings helpers.

Run with services (as CI does, see .ci/run):

    REQUIRE_SERVICES=1 DATABASE_URL=postgres://postgres@127.0.0.1:5432/test REDIS_URL=redis://127.0.0.1:6379/0 pytest

Without them the PostgreSQL and Redis checks are skipped; the file-system broker check always runs.
"""

import contextlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from tests.services import celery_worker, log_tail, require_service, worker_command
from xuanson_tdkt.env import env_bool, env_int

BASE_DIR = Path(__file__).resolve().parent.parent
PING_TIMEOUT = 30  # seconds; a healthy worker answers in 1-3 s including its start-up


# --- helpers ---------------------------------------------------------------------------------------------------------


def _subprocess_env(**overrides: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "xuanson_tdkt.settings")
    env["PYTHONUNBUFFERED"] = "1"
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


# --- database ---------------------------------------------------------------------------------------------------------


def test_default_database_is_postgresql():
    if connection.vendor != "postgresql":
        require_service("PostgreSQL", f"the default database is {connection.vendor}; set DATABASE_URL=postgres://...")
    assert connection.vendor == "postgresql"


@pytest.mark.django_db
def test_postgresql_has_vietnamese_icu_collation():
    if connection.vendor != "postgresql":
        require_service("PostgreSQL", f"the default database is {connection.vendor}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT collprovider FROM pg_collation WHERE collname = %s", ["vi-x-icu"])
        row = cursor.fetchone()
        assert row is not None, 'collation "vi-x-icu" is missing: PostgreSQL must be built with ICU support'
        # C.UTF-8 would put "Ánh" after "Nguyễn"; the Vietnamese collation puts it first.
        cursor.execute(
            """SELECT name FROM (VALUES ('Nguyễn'), ('Ánh'), ('Bình'), ('Đức'), ('Dũng')) AS names(name)
               ORDER BY name COLLATE "vi-x-icu" """
        )
        assert [name for (name,) in cursor.fetchall()] == ["Ánh", "Bình", "Dũng", "Đức", "Nguyễn"]


# --- Celery -----------------------------------------------------------------------------------------------------------


def test_celery_worker_answers_ping_over_redis(tmp_path):
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        require_service("Redis", "REDIS_URL is not set")

    import redis
    from django.conf import settings

    from xuanson_tdkt.celery import app as celery_app

    client = redis.Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        require_service("Redis", f"cannot reach {redis_url}: {exc}")
    assert settings.CELERY_BROKER_URL == redis_url
    assert settings.CELERY_RESULT_BACKEND == redis_url

    # A queue of our own, so a worker of `make run` on the same Redis cannot take the message instead.
    queue = f"xuanson-test-{uuid.uuid4().hex[:12]}"
    log_path = tmp_path / "worker.log"
    env = _subprocess_env(VAR_DIR=str(tmp_path / "var"))
    try:
        with celery_worker(worker_command(queue=queue), env, log_path) as worker:
            result = celery_app.send_task("xuanson_tdkt.ping", queue=queue)
            try:
                answer = result.get(timeout=PING_TIMEOUT)
            except Exception as exc:
                pytest.fail(
                    f"no answer from the worker (exit code {worker.poll()}): {exc!r}\n{log_tail(log_path)}",
                    pytrace=False,
                )
            finally:
                result.forget()
        assert answer == "pong"
    finally:
        # kombu records the queue's exchange binding in Redis; do not leave keys behind for each test run.
        with contextlib.suppress(redis.RedisError):
            client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
            client.zrem("_kombu.binding_deadlines", queue)


# Runs in a separate interpreter whose settings see no REDIS_URL, exactly like `make run`.
_FILESYSTEM_CLIENT = """
from xuanson_tdkt.celery import app
assert app.conf.broker_url == "filesystem://", app.conf.broker_url
assert app.conf.result_backend.startswith("file://"), app.conf.result_backend
print(app.send_task("xuanson_tdkt.ping").get(timeout={timeout}))
"""


def test_celery_worker_answers_ping_over_filesystem_broker_without_redis(tmp_path):
    var_dir = tmp_path / "var"
    log_path = tmp_path / "worker.log"
    env = _subprocess_env(
        VAR_DIR=str(var_dir), REDIS_URL=None, DATABASE_URL=None, CELERY_TASK_ALWAYS_EAGER=None, SQLITE_PATH=None
    )
    with celery_worker(worker_command(), env, log_path) as worker:
        client = subprocess.run(
            [sys.executable, "-c", _FILESYSTEM_CLIENT.format(timeout=PING_TIMEOUT)],
            cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=PING_TIMEOUT + 15,
        )  # fmt: skip
        if client.returncode != 0 or client.stdout.strip() != "pong":
            pytest.fail(
                f"client exit code {client.returncode}, stdout {client.stdout!r}\n{client.stderr[-3000:]}\n"
                f"--- worker (exit code {worker.poll()}) ---\n{log_tail(log_path)}",
                pytrace=False,
            )
    # The message and its result really went through the directories under VAR_DIR.
    assert any((var_dir / "celery" / "results").iterdir())


# --- settings helpers -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["maybe", "2", "tru", "yes please", "-1"])
def test_env_bool_rejects_bad_values(monkeypatch, raw):
    monkeypatch.setenv("XS_TEST_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="XS_TEST_FLAG"):
        env_bool("XS_TEST_FLAG", False)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("Yes", True), (" on ", True), ("0", False), ("false", False), ("OFF", False),
     ("", False)],
)  # fmt: skip
def test_env_bool_accepts_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("XS_TEST_FLAG", raw)
    assert env_bool("XS_TEST_FLAG", not expected) is expected


def test_env_bool_and_env_int_default_when_unset(monkeypatch):
    monkeypatch.delenv("XS_TEST_FLAG", raising=False)
    monkeypatch.delenv("XS_TEST_NUMBER", raising=False)
    assert env_bool("XS_TEST_FLAG", True) is True
    assert env_int("XS_TEST_NUMBER", 587) == 587


@pytest.mark.parametrize("raw", ["abc", "1.5", "25 minutes", "0x10"])
def test_env_int_rejects_bad_values(monkeypatch, raw):
    monkeypatch.setenv("XS_TEST_NUMBER", raw)
    with pytest.raises(ImproperlyConfigured, match="XS_TEST_NUMBER"):
        env_int("XS_TEST_NUMBER", 0)


def test_env_int_reads_integers(monkeypatch):
    monkeypatch.setenv("XS_TEST_NUMBER", " 25 ")
    assert env_int("XS_TEST_NUMBER", 0) == 25
    monkeypatch.setenv("XS_TEST_NUMBER", "")
    assert env_int("XS_TEST_NUMBER", 587) == 587


def test_settings_refuse_a_bad_boolean_at_start_up(tmp_path):
    """The settings module itself goes through the helpers: DEBUG=maybe stops the process with a clear error."""
    env = _subprocess_env(DEBUG="maybe", VAR_DIR=str(tmp_path / "var"))
    process = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert process.returncode != 0
    assert "ImproperlyConfigured" in process.stderr
    assert "DEBUG" in process.stderr


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    """A changed field, choice or label without its migration would break `migrate` on the next deployment."""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        pytest.fail(f"missing migrations:\n{out.getvalue()}")


@pytest.mark.django_db
def test_the_login_page_shows_residents_the_way_to_the_public_pages(client, commune, office_clerk):
    """Residents have no account: the login page links each commune that posts lists to its public pages."""
    import datetime

    from disclosure.models import Disclosure

    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert 'id="public-pages"' not in page
    Disclosure.objects.create(commune=commune, year=2022, heading="Công khai", starts_on=datetime.date(2022, 11, 16),
                              days=10, posted_by=office_clerk)
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert f'href="/public/{commune.slug}/"' in page
