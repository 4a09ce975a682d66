"""seed_demo_scoring: the 2022 cluster around Xuân Sơn, created once, and Xuân Sơn's self-scored sheet."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import authenticate

from demo.data import DEMO_PASSWORD
from demo.scoring import seed_demo_scoring
from scoring import services
from scoring.models import Cluster, ScoreSheet

pytestmark = pytest.mark.django_db


def test_seed_demo_scoring_is_idempotent(commune):
    created = seed_demo_scoring(commune)
    assert created["criteria"] == 17 and created["score sheets"] == 5 and created["accounts"] == 4
    assert seed_demo_scoring(commune) == {}
    cluster = Cluster.objects.get(year=2022)
    assert cluster.name == "Cụm thi đua số 3 thị xã Sơn Tây"
    assert sorted(cluster.members.values_list("name", flat=True)) == [
        "Cổ Đông", "Kim Sơn", "Sơn Đông", "Thanh Mỹ", "Xuân Sơn"]
    assert services.tree_problems(list(cluster.criteria.all())) == []
    assert cluster.assignments.count() == 5
    sheet = ScoreSheet.objects.get(cluster=cluster, commune=commune)
    assert sheet.entries.exclude(self_points=None).count() == 13
    assert services.standings(cluster)[0].sheet == sheet
    assert services.standings(cluster)[0].self_total == D("92")  # 18.5 + 48 + 25.5
    user = authenticate(username="vanphong.thanh-my", password=DEMO_PASSWORD)
    assert user is not None and user.person.commune.slug == "thanh-my"


def test_demo_accounts_can_work(client, commune):
    seed_demo_scoring(commune)
    sheet = ScoreSheet.objects.get(commune=commune)
    client.login(username="vanphong.thanh-my", password=DEMO_PASSWORD)
    assert client.get(f"/scoring/sheets/{sheet.pk}/").status_code == 200
