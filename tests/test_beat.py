"""Beat's schedules on a production database (xuanson_tdkt/beat.py): created once by name, without the demo.

Apart from tests/demo/test_seed_demo.py, whose module seeds the demo for all of its tests: this one needs a database
without any demo commune.
"""

import pytest

from directory.models import Commune

pytestmark = pytest.mark.django_db


def test_beat_schedules_alone_for_a_production_installation():
    from xuanson_tdkt.beat import seed_beat_schedules

    assert seed_beat_schedules() == {"crontab schedules": 4, "periodic tasks": 6}
    assert seed_beat_schedules() == {}
    assert not Commune.objects.exists()  # nothing of the demo commune
