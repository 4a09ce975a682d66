"""Simultaneous votes on PostgreSQL: one member pressing "send" on two phones at once is counted once, and votes
racing the chair's "close" are either counted or refused, never lost or added after the count."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from awards.ballot import cast_vote, close_ballot, open_ballot
from awards.meetings import create_meeting
from awards.models import BallotParticipation, BallotVote, Nomination, RuleSet, SealedVote, Title
from directory.enums import Role
from tests import factories as f
from tests.services import require_service, run_together

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        require_service("PostgreSQL", "row locks and concurrent transactions need DATABASE_URL=postgres://...")


@pytest.fixture
def ballot(commune, chairman, office_clerk, thon_a):
    rule_set = RuleSet.objects.create(name="NĐ 152/2025", effective_from=datetime.date(2025, 7, 1))
    title = Title.objects.create(rule_set=rule_set, code="giay-khen", name="Giấy khen", recipient_kind="individual",
                                 decided_by="commune")
    nominee = f.PersonFactory(commune=commune, unit=thon_a, full_name="Vũ Văn Đề Cử")
    nomination = Nomination.objects.create(commune=commune, year=2025, title=title, person=nominee, unit=thon_a,
                                           achievement="Thành tích")
    for i in range(5):
        f.RoleFactory(person=f.PersonFactory(commune=commune, full_name=f"Ủy viên {i}"), role=Role.COUNCIL_MEMBER)
    meeting = create_meeting(commune=commune, year=2025, held_on=datetime.date(2025, 11, 20), place="Hội trường",
                             chair=chairman.person, nominations=[nomination], by=office_clerk)
    return open_ballot(meeting=meeting, nomination=nomination, by=office_clerk)


def test_a_member_voting_twice_at_the_same_moment_is_counted_once(ballot, chairman):
    person = chairman.person
    outcomes = run_together([lambda c=c: cast_vote(ballot=ballot, person=person, choice=c)
                             for c in ["agree", "disagree"] * 4])
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert outcomes.count(None) == 1
    assert len(errors) == 7 and all(isinstance(e, ValidationError) for e in errors), errors
    assert BallotParticipation.objects.filter(ballot=ballot).count() == 1
    # While the ballot is open its one paper is sealed; no plain paper exists before close.
    assert SealedVote.objects.filter(ballot=ballot).count() == 1
    assert BallotVote.objects.filter(ballot=ballot).count() == 0


def test_votes_racing_the_close_are_counted_or_refused_never_lost(ballot, commune, office_clerk):
    members = list(commune.people.filter(roles__role=Role.COUNCIL_MEMBER))
    functions = [lambda p=p: cast_vote(ballot=ballot, person=p, choice="agree") for p in members]
    functions.insert(len(functions) // 2, lambda: close_ballot(ballot=ballot, by=office_clerk))
    outcomes = run_together(functions)
    accepted = sum(1 for o in outcomes if o is None)
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert accepted + len(refused) == len(members)
    ballot.refresh_from_db()
    assert ballot.votes_cast == accepted == BallotVote.objects.filter(ballot=ballot).count()
    assert BallotParticipation.objects.filter(ballot=ballot).count() == accepted
    assert not SealedVote.objects.filter(ballot=ballot).exists()
