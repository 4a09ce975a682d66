import datetime

import pytest

from campaigns.enums import PlanStatus
from campaigns.services import copy_plan


@pytest.mark.django_db
def test_copy_plan_into_next_year(plan):
    plan.closing = "Trên đây là kế hoạch năm 2022 (1992 - 2022)."
    plan.save()
    new = copy_plan(plan=plan, year=2023)
    assert new.status == PlanStatus.DRAFT and new.copied_from == plan
    assert new.document.code == "01/KH-UBND" and new.document.year == 2023
    assert new.document.issued_on == datetime.date(2023, 1, 4)
    assert new.document.summary == "Công tác thi đua, khen thưởng năm 2023"
    assert new.appendix_title.endswith("năm 2023")
    assert [s.title for s in new.sections.all()] == [s.title for s in plan.sections.all()]
    assert new.sections.get().paragraphs.count() == plan.sections.get().paragraphs.count()
    campaign = new.campaigns.get()
    assert [t.text for t in campaign.targets.all()] == [t.text for t in plan.campaigns.get().targets.all()]
    assert new.tasks.get().due_on == datetime.date(2023, 11, 15)
    # The original is untouched.
    plan.refresh_from_db()
    assert plan.document.summary.endswith("2022") and plan.campaigns.count() == 1


@pytest.mark.django_db
def test_copy_keeps_who_is_responsible(plan, thon_a, thon_b, chairman):
    from timeline.enums import TaskRole
    from timeline.models import TaskAssignment

    task = plan.tasks.get()
    TaskAssignment.objects.create(task=task, role=TaskRole.DIRECTS, person=chairman.person)
    TaskAssignment.objects.create(task=task, role=TaskRole.DOES, unit=thon_a)
    thon_b.valid_until = datetime.date(2023, 6, 30)  # merged before the new year's deadline
    thon_b.save()
    TaskAssignment.objects.create(task=task, role=TaskRole.SUPPORTS, unit=thon_b)
    new_task = copy_plan(plan=plan, year=2023).tasks.get()
    assert sorted(new_task.assignments.values_list("role", "person__full_name", "unit__name")) == [
        ("directs", "Hoàng Văn Vân", None), ("does", None, "Thôn A")]


@pytest.mark.django_db
def test_plan_pdf_file_name_with_vietnamese_series(client, office_clerk, plan):
    from django.urls import reverse

    series = plan.document.series
    series.code = "HĐTĐKT"
    series.save()
    client.force_login(office_clerk)
    response = client.get(reverse("campaigns:plan_pdf", args=[plan.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''01-KH-H%C4%90T%C4%90KT.pdf" in disposition
