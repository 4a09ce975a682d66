"""A nomination may be decided only after its list was posted for the whole period, while no complaint about it is
being handled and no resident's feedback on it (or on its list as a whole) waits unread (the rule
awards/decisions.py asks before a decision is issued)."""

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
    day = feedback.submitted_at.astimezone(datetime.timezone(datetime.timedelta(hours=7))).strftime("%d/%m/%Y")
    # Not looked at yet, on the list as a whole: it holds every nomination of the list.
    unread = [f"Còn ý kiến của nhân dân nhận ngày {day} chưa được xem xét."]
    assert services.decision_problems([cstdcs, gdvh], decided_on=after) == {cstdcs.pk: unread, gdvh.pk: unread}

    services.handle_feedback(feedback=feedback, by=office_clerk, status=FeedbackStatus.HANDLING,
                             is_complaint=True, nomination=cstdcs)
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


def _feedback(disclosure, *, nomination=None, on=START):
    return services.submit_feedback(disclosure=disclosure, name="Nguyễn Văn Tư", contact="0912345678",
                                    content="Ý kiến", nomination=nomination, today=on)


def test_unread_feedback_naming_a_nomination_holds_only_that_one_until_triaged(office_clerk, cstdcs, gdvh):
    disclosure = post([cstdcs, gdvh], by=office_clerk, starts_on=START)
    feedback = _feedback(disclosure, nomination=gdvh)
    after = datetime.date(2022, 12, 5)
    problems = services.decision_problems([cstdcs, gdvh], decided_on=after)
    assert list(problems) == [gdvh.pk]
    assert problems[gdvh.pk][0].startswith("Còn ý kiến của nhân dân nhận ngày ")
    # Looked at (being handled, not a complaint): no longer holds the decision.
    services.handle_feedback(feedback=feedback, by=office_clerk, status=FeedbackStatus.HANDLING,
                             nomination=gdvh)
    assert services.decision_problems([cstdcs, gdvh], decided_on=after) == {}


@pytest.mark.parametrize("status", [FeedbackStatus.HANDLING, FeedbackStatus.RESOLVED, FeedbackStatus.DISMISSED])
def test_unread_feedback_on_the_whole_list_holds_every_nomination_until_triaged(office_clerk, cstdcs, gdvh,
                                                                                  status):
    disclosure = post([cstdcs, gdvh], by=office_clerk, starts_on=START)
    first, second = _feedback(disclosure), _feedback(disclosure, on=START + datetime.timedelta(days=1))
    problems = services.decision_problems([cstdcs, gdvh], decided_on=datetime.date(2022, 12, 5))
    assert sorted(problems) == sorted([cstdcs.pk, gdvh.pk])
    assert len(problems[cstdcs.pk]) == 2  # one line per unread opinion
    for feedback in (first, second):
        services.handle_feedback(feedback=feedback, by=office_clerk, status=status, response="Đã tiếp thu.")
    assert services.decision_problems([cstdcs, gdvh], decided_on=datetime.date(2022, 12, 5)) == {}


def test_unread_feedback_on_another_list_holds_nothing_here(office_clerk, titles, lan, cstdcs):
    from .conftest import nominate

    ldtt = nominate(titles["ldtt"], person=lan)
    post([cstdcs], by=office_clerk, starts_on=START)
    other = post([ldtt], by=office_clerk, starts_on=START)
    _feedback(other)
    problems = services.decision_problems([cstdcs, ldtt], decided_on=datetime.date(2022, 12, 5))
    assert list(problems) == [ldtt.pk]


def test_an_unread_complaint_gives_one_reason_not_two(office_clerk, cstdcs):
    disclosure = post([cstdcs], by=office_clerk, starts_on=START)
    feedback = _feedback(disclosure, nomination=cstdcs)
    services.handle_feedback(feedback=feedback, by=office_clerk, status=FeedbackStatus.NEW, is_complaint=True,
                             nomination=cstdcs)
    problems = services.decision_problems([cstdcs], decided_on=datetime.date(2022, 12, 5))
    assert len(problems[cstdcs.pk]) == 1 and problems[cstdcs.pk][0].startswith("Có khiếu nại nhận ngày ")


def test_the_decision_check_takes_constant_queries(django_assert_num_queries, office_clerk, cstdcs, gdvh):
    disclosure = post([cstdcs, gdvh], by=office_clerk, starts_on=START)
    for _ in range(3):
        _feedback(disclosure)
        _feedback(disclosure, nomination=cstdcs)
    with django_assert_num_queries(3):
        services.decision_problems([cstdcs, gdvh], decided_on=datetime.date(2022, 12, 5))


def test_a_list_is_posted_at_least_the_required_days(office_clerk, cstdcs, settings):
    from django.core.exceptions import ValidationError

    for days in (1, 9):
        with pytest.raises(ValidationError) as error:
            post([cstdcs], by=office_clerk, starts_on=START, days=days)
        assert error.value.message_dict == {"days": [
            "Danh sách phải được niêm yết công khai ít nhất 10 ngày (thời gian công khai theo quy định)."]}
    settings.DISCLOSURE_DAYS = 7
    assert post([cstdcs], by=office_clerk, starts_on=START, days=7).ends_on == datetime.date(2022, 11, 22)
