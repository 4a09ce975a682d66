"""A nomination may be decided only after its list was posted for the whole period and while no complaint about it
is being handled (the rule awards/decisions.py asks before a decision is issued)."""

import datetime

import pytest

from disclosure import services
from disclosure.enums import FeedbackStatus

from .conftest import post

pytestmark = pytest.mark.django_db

START = datetime.date(2022, 11, 16)  # posted 16/11 – 25/11 (10 days)


def test_a_list_lasts_its_days_and_the_decision_may_be_dated_from_the_next_day(office_clerk, cstdcs):
    disclosure = post([cstdcs], by=office_clerk, starts_on=START)
    assert disclosure.ends_on == datetime.date(2022, 11, 25)
    assert disclosure.decision_from == datetime.date(2022, 11, 26)
    assert disclosure.is_running(datetime.date(2022, 11, 16)) and disclosure.is_running(datetime.date(2022, 11, 25))
    assert not disclosure.is_running(datetime.date(2022, 11, 15))
    assert not disclosure.is_running(datetime.date(2022, 11, 26))


def test_a_nomination_never_posted_may_not_be_decided(cstdcs):
    assert services.decision_problems([cstdcs], decided_on=datetime.date(2022, 12, 5)) == {
        cstdcs.pk: ["Chưa được công khai: danh sách phải được niêm yết công khai trước khi quyết định."]}


def test_the_decision_waits_for_the_end_of_the_posting(office_clerk, cstdcs):
    post([cstdcs], by=office_clerk, starts_on=START)
    for day in (datetime.date(2022, 11, 20), datetime.date(2022, 11, 25)):
        assert services.decision_problems([cstdcs], decided_on=day) == {
            cstdcs.pk: ["Công khai đến 25/11/2022: quyết định được ký từ ngày 26/11/2022."]}
    assert services.decision_problems([cstdcs], decided_on=datetime.date(2022, 11, 26)) == {}
    # Ids work as well as nominations.
    assert services.decision_problems([cstdcs.pk], decided_on=datetime.date(2022, 11, 26)) == {}


def test_a_withdrawn_list_does_not_count(office_clerk, cstdcs):
    disclosure = post([cstdcs], by=office_clerk, starts_on=START)
    services.withdraw_disclosure(disclosure=disclosure, by=office_clerk)
    assert list(services.decision_problems([cstdcs], decided_on=datetime.date(2022, 12, 5))) == [cstdcs.pk]


def test_an_open_complaint_blocks_only_its_nomination_until_resolved(office_clerk, chairman, cstdcs, gdvh):
    disclosure = post([cstdcs, gdvh], by=office_clerk, starts_on=START)
    feedback = services.submit_feedback(disclosure=disclosure, name="Nguyễn Văn Tư", contact="0912345678",
                                        content="Ông Minh chưa có sáng kiến được công nhận.",
                                        today=datetime.date(2022, 11, 18))
    after = datetime.date(2022, 12, 5)
    # Feedback that is not (yet) marked a complaint blocks nothing.
    assert services.decision_problems([cstdcs, gdvh], decided_on=after) == {}

    services.handle_feedback(feedback=feedback, by=office_clerk, status=FeedbackStatus.HANDLING,
                             is_complaint=True, nomination=cstdcs)
    day = feedback.submitted_at.astimezone(datetime.timezone(datetime.timedelta(hours=7))).strftime("%d/%m/%Y")
    assert services.decision_problems([cstdcs, gdvh], decided_on=after) == {
        cstdcs.pk: [f"Có khiếu nại nhận ngày {day} đang được xem xét, giải quyết."]}

    services.handle_feedback(feedback=feedback, by=chairman, status=FeedbackStatus.RESOLVED, is_complaint=True,
                             nomination=cstdcs, response="Sáng kiến đã được Hội đồng công nhận ngày 20/10/2022.")
    assert services.decision_problems([cstdcs, gdvh], decided_on=after) == {}


def test_a_dismissed_complaint_no_longer_blocks(office_clerk, cstdcs):
    disclosure = post([cstdcs], by=office_clerk, starts_on=START)
    feedback = services.submit_feedback(disclosure=disclosure, name="A", contact="a@example.vn", content="Khiếu nại",
                                        nomination=cstdcs, today=START)
    services.handle_feedback(feedback=feedback, by=office_clerk, status=FeedbackStatus.NEW, is_complaint=True,
                             nomination=cstdcs)
    assert cstdcs.pk in services.decision_problems([cstdcs], decided_on=datetime.date(2022, 12, 5))
    services.handle_feedback(feedback=feedback, by=office_clerk, status=FeedbackStatus.DISMISSED,
                             is_complaint=True, nomination=cstdcs, response="Không có căn cứ.")
    assert services.decision_problems([cstdcs], decided_on=datetime.date(2022, 12, 5)) == {}
    assert [(e.action, e.status) for e in feedback.events.all()] == [
        ("received", "new"), ("handled", "new"), ("handled", "dismissed")]


def test_several_reasons_at_once(office_clerk, cstdcs, gdvh):
    disclosure = post([cstdcs], by=office_clerk, starts_on=START)
    feedback = services.submit_feedback(disclosure=disclosure, name="A", contact="a@example.vn", content="Khiếu nại",
                                        today=START)
    services.handle_feedback(feedback=feedback, by=office_clerk, status=FeedbackStatus.HANDLING, is_complaint=True,
                             nomination=cstdcs)
    problems = services.decision_problems([cstdcs, gdvh], decided_on=datetime.date(2022, 11, 20))
    assert sorted(problems) == sorted([cstdcs.pk, gdvh.pk])
    assert len(problems[cstdcs.pk]) == 2
