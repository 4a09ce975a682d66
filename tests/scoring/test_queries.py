"""The scoring pages run a constant number of queries whatever the number of communes, criteria and entries."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scoring import services
from scoring.enums import CriterionKind as K, SheetStatus as S
from scoring.models import Criterion, ScoreSheet, ScoringAssignment
from tests import factories as f

from .conftest import SELF, values

# Counts measure the rendering: the page cache off (tests/conftest.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def grow(cluster, sheet, n):
    """n more member communes with sheets and assignments, n more criteria (scored on Xuân Sơn's sheet)."""
    group = Criterion.objects.create(cluster=cluster, code="V", name="Nhóm thêm", kind=K.GROUP,
                                     max_points=D(n), position=99)
    for i in range(n):
        commune = f.CommuneFactory(name=f"Xã {i}", slug=f"xa-them-{i}")
        cluster.members.add(commune)
        ScoringAssignment.objects.create(cluster=cluster, scored=commune, scorer=cluster.head)
        ScoreSheet.objects.create(cluster=cluster, commune=commune, status=S.FINAL, final_score=D(i))
        Criterion.objects.create(cluster=cluster, parent=group, code=f"V.{i}", name=f"Thêm {i}",
                                 kind=K.QUALITATIVE, max_points=D(1), position=100 + i)
    services.save_self_scores(sheet=sheet, values={c.pk: D(1) for c in group.children.all()},
                              by=sheet._office)


PAGES = [
    lambda cluster, sheet: reverse("scoring:index"),
    lambda cluster, sheet: reverse("scoring:cluster_detail", args=[cluster.pk]),
    lambda cluster, sheet: reverse("scoring:criteria", args=[cluster.pk]),
    lambda cluster, sheet: reverse("scoring:leaderboard", args=[cluster.pk]),
    lambda cluster, sheet: reverse("scoring:sheet_detail", args=[sheet.pk]),
    lambda cluster, sheet: reverse("scoring:sheet_self", args=[sheet.pk]),
]


@pytest.mark.parametrize("page", range(len(PAGES)))
def test_constant_queries(client, head_clerk, office_clerk, cluster, sheet, tree, page):
    # Xuân Sơn's office sees its sheet's pages; the head office the leaderboard before everything is final.
    services.save_self_scores(sheet=sheet, values=values(tree, SELF), by=office_clerk)
    user = head_clerk if page == 3 else office_clerk
    client.force_login(user)
    url = PAGES[page](cluster, sheet)
    few = count(client, url)
    sheet._office = office_clerk
    grow(cluster, sheet, 12)
    many = count(client, url)
    assert few == many, f"{url}: {few} queries with a few rows, {many} with many"
