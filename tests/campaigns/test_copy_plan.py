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
