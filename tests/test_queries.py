"""List pages run a constant number of queries whatever the row count (1 row vs many rows)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from . import factories as f


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def grow(plan, n):
    """Add n of everything the list pages show."""
    commune = plan.commune
    section = plan.sections.first()
    for i in range(n):
        unit = f.UnitFactory(commune=commune, name=f"Tổ dân phố {i}")
        f.PersonFactory(commune=commune, unit=unit, full_name=f"Lê Thị Lan {i}")
        child = f.SectionFactory(plan=plan, parent=section, label=f"{i}.", title=f"Mục {i}")
        f.ParagraphFactory(section=child)
        campaign = f.CampaignFactory(plan=plan)
        f.TargetFactory(campaign=campaign)
        f.TargetFactory(campaign=campaign, text="chỉ tiêu thứ hai")
        f.TaskFactory(plan=plan)
        f.DocumentFactory(series=plan.document.series, number=100 + i, issued_on=datetime.date(2022, 3, 1))
        other_plan_document = f.DocumentFactory(series=plan.document.series, number=200 + i,
                                                issued_on=datetime.date(2030 + i, 1, 4))
        f.PlanFactory(commune=commune, year=2030 + i, document=other_plan_document)


LIST_PAGES = [
    lambda plan: reverse("campaigns:plan_list"),
    lambda plan: reverse("campaigns:plan_detail", args=[plan.pk]),
    lambda plan: reverse("campaigns:campaign_list", args=[plan.pk]),
    lambda plan: reverse("directory:unit_list"),
    lambda plan: reverse("directory:person_list"),
    lambda plan: reverse("documents:register") + "?year=2022",
    lambda plan: reverse("home"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("page", range(len(LIST_PAGES)))
def test_list_pages_run_constant_queries(client, office_clerk, plan, page):
    client.force_login(office_clerk)
    url = LIST_PAGES[page](plan)
    few = count_queries(client, url)
    grow(plan, 15)
    many = count_queries(client, url)
    assert few == many, f"{url}: {few} queries with one row, {many} with many"
