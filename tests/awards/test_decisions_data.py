"""Shared fixtures of the decision tests, no tests here (titles, lan and minh come from tests/awards/conftest.py):
a council meeting whose published ballots passed three commune-level nominations (a person, a unit, a household)
and failed a fourth, and a passed nomination decided by the town."""

import datetime

import pytest
from django.utils import timezone

from awards.enums import BallotStatus, NominationStatus
from awards.models import Attendance, Ballot, CouncilMeeting, Nomination
from directory.enums import Role
from disclosure.services import post_disclosure
from tests import factories as f

DECIDED_ON = datetime.date(2022, 12, 15)


def disclose(nominations, *, by, starts_on=datetime.date(2022, 11, 25), days=10):
    """Post the nominations publicly (the disclosure app), so a decision may follow the end of the period."""
    nominations = list(nominations)
    return post_disclosure(commune=nominations[0].commune, year=nominations[0].year, starts_on=starts_on, days=days,
                           nominations=nominations, by=by)


def nominate(*, commune, title, status=NominationStatus.PASSED, year=2022, **kwargs) -> Nomination:
    return Nomination.objects.create(commune=commune, year=year, title=title, status=status, **kwargs)


def publish(meeting, nomination, *, agree, eligible=3, threshold="80", passed=True) -> Ballot:
    now = timezone.now()
    return Ballot.objects.create(meeting=meeting, nomination=nomination, status=BallotStatus.PUBLISHED,
                                 opened_at=now, closed_at=now, published_at=now, eligible_count=eligible,
                                 votes_cast=eligible, agree_count=agree, disagree_count=eligible - agree,
                                 threshold_percent=threshold, passed=passed)


@pytest.fixture
def absent_member(commune, office_unit):
    person = f.PersonFactory(commune=commune, unit=office_unit, full_name="Đinh Thị Quế",
                             position="Chủ tịch Hội LHPN")
    f.RoleFactory(person=person, role=Role.COUNCIL_MEMBER)
    return person


@pytest.fixture
def meeting(commune, chairman, office_clerk, council_member, absent_member):
    meeting = CouncilMeeting.objects.create(
        commune=commune, year=2022, held_on=datetime.date(2022, 12, 10), place="Hội trường UBND xã",
        chair=chairman.person, secretary=office_clerk.person, agenda="Xét khen thưởng năm 2022",
        starts_at=datetime.time(8, 0), ends_at=datetime.time(10, 30),
        conclusions="Hội đồng thống nhất đề nghị Chủ tịch UBND xã tặng Giấy khen.")
    Attendance.objects.create(meeting=meeting, person=chairman.person, present=True)
    Attendance.objects.create(meeting=meeting, person=council_member.person, present=True)
    Attendance.objects.create(meeting=meeting, person=absent_member, present=False,
                              written_opinion="Đồng ý với danh sách đề nghị.")
    return meeting


@pytest.fixture
def passed(commune, thon_a, titles, lan, minh, meeting):
    """The nominations of the scenario, by name; the council passed all but `failed`."""
    lan.position = "Chi hội trưởng Phụ nữ"
    lan.save()
    items = {
        "lan": nominate(commune=commune, title=titles["giay-khen-ca-nhan"], person=lan, unit=thon_a,
                        achievement="Có thành tích xuất sắc trong công tác dân số năm 2022"),
        "thon_a": nominate(commune=commune, title=titles["giay-khen-tap-the"], unit=thon_a),
        "household": nominate(commune=commune, title=titles["giay-khen-ho"], unit=thon_a,
                              household="Hộ ông Nguyễn Văn Tư, xóm 3 Thôn A"),
        "failed": nominate(commune=commune, title=titles["giay-khen-ca-nhan"], person=minh, unit=thon_a,
                           status=NominationStatus.FAILED),
        "town": nominate(commune=commune, title=titles["ldtt"], person=minh, unit=thon_a),
    }
    meeting.nominations.set(items.values())
    for key, nomination in items.items():
        publish(meeting, nomination, agree=1 if key == "failed" else 3, passed=key != "failed")
    return items


@pytest.fixture
def commune_nominations(passed, office_clerk):
    """The three passed nominations the commune chairman decides, posted publicly from 25/11 to 04/12/2022."""
    nominations = [passed["lan"], passed["thon_a"], passed["household"]]
    disclose(nominations, by=office_clerk)
    return nominations
