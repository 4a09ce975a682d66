# ruff: noqa: F401, F811 -- the fixtures imported from test_decisions_data are requested by name
"""Withdrawing a blocked nomination from a decision not yet issued: the others can still be decided, the blocked one
is free for a later decision, and the reason is kept."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from awards.decisions import (
    create_decision,
    decidable_nominations,
    issue_decision,
    submit_decision,
    withdraw_nomination,
)
from awards.enums import Decider, DecisionStatus
from awards.models import Award, DecisionWithdrawal
from tests.awards.test_decisions_data import (
    DECIDED_ON,
    absent_member,
    commune_nominations,
    disclose,
    meeting,
    passed,
)

pytestmark = pytest.mark.django_db

COMMUNE = Decider.COMMUNE_CHAIRMAN
REASON = "Có đơn khiếu nại về thành tích của Thôn A, đang xác minh"


@pytest.fixture
def submitted(commune, office_clerk, commune_nominations):
    decision = create_decision(commune=commune, year=2022, decider=COMMUNE, nominations=commune_nominations,
                               by=office_clerk)
    return submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=office_clerk)


@pytest.fixture
def complaint(passed):
    passed["thon_a"].complaint_open = True
    passed["thon_a"].save()
    return passed["thon_a"]


def test_withdraw_a_blocked_nomination_then_issue_the_others(submitted, complaint, office_clerk, passed):
    with pytest.raises(ValidationError):
        issue_decision(allow_overspend=True, decision=submitted, issued_on=DECIDED_ON, by=office_clerk)
    withdrawal = withdraw_nomination(decision=submitted, nomination=complaint, reason=f"  {REASON} ",
                                     by=office_clerk)
    assert (withdrawal.decision, withdrawal.nomination, withdrawal.reason, withdrawal.by) == (
        submitted, complaint, REASON, office_clerk)
    assert withdrawal.at is not None
    assert set(submitted.nominations.all()) == {passed["lan"], passed["household"]}
    decision = issue_decision(allow_overspend=True, decision=submitted, issued_on=DECIDED_ON, by=office_clerk)
    assert decision.status == DecisionStatus.ISSUED
    assert sorted(a.recipient_name for a in decision.awards.all()) == ["Hộ ông Nguyễn Văn Tư", "Đỗ Thị Lan"]


def test_a_withdrawn_nomination_is_free_for_a_later_decision(commune, submitted, complaint, office_clerk):
    # While it is on the submitted list, it is "already in another decision".
    assert complaint not in decidable_nominations(commune=commune, year=2022)
    with pytest.raises(ValidationError):
        create_decision(commune=commune, year=2022, decider=COMMUNE, nominations=[complaint], by=office_clerk)
    withdraw_nomination(decision=submitted, nomination=complaint, reason=REASON, by=office_clerk)
    assert complaint in decidable_nominations(commune=commune, year=2022)
    complaint.complaint_open = False  # the complaint is settled
    complaint.save()
    later = create_decision(commune=commune, year=2022, decider=COMMUNE, nominations=[complaint], by=office_clerk)
    later = submit_decision(decision=later, issued_on=datetime.date(2022, 12, 20), by=office_clerk)
    later = issue_decision(allow_overspend=True, decision=later, issued_on=datetime.date(2022, 12, 22), by=office_clerk)
    assert later.awards.get().recipient_name == "Thôn A"


def test_withdraw_from_a_draft(commune, office_clerk, commune_nominations, passed):
    decision = create_decision(commune=commune, year=2022, decider=COMMUNE, nominations=commune_nominations,
                               by=office_clerk)
    withdraw_nomination(decision=decision, nomination=passed["lan"], reason="Nhầm danh sách", by=office_clerk)
    assert decision.nominations.count() == 2


def test_withdraw_needs_a_reason_and_a_listed_nomination(submitted, office_clerk, passed):
    with pytest.raises(ValidationError) as error:
        withdraw_nomination(decision=submitted, nomination=passed["lan"], reason="  ", by=office_clerk)
    assert error.value.message_dict["reason"] == ["Nhập lý do rút đề nghị khỏi danh sách."]
    with pytest.raises(ValidationError) as error:
        withdraw_nomination(decision=submitted, nomination=passed["town"], reason=REASON, by=office_clerk)
    assert error.value.messages == ["Đề nghị này không có trong danh sách của quyết định."]
    assert submitted.nominations.count() == 3 and not DecisionWithdrawal.objects.exists()


def test_an_issued_decision_cannot_be_changed(submitted, office_clerk, passed):
    issue_decision(allow_overspend=True, decision=submitted, issued_on=DECIDED_ON, by=office_clerk)
    with pytest.raises(ValidationError) as error:
        withdraw_nomination(decision=submitted, nomination=passed["lan"], reason=REASON, by=office_clerk)
    assert error.value.messages == ["Quyết định đã ban hành không thể sửa; hãy thu hồi khen thưởng nếu cần."]
    assert submitted.nominations.count() == 3 and Award.objects.count() == 3


@pytest.mark.parametrize("persona", ["council_member", "hamlet_leader", "outsider"])
def test_only_office_or_chairman_withdraw(request, submitted, passed, persona):
    with pytest.raises(PermissionDenied):
        withdraw_nomination(decision=submitted, nomination=passed["lan"], reason=REASON,
                            by=request.getfixturevalue(persona))
    assert submitted.nominations.count() == 3


# The page -----------------------------------------------------------------------------------------------------------


def test_withdraw_button_next_to_the_blocked_nomination(client, chairman, submitted, complaint, passed):
    client.force_login(chairman)
    detail_url = reverse("awards:decision_detail", args=[submitted.pk])
    page = client.get(detail_url).content.decode()
    url = reverse("awards:decision_withdraw", args=[submitted.pk, complaint.pk])
    assert f'action="{url}"' in page
    # Only the blocked one gets the button.
    assert reverse("awards:decision_withdraw", args=[submitted.pk, passed["lan"].pk]) not in page
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert submitted.nominations.count() == 3
    response = client.post(url, {"reason": REASON})
    assert response.status_code == 302 and response["Location"] == detail_url
    page = client.get(detail_url).content.decode()
    assert "Đã rút Thôn A khỏi danh sách quyết định." in page
    assert "Đã rút khỏi danh sách" in page and REASON in page and "Hoàng Văn Vân" in page
    assert "Ban hành quyết định" in page
    response = client.post(reverse("awards:decision_issue", args=[submitted.pk]),
                           {"issued_on": "15/12/2022", "confirm_overspend": "on"})
    assert response.status_code == 302
    assert submitted.awards.count() == 2


def test_withdraw_page_of_an_issued_decision_says_why(client, office_clerk, submitted, passed):
    issue_decision(allow_overspend=True, decision=submitted, issued_on=DECIDED_ON, by=office_clerk)
    client.force_login(office_clerk)
    response = client.post(reverse("awards:decision_withdraw", args=[submitted.pk, passed["lan"].pk]),
                           {"reason": REASON})
    assert response.status_code == 200
    assert "Quyết định đã ban hành không thể sửa" in response.content.decode()
    assert submitted.nominations.count() == 3
