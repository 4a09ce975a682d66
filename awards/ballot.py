"""The council's secret ballot on a nomination: open → votes → closed (counts frozen) → published.

Secrecy is structural: a vote writes one BallotParticipation (who voted, no choice) and one SealedVote (the choice,
encrypted with a key derived from SECRET_KEY and the ballot, which no table holds; no person, no time), both with
random keys, and nothing here logs a member together with a choice (settings pin the SQL logger at WARNING). The two
rows of a vote share a transaction, so the database can tell which sealed paper a member sent, but not what is in
it. At closing the papers are opened and written as plain BallotVote rows in one shuffled batch, all from the
closing transaction, so no plain choice was ever written by a voter's transaction; the sealed rows are deleted and,
once the close commits, vacuumed away (PostgreSQL) or overwritten (SQLite's secure_delete). The database, its WAL
and its backups alone never reveal who chose what; the threat model is in the README ("Ballot secrecy").
The pass mark is a share of the council's whole membership at closing, not of those present (NĐ 98/2023).
"""

import math
import random
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.history import audited
from directory.enums import Role
from directory.models import Person
from directory.permissions import get_actor

from .eligibility import check_nomination
from .enums import BallotChoice, BallotStatus, NominationStatus
from .models import Ballot, BallotParticipation, BallotVote, CouncilMeeting, Nomination, SealedVote
from .sealing import UnreadablePaper, open_paper, seal, secure_delete_on, vacuum_sealed_papers

COUNCIL_ROLES = (Role.COUNCIL_MEMBER, Role.CHAIRMAN)


@dataclass(frozen=True)
class BallotResult:
    eligible_count: int
    votes_cast: int
    agree_count: int
    disagree_count: int
    threshold_percent: Decimal
    passed: bool


def council_members(commune):
    """The council today: people of the commune holding the council member or chairman role."""
    return Person.objects.filter(commune=commune, roles__role__in=COUNCIL_ROLES).distinct()


def is_council_member(person, commune) -> bool:
    return council_members(commune).filter(pk=person.pk).exists()


def _require_office_or_chair(user, meeting: CouncilMeeting):
    actor = get_actor(user)
    if actor is None or actor.commune.pk != meeting.commune_id:
        raise PermissionDenied
    if not (actor.is_office_staff or actor.is_chairman or actor.person.pk == meeting.chair_id):
        raise PermissionDenied


def quorum_problem(meeting: CouncilMeeting) -> str | None:
    """Why the meeting lacks a quorum to vote, or None. Attendance counts only once it has been recorded (meetings
    made by awards.meetings.create_meeting always record it)."""
    attendances = list(meeting.attendances.values_list("present", flat=True))
    if not attendances:
        return None
    total = council_members(meeting.commune_id).count()
    present = sum(attendances)
    needed = math.ceil(settings.COUNCIL_QUORUM * total)
    if present < needed:
        return _("Not enough members present to vote: %(present)s of %(total)s, at least %(needed)s needed.") % {
            "present": present, "total": total, "needed": needed}
    return None


@transaction.atomic
@audited("open_ballot")
def open_ballot(*, meeting: CouncilMeeting, nomination: Nomination, by) -> Ballot:
    """Open the secret ballot on a draft nomination at a meeting; the nomination goes to "in ballot".

    Refused while the meeting lacks a quorum or the nomination does not meet its year's rules (eligibility);
    the nomination joins the meeting's agenda.
    """
    _require_office_or_chair(by, meeting)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.commune_id != meeting.commune_id:
        raise PermissionDenied
    if nomination.status != NominationStatus.DRAFT:
        raise ValidationError(_("Only a draft nomination can be put to the vote."))
    if nomination.year != meeting.year:
        raise ValidationError(_("This nomination belongs to %(year)s, not to the year of the meeting.")
                              % {"year": nomination.year})
    if meeting.minutes_id:
        raise ValidationError(_("The minutes of this meeting have been issued: open the vote at a new meeting."))
    problem = quorum_problem(meeting)
    if problem:
        raise ValidationError(problem)
    problems = check_nomination(nomination)
    if problems:
        raise ValidationError([p.message for p in problems])
    ballot = Ballot.objects.create(meeting=meeting, nomination=nomination, status=BallotStatus.OPEN,
                                   opened_at=timezone.now())
    nomination.status = NominationStatus.IN_BALLOT
    nomination.save(update_fields=["status"])
    meeting.nominations.add(nomination)
    return ballot


def cast_vote(*, ballot: Ballot, person: Person, choice: str) -> None:
    """Record one council member's vote: a participation row (who) and a sealed paper (what, encrypted).

    A second vote by the same member is refused, also when two arrive at once (the unique constraint decides).
    Nothing is logged: a log line with the member and the choice would break the secrecy of the ballot.
    """
    if choice not in BallotChoice.values:
        raise ValidationError(_("Choose agree or disagree."))
    try:
        with transaction.atomic():
            # Locking the ballot row serialises votes with closing, so no vote slips in after the count.
            locked = Ballot.objects.select_for_update().select_related("meeting").get(pk=ballot.pk)
            if locked.status != BallotStatus.OPEN:
                raise ValidationError(_("This ballot is closed."))
            if not is_council_member(person, locked.meeting.commune_id):
                raise PermissionDenied(_("Only members of the council may vote."))
            if locked.meeting.attendances.filter(person=person, present=False).exists():
                raise ValidationError(_("Members recorded as absent send a written opinion instead of voting."))
            if BallotParticipation.objects.filter(ballot=locked, person=person).exists():
                raise ValidationError(_("You have already voted in this ballot."))
            BallotParticipation.objects.create(ballot=locked, person=person)
            nonce, ciphertext = seal(ballot_id=locked.pk, choice=choice)
            SealedVote.objects.create(ballot=locked, nonce=nonce, ciphertext=ciphertext)
    except IntegrityError:
        # A concurrent second vote by the same member: the unique constraint stopped it, and both rows rolled back.
        raise ValidationError(_("You have already voted in this ballot.")) from None


def _threshold(ballot: Ballot) -> Decimal:
    own = ballot.nomination.title.ballot_threshold_percent
    return Decimal(own if own is not None else settings.BALLOT_DEFAULT_THRESHOLD_PERCENT)


def _tampered() -> ValidationError:
    return ValidationError(_("The sealed ballot papers do not match the members who voted: the database was changed "
                             "outside the portal. The ballot cannot be counted."))


def _open_papers(ballot: Ballot) -> list[str]:
    """Every choice of an open ballot's sealed papers; refuses, changing nothing, when one cannot be opened, or when
    papers were added, removed or copied behind the portal's back (one paper per participation, no nonce twice)."""
    papers = list(SealedVote.objects.filter(ballot=ballot).values_list("nonce", "ciphertext"))
    # Plain papers of an open ballot exist only if the portal was upgraded to sealed papers during a meeting.
    unsealed = list(BallotVote.objects.filter(ballot=ballot).values_list("choice", flat=True))
    voters = BallotParticipation.objects.filter(ballot=ballot).count()
    if len(papers) + len(unsealed) != voters or len({bytes(nonce) for nonce, _c in papers}) != len(papers):
        raise _tampered()
    try:
        choices = [open_paper(ballot_id=ballot.pk, nonce=nonce, ciphertext=ciphertext)
                   for nonce, ciphertext in papers]
    except UnreadablePaper:
        raise ValidationError(_(
            "The sealed ballot papers cannot be opened: the server's secret key (SECRET_KEY) has changed since this "
            "ballot was opened. Put the previous key back, or list it in SECRET_KEY_FALLBACKS, then close the "
            "ballot again. No vote has been lost.")) from None
    if not set(choices) <= set(BallotChoice.values):
        raise _tampered()
    return choices + unsealed


@transaction.atomic
@audited("close_ballot")
def close_ballot(*, ballot: Ballot, by) -> Ballot:
    """Close an open ballot and freeze the council's membership, the counts, the pass mark and the outcome.

    The sealed papers are opened and written as plain BallotVote rows in one shuffled batch, so neither the order
    nor the transaction of any plain row says who cast it; the sealed rows are deleted (overwritten on SQLite) and
    vacuumed once the close commits (PostgreSQL). Refused, changing nothing, if a paper cannot be opened (SECRET_KEY
    changed without a fallback). The outcome is not published (nor the nomination's status changed) until
    publish_ballot.
    """
    locked = Ballot.objects.select_for_update().select_related("meeting", "nomination__title").get(pk=ballot.pk)
    _require_office_or_chair(by, locked.meeting)
    if locked.status != BallotStatus.OPEN:
        raise ValidationError(_("This ballot is closed."))
    choices = _open_papers(locked)
    random.SystemRandom().shuffle(choices)
    BallotVote.objects.filter(ballot=locked).delete()
    BallotVote.objects.bulk_create([BallotVote(ballot=locked, choice=c) for c in choices])
    secure_delete_on(connection)
    SealedVote.objects.filter(ballot=locked).delete()
    transaction.on_commit(vacuum_sealed_papers, robust=True)

    locked.eligible_count = council_members(locked.meeting.commune_id).count()
    locked.votes_cast = len(choices)
    locked.agree_count = choices.count(BallotChoice.AGREE)
    locked.disagree_count = choices.count(BallotChoice.DISAGREE)
    locked.threshold_percent = _threshold(locked)
    # Integer arithmetic, so exactly 80% passes an 80% mark.
    locked.passed = locked.eligible_count > 0 and (
        locked.agree_count * 100 >= locked.threshold_percent * locked.eligible_count
    )
    locked.status = BallotStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["eligible_count", "votes_cast", "agree_count", "disagree_count",
                               "threshold_percent", "passed", "status", "closed_at"])
    return locked


@transaction.atomic
@audited("publish_ballot")
def publish_ballot(*, ballot: Ballot, by) -> Ballot:
    """Publish a closed ballot's result; the nomination becomes "passed" or "failed"."""
    locked = Ballot.objects.select_for_update().select_related("meeting", "nomination").get(pk=ballot.pk)
    _require_office_or_chair(by, locked.meeting)
    if locked.status != BallotStatus.CLOSED:
        raise ValidationError(_("Only a closed ballot can be published."))
    locked.status = BallotStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at"])
    nomination = locked.nomination
    nomination.status = NominationStatus.PASSED if locked.passed else NominationStatus.FAILED
    nomination.save(update_fields=["status"])
    return locked


def results(ballot: Ballot) -> BallotResult | None:
    """The frozen counts of a closed or published ballot; None while it is open (nothing is counted before close)."""
    if ballot.status == BallotStatus.OPEN:
        return None
    return BallotResult(
        eligible_count=ballot.eligible_count, votes_cast=ballot.votes_cast, agree_count=ballot.agree_count,
        disagree_count=ballot.disagree_count, threshold_percent=ballot.threshold_percent, passed=ballot.passed,
    )
