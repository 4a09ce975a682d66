"""A year copy that is reviewed: the phrases carrying a year or a count of years are found, each with its suggestion,
and the copy is not issued until the clerk has reviewed every one (accepted or edited, put in the text, kept in the
history)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.enums import FindingKind, FindingPlace, PlanStatus
from campaigns.services import copy_plan, issue_plan, review_finding
from campaigns.yearcopy import find_phrases, revise_text, shift_all_years

from .. import factories as f

PREAMBLE = (
    "Năm 2022 là năm thứ hai thực hiện các mục tiêu của Kế hoạch phát triển kinh tế - xã hội 5 năm (2021 - 2025); "
    "năm có các ngày kỷ niệm lớn: kỷ niệm 75 năm Ngày Thương binh liệt sỹ (27/7/1947 - 27/7/2022) và kỷ niệm 200 "
    "năm Thành cổ Sơn Tây."
)
CONFERENCE = "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2021; phát động thi đua năm 2022"


def test_the_three_kinds_of_phrases_and_their_suggestions():
    found = {phrase.kind: phrase for phrase in find_phrases(PREAMBLE + " " + CONFERENCE, 2022, 2023)}
    period = found[FindingKind.PERIOD]
    assert period.original.startswith("năm thứ hai thực hiện") and period.original.endswith("(2021 - 2025)")
    assert period.suggestion.startswith("năm thứ ba thực hiện") and period.suggestion.endswith("(2021 - 2025)")
    anniversaries = [p for p in find_phrases(PREAMBLE, 2022, 2023) if p.kind == FindingKind.ANNIVERSARY]
    assert [(p.original, p.suggestion) for p in anniversaries] == [
        ("kỷ niệm 75 năm Ngày Thương binh liệt sỹ (27/7/1947 - 27/7/2022)",
         "kỷ niệm 76 năm Ngày Thương binh liệt sỹ (27/7/1947 - 27/7/2023)"),
        ("kỷ niệm 200 năm Thành cổ Sơn Tây", "kỷ niệm 201 năm Thành cổ Sơn Tây"),
    ]
    year = found[FindingKind.OTHER_YEAR]
    assert year.original == "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2021"
    assert year.suggestion == "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022"


def test_the_copys_text_moves_the_plan_year_and_keeps_the_phrases_as_written():
    text, phrases = revise_text(CONFERENCE, 2022, 2023)
    assert text == "Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2021; phát động thi đua năm 2023"
    assert [p.original for p in phrases] == ["Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2021"]


def test_cited_documents_and_periods_still_running_are_left_alone():
    text = "Kế hoạch số 39-KH/TU ngày 21/9/2021 của Thành ủy; chuẩn nghèo giai đoạn 2021 - 2025."
    assert find_phrases(text, 2022, 2023) == []
    [period] = find_phrases(text, 2025, 2026)  # 2026 is past the period: the next one is suggested
    assert (period.original, period.suggestion) == ("2021 - 2025", "2026 - 2030")


def test_a_tasks_printed_time_moves_with_its_date():
    assert shift_all_years("Hoàn thành trước ngày 22/01/2022", 1) == "Hoàn thành trước ngày 22/01/2023"
    assert shift_all_years("Trong tháng 01 năm 2022", 1) == "Trong tháng 01 năm 2023"


@pytest.fixture
def plan_with_years(plan):
    paragraph = plan.sections.get().paragraphs.order_by("position").first()
    paragraph.text = PREAMBLE
    paragraph.save()
    f.TaskFactory(plan=plan, position=2, content=CONFERENCE, due_on=datetime.date(2022, 1, 22),
                  due_text="Hoàn thành trước ngày 22/01/2022")
    return plan


@pytest.mark.django_db
def test_copy_lists_the_findings_and_refuses_to_issue_until_reviewed(plan_with_years, office_clerk):
    new = copy_plan(plan=plan_with_years, year=2023, by=office_clerk)
    findings = list(new.findings.all())
    assert [(x.place, x.kind) for x in findings] == [
        (FindingPlace.PARAGRAPH, FindingKind.PERIOD), (FindingPlace.PARAGRAPH, FindingKind.ANNIVERSARY),
        (FindingPlace.PARAGRAPH, FindingKind.ANNIVERSARY), (FindingPlace.TASK, FindingKind.OTHER_YEAR)]
    task = new.tasks.get(position=2)
    assert (task.due_on, task.due_text) == (datetime.date(2023, 1, 22), "Hoàn thành trước ngày 22/01/2023")

    with pytest.raises(ValidationError) as refused:
        issue_plan(plan=new, by=office_clerk)
    assert "Chưa thể ban hành kế hoạch: 4 cụm từ" in refused.value.messages[0]
    new.refresh_from_db()
    assert new.status == PlanStatus.DRAFT

    for finding in findings[:3]:
        review_finding(finding=finding, text=finding.suggestion, by=office_clerk)
    review_finding(finding=findings[3], text="Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022 (hội "
                                             "nghị trực tuyến)", by=office_clerk)
    paragraph = new.sections.get().paragraphs.order_by("position").first()
    assert "năm thứ ba thực hiện" in paragraph.text
    assert "kỷ niệm 76 năm Ngày Thương binh liệt sỹ (27/7/1947 - 27/7/2023)" in paragraph.text
    task.refresh_from_db()
    assert task.content == ("Tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2022 (hội nghị trực tuyến); "
                            "phát động thi đua năm 2023")
    reviewed = new.findings.get(pk=findings[3].pk)
    assert (reviewed.reviewed_by, reviewed.applied) == (office_clerk, True)
    assert reviewed.accepted.endswith("(hội nghị trực tuyến)")
    history = task.history.order_by("-history_id").first()
    assert (history.history_change_reason, history.history_user) == ("review_finding", office_clerk)

    assert issue_plan(plan=new, by=office_clerk).status == PlanStatus.ISSUED


@pytest.mark.django_db
def test_review_in_the_web_ui(client, plan_with_years, office_clerk, hamlet_leader):
    new = copy_plan(plan=plan_with_years, year=2023, by=office_clerk)
    client.force_login(office_clerk)
    page = client.get(reverse("campaigns:plan_detail", args=[new.pk])).content.decode()
    assert "4 cụm từ" in page and reverse("campaigns:plan_review", args=[new.pk]) in page

    response = client.post(reverse("campaigns:plan_issue", args=[new.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("campaigns:plan_review", args=[new.pk])
    assert "Chưa thể ban hành kế hoạch" in response.content.decode()

    finding = new.findings.get(kind=FindingKind.OTHER_YEAR)
    response = client.post(reverse("campaigns:finding_review", args=[finding.pk]),
                           {f"finding-{finding.pk}-text": finding.suggestion})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.is_reviewed and finding.accepted == finding.suggestion

    client.force_login(hamlet_leader)
    assert client.post(reverse("campaigns:finding_review", args=[finding.pk]),
                       {f"finding-{finding.pk}-text": "x"}).status_code == 403


@pytest.mark.django_db
def test_the_plan_form_refuses_the_issued_status_while_unreviewed(client, plan_with_years, office_clerk):
    from tests.campaigns.test_plan_forms import plan_post

    new = copy_plan(plan=plan_with_years, year=2023, by=office_clerk)
    client.force_login(office_clerk)
    data = plan_post(new.document.series, **{
        "doc-number": str(new.document.number), "doc-issued_on": "04/01/2023", "plan-year": "2023",
        "plan-status": "issued", "plan-lock_version": str(new.lock_version)})
    response = client.post(reverse("campaigns:plan_edit", args=[new.pk]), data)
    assert response.status_code == 200
    assert "Chưa thể ban hành kế hoạch" in response.context["plan_form"].errors["status"][0]
    new.refresh_from_db()
    assert new.status == PlanStatus.DRAFT


def test_a_span_up_to_the_plans_year_runs_on():
    [span] = find_phrases("Trên đây là kế hoạch năm 2022 (1992 - 2022).", 2022, 2023)
    assert (span.original, span.suggestion) == ("(1992 - 2022)", "(1992 - 2023)")
