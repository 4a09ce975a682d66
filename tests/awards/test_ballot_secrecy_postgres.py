"""Secrecy of the ballot against the database itself (PostgreSQL, rows really committed): every member votes from
the phone page in a request and a transaction of their own, and neither the transaction ids (xmin) nor the table
files link a member to a choice, while the ballot is open or after it closes."""

import datetime
import logging

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse

from awards import sealing
from awards.ballot import cast_vote, close_ballot, open_ballot
from awards.meetings import create_meeting
from awards.models import Ballot, BallotParticipation, BallotVote, Nomination, RuleSet, SealedVote, Title
from directory.enums import Role
from tests import factories as f
from tests.factories import PASSWORD
from tests.services import require_service

pytestmark = pytest.mark.django_db(transaction=True)

PARTICIPATION = BallotParticipation._meta.db_table
VOTE = BallotVote._meta.db_table
SEALED = SealedVote._meta.db_table
CHOICES = ["agree", "agree", "disagree", "agree", "disagree"]


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        require_service("PostgreSQL", "transaction ids (xmin) and VACUUM need DATABASE_URL=postgres://...")


@pytest.fixture
def members(commune):
    people = []
    for i in range(len(CHOICES)):
        user = f.UserFactory(username=f"uyvien{i}")
        person = f.PersonFactory(commune=commune, full_name=f"Đỗ Thị Ủy Viên {i}", user=user)
        f.RoleFactory(person=person, role=Role.COUNCIL_MEMBER)
        people.append(person)
    return people


@pytest.fixture
def ballot(commune, chairman, office_clerk, thon_a, members):
    rule_set = RuleSet.objects.create(name="NĐ 152/2025", effective_from=datetime.date(2025, 7, 1))
    title = Title.objects.create(rule_set=rule_set, code="giay-khen", name="Giấy khen", recipient_kind="individual",
                                 decided_by="commune")
    nominee = f.PersonFactory(commune=commune, unit=thon_a, full_name="Vũ Văn Đề Cử")
    nomination = Nomination.objects.create(commune=commune, year=2025, title=title, person=nominee, unit=thon_a,
                                           achievement="Thành tích")
    meeting = create_meeting(commune=commune, year=2025, held_on=datetime.date(2025, 11, 20), place="Hội trường",
                             chair=chairman.person, nominations=[nomination], by=office_clerk)
    return open_ballot(meeting=meeting, nomination=nomination, by=office_clerk)


def query(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def xmin_join_plain():
    """The attack of issue 11: a participation and a plain paper written by the same transaction."""
    return query(f"SELECT p.person_id, v.choice FROM {PARTICIPATION} p JOIN {VOTE} v ON v.xmin = p.xmin")


def xmin_join_sealed():
    """The same join against the sealed papers, with every column of the paper."""
    return query(f"SELECT p.person_id, s.id, s.ballot_id, s.nonce, s.ciphertext FROM {PARTICIPATION} p "
                 f"JOIN {SEALED} s ON s.xmin = p.xmin")


def reveals_choice(value) -> bool:
    """A plain choice ("agree" is inside "disagree" too) in a text or binary value."""
    if isinstance(value, str):
        return "agree" in value
    return isinstance(value, bytes | memoryview) and b"agree" in bytes(value)


def table_file(table) -> bytes:
    """The table's data file as it is on disk, after a checkpoint has written every dirty page."""
    query("CHECKPOINT")
    return bytes(query("SELECT pg_read_binary_file(pg_relation_filepath(%s))", [table])[0][0])


def vacuum_stats(table):
    query("SELECT pg_stat_clear_snapshot()")
    return query("SELECT vacuum_count, last_vacuum FROM pg_stat_user_tables WHERE relname = %s", [table])[0]


def test_nothing_in_the_database_links_a_member_to_a_choice_open_or_closed(client, ballot, members, office_clerk):
    for person, choice in zip(members, CHOICES, strict=True):
        client.login(username=person.user.username, password=PASSWORD)
        response = client.post(reverse("awards:vote"), {f"ballot-{ballot.pk}": choice})
        assert response.status_code == 302
        client.logout()
    assert BallotParticipation.objects.filter(ballot=ballot).count() == len(CHOICES)

    # Open: no plain paper exists, so the join of issue 11 finds nothing.
    assert not BallotVote.objects.exists()
    assert xmin_join_plain() == []
    # Each participation shares its transaction with one sealed paper, by design (the two are one atomic vote),
    # but no column of that paper reveals the choice: no plain text, one length for all, no two alike although
    # three members chose the same.
    joined = xmin_join_sealed()
    assert sorted(row[0] for row in joined) == sorted(p.pk for p in members)
    assert [row for row in joined if any(reveals_choice(value) for value in row)] == []
    ciphertexts = [bytes(row[4]) for row in joined]
    assert len(set(ciphertexts)) == len(CHOICES) and len({len(c) for c in ciphertexts}) == 1
    assert len({bytes(row[3]) for row in joined}) == len(CHOICES)
    # The sealed table's file holds the papers (so the check below can see them), and no plain choice.
    sealed_file = table_file(SEALED)
    assert all(c in sealed_file for c in ciphertexts)
    assert b"agree" not in sealed_file
    # Counts stay hidden while open.
    assert Ballot.objects.get(pk=ballot.pk).agree_count is None
    vacuums_before = vacuum_stats(SEALED)[0]

    client.login(username=office_clerk.username, password=PASSWORD)
    client.post(reverse("awards:ballot_close_all", args=[ballot.meeting_id]))

    # Closed: the plain papers were written by the closing transaction alone, in one batch.
    ballot.refresh_from_db()
    assert (ballot.votes_cast, ballot.agree_count, ballot.disagree_count) == (5, 3, 2)
    assert sorted(BallotVote.objects.values_list("choice", flat=True)) == sorted(CHOICES)
    assert xmin_join_plain() == []
    assert len(set(query(f"SELECT xmin::text FROM {VOTE}"))) == 1
    assert xmin_join_sealed() == []
    # The sealed papers are deleted and vacuumed after the commit: gone from the table's file too.
    assert not SealedVote.objects.exists()
    vacuums_after, last_vacuum = vacuum_stats(SEALED)
    assert vacuums_after == vacuums_before + 1 and last_vacuum is not None
    sealed_file = table_file(SEALED)
    assert not any(c in sealed_file for c in ciphertexts)


def test_a_vacuum_that_fails_is_logged_and_the_close_stands(ballot, members, office_clerk, caplog):
    for person, choice in zip(members, CHOICES, strict=True):
        cast_vote(ballot=ballot, person=person, choice=choice)
    # Another session holds the lock VACUUM needs (not the one the close's DELETE needs), and VACUUM may not wait.
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(f"LOCK TABLE {SEALED} IN SHARE UPDATE EXCLUSIVE MODE")
        query("SET lock_timeout = '200ms'")
        closed = close_ballot(ballot=ballot, by=office_clerk)
    finally:
        query("RESET lock_timeout")
        with other.cursor() as cursor:
            cursor.execute("ROLLBACK")
        other.close()
    assert (closed.status, closed.votes_cast, closed.agree_count, closed.disagree_count) == ("closed", 5, 3, 2)
    assert (BallotVote.objects.count(), SealedVote.objects.count()) == (5, 0)
    failures = [r for r in caplog.records if r.name == "awards.sealing" and r.levelno == logging.ERROR]
    assert len(failures) == 1 and "vacuuming the sealed ballot papers failed" in failures[0].getMessage().lower()


def test_no_vacuum_is_tried_inside_a_transaction(caplog):
    with transaction.atomic():
        sealing.vacuum_sealed_papers()
    assert [r.getMessage() for r in caplog.records if r.name == "awards.sealing"] == [
        "Sealed ballot papers not vacuumed: the connection is inside a transaction."]
