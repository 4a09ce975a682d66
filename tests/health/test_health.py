"""/health/: the page monitoring polls. 200 when the database, the cache, the broker and beat are up, 503 otherwise."""

import datetime
import time

import pytest
from django.core.cache import caches
from django.utils import timezone

from health import services
from health.models import Heartbeat
from health.tasks import heartbeat

# Nothing listens on port 1: connecting is refused at once, as with a stopped Redis.
CLOSED_PORT = "redis://127.0.0.1:1/0"
DOWN_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CLOSED_PORT,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
}


def poll(client):
    started = time.monotonic()
    response = client.get("/health/")
    return response, time.monotonic() - started


@pytest.fixture
def beating(db):
    return services.record_heartbeat()


@pytest.mark.django_db
def test_all_up_is_200_with_every_component(client, beating):
    response, _ = poll(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "beat"}
    assert all(check["ok"] is True for check in body["checks"].values())
    assert all(isinstance(check["ms"], float) for check in body["checks"].values())
    beat = body["checks"]["beat"]
    assert beat["last_heartbeat"] == beating.recorded_at.isoformat()
    assert 0 <= beat["age_seconds"] < 5
    assert beat["stale_after_seconds"] == 300


@pytest.mark.django_db
def test_needs_no_login_and_sets_no_session(client, beating):
    response, _ = poll(client)
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_broker_at_a_closed_port_is_503_and_fast(client, settings, beating):
    settings.CELERY_BROKER_URL = CLOSED_PORT
    response, seconds = poll(client)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"]["ok"] is False
    assert body["checks"]["broker"]["error"] == "OperationalError"
    assert "127.0.0.1" not in response.content.decode()  # details go to the log, not to the public page
    assert [name for name, check in body["checks"].items() if not check["ok"]] == ["broker"]
    assert seconds < 5


@pytest.mark.django_db
def test_cache_down_is_503(client, settings, beating):
    settings.CACHES = DOWN_CACHE
    response, seconds = poll(client)
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["cache"] == {"ok": False, "error": "ConnectionError", "ms": body["checks"]["cache"]["ms"]}
    assert [name for name, check in body["checks"].items() if not check["ok"]] == ["cache"]
    assert seconds < 5


@pytest.mark.django_db
def test_no_heartbeat_yet_is_503(client):
    response, _ = poll(client)
    assert response.status_code == 503
    assert response.json()["checks"]["beat"] == {
        "ok": False, "error": "stale", "last_heartbeat": None, "age_seconds": None, "stale_after_seconds": 300,
        "ms": response.json()["checks"]["beat"]["ms"],
    }  # fmt: skip


@pytest.mark.django_db
def test_a_heartbeat_older_than_the_limit_is_stale(client, settings):
    settings.HEALTH_BEAT_STALE_SECONDS = 120
    services.record_heartbeat(at=timezone.now() - datetime.timedelta(seconds=119))
    assert poll(client)[0].status_code == 200
    services.record_heartbeat(at=timezone.now() - datetime.timedelta(seconds=125))
    response, _ = poll(client)
    assert response.status_code == 503
    beat = response.json()["checks"]["beat"]
    assert (beat["ok"], beat["error"], beat["stale_after_seconds"]) == (False, "stale", 120)
    assert beat["age_seconds"] >= 125


@pytest.mark.django_db
def test_the_heartbeat_task_records_one_row(client):
    heartbeat.apply()
    heartbeat.apply()
    assert Heartbeat.objects.count() == 1
    assert (timezone.now() - Heartbeat.objects.get().recorded_at).total_seconds() < 5
    assert poll(client)[0].status_code == 200


def test_beat_sends_the_heartbeat_every_period_with_an_expiry(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["health-heartbeat"]
    assert entry["task"] == "health.heartbeat"
    assert entry["schedule"] == 60.0
    assert entry["options"] == {"expire_seconds": 60}


@pytest.mark.django_db
def test_only_get(client, beating):
    assert client.post("/health/").status_code == 405


@pytest.mark.django_db
def test_cache_check_leaves_nothing_behind(client, settings, beating):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "health"}}
    assert poll(client)[0].status_code == 200
    assert not caches["default"]._cache  # LocMemCache's store: the probe key was deleted
