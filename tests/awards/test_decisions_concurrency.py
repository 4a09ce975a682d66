# ruff: noqa: F401, F811 -- the fixtures imported from test_decisions_data are requested by name
"""Two requests racing for the same nomination: the loser gets a Vietnamese message, never an IntegrityError (500).

SQLite has no row locks, so the race is reproduced by letting the check that would have seen the winner miss it
(a read made just before the other request committed)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import decisions
from awards.decisions import create_decision, issue_decision, record_external_decision, submit_decision
from awards.enums import Decider, DecisionStatus
from awards.models import Award, AwardDecision, Nomination
from awards.nominations import create_nominations_from_registrations
from documents.models import Document
from registrations.enums import RegistrationStatus
from registrations.models import Registration
from tests.awards.test_decisions_data import (
    DECIDED_ON,
    absent_member,
    commune_nominations,
    disclose,
    meeting,
    passed,
)
from tests.registrations.conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def stale_check(monkeypatch):
    """The other decision committed after this one checked: _taken_elsewhere sees nothing."""
    monkeypatch.setattr(decisions, "_taken_elsewhere", lambda nominations, decision=None: set())


def _two_submitted(commune, office_clerk, nominations, decider=Decider.COMMUNE_CHAIRMAN):
    made = []
    for _i in range(2):
        decision = create_decision(commune=commune, year=2022, decider=decider, nominations=nominations,
                                   by=office_clerk)
        made.append(decision)
    return made


def test_issue_racing_another_decision_is_a_validation_error(commune, office_clerk, commune_nominations,
                                                             stale_check):
    first, second = _two_submitted(commune, office_clerk, commune_nominations[:1])
    for decision in (first, second):
        submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=office_clerk)
    issue_decision(allow_overspend=True, decision=first, issued_on=DECIDED_ON, by=office_clerk)
    with pytest.raises(ValidationError) as error:
        issue_decision(allow_overspend=True, decision=second, issued_on=DECIDED_ON, by=office_clerk)
    assert error.value.messages == [
        "Đỗ Thị Lan (Giấy khen của Chủ tịch UBND xã (cá nhân)) vừa được quyết định trong một quyết định khác; "
        "vui lòng tải lại trang."]
    assert Award.objects.count() == 1
    assert AwardDecision.objects.get(pk=second.pk).status == DecisionStatus.SUBMITTED
    assert Document.objects.filter(doc_type="QĐ").count() == 1  # the loser's number is not used


def test_record_racing_another_decision_is_a_validation_error(commune, office_clerk, passed, stale_check):
    first, second = _two_submitted(commune, office_clerk, [passed["town"]], decider=Decider.DISTRICT_CHAIRMAN)
    record = {"code": "125/QĐ-UBND", "issuer": "UBND thị xã Sơn Tây", "decided_on": datetime.date(2022, 12, 28)}
    record_external_decision(decision=first, by=office_clerk, **record)
    with pytest.raises(ValidationError) as error:
        record_external_decision(decision=second, by=office_clerk, **record)
    assert "vừa được quyết định trong một quyết định khác" in error.value.messages[0]
    assert Award.objects.count() == 1


def test_issue_page_racing_shows_the_message(client, commune, office_clerk, commune_nominations, stale_check):
    first, second = _two_submitted(commune, office_clerk, commune_nominations[:1])
    for decision in (first, second):
        submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=office_clerk)
    issue_decision(allow_overspend=True, decision=first, issued_on=DECIDED_ON, by=office_clerk)
    client.force_login(office_clerk)
    response = client.post(reverse("awards:decision_issue", args=[second.pk]), {"issued_on": "15/12/2022"})
    assert response.status_code == 200
    assert "vừa được quyết định trong một quyết định khác" in response.content.decode()


def test_the_nominations_are_locked_before_the_check(commune, office_clerk, commune_nominations, passed,
                                                    monkeypatch):
    """On PostgreSQL a second request waits on these row locks, then its check sees the first one's decision."""
    steps = []
    lock, taken = decisions._lock_nominations, decisions._taken_elsewhere
    monkeypatch.setattr(decisions, "_lock_nominations", lambda decision: steps.append("lock") or lock(decision))
    monkeypatch.setattr(decisions, "_taken_elsewhere",
                        lambda nominations, decision=None: steps.append("check") or taken(nominations, decision))
    decision = create_decision(commune=commune, year=2022, decider=Decider.COMMUNE_CHAIRMAN,
                               nominations=commune_nominations, by=office_clerk)
    town = create_decision(commune=commune, year=2022, decider=Decider.DISTRICT_CHAIRMAN,
                           nominations=[passed["town"]], by=office_clerk)
    steps.clear()  # a draft may share nominations with others: nothing to lock
    submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 12), by=office_clerk)
    issue_decision(allow_overspend=True, decision=decision, issued_on=DECIDED_ON, by=office_clerk)
    record_external_decision(decision=town, code="125/QĐ-UBND", issuer="UBND thị xã Sơn Tây",
                             decided_on=datetime.date(2022, 12, 28), by=office_clerk)
    assert steps == ["lock", "check"] * 3


# Nominations from registrations: a double click ----------------------------------------------------------------------


class _StaleRegistrations:
    """The second click's read of pending registrations, made before the first click committed its nominations."""

    def __init__(self, manager):
        self.manager = manager

    def __call__(self, **kwargs):
        return self

    def filter(self, **kwargs):
        kwargs.pop("nomination__isnull", None)
        return self.manager.filter(**kwargs)


def test_nominations_double_click_reports_already_made(client, commune, office_clerk, titles, open_phase, thon_a,
                                                       monkeypatch):
    register(unit=thon_a, title=titles["ttldtt"], phase=open_phase, status=RegistrationStatus.ACCEPTED)
    assert len(create_nominations_from_registrations(commune=commune, year=2022, by=office_clerk)) == 1
    monkeypatch.setattr(Registration.objects, "select_for_update", _StaleRegistrations(Registration.objects))
    assert create_nominations_from_registrations(commune=commune, year=2022, by=office_clerk) == []
    assert Nomination.objects.count() == 1
    client.force_login(office_clerk)
    response = client.post(reverse("awards:nomination_from_registrations") + "?year=2022", follow=True)
    assert response.status_code == 200
    assert Nomination.objects.count() == 1
