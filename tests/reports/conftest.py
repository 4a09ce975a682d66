"""A hand-counted commune year for the report figures: every number the tests expect is counted in the comments.

Units that emulate: Thôn A, Thôn B, Văn phòng - Thống kê, Hội Phụ nữ (4); an ended hamlet does not count.
"""

import datetime
from decimal import Decimal

import pytest

from awards.catalogue import load_catalogue
from awards.enums import AwardStatus, Decider
from awards.models import Award, AwardDecision, Nomination
from directory.enums import Gender, PersonKind, UnitKind
from registrations.eligibility import titles_for
from registrations.enums import PeriodKind, PhaseKind, RegistrationStatus
from registrations.models import ContestEntry, Initiative, Phase, Registration
from tests import factories as f
from timeline.enums import TaskStatus

D = datetime.date


@pytest.fixture
def titles(plan):
    load_catalogue()
    return {title.code: title for title in titles_for(commune=plan.commune, year=2022)}


@pytest.fixture
def hoi_pn(commune):
    return f.UnitFactory(commune=commune, name="Hội Phụ nữ", kind=UnitKind.ORGANISATION, position=20)


@pytest.fixture
def year_data(commune, plan, titles, thon_a, thon_b, office_unit, hoi_pn, office_clerk, council_member, chairman,
              hamlet_leader, other_hamlet_leader):
    """The hand-counted 2022 of Xuân Sơn (see each block for its counts)."""
    f.UnitFactory(commune=commune, name="Thôn cũ", kind=UnitKind.HAMLET, valid_until=D(2021, 6, 30))
    phase = Phase.objects.create(commune=commune, year=2022, kind=PhaseKind.REGISTRATION, name="Đăng ký",
                                 opens_on=D(2022, 1, 4), closes_on=D(2022, 1, 31))
    # People. Officials: the five personas + lan, minh, hoa = 8; a resident does not count as staff.
    lan = f.PersonFactory(commune=commune, unit=thon_a, full_name="Đỗ Thị Lan", gender=Gender.FEMALE)
    minh = f.PersonFactory(commune=commune, unit=thon_a, full_name="Vũ Văn Minh")
    hoa = f.PersonFactory(commune=commune, unit=office_unit, full_name="Lê Thị Hoa", gender=Gender.FEMALE)
    f.PersonFactory(commune=commune, unit=thon_b, full_name="Ngô Văn Dân", kind=PersonKind.RESIDENT)

    def reg(unit, code, status, person=None):
        return Registration.objects.create(commune=commune, year=2022, phase=phase, unit=unit, title=titles[code],
                                           recipient_kind=titles[code].recipient_kind, person=person, status=status)

    # Registrations: 7 in all (1 draft, 2 submitted, 1 returned, 3 accepted); 6 counted, from 3 of the 4 units.
    # Thôn A: thôn văn hóa 1, LĐTT 2 | Thôn B: LĐTT 1 | Văn phòng: TTLĐTT 1, CSTĐCS 1.
    reg(thon_a, "thon-van-hoa", RegistrationStatus.ACCEPTED)
    reg(thon_a, "ldtt", RegistrationStatus.ACCEPTED, lan)
    reg(thon_a, "ldtt", RegistrationStatus.SUBMITTED, minh)
    reg(thon_a, "cstdcs", RegistrationStatus.DRAFT, minh)
    reg(thon_b, "ldtt", RegistrationStatus.RETURNED, other_hamlet_leader.person)
    reg(office_unit, "ttldtt", RegistrationStatus.SUBMITTED)
    reg(office_unit, "cstdcs", RegistrationStatus.ACCEPTED, hoa)

    # Initiatives of 2022: 4 submitted, 3 recognised, 2 applied; staff with a recognised one: minh, hoa = 2/8 = 25%;
    # applied 2/3 = 66.7% (< 70%). One of 2021 does not count.
    def initiative(unit, title, authors, recognised=None, applied=None, year=2022):
        item = Initiative.objects.create(commune=commune, year=year, unit=unit, title=title, recognised=recognised,
                                         applied=applied)
        item.authors.set(authors)
        return item

    initiative(thon_a, "Số hóa sổ hộ khẩu", [minh], True, True)
    initiative(office_unit, "Một cửa điện tử", [hoa], True, False)
    initiative(office_unit, "Lưu trữ số", [hoa], False, None)
    initiative(thon_b, "Đèn đường năng lượng mặt trời", [], True, True)
    initiative(thon_a, "Sáng kiến cũ", [lan], True, True, year=2021)

    # Contest entries. First six months: Thôn A months 1 and 3 (two in March) = 3; Văn phòng quarter 2 = 1; total 4,
    # 2 units sent, Thôn B and Hội Phụ nữ missing. Whole year adds Thôn A month 8 and Hội Phụ nữ month 12: total 6,
    # 3 units sent, only Thôn B missing.
    def entry(unit, kind, period):
        ContestEntry.objects.create(commune=commune, unit=unit, year=2022, period_kind=kind, period=period,
                                    title="Gương sáng", subject="Bà Lan")

    entry(thon_a, PeriodKind.MONTH, 1)
    entry(thon_a, PeriodKind.MONTH, 3)
    entry(thon_a, PeriodKind.MONTH, 3)
    entry(office_unit, PeriodKind.QUARTER, 2)
    entry(thon_a, PeriodKind.MONTH, 8)
    entry(hoi_pn, PeriodKind.MONTH, 12)

    # Awards. Decided 10/05/2022 (the town): LĐTT lan (woman) 447,000, LĐTT minh 447,000, TTLĐTT Văn phòng
    # 1,192,000 → first six months: 3 awards, 1 woman, 2,086,000. Decided 20/12/2022: Giấy khen hộ 670,500 and
    # Giấy khen hoa (woman) 447,000, plus a revoked LĐTT that never counts. No date: thôn văn hóa Thôn A 2,235,000.
    # Whole year: 6 awards (individual 3, collective 1, household 1, hamlet 1), 2 women, 5,438,500.
    town = AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.DISTRICT_CHAIRMAN,
                                        external_code="123/QĐ-UBND", external_date=D(2022, 5, 10))
    december = AwardDecision.objects.create(
        commune=commune, year=2022, document=f.DocumentFactory(series__commune=commune, doc_type="QĐ", number=7,
                                                               issued_on=D(2022, 12, 20)))
    undated = AwardDecision.objects.create(commune=commune, year=2022, decider=Decider.DISTRICT_CHAIRMAN,
                                           external_code="9/QĐ-UBND")

    def award(decision, code, amount, person=None, unit=None, household="", status=AwardStatus.ACTIVE):
        nomination = Nomination.objects.create(commune=commune, year=2022, title=titles[code], person=person,
                                               unit=unit, household=household)
        return Award.objects.create(decision=decision, nomination=nomination, commune=commune, year=2022,
                                    title=titles[code], person=person, unit=unit or (person and person.unit),
                                    recipient_name=person.full_name if person else (household or unit.name),
                                    amount=Decimal(amount), status=status)

    award(town, "ldtt", 447000, person=lan)
    award(town, "ldtt", 447000, person=minh)
    award(town, "ttldtt", 1192000, unit=office_unit)
    award(december, "giay-khen-ho", 670500, household="Hộ ông Ngô Văn Dân, Thôn B", unit=thon_b)
    award(december, "giay-khen-ca-nhan", 447000, person=hoa)
    award(december, "ldtt", 447000, person=hoa, status=AwardStatus.REVOKED)
    award(undated, "thon-van-hoa", 2235000, unit=thon_a)

    # Timeline tasks of the plan (the plan fixture has one due 15/11/2022, not started).
    # First six months (due by 30/06): on time 1, late 1, open 1 (overdue); whole year: 4 tasks, 2 open, 2 overdue.
    f.TaskFactory(plan=plan, position=2, due_on=D(2022, 1, 31), status=TaskStatus.DONE, done_on=D(2022, 1, 30))
    f.TaskFactory(plan=plan, position=3, due_on=D(2022, 6, 30), status=TaskStatus.DONE, done_on=D(2022, 7, 5))
    f.TaskFactory(plan=plan, position=4, due_on=D(2022, 3, 1), status=TaskStatus.IN_PROGRESS)
    return {"lan": lan, "minh": minh, "hoa": hoa}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ubnd(commune):
    return f.SeriesFactory(commune=commune, code="UBND")


@pytest.fixture
def council_series(commune):
    return f.SeriesFactory(commune=commune, code="HĐTĐKT", name="Hội đồng Thi đua - Khen thưởng xã",
                           parent_body="UBND XÃ XUÂN SƠN", issuing_body="HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                           signing_capacity="TM. HỘI ĐỒNG")
