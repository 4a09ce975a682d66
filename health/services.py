"""The heartbeat's one state change, and the checks /health/ reports."""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from .models import Heartbeat

log = logging.getLogger(__name__)

BEAT = "beat"


def record_heartbeat(*, name: str = BEAT, at=None) -> Heartbeat:
    """Store that the heartbeat `name` reached a worker now (or `at`). Side effect: one row upserted."""
    heartbeat, _ = Heartbeat.objects.update_or_create(name=name, defaults={"recorded_at": at or timezone.now()})
    return heartbeat


class BeatStale(Exception):
    def __init__(self, state: dict):
        super().__init__("no recent heartbeat")
        self.state = state


def _timed(check) -> dict:
    """Run one check; any exception is the component being down. The details go to the log, not to the page."""
    started = time.monotonic()
    try:
        result = {"ok": True, **(check() or {})}
    except BeatStale as exc:
        result = {"ok": False, "error": "stale", **exc.state}
    except Exception as exc:
        log.warning("health check %s failed: %r", check.__name__, exc)
        result = {"ok": False, "error": type(exc).__name__}
    result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def check_cache() -> dict:
    """A round trip through the default cache (the feedback form's limit counts there)."""
    cache = caches["default"]
    key, value = f"health:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return what was stored")
    finally:
        cache.delete(key)
    return {"backend": type(cache).__name__}


def check_broker() -> dict:
    """Connect to Celery's broker with a short timeout (built from the settings, not the worker's cached app)."""
    from kombu import Connection

    timeout = settings.HEALTH_CHECK_TIMEOUT
    options = dict(getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}) or {})
    options.setdefault("socket_timeout", timeout)
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=timeout, transport_options=options) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=timeout)
        transport = conn.transport_cls
    return {"transport": transport}


def check_beat(now=None) -> dict:
    """The last heartbeat a worker recorded; stale (older than HEALTH_BEAT_STALE_SECONDS) or missing is down."""
    stale_after = settings.HEALTH_BEAT_STALE_SECONDS
    heartbeat = Heartbeat.objects.filter(name=BEAT).first()
    if heartbeat is None:
        raise BeatStale({"last_heartbeat": None, "age_seconds": None, "stale_after_seconds": stale_after})
    age = ((now or timezone.now()) - heartbeat.recorded_at).total_seconds()
    state = {
        "last_heartbeat": heartbeat.recorded_at.isoformat(),
        "age_seconds": round(age),
        "stale_after_seconds": stale_after,
    }
    if age > stale_after:
        raise BeatStale(state)
    return state


def health_report() -> dict:
    """Every component's state, and "ok" only when all are."""
    checks = {
        "database": _timed(check_database),
        "cache": _timed(check_cache),
        "broker": _timed(check_broker),
        # Read from the database: with the database down the beat is unknown, hence down too.
        "beat": _timed(check_beat),
    }
    ok = all(check["ok"] for check in checks.values())
    return {"status": "ok" if ok else "error", "checks": checks}
