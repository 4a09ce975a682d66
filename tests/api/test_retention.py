"""The call log keeps API_CALL_LOG_DAYS days of calls: beat's nightly task deletes the older ones."""

import datetime

import pytest
from django.utils import timezone

from api.models import ApiCall
from api.tasks import purge_call_log, purge_call_log_task
from tests.api.conftest import make_client
from xuanson_tdkt.beat import BEAT_SCHEDULES
from xuanson_tdkt.celery import app

pytestmark = pytest.mark.django_db


def _call(client, days_ago, now):
    return ApiCall.objects.create(client=client, at=now - datetime.timedelta(days=days_ago), method="GET",
                                  path="/api/communes/", status=200)


def test_calls_older_than_the_setting_are_deleted(office_clerk, settings):
    client, _key = make_client(office_clerk)
    now = timezone.now()
    kept = [_call(client, 0, now), _call(client, 29.9, now), _call(None, 1, now)]
    _call(client, 30.1, now)
    _call(None, 400, now)
    settings.API_CALL_LOG_DAYS = 30
    assert purge_call_log(now=now) == 2
    assert set(ApiCall.objects.all()) == set(kept)
    assert purge_call_log(now=now) == 0


def test_the_default_keeps_a_year_and_the_task_runs(office_clerk):
    from django.conf import settings

    assert settings.API_CALL_LOG_DAYS == 365
    client, _key = make_client(office_clerk)
    now = timezone.now()
    _call(client, 364, now)
    _call(client, 366, now)
    assert purge_call_log_task.apply().get() == 1
    assert ApiCall.objects.count() == 1


def test_beat_runs_it_every_night():
    assert "api.purge_call_log" in app.tasks
    (crontab,) = [crontab for _name, task, crontab, _text in BEAT_SCHEDULES if task == "api.purge_call_log"]
    assert (crontab["minute"], crontab["hour"], crontab["day_of_week"]) == ("15", "3", "*")
