"""A ballot's history records its status, counts and who opened, closed and published it, and never a choice: no
history table holds a voter's choice or a row linking a member to one."""

import datetime

import pytest
from django.apps import apps

from awards.ballot import cast_vote, close_ballot, open_ballot, publish_ballot
from awards.enums import BallotChoice, BallotStatus
from awards.models import Ballot, BallotParticipation, BallotVote, CouncilMeeting, Nomination
from tests import factories as f
from tests.awards.test_ballot import make_council

pytestmark = pytest.mark.django_db


def _history_models():
    return [m for m in apps.get_models() if m.__name__.startswith("Historical")]


def test_no_history_table_holds_a_choice(commune, chairman, office_clerk, thon_a, titles):
    members = make_council(commune, chairman, 5)
    meeting = CouncilMeeting.objects.create(commune=commune, year=2022, held_on=datetime.date(2022, 11, 20),
                                            chair=chairman.person, secretary=office_clerk.person)
    nominee = f.PersonFactory(commune=commune, unit=thon_a, full_name="Vũ Văn Đề Cử")
    nomination = Nomination.objects.create(commune=commune, year=2022, title=titles["giay-khen-ca-nhan"],
                                           person=nominee, unit=thon_a, achievement="Cứu người")
    ballot = open_ballot(meeting=meeting, nomination=nomination, by=chairman)
    for person, choice in zip(members, [BallotChoice.AGREE] * 3 + [BallotChoice.DISAGREE] * 2, strict=True):
        cast_vote(ballot=ballot, person=person, choice=choice)
    close_ballot(ballot=ballot, by=chairman)
    publish_ballot(ballot=ballot, by=office_clerk)

    # The two halves of a vote have no history at all.
    for model in (BallotParticipation, BallotVote):
        assert not hasattr(model, "history")
        assert f"Historical{model.__name__}" not in {m.__name__ for m in _history_models()}
    # No history row anywhere holds a choice, nor names a voter (other than as the one who opened or closed).
    choices = set(BallotChoice.values)
    voters = {p.pk for p in members} | {p.user_id for p in members if p.user_id}
    for model in _history_models():
        for row in model.objects.values():
            assert not choices & {v for v in row.values() if isinstance(v, str)}, (model.__name__, row)
            if model.__name__ in ("HistoricalBallot",):
                assert row["history_user_id"] in {chairman.pk, office_clerk.pk}
                assert not voters & {v for k, v in row.items() if k.endswith("person_id")}
    # The ballot's own history: opened, closed (counts), published, each with its actor and reason.
    rows = list(Ballot.history.filter(id=ballot.pk).order_by("history_id"))
    assert [(r.status, r.history_user_id, r.history_change_reason) for r in rows] == [
        (BallotStatus.OPEN, chairman.pk, "open_ballot"),
        (BallotStatus.CLOSED, chairman.pk, "close_ballot"),
        (BallotStatus.PUBLISHED, office_clerk.pk, "publish_ballot"),
    ]
    assert (rows[1].agree_count, rows[1].disagree_count, rows[1].votes_cast) == (3, 2, 5)
