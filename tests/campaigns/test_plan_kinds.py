"""Plans as many as the office issues: one annual plan a year, council and thematic plans beside it, each numbered in
its own series and printable; contest entries tied to the plan and campaign that launched them."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from campaigns.enums import PlanKind, PlanStatus
from campaigns.models import Plan
from campaigns.services import annual_plan, issue_plan
from registrations.models import ContestEntry
from reports.services import plan_targets
from tests.downloads import body
from tests.pdfutils import pdf_text

from .. import factories as f
from .test_plan_forms import plan_post

SUMMARY = "Tổ chức Cuộc thi viết về gương điển hình tiên tiến, người tốt, việc tốt năm 2022"


@pytest.fixture
def council_series(commune):
    return f.SeriesFactory(commune=commune, code="HĐTĐKT", name="Hội đồng Thi đua - Khen thưởng xã",
                           issuing_body="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", signing_capacity="TM. HỘI ĐỒNG")


def council_post(series, **overrides):
    return plan_post(series, **{"doc-number": "1", "doc-issued_on": "15/02/2022", "doc-summary": SUMMARY,
                                "plan-year": "2022", "plan-kind": PlanKind.COUNCIL, **overrides})


@pytest.mark.django_db
def test_the_councils_plan_beside_the_annual_plan_of_the_same_year(client, office_clerk, plan, council_series,
                                                                   tmp_path):
    client.force_login(office_clerk)
    response = client.post(reverse("campaigns:plan_create"), council_post(council_series))
    assert response.status_code == 302
    council = Plan.objects.get(kind=PlanKind.COUNCIL)
    assert (council.year, council.document.code) == (2022, "01/KH-HĐTĐKT")
    assert annual_plan(plan.commune, 2022) == plan
    # A second council plan of the year is fine too; a second annual plan is not.
    response = client.post(reverse("campaigns:plan_create"), council_post(council_series, **{"doc-number": "2"}))
    assert response.status_code == 302
    response = client.post(reverse("campaigns:plan_create"), plan_post(plan.document.series, **{
        "plan-year": "2022", "plan-kind": PlanKind.ANNUAL, "doc-issued_on": "05/03/2022"}))
    assert response.context["plan_form"].errors["year"] == ["Xã đã có kế hoạch năm 2022."]
    assert Plan.objects.filter(year=2022).count() == 3

    for each in Plan.objects.filter(year=2022):
        issue_plan(plan=each, by=office_clerk)
    assert set(Plan.objects.values_list("status", flat=True)) == {PlanStatus.ISSUED}
    pdf = tmp_path / "council.pdf"
    pdf.write_bytes(body(client.get(reverse("campaigns:plan_pdf", args=[council.pk]))))
    text = " ".join(pdf_text(pdf).split())
    assert "Số: 01/KH-HĐTĐKT" in text and SUMMARY in text


@pytest.mark.django_db
def test_the_database_keeps_one_annual_plan_a_year(plan):
    with pytest.raises(IntegrityError):
        f.PlanFactory(commune=plan.commune, year=2022, kind=PlanKind.ANNUAL, document__number=5)


@pytest.mark.django_db
def test_the_years_paths_read_the_annual_plan(plan, council_series):
    council = f.PlanFactory(commune=plan.commune, year=2022, kind=PlanKind.COUNCIL, document__series=council_series,
                            document__issued_on=plan.document.issued_on.replace(month=6))
    f.TargetFactory(campaign=f.CampaignFactory(plan=council), text="100% thôn gửi bài dự thi")
    assert annual_plan(plan.commune, 2022) == plan != council
    # The report's targets are the annual plan's.
    assert list(plan_targets(plan.commune, 2022)) == list(plan.campaigns.get().targets.all())


@pytest.mark.django_db
def test_issuing_from_the_plans_page(client, office_clerk, plan):
    client.force_login(office_clerk)
    response = client.post(reverse("campaigns:plan_issue", args=[plan.pk]), follow=True)
    assert "Đã ban hành kế hoạch." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED


@pytest.mark.django_db
def test_a_contest_entry_is_tied_to_the_plan_and_campaign_that_launched_it(client, office_clerk, plan, thon_a,
                                                                           council_series, foreign_plan):
    council = f.PlanFactory(commune=plan.commune, year=2022, kind=PlanKind.COUNCIL, document__series=council_series)
    campaign = f.CampaignFactory(plan=council, name="Cuộc thi viết về gương điển hình tiên tiến năm 2022")
    client.force_login(office_clerk)
    form = client.get(reverse("registrations:contest_create")).context["form"]
    assert set(form.fields["plan"].queryset) == {plan, council}  # the commune's own plans only
    assert set(form.fields["campaign"].queryset) == set(plan.campaigns.all()) | {campaign}
    entry = {"unit": thon_a.pk, "campaign": campaign.pk, "plan": "", "year": "2022", "period_kind": "month",
             "period": "5", "title": "Người tốt", "subject": "Ông Bình", "text": "Bài viết."}
    response = client.post(reverse("registrations:contest_create"), entry)
    assert response.status_code == 302
    saved = ContestEntry.objects.get()
    assert (saved.plan, saved.campaign) == (council, campaign)  # the campaign's plan
    response = client.post(reverse("registrations:contest_create"), {**entry, "plan": plan.pk})
    assert response.context["form"].errors["campaign"] == ["Phong trào này thuộc kế hoạch khác."]
    response = client.post(reverse("registrations:contest_create"), {**entry, "campaign": "",
                                                                     "plan": foreign_plan.pk})
    assert "plan" in response.context["form"].errors
    assert ContestEntry.objects.count() == 1
