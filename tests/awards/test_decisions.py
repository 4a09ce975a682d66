# ruff: noqa: F401, F811 -- the fixtures imported from test_decisions_data are requested by name
"""Award decisions: the draft list, the submission, the issued decision and its awards, decisions from above,
revocation with history, and the consecutive-years prerequisite."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from awards.decisions import (
    consecutive_problems,
    create_decision,
    decidable_nominations,
    issue_decision,
    issue_minutes,
    record_external_decision,
    revoke_award,
    submit_decision,
)
from awards.enums import AwardStatus, BallotStatus, Decider, DecisionStatus, NominationStatus
from awards.models import Award, AwardDecision
from documents.models import Document
from tests import factories as f
from tests.awards.test_decisions_data import (  # noqa: F401
    DECIDED_ON,
    absent_member,
    commune_nominations,
    disclose,
    meeting,
    nominate,
    passed,
)

pytestmark = pytest.mark.django_db

COMMUNE = Decider.COMMUNE_CHAIRMAN
TOWN = Decider.DISTRICT_CHAIRMAN


SUBMITTED_ON = datetime.date(2022, 12, 12)


def draft(commune, nominations, by, decider=COMMUNE):
    return create_decision(commune=commune, year=2022, decider=decider, nominations=nominations, by=by)


def submitted(commune, nominations, by, decider=COMMUNE, on=SUBMITTED_ON):
    """A decision whose submission (Tờ trình) has been issued: the decision may follow."""
    return submit_decision(decision=draft(commune, nominations, by, decider=decider), issued_on=on, by=by)


# Creating a draft ---------------------------------------------------------------------------------------------------


def test_create_decision_lists_passed_nominations_of_the_decider(commune, office_clerk, commune_nominations):
    decision = draft(commune, commune_nominations, office_clerk)
    assert decision.status == DecisionStatus.DRAFT
    assert set(decision.nominations.all()) == set(commune_nominations)


def test_decidable_nominations_by_decider(commune, passed):
    assert set(decidable_nominations(commune=commune, year=2022, decider=COMMUNE)) == {
        passed["lan"], passed["thon_a"], passed["household"]}
    assert list(decidable_nominations(commune=commune, year=2022, decider=TOWN)) == [passed["town"]]


@pytest.mark.parametrize("key, message", [
    ("failed", "chưa được Hội đồng thông qua"),
    ("town", "thẩm quyền quyết định"),
])
def test_create_decision_refuses_failed_or_other_decider(commune, office_clerk, passed, key, message):
    with pytest.raises(ValidationError) as error:
        draft(commune, [passed["lan"], passed[key]], office_clerk)
    assert message in " ".join(error.value.message_dict["nominations"])
    assert not AwardDecision.objects.exists()


def test_create_decision_refuses_a_draft_of_a_title_needing_a_ballot(commune, office_clerk, titles, thon_a):
    titles["giay-khen-tap-the"].ballot_required = True
    titles["giay-khen-tap-the"].save()
    nomination = nominate(commune=commune, title=titles["giay-khen-tap-the"], unit=thon_a,
                          status=NominationStatus.DRAFT)
    with pytest.raises(ValidationError):
        draft(commune, [nomination], office_clerk)


def test_a_draft_of_a_title_without_ballot_goes_to_the_decider(commune, office_clerk, titles, thon_a):
    """Gia đình văn hóa, Giấy khen: assessed and posted publicly, no secret ballot needed."""
    nomination = nominate(commune=commune, title=titles["giay-khen-tap-the"], unit=thon_a,
                          status=NominationStatus.DRAFT)
    assert list(draft(commune, [nomination], office_clerk).nominations.all()) == [nomination]


def test_create_decision_refuses_empty_list(commune, office_clerk, passed):
    with pytest.raises(ValidationError) as error:
        draft(commune, [], office_clerk)
    assert "nominations" in error.value.message_dict


def test_a_nomination_in_at_most_one_non_draft_decision(commune, office_clerk, commune_nominations):
    first = draft(commune, commune_nominations, office_clerk)
    second = draft(commune, commune_nominations[:1], office_clerk)  # two drafts may overlap
    submit_decision(decision=first, issued_on=datetime.date(2022, 12, 12), by=office_clerk)
    with pytest.raises(ValidationError) as error:
        submit_decision(decision=second, issued_on=datetime.date(2022, 12, 12), by=office_clerk)
    assert error.value.messages == [
        "Chưa thể ban hành tờ trình:",
        "Đỗ Thị Lan (Giấy khen của Chủ tịch UBND xã (cá nhân)): Đã có trong một quyết định khác."]
    with pytest.raises(ValidationError):
        draft(commune, commune_nominations[:1], office_clerk)


@pytest.mark.parametrize("persona", ["council_member", "hamlet_leader", "outsider"])
def test_only_office_or_chairman_create(request, commune, commune_nominations, persona):
    with pytest.raises(PermissionDenied):
        draft(commune, commune_nominations, request.getfixturevalue(persona))


def test_chairman_creates_but_not_of_another_commune(commune, other_commune, chairman, commune_nominations):
    assert draft(commune, commune_nominations, chairman).pk
    with pytest.raises(PermissionDenied):
        create_decision(commune=other_commune, year=2022, decider=COMMUNE, nominations=commune_nominations,
                        by=chairman)


# The submission -----------------------------------------------------------------------------------------------------


def test_submit_commune_decision_is_the_councils_submission(commune, office_clerk, commune_nominations):
    decision = submit_decision(decision=draft(commune, commune_nominations, office_clerk),
                               issued_on=datetime.date(2022, 12, 12), by=office_clerk)
    assert decision.status == DecisionStatus.SUBMITTED
    assert decision.submission.code == "01/TTr-HĐTĐKT"
    assert decision.submission.capacity == "TM. HỘI ĐỒNG"
    assert decision.submission.signer_title == "CHỦ TỊCH"
    assert decision.submission.signer_name == "Hoàng Văn Vân"


def test_submit_town_decision_is_the_peoples_committees(commune, office_clerk, passed):
    decision = draft(commune, [passed["town"]], office_clerk, decider=TOWN)
    decision = submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=office_clerk, number=7)
    assert decision.submission.code == "07/TTr-UBND"
    assert "thị xã Sơn Tây" in decision.submission.recipients


def test_submit_with_a_taken_number_says_so_and_saves_nothing(commune, office_clerk, commune_nominations, plan):
    series = plan.document.series
    f.DocumentFactory(series=series, doc_type="TTr", number=3, issued_on=datetime.date(2022, 6, 1))
    decision = draft(commune, commune_nominations, office_clerk, decider=COMMUNE)
    decision.decider = TOWN  # a UBND submission, so the taken number is in the same series
    decision.save()
    before = Document.objects.count()
    with pytest.raises(ValidationError) as error:
        submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=office_clerk, number=3)
    assert error.value.message_dict["number"] == [
        "Số 03/TTr-UBND năm 2022 đã được dùng; để trống số để lấy số tiếp theo."]
    assert Document.objects.count() == before
    assert AwardDecision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT


# Issuing ------------------------------------------------------------------------------------------------------------


def test_issue_decision_grants_awards_from_the_base_salary(commune, office_clerk, commune_nominations, passed):
    decision = submitted(commune, commune_nominations, office_clerk)
    decision = issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=office_clerk, number=15)
    assert decision.status == DecisionStatus.ISSUED
    assert decision.document.code == "15/QĐ-UBND"
    assert decision.document.place_and_date == "Xuân Sơn, ngày 15 tháng 12 năm 2022"
    assert decision.base_salary == Decimal("1490000")
    awards = list(decision.awards.order_by("position"))
    assert [(a.position, a.recipient_name, a.recipient_detail, a.amount) for a in awards] == [
        (1, "Đỗ Thị Lan", "Chi hội trưởng Phụ nữ, Thôn A", Decimal("447000")),
        (2, "Thôn A", "", Decimal("894000")),
        (3, "Hộ ông Nguyễn Văn Tư", "xóm 3 Thôn A", Decimal("670500")),
    ]
    assert all(a.status == AwardStatus.ACTIVE and a.commune == commune and a.year == 2022 for a in awards)
    assert awards[0].history.first().history_user == office_clerk


def test_issue_orders_by_title_then_vietnamese_name(commune, office_clerk, titles, thon_a):
    people = [f.PersonFactory(commune=commune, unit=thon_a, full_name=name)
              for name in ("Nguyễn Văn Bình", "Trần Thị Ánh", "Lê Văn Ân")]
    nominations = [nominate(commune=commune, title=titles["giay-khen-ca-nhan"], person=p) for p in people]
    nominations.append(nominate(commune=commune, title=titles["gia-dinh-van-hoa"], household="Hộ bà Hà"))
    disclose(nominations, by=office_clerk)
    decision = issue_decision(allow_overspend=True,
                              decision=submitted(commune, nominations, office_clerk), issued_on=DECIDED_ON,
                              by=office_clerk)
    assert list(decision.awards.order_by("position").values_list("recipient_name", flat=True)) == [
        "Hộ bà Hà", "Trần Thị Ánh", "Lê Văn Ân", "Nguyễn Văn Bình"]


def test_issue_next_number_and_base_salary_of_the_day(commune, office_clerk, titles, thon_a):
    nomination = nominate(commune=commune, title=titles["giay-khen-tap-the"], unit=thon_a, year=2023)
    disclose([nomination], by=office_clerk, starts_on=datetime.date(2023, 12, 1))
    decision = create_decision(commune=commune, year=2023, decider=COMMUNE, nominations=[nomination],
                               by=office_clerk)
    submit_decision(decision=decision, issued_on=datetime.date(2023, 12, 12), by=office_clerk)
    decision = issue_decision(allow_overspend=True,
                              decision=decision, issued_on=datetime.date(2023, 12, 20), by=office_clerk)
    assert decision.document.code == "01/QĐ-UBND"
    assert decision.base_salary == Decimal("1800000")
    assert decision.awards.get().amount == Decimal("1080000")


def test_issue_refuses_open_complaint_naming_the_nomination(commune, office_clerk, commune_nominations, passed):
    decision = submitted(commune, commune_nominations, office_clerk)
    passed["thon_a"].complaint_open = True
    passed["thon_a"].save()
    with pytest.raises(ValidationError) as error:
        issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=office_clerk)
    messages = error.value.messages
    assert messages[0] == "Chưa thể ban hành quyết định:"
    assert len(messages) == 2 and messages[1].startswith("Thôn A (Giấy khen của Chủ tịch UBND xã (tập thể)): ")
    assert "khiếu nại" in messages[1]
    assert not Award.objects.exists()
    assert not Document.objects.filter(doc_type="QĐ").exists()
    assert AwardDecision.objects.get(pk=decision.pk).status == DecisionStatus.SUBMITTED


def test_issue_refuses_what_disclosure_reports(commune, office_clerk, passed):
    nominations = [passed["lan"], passed["thon_a"]]
    disclose(nominations[1:], by=office_clerk, starts_on=datetime.date(2022, 12, 10))
    with pytest.raises(ValidationError) as error:
        issue_decision(allow_overspend=True,
                       decision=submitted(commune, nominations, office_clerk), issued_on=DECIDED_ON,
                       by=office_clerk)
    lan_line, thon_line = error.value.messages[1:]
    assert lan_line.startswith("Đỗ Thị Lan (Giấy khen của Chủ tịch UBND xã (cá nhân)): Chưa được công khai")
    assert thon_line.startswith("Thôn A (Giấy khen của Chủ tịch UBND xã (tập thể)): ")
    assert "19/12/2022" in thon_line  # posted 10/12 for 10 days: decided from 20/12
    assert not Award.objects.exists()


def test_issue_refuses_a_nomination_no_longer_passed(commune, office_clerk, commune_nominations, passed):
    decision = submitted(commune, commune_nominations, office_clerk)
    passed["household"].status = NominationStatus.FAILED
    passed["household"].save()
    with pytest.raises(ValidationError) as error:
        issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=office_clerk)
    assert "Hộ ông Nguyễn Văn Tư" in error.value.messages[1]


def test_issue_refuses_a_town_decision_and_twice(commune, office_clerk, commune_nominations, passed):
    town = draft(commune, [passed["town"]], office_clerk, decider=TOWN)
    with pytest.raises(ValidationError):
        issue_decision(allow_overspend=True, decision=town, issued_on=DECIDED_ON, by=office_clerk)
    decision = issue_decision(allow_overspend=True,
                              decision=submitted(commune, commune_nominations, office_clerk), issued_on=DECIDED_ON,
                              by=office_clerk)
    with pytest.raises(ValidationError):
        issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=office_clerk)
    assert Award.objects.count() == 3


def test_council_member_cannot_issue(commune, office_clerk, council_member, commune_nominations):
    decision = draft(commune, commune_nominations, office_clerk)
    with pytest.raises(PermissionDenied):
        issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=council_member)


def test_issue_requires_the_submission_first(commune, office_clerk, commune_nominations):
    decision = draft(commune, commune_nominations, office_clerk)
    with pytest.raises(ValidationError) as error:
        issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=office_clerk)
    assert error.value.messages == ["Cần ban hành tờ trình của quyết định này trước."]
    assert not Award.objects.exists() and not Document.objects.filter(doc_type="QĐ").exists()
    assert AwardDecision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT


def test_issue_not_dated_before_the_submission(commune, office_clerk, commune_nominations):
    decision = submitted(commune, commune_nominations, office_clerk, on=datetime.date(2022, 12, 14))
    with pytest.raises(ValidationError) as error:
        issue_decision(allow_overspend=True, decision=decision, issued_on=datetime.date(2022, 12, 13), by=office_clerk)
    assert error.value.message_dict["issued_on"] == [
        "Quyết định không thể ghi ngày trước tờ trình 01/TTr-HĐTĐKT ngày 14/12/2022."]
    assert not Award.objects.exists()
    # The same day as the submission is fine.
    decision = issue_decision(allow_overspend=True,
                              decision=decision, issued_on=datetime.date(2022, 12, 14), by=office_clerk)
    assert decision.status == DecisionStatus.ISSUED


def test_issue_not_dated_before_the_council_vote(commune, office_clerk, commune_nominations, meeting):
    meeting.held_on = datetime.date(2022, 12, 16)  # the ballots that passed them were cast at this meeting
    meeting.save()
    decision = submitted(commune, commune_nominations, office_clerk)
    with pytest.raises(ValidationError) as error:
        issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=office_clerk)
    assert error.value.message_dict["issued_on"] == [
        "Quyết định không thể ghi ngày trước cuộc họp Hội đồng đã bỏ phiếu các đề nghị (16/12/2022)."]
    assert not Award.objects.exists()


def test_record_not_dated_before_the_submission(commune, office_clerk, passed):
    decision = submitted(commune, [passed["town"]], office_clerk, decider=TOWN)
    with pytest.raises(ValidationError) as error:
        record_external_decision(decision=decision, code="125/QĐ-UBND", issuer="UBND thị xã Sơn Tây",
                                 decided_on=datetime.date(2022, 12, 11), by=office_clerk)
    assert "decided_on" in error.value.message_dict
    assert not Award.objects.exists()


# Decisions from above -----------------------------------------------------------------------------------------------


def test_record_external_decision(commune, office_clerk, passed):
    decision = submit_decision(decision=draft(commune, [passed["town"]], office_clerk, decider=TOWN),
                               issued_on=datetime.date(2022, 12, 12), by=office_clerk)
    decision = record_external_decision(decision=decision, code="125/QĐ-UBND", issuer="UBND thị xã Sơn Tây",
                                        decided_on=datetime.date(2022, 12, 28), by=office_clerk)
    assert decision.status == DecisionStatus.ISSUED
    assert decision.code == "125/QĐ-UBND" and decision.decided_on == datetime.date(2022, 12, 28)
    award = decision.awards.get()
    assert (award.recipient_name, award.amount, award.title.code) == ("Vũ Văn Minh", Decimal("447000"), "ldtt")


def test_record_external_needs_code_and_issuer(commune, office_clerk, passed):
    decision = draft(commune, [passed["town"]], office_clerk, decider=TOWN)
    with pytest.raises(ValidationError) as error:
        record_external_decision(decision=decision, code=" ", issuer="", decided_on=DECIDED_ON, by=office_clerk)
    assert set(error.value.message_dict) == {"code", "issuer"}
    assert not Award.objects.exists()


# Revocation ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def issued(commune, office_clerk, commune_nominations):
    return issue_decision(allow_overspend=True,
                          decision=submitted(commune, commune_nominations, office_clerk), issued_on=DECIDED_ON,
                          by=office_clerk, number=15)


def test_revoke_award_keeps_history(issued, chairman):
    award = issued.awards.get(position=1)
    revoke_award(award=award, reason="Kê khai thành tích không trung thực", revoked_on=datetime.date(2023, 3, 1),
                 by=chairman)
    award.refresh_from_db()
    assert award.status == AwardStatus.REVOKED
    assert award.revoked_by == chairman and award.revoked_on == datetime.date(2023, 3, 1)
    assert list(Award.objects.active().values_list("position", flat=True).order_by("position")) == [2, 3]
    newest, oldest = award.history.order_by("-history_date", "-history_id")[:2]
    assert (oldest.status, newest.status) == (AwardStatus.ACTIVE, AwardStatus.REVOKED)
    assert newest.history_user == chairman
    assert newest.history_change_reason == "Kê khai thành tích không trung thực"


def test_revoke_needs_a_reason_and_only_once(issued, office_clerk):
    award = issued.awards.get(position=1)
    with pytest.raises(ValidationError) as error:
        revoke_award(award=award, reason="  ", revoked_on=datetime.date(2023, 3, 1), by=office_clerk)
    assert error.value.message_dict["reason"] == ["Nhập lý do thu hồi khen thưởng."]
    with pytest.raises(ValidationError) as error:
        revoke_award(award=award, reason="Gian dối", revoked_on=datetime.date(2022, 1, 1), by=office_clerk)
    assert "revoked_on" in error.value.message_dict
    assert Award.objects.get(pk=award.pk).status == AwardStatus.ACTIVE
    revoke_award(award=award, reason="Gian dối", revoked_on=datetime.date(2023, 3, 1), by=office_clerk)
    with pytest.raises(ValidationError):
        revoke_award(award=award, reason="Gian dối", revoked_on=datetime.date(2023, 3, 1), by=office_clerk)


@pytest.mark.parametrize("persona", ["council_member", "hamlet_leader", "outsider"])
def test_revoke_permission(request, issued, persona):
    with pytest.raises(PermissionDenied):
        revoke_award(award=issued.awards.first(), reason="Gian dối", revoked_on=datetime.date(2023, 3, 1),
                     by=request.getfixturevalue(persona))


# Consecutive years (CSTĐ tỉnh after three CSTĐCS) -------------------------------------------------------------------


@pytest.fixture
def cstdcs_history(commune, office_clerk, titles, minh):
    """Active CSTĐCS awards of Vũ Văn Minh in 2020 and 2021 (decided by the town), by year."""
    awards = {}
    for year in (2020, 2021):
        nomination = nominate(commune=commune, title=titles["cstdcs"], person=minh, year=year)
        decision = create_decision(commune=commune, year=year, decider=TOWN, nominations=[nomination],
                                   by=office_clerk)
        record_external_decision(decision=decision, code=f"{year - 2000}/QĐ-UBND", issuer="UBND thị xã Sơn Tây",
                                 decided_on=datetime.date(year, 12, 20), by=office_clerk)
        awards[year] = decision.awards.get()
    return awards


def test_cstd_tinh_after_three_consecutive_cstdcs(commune, titles, minh, cstdcs_history):
    nominate(commune=commune, title=titles["cstdcs"], person=minh, status=NominationStatus.IN_BALLOT)
    nomination = nominate(commune=commune, title=titles["cstd-tinh"], person=minh, status=NominationStatus.DRAFT)
    assert consecutive_problems(nomination) == []


def test_cstd_tinh_needs_this_years_cstdcs(commune, titles, minh, cstdcs_history):
    nominate(commune=commune, title=titles["cstdcs"], person=minh, status=NominationStatus.FAILED)
    nomination = nominate(commune=commune, title=titles["cstd-tinh"], person=minh, status=NominationStatus.DRAFT)
    [problem] = consecutive_problems(nomination)
    assert problem.message == (
        "Chiến sĩ thi đua cấp tỉnh yêu cầu Chiến sĩ thi đua cơ sở 3 năm liên tục (2020–2022); "
        "Vũ Văn Minh không đạt trong năm 2022.")


def test_a_revoked_award_breaks_the_chain(commune, office_clerk, titles, minh, cstdcs_history):
    nominate(commune=commune, title=titles["cstdcs"], person=minh)
    nomination = nominate(commune=commune, title=titles["cstd-tinh"], person=minh, status=NominationStatus.DRAFT)
    revoke_award(award=cstdcs_history[2021], reason="Sáng kiến không có thật", revoked_on=datetime.date(2022, 5, 1),
                 by=office_clerk)
    [problem] = consecutive_problems(nomination)
    assert problem.message.endswith("không đạt trong năm 2021.")


def test_titles_without_a_chain_have_no_consecutive_problem(passed):
    assert consecutive_problems(passed["lan"]) == []


# Minutes ------------------------------------------------------------------------------------------------------------


def test_issue_minutes_links_the_meeting(meeting, office_clerk, passed):
    document = issue_minutes(meeting=meeting, issued_on=datetime.date(2022, 12, 10), by=office_clerk)
    meeting.refresh_from_db()
    assert meeting.minutes == document
    assert document.code == "01/BB-HĐTĐKT"
    assert (document.signer_title, document.signer_name) == ("CHỦ TỌA", "Hoàng Văn Vân")
    assert document.recipient_lines == ["Thường trực HĐTĐKT xã;", "Lưu: VT, HĐTĐKT."]
    with pytest.raises(ValidationError):
        issue_minutes(meeting=meeting, issued_on=datetime.date(2022, 12, 10), by=office_clerk)


def test_minutes_cannot_predate_the_meeting(meeting, office_clerk):
    with pytest.raises(ValidationError) as error:
        issue_minutes(meeting=meeting, issued_on=datetime.date(2022, 12, 9), by=office_clerk)
    assert "issued_on" in error.value.message_dict
    assert not Document.objects.filter(doc_type="BB").exists()


@pytest.mark.parametrize("change, message", [
    ({"ends_at": None}, "Nhập giờ kết thúc cuộc họp trước khi ban hành biên bản."),
    ({"secretary": None}, "Chọn thư ký cuộc họp trước khi ban hành biên bản."),
])
def test_minutes_need_the_end_time_and_the_secretary(meeting, office_clerk, passed, change, message):
    for field, value in change.items():
        setattr(meeting, field, value)
    meeting.save()
    with pytest.raises(ValidationError) as error:
        issue_minutes(meeting=meeting, issued_on=datetime.date(2022, 12, 10), by=office_clerk)
    assert error.value.messages == ["Chưa thể ban hành biên bản:", message]
    meeting.refresh_from_db()
    assert meeting.minutes is None and not Document.objects.filter(doc_type="BB").exists()


@pytest.mark.parametrize("status, message", [
    (BallotStatus.OPEN, "Còn cuộc bỏ phiếu của cuộc họp đang mở: kết thúc và công bố kết quả trước."),
    (BallotStatus.CLOSED, "Còn cuộc bỏ phiếu của cuộc họp đã kiểm phiếu nhưng chưa công bố kết quả."),
])
def test_minutes_wait_for_every_ballot_to_be_published(meeting, office_clerk, passed, status, message):
    ballot = meeting.ballots.get(nomination=passed["lan"])
    ballot.status = status
    ballot.save()
    with pytest.raises(ValidationError) as error:
        issue_minutes(meeting=meeting, issued_on=datetime.date(2022, 12, 10), by=office_clerk)
    assert error.value.messages == ["Chưa thể ban hành biên bản:", message]
    assert not Document.objects.filter(doc_type="BB").exists()
