"""A proposal for "Chiến sĩ thi đua cấp tỉnh" ready to go up to the province, shared by the dossier tests, the access
table and the end-to-end journey: a passed nomination with its published ballot at a council meeting whose minutes are
issued, the People's Committee's Tờ trình issued, and (unless told otherwise) the nominee's report provided."""

from django.utils import timezone

from awards.decisions import create_decision, issue_minutes, submit_decision
from awards.enums import BallotStatus, Decider, NominationStatus
from awards.models import Ballot, DossierItem, Nomination

REPORT = "bao-cao-thanh-tich"


def publish_ballot(meeting, nomination, *, eligible=3):
    now = timezone.now()
    return Ballot.objects.create(meeting=meeting, nomination=nomination, status=BallotStatus.PUBLISHED,
                                 opened_at=now, closed_at=now, published_at=now, eligible_count=eligible,
                                 votes_cast=eligible, agree_count=eligible, disagree_count=0, threshold_percent="90",
                                 passed=True)


def provincial_proposal(*, meeting, title, person, by, submitted_on, with_report=True, minutes=True):
    """The draft-to-submitted proposal of one CSTĐ cấp tỉnh nomination of `person` at `meeting`."""
    nomination = Nomination.objects.create(commune=meeting.commune, year=meeting.year, title=title, person=person,
                                           unit=person.unit, status=NominationStatus.PASSED,
                                           achievement="Hoàn thành xuất sắc nhiệm vụ ba năm liền")
    meeting.nominations.add(nomination)
    publish_ballot(meeting, nomination)
    if minutes and meeting.minutes_id is None:
        issue_minutes(meeting=meeting, issued_on=meeting.held_on, by=by)
    proposal = create_decision(commune=meeting.commune, year=meeting.year, decider=Decider.PROVINCE_CHAIRMAN,
                               nominations=[nomination], by=by)
    submit_decision(decision=proposal, issued_on=submitted_on, by=by)
    if with_report:
        provide_report(nomination, file="")
    proposal.refresh_from_db()
    return proposal, nomination


def provide_report(nomination, *, file="dossiers/2022/bao-cao.pdf"):
    requirement = nomination.title.dossier_requirements.get(code=REPORT)
    item, _created = DossierItem.objects.update_or_create(
        nomination=nomination, requirement=requirement, defaults={"provided": True, "file": file})
    return item
