"""The council's secret ballot: secrecy, the pass mark of the whole council, one vote each, frozen counts."""

import datetime
import logging
import re
import uuid
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import translation

from awards import sealing
from awards.ballot import cast_vote, close_ballot, open_ballot, publish_ballot, results
from awards.enums import BallotStatus, NominationStatus
from awards.models import (
    Ballot,
    BallotParticipation,
    BallotVote,
    CouncilMeeting,
    Nomination,
    RuleSet,
    SealedVote,
    Title,
)
from directory.enums import Role
from directory.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db

AGREE, DISAGREE = "agree", "disagree"


@pytest.fixture
def cstdcs(db):
    rule_set = RuleSet.objects.create(name="NĐ 152/2025", effective_from=datetime.date(2025, 7, 1))
    return Title.objects.create(rule_set=rule_set, code="cstdcs", name="Chiến sĩ thi đua cơ sở",
                                recipient_kind="individual", decided_by="commune", ballot_required=True)


def make_council(commune, chairman, size):
    """The chairman persona plus size - 1 further council members."""
    members = [chairman.person]
    for i in range(size - 1):
        user = f.UserFactory(username=f"uyvien{i}")
        person = f.PersonFactory(commune=commune, full_name=f"Đỗ Thị Ủy Viên {i}", user=user)
        f.RoleFactory(person=person, role=Role.COUNCIL_MEMBER)
        members.append(person)
    return members


@pytest.fixture
def meeting(commune, chairman, office_clerk):
    return CouncilMeeting.objects.create(commune=commune, year=2025, held_on=datetime.date(2025, 11, 20),
                                         place="Hội trường UBND xã", chair=chairman.person,
                                         secretary=office_clerk.person, agenda="Xét danh hiệu CSTĐCS năm 2025")


@pytest.fixture
def nomination(commune, cstdcs, thon_a):
    nominee = f.PersonFactory(commune=commune, unit=thon_a, full_name="Vũ Văn Đề Cử")
    return Nomination.objects.create(commune=commune, year=2025, title=cstdcs, person=nominee, unit=thon_a)


@pytest.fixture
def ballot(meeting, nomination, office_clerk):
    return open_ballot(meeting=meeting, nomination=nomination, by=office_clerk)


def vote_all(ballot, members, agree, disagree):
    choices = [AGREE] * agree + [DISAGREE] * disagree
    for person, choice in zip(members, choices, strict=False):
        cast_vote(ballot=ballot, person=person, choice=choice)


def message_of(exc) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


# Secrecy ----------------------------------------------------------------------------------------------------------


def _snapshot():
    """Every row of every model, keyed by (model label, pk)."""
    rows = {}
    for model in apps.get_models():
        for row in model._base_manager.values():
            rows[(model._meta.label, row[model._meta.pk.attname])] = row
    return rows


def _person_fk_columns(model):
    people = (Person, apps.get_model(settings.AUTH_USER_MODEL))
    return [fld.attname for fld in model._meta.concrete_fields
            if isinstance(fld, models.ForeignKey) and fld.related_model in people]


def _holds_choice(value) -> bool:
    """A plain choice, as text or as bytes anywhere inside a binary column."""
    if isinstance(value, str):
        return value in (AGREE, DISAGREE)
    if isinstance(value, bytes | memoryview):
        return b"agree" in bytes(value)
    return False


def _assert_no_row_links(written, members):
    person_ids = {m.pk for m in members}
    user_ids = {m.user_id for m in members}
    names = {m.full_name for m in members} | {m.user.username for m in members}
    for (label, _pk), row in written.items():
        model = apps.get_model(label)
        fk_columns = _person_fk_columns(model)
        names_someone = any(row[c] in person_ids | user_ids for c in fk_columns) or any(
            isinstance(v, str) and any(n in v for n in names) for v in row.values()
        )
        assert not (names_someone and any(_holds_choice(v) for v in row.values())), (label, row)


def test_no_row_links_a_member_to_a_choice(commune, chairman, ballot, office_clerk, caplog):
    members = make_council(commune, chairman, 6)
    before = _snapshot()
    caplog.set_level(logging.DEBUG)
    vote_all(ballot, members, agree=4, disagree=2)

    # While the ballot is open: who voted, and sealed papers; no plain choice anywhere.
    during = _snapshot()
    written = {key: row for key, row in during.items() if before.get(key) != row}
    assert {label for label, _ in written} == {"awards.BallotParticipation", "awards.SealedVote"}
    _assert_no_row_links(written, members)
    assert not any(_holds_choice(v) for row in written.values() for v in row.values())

    close_ballot(ballot=ballot, by=office_clerk)
    publish_ballot(ballot=ballot, by=office_clerk)
    after = _snapshot()

    written = {key: row for key, row in after.items() if before.get(key) != row}
    assert {label for label, _ in written} == {
        "awards.Ballot", "awards.Nomination", "awards.BallotParticipation", "awards.BallotVote",
        # The audit trail of the ballot's and the nomination's status (checked row by row like the others).
        "awards.HistoricalBallot", "awards.HistoricalNomination",
    }
    _assert_no_row_links(written, members)
    assert not SealedVote.objects.exists()
    person_ids = {m.pk for m in members}
    user_ids = {m.user_id for m in members}
    names = {m.full_name for m in members} | {m.user.username for m in members}

    # The halves of a vote, by construction: no choice and no time on one, no person and no time on the others.
    assert {fld.name for fld in BallotParticipation._meta.concrete_fields} == {"id", "ballot", "person"}
    assert {fld.name for fld in BallotVote._meta.concrete_fields} == {"id", "ballot", "choice"}
    assert {fld.name for fld in SealedVote._meta.concrete_fields} == {"id", "ballot", "nonce", "ciphertext"}
    # Random keys: the key order says nothing about the order of voting.
    assert all(isinstance(pk, uuid.UUID) and pk.version == 4 for pk in BallotVote.objects.values_list("pk", flat=True))
    assert all(isinstance(pk, uuid.UUID) and pk.version == 4
               for pk in BallotParticipation.objects.values_list("pk", flat=True))
    assert all(isinstance(key[1], uuid.UUID) and key[1].version == 4
               for key in during if key[0] == "awards.SealedVote")
    # Nothing else points at a vote, a sealed paper or a participation.
    papers = (BallotVote, BallotParticipation, SealedVote)
    for model in apps.get_models():
        for fld in model._meta.concrete_fields:
            if fld.is_relation and model not in papers:
                assert fld.related_model not in papers, (model, fld)
    assert sorted(BallotVote.objects.values_list("choice", flat=True)) == [AGREE] * 4 + [DISAGREE] * 2
    assert set(BallotParticipation.objects.values_list("person_id", flat=True)) == person_ids

    # No log line names a member together with a choice.
    for record in caplog.records:
        text = record.getMessage()
        names_someone = any(n in text for n in names) or any(
            re.search(rf"\b{pk}\b", text) for pk in person_ids | user_ids
        )
        assert not (names_someone and re.search(r"agree|disagree|đồng ý", text, re.I)), text


def test_ballot_papers_have_no_timestamp_columns():
    for model in (BallotVote, BallotParticipation, SealedVote):
        assert not [fld for fld in model._meta.concrete_fields
                    if isinstance(fld, (models.DateTimeField, models.DateField, models.TimeField))]
        assert not isinstance(model._meta.pk, models.AutoField)


# Sealed papers while the ballot is open ---------------------------------------------------------------------------


def test_an_open_ballots_papers_are_sealed_so_nothing_shows_the_choice(commune, chairman, ballot):
    members = make_council(commune, chairman, 6)
    vote_all(ballot, members, agree=3, disagree=3)
    papers = list(SealedVote.objects.values_list("nonce", "ciphertext"))
    assert len(papers) == 6 and not BallotVote.objects.exists()
    nonces = {bytes(nonce) for nonce, _ in papers}
    ciphertexts = {bytes(ciphertext) for _, ciphertext in papers}
    # Equal choices give different papers, every paper has the same length, and none holds the plain choice.
    assert len(nonces) == len(ciphertexts) == 6
    assert {len(n) for n in nonces} == {12} and len({len(c) for c in ciphertexts}) == 1
    assert not any(b"agree" in c for c in ciphertexts)
    # The counts stay hidden until close.
    assert results(ballot) is None


def test_a_paper_opens_only_in_its_own_ballot_and_only_with_the_servers_key(settings):
    nonce, ciphertext = sealing.seal(ballot_id=1, choice=AGREE)
    assert sealing.open_paper(ballot_id=1, nonce=nonce, ciphertext=ciphertext) == AGREE
    with pytest.raises(sealing.UnreadablePaper):
        sealing.open_paper(ballot_id=2, nonce=nonce, ciphertext=ciphertext)
    settings.SECRET_KEY = "another-server"
    with pytest.raises(sealing.UnreadablePaper):
        sealing.open_paper(ballot_id=1, nonce=nonce, ciphertext=ciphertext)


def test_a_secret_key_rotation_during_the_ballot_refuses_the_close_in_vietnamese(commune, chairman, ballot,
                                                                                office_clerk, settings):
    members = make_council(commune, chairman, 5)
    old_key = settings.SECRET_KEY
    vote_all(ballot, members[:3], agree=2, disagree=1)
    settings.SECRET_KEY = "rotated-" + old_key
    vote_all(ballot, members[3:], agree=1, disagree=1)
    with translation.override("vi"), pytest.raises(ValidationError) as exc:
        close_ballot(ballot=ballot, by=office_clerk)
    assert message_of(exc.value).startswith("Không mở được các phiếu bầu niêm phong: khóa bí mật của máy chủ")
    # Nothing changed: still open, every paper kept, nothing counted.
    ballot.refresh_from_db()
    assert (ballot.status, ballot.votes_cast, SealedVote.objects.count(), BallotVote.objects.count()) == (
        BallotStatus.OPEN, None, 5, 0)

    # With the previous key among the fallbacks, papers sealed under either key open and the counts are right.
    settings.SECRET_KEY_FALLBACKS = [old_key]
    closed = close_ballot(ballot=ballot, by=office_clerk)
    assert (closed.votes_cast, closed.agree_count, closed.disagree_count) == (5, 3, 2)
    assert not SealedVote.objects.exists()


def test_papers_added_behind_the_portals_back_are_not_counted(commune, chairman, ballot, office_clerk):
    members = make_council(commune, chairman, 5)
    vote_all(ballot, members[:2], agree=1, disagree=1)
    copy = SealedVote.objects.first()
    SealedVote.objects.create(ballot=ballot, nonce=copy.nonce, ciphertext=copy.ciphertext)
    BallotParticipation.objects.create(ballot=ballot, person=members[4])
    with translation.override("vi"), pytest.raises(ValidationError) as exc:
        close_ballot(ballot=ballot, by=office_clerk)
    assert "Các phiếu bầu niêm phong không khớp" in message_of(exc.value)
    assert Ballot.objects.get(pk=ballot.pk).status == BallotStatus.OPEN


def test_plain_papers_cast_before_the_upgrade_to_sealed_papers_still_count(commune, chairman, ballot, office_clerk):
    members = make_council(commune, chairman, 5)
    for person, choice in zip(members[:2], (AGREE, DISAGREE), strict=True):
        BallotParticipation.objects.create(ballot=ballot, person=person)
        BallotVote.objects.create(ballot=ballot, choice=choice)
    vote_all(ballot, members[2:], agree=3, disagree=0)
    closed = close_ballot(ballot=ballot, by=office_clerk)
    assert (closed.votes_cast, closed.agree_count, closed.disagree_count) == (5, 4, 1)
    assert (BallotVote.objects.count(), SealedVote.objects.count()) == (5, 0)


def test_closing_writes_the_plain_papers_in_one_batch_and_deletes_the_sealed_ones(commune, chairman, ballot,
                                                                                office_clerk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    members = make_council(commune, chairman, 7)
    vote_all(ballot, members, agree=5, disagree=2)
    with CaptureQueriesContext(connection) as ctx:
        close_ballot(ballot=ballot, by=office_clerk)
    inserts = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
    # One batch of papers; the other inserts are the audit trail of the ballot's status (no choice in it).
    papers = [sql for sql in inserts if BallotVote._meta.db_table in sql]
    assert len(papers) == 1
    assert all("historical" in sql for sql in inserts if sql not in papers)
    assert (BallotVote.objects.count(), SealedVote.objects.count()) == (7, 0)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete")
            assert cursor.fetchone()[0] == 1


def test_no_history_is_ever_kept_of_votes_papers_or_participations():
    """django-simple-history (or any history) on these tables would keep who voted next to when, and the
    choices beyond the close: none of them may be registered, and no model may copy their rows."""
    from simple_history.models import registered_models

    papers = (BallotVote, BallotParticipation, SealedVote)
    assert not set(registered_models.values()) & set(papers)
    for model in papers:
        assert not hasattr(model, "history"), model
    for model in apps.get_models():
        assert getattr(model, "instance_type", None) not in papers, model
        if model not in papers:
            assert not {"choice", "ciphertext", "nonce"} & {fld.name for fld in model._meta.concrete_fields}, model


# The pass mark: a share of the whole council ----------------------------------------------------------------------


@pytest.mark.parametrize(("size", "agree", "disagree", "passed"), [
    (7, 6, 1, True),     # 85.7 %
    (5, 4, 1, True),     # exactly 80 %
    (7, 5, 2, False),    # 71.4 %
    (7, 5, 0, False),    # two absent members still count: 5 of 7
])
def test_pass_mark_is_80_percent_of_the_whole_council(commune, chairman, ballot, office_clerk,
                                                      size, agree, disagree, passed):
    members = make_council(commune, chairman, size)
    vote_all(ballot, members, agree=agree, disagree=disagree)
    close_ballot(ballot=ballot, by=office_clerk)
    ballot.refresh_from_db()
    assert (ballot.eligible_count, ballot.votes_cast, ballot.agree_count, ballot.disagree_count,
            ballot.threshold_percent, ballot.passed) == (
        size, agree + disagree, agree, disagree, Decimal(settings.BALLOT_DEFAULT_THRESHOLD_PERCENT), passed)
    assert settings.BALLOT_DEFAULT_THRESHOLD_PERCENT == 80


def test_a_title_can_set_its_own_pass_mark(commune, chairman, ballot, office_clerk, cstdcs):
    cstdcs.ballot_threshold_percent = Decimal("90")
    cstdcs.save()
    members = make_council(commune, chairman, 7)
    vote_all(ballot, members, agree=6, disagree=1)
    closed = close_ballot(ballot=ballot, by=office_clerk)
    assert (closed.threshold_percent, closed.passed) == (Decimal("90"), False)


# One vote each, members only, only while open ---------------------------------------------------------------------


def test_a_second_vote_is_refused_and_counted_once(commune, chairman, ballot, office_clerk):
    members = make_council(commune, chairman, 5)
    cast_vote(ballot=ballot, person=members[1], choice=AGREE)
    with translation.override("vi"), pytest.raises(ValidationError) as exc:
        cast_vote(ballot=ballot, person=members[1], choice=DISAGREE)
    assert message_of(exc.value) == "Đồng chí đã bỏ phiếu trong cuộc bỏ phiếu này."
    assert (BallotParticipation.objects.count(), SealedVote.objects.count(), BallotVote.objects.count()) == (1, 1, 0)
    closed = close_ballot(ballot=ballot, by=office_clerk)
    assert (closed.votes_cast, closed.agree_count, closed.disagree_count) == (1, 1, 0)


def test_the_database_stops_a_concurrent_second_vote(commune, chairman, ballot):
    BallotParticipation.objects.create(ballot=ballot, person=chairman.person)
    with pytest.raises(IntegrityError), transaction.atomic():
        BallotParticipation.objects.create(ballot=ballot, person=chairman.person)


def test_voting_after_close_is_refused(commune, chairman, ballot, office_clerk):
    members = make_council(commune, chairman, 5)
    cast_vote(ballot=ballot, person=members[0], choice=AGREE)
    close_ballot(ballot=ballot, by=office_clerk)
    with translation.override("vi"), pytest.raises(ValidationError) as exc:
        cast_vote(ballot=ballot, person=members[1], choice=AGREE)
    assert message_of(exc.value) == "Cuộc bỏ phiếu này đã kết thúc."
    assert (BallotParticipation.objects.count(), SealedVote.objects.count(), BallotVote.objects.count()) == (1, 0, 1)


@pytest.mark.parametrize("persona", ["hamlet_leader", "office_clerk", "other_commune_member"])
def test_non_members_cannot_vote(request, commune, other_commune, ballot, persona):
    if persona == "other_commune_member":
        person = f.PersonFactory(commune=other_commune, full_name="Ủy viên xã khác")
        f.RoleFactory(person=person, role=Role.COUNCIL_MEMBER)
    else:
        person = request.getfixturevalue(persona).person
    with pytest.raises(PermissionDenied):
        cast_vote(ballot=ballot, person=person, choice=AGREE)
    assert (BallotParticipation.objects.count(), SealedVote.objects.count(), BallotVote.objects.count()) == (0, 0, 0)


def test_the_choice_must_be_agree_or_disagree(chairman, ballot):
    with pytest.raises(ValidationError):
        cast_vote(ballot=ballot, person=chairman.person, choice="abstain")
    assert (BallotParticipation.objects.count(), SealedVote.objects.count(), BallotVote.objects.count()) == (0, 0, 0)


# Frozen at close, published separately ----------------------------------------------------------------------------


def test_members_and_counts_are_frozen_at_close(commune, chairman, ballot, office_clerk):
    members = make_council(commune, chairman, 5)
    vote_all(ballot, members, agree=4, disagree=0)
    close_ballot(ballot=ballot, by=office_clerk)
    newcomer = f.PersonFactory(commune=commune, full_name="Người Mới Vào")
    f.RoleFactory(person=newcomer, role=Role.COUNCIL_MEMBER)
    with pytest.raises(ValidationError):
        cast_vote(ballot=ballot, person=newcomer, choice=DISAGREE)
    with pytest.raises(ValidationError):
        close_ballot(ballot=ballot, by=office_clerk)
    ballot.refresh_from_db()
    frozen = results(ballot)
    assert (frozen.eligible_count, frozen.agree_count, frozen.passed) == (5, 4, True)


def test_results_are_hidden_while_open_and_publishing_is_a_separate_step(commune, chairman, ballot, office_clerk,
                                                                        nomination):
    members = make_council(commune, chairman, 5)
    vote_all(ballot, members, agree=5, disagree=0)
    assert results(ballot) is None
    assert Ballot.objects.get(pk=ballot.pk).agree_count is None
    with pytest.raises(ValidationError):
        publish_ballot(ballot=ballot, by=office_clerk)

    closed = close_ballot(ballot=ballot, by=office_clerk)
    nomination.refresh_from_db()
    assert (closed.status, closed.published_at, nomination.status) == (
        BallotStatus.CLOSED, None, NominationStatus.IN_BALLOT)
    assert results(closed).passed is True

    published = publish_ballot(ballot=closed, by=chairman)
    nomination.refresh_from_db()
    assert published.status == BallotStatus.PUBLISHED
    assert published.published_at is not None
    assert nomination.status == NominationStatus.PASSED
    with pytest.raises(ValidationError):
        publish_ballot(ballot=published, by=office_clerk)


def test_a_failed_ballot_fails_the_nomination_on_publishing(commune, chairman, ballot, office_clerk, nomination):
    members = make_council(commune, chairman, 5)
    vote_all(ballot, members, agree=3, disagree=2)
    publish_ballot(ballot=close_ballot(ballot=ballot, by=office_clerk), by=office_clerk)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.FAILED


# Who runs the ballot ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("persona", "allowed"), [
    ("office_clerk", True), ("chairman", True), ("council_member", False), ("hamlet_leader", False),
    ("other_hamlet_leader", False), ("outsider", False),
])
def test_who_may_open_a_ballot(request, meeting, nomination, persona, allowed):
    user = request.getfixturevalue(persona)
    if allowed:
        assert open_ballot(meeting=meeting, nomination=nomination, by=user).status == BallotStatus.OPEN
        nomination.refresh_from_db()
        assert nomination.status == NominationStatus.IN_BALLOT
    else:
        with pytest.raises(PermissionDenied):
            open_ballot(meeting=meeting, nomination=nomination, by=user)
        assert Ballot.objects.count() == 0


@pytest.mark.parametrize("persona", ["council_member", "hamlet_leader", "outsider"])
def test_only_office_or_chair_close_and_publish(request, ballot, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        close_ballot(ballot=ballot, by=user)
    assert Ballot.objects.get(pk=ballot.pk).status == BallotStatus.OPEN


def test_a_nomination_is_put_to_the_vote_once(meeting, nomination, ballot, office_clerk):
    with pytest.raises(ValidationError):
        open_ballot(meeting=meeting, nomination=nomination, by=office_clerk)
