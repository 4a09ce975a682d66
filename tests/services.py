"""Skip or fail a test that needs an external service (PostgreSQL, Redis, ...).

On a laptop a missing service skips the test; in CI (`REQUIRE_SERVICES=1`, see `.ci/run`) it fails it, so a
misconfigured pipeline cannot pass by silently skipping everything that matters.
"""

import contextlib
import os
import signal
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from django.db import connections

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}


def services_required() -> bool:
    """True when the environment demands that every external service be present (REQUIRE_SERVICES=1)."""
    return os.environ.get("REQUIRE_SERVICES", "").strip().lower() in _TRUE


def require_service(name: str, reason: str) -> None:
    """Stop the current test because service `name` is unavailable: fail under REQUIRE_SERVICES=1, else skip."""
    message = f"{name} not available: {reason}"
    if services_required():
        pytest.fail(f"{message} (REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(message)


def worker_command(*, pool: str = "solo", concurrency: int = 1, queue: str | None = None) -> list[str]:
    """A real Celery worker of the project; no gossip/mingle/heartbeat, so it is ready sooner."""
    command = [
        sys.executable, "-m", "celery", "-A", "xuanson_tdkt", "worker", f"--pool={pool}",
        f"--concurrency={concurrency}", "-l", "info", "--without-gossip", "--without-mingle", "--without-heartbeat",
        "-n", f"test-{uuid.uuid4().hex[:8]}@%h",
    ]  # fmt: skip
    return command + (["-Q", queue] if queue else [])


@contextlib.contextmanager
def celery_worker(command: list[str], env: dict[str, str], log_path: Path):
    """Run a worker subprocess (in its own process group) for the duration of the block; always stop it."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    process.log_path = log_path
    try:
        yield process
    finally:
        stop_process_group(process)


def stop_process_group(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)  # warm shutdown of the worker and its pool children
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def log_tail(log_path: Path, lines: int = 60) -> str:
    try:
        text = log_path.read_text(errors="replace")
    except FileNotFoundError:
        return "(no worker log)"
    return "\n".join(text.splitlines()[-lines:])


CLOSED_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1: every connection is refused at once


@contextlib.contextmanager
def project_broker_at(url: str):
    """Point the project's Celery app (the one the web code publishes with) at `url` for the block, then back: its
    broker and its result backend, as both are the one Redis in production.

    The app keeps the connection and producer pools of the URL it first saw, and its result backend object, so they
    are dropped on the way in and on the way out and it builds those of its current URL (kombu keeps one pool per
    URL; closing one would break it for whoever uses that URL next).
    """
    from xuanson_tdkt.celery import app

    def reset():
        app._pool = None
        app.amqp._producer_pool = None
        app._backend_cache = None
        app._local.__dict__.pop("backend", None)

    changes = app.conf.changes  # what was set on the app itself, over the Django settings
    saved = {key: changes.get(key, _UNSET) for key in ("broker_url", "result_backend")}
    reset()
    changes.update(dict.fromkeys(saved, url))
    try:
        yield app
    finally:
        reset()
        for key, value in saved.items():
            if value is _UNSET:
                changes.pop(key, None)
            else:
                changes[key] = value


_UNSET = object()


def run_together(functions):
    """Start every function at the same moment in its own thread (own database connection); return their results or
    the errors they raised, in order (the concurrency tests on PostgreSQL)."""
    barrier = threading.Barrier(len(functions))
    outcomes = [None] * len(functions)

    def runner(index, function):
        try:
            barrier.wait()
            outcomes[index] = function()
        except Exception as error:  # noqa: BLE001 - collected and asserted by the test
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, fn)) for i, fn in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes

