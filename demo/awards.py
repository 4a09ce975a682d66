"""Demo data of Xuân Sơn's 2022 year-end evaluation: accepted registrations, nominations, the council meeting of
20/11/2022 with its secret ballots (closed and published). Idempotent: it does nothing once the meeting exists.

Disclosure and decisions are seeded by their own modules afterwards (see demo.management.commands.seed_demo).
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from awards import ballot as ballots
from awards.enums import BallotChoice
from awards.meetings import create_meeting, set_attendance
from awards.models import CouncilMeeting, Nomination
from awards.nominations import create_nomination, create_nominations_from_registrations
from directory.models import Person, Unit
from registrations.eligibility import titles_for
from registrations.enums import PhaseKind, RegistrationStatus
from registrations.models import Initiative, Phase, Registration

YEAR = 2022
MEETING_DAY = datetime.date(2022, 11, 20)

# Officials registered for LĐTT (by name); Hương also for CSTĐCS with her initiative.
LDTT = [
    "Hoàng Văn Vân", "Nguyễn Văn Thắng", "Đỗ Văn Hải", "Nguyễn Thị Hương", "Lê Thị Thu Trang", "Phan Thị Mai",
    "Khuất Văn Tuấn", "Nguyễn Đức Mạnh", "Phùng Văn Cường", "Đỗ Thị Thanh Hà", "Nguyễn Văn Khải", "Lê Quang Huy",
    "Bùi Văn Dũng", "Kiều Văn Thành",
]
CSTDCS = ("Nguyễn Thị Hương", "Số hóa hồ sơ thi đua, khen thưởng và theo dõi tiến độ trên cổng thông tin của xã")
TTLDTT = ["Văn phòng - Thống kê", "Tư pháp - Hộ tịch"]
HAMLETS = ["Thôn Đồng Trạng", "Thôn Xuân Trù"]
HOUSEHOLDS = [
    ("Thôn Đồng Trạng", "Hộ ông Phùng Văn Tâm, thôn Đồng Trạng"),
    ("Thôn Xuân Trù", "Hộ ông Đỗ Văn Lộc, thôn Xuân Trù"),
    ("Thôn Đồi Dù", "Hộ ông Lê Văn Bình, thôn Đồi Dù"),
]
# Direct Giấy khen for sudden achievements; the second does not reach the council's pass mark.
DIRECT = [
    ("Nguyễn Thị Nga", "Dũng cảm cứu người đuối nước tại hồ Đồng Mô ngày 12/7/2022.", True),
    ("Đinh Thị Huệ", "Tích cực vận động nhân dân hiến đất làm đường giao thông nông thôn năm 2022.", False),
]
ABSENT = ("Đỗ Văn Quang", "Nhất trí với danh sách đề nghị khen thưởng năm 2022 do Thường trực Hội đồng trình.")


def seed_demo_awards(commune) -> int:
    """Seed the 2022 evaluation up to the published ballots; returns the number of nominations created."""
    if CouncilMeeting.objects.filter(commune=commune, year=YEAR).exists():
        return 0
    titles = {t.code: t for t in titles_for(commune=commune, year=YEAR)}
    if not titles:
        return 0
    clerk = get_user_model().objects.get(username="vanphong")
    people = {p.full_name: p for p in Person.objects.filter(commune=commune).select_related("unit")}
    units = {u.name: u for u in Unit.objects.filter(commune=commune)}
    phase = Phase.objects.get(commune=commune, year=YEAR, kind=PhaseKind.REGISTRATION, campaign=None)

    def accepted(unit, title, **kwargs):
        Registration.objects.create(commune=commune, year=YEAR, phase=phase, unit=unit, title=title,
                                    recipient_kind=title.recipient_kind, status=RegistrationStatus.ACCEPTED,
                                    created_by=clerk, **kwargs)

    for name in LDTT:
        accepted(people[name].unit, titles["ldtt"], person=people[name])
    author, initiative_title = CSTDCS
    initiative = Initiative.objects.create(
        commune=commune, year=YEAR, unit=people[author].unit, title=initiative_title, field="Cải cách hành chính",
        due_on=datetime.date(2022, 8, 1), submitted_at=timezone.make_aware(datetime.datetime(2022, 7, 25, 9)),
        recognised=True, applied=True, benefit="Rút ngắn thời gian tổng hợp hồ sơ khen thưởng từ 10 ngày xuống 3 ngày.",
    )
    initiative.authors.add(people[author])
    accepted(people[author].unit, titles["cstdcs"], person=people[author], initiative=initiative)
    for name in TTLDTT:
        accepted(units[name], titles["ttldtt"])
    for name in HAMLETS:
        accepted(units[name], titles["thon-van-hoa"])
    for unit_name, household in HOUSEHOLDS:
        accepted(units[unit_name], titles["gia-dinh-van-hoa"], household=household)

    made = create_nominations_from_registrations(commune=commune, year=YEAR, by=clerk)
    direct = {}
    for name, achievement, passes in DIRECT:
        nomination = create_nomination(commune=commune, year=YEAR, title=titles["giay-khen-ca-nhan"],
                                       person=people[name], achievement=achievement, by=clerk)
        made.append(nomination)
        direct[nomination.pk] = passes

    meeting = create_meeting(
        commune=commune, year=YEAR, held_on=MEETING_DAY, starts_at=datetime.time(14, 0), place="Hội trường UBND xã",
        chair=people["Hoàng Văn Vân"], secretary=people["Lê Thị Thu Trang"], by=clerk,
        agenda="Bình xét, đề nghị khen thưởng danh hiệu thi đua và hình thức khen thưởng năm 2022.",
        nominations=made,
    )
    absent_name, opinion = ABSENT
    set_attendance(meeting=meeting, person=people[absent_name], present=False, written_opinion=opinion, by=clerk)
    present = [a.person for a in meeting.attendances.filter(present=True).select_related("person")]
    for nomination in Nomination.objects.filter(pk__in=[n.pk for n in made]).order_by("pk"):
        ballot = ballots.open_ballot(meeting=meeting, nomination=nomination, by=clerk)
        passes = direct.get(nomination.pk, True)
        for index, person in enumerate(present):
            choice = BallotChoice.AGREE if passes or index < 3 else BallotChoice.DISAGREE
            ballots.cast_vote(ballot=ballot, person=person, choice=choice)
        ballots.close_ballot(ballot=ballot, by=clerk)
        ballots.publish_ballot(ballot=ballot, by=clerk)
    meeting.ends_at = datetime.time(16, 30)
    meeting.conclusions = ("Hội đồng thống nhất đề nghị khen thưởng các tập thể, hộ gia đình và cá nhân đạt tỷ lệ "
                           "phiếu đồng ý theo quy định.")
    meeting.save(update_fields=["ends_at", "conclusions"])
    return len(made)


FUND_INCOME = [  # the commune's award fund of 2022, before its decisions are issued
    (datetime.date(2022, 1, 20), "budget", 30_000_000,
     "Dự toán ngân sách năm 2022 trích lập Quỹ thi đua, khen thưởng"),
    (datetime.date(2022, 9, 5), "contribution", 5_000_000,
     "Doanh nghiệp trên địa bàn ủng hộ Quỹ thi đua, khen thưởng"),
]


def seed_demo_fund(commune, clerk) -> None:
    """The 2022 income of the commune's award fund (a budget allocation and a contribution), so that the decisions'
    reward money leaves a positive balance."""
    from funds.services import add_fund_entry, entries_of

    if entries_of(commune, YEAR).exists():
        return
    for day, kind, amount, description in FUND_INCOME:
        add_fund_entry(owner=commune, kind=kind, booked_on=day, amount=amount, description=description, by=clerk)


def seed_demo_decisions(commune) -> int:
    """After the public posting: the council's minutes (01/BB-HĐTĐKT), the commune chairman's decision 15/QĐ-UBND
    of 15/12/2022 (Giấy khen, Gia đình văn hóa) and the town's decision received for the titles it decides.
    Idempotent: nothing happens once the year has a decision. Returns the number of awards created."""
    from awards.decisions import (
        create_decision,
        decidable_nominations,
        issue_decision,
        issue_minutes,
        record_external_decision,
        submit_decision,
    )
    from awards.enums import Decider
    from awards.models import AwardDecision

    meeting = CouncilMeeting.objects.filter(commune=commune, year=YEAR).first()
    if meeting is None or AwardDecision.objects.filter(commune=commune, year=YEAR).exists():
        return 0
    clerk = get_user_model().objects.get(username="vanphong")
    if meeting.minutes_id is None:
        issue_minutes(meeting=meeting, issued_on=MEETING_DAY, by=clerk, number=1)
    created = 0
    seed_demo_fund(commune, clerk)
    own = list(decidable_nominations(commune=commune, year=YEAR, decider=Decider.COMMUNE_CHAIRMAN))
    if own:
        decision = create_decision(commune=commune, year=YEAR, decider=Decider.COMMUNE_CHAIRMAN, nominations=own,
                                   by=clerk)
        submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 10), by=clerk)
        issue_decision(decision=decision, issued_on=datetime.date(2022, 12, 15), by=clerk, number=15)
        created += decision.awards.count()
    town = list(decidable_nominations(commune=commune, year=YEAR, decider=Decider.DISTRICT_CHAIRMAN))
    if town:
        decision = create_decision(commune=commune, year=YEAR, decider=Decider.DISTRICT_CHAIRMAN, nominations=town,
                                   by=clerk)
        submit_decision(decision=decision, issued_on=datetime.date(2022, 12, 5), by=clerk)
        record_external_decision(decision=decision, code="2415/QĐ-UBND", issuer="UBND thị xã Sơn Tây",
                                 decided_on=datetime.date(2022, 12, 28), by=clerk)
        created += decision.awards.count()
    return created
