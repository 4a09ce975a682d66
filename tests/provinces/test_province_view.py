"""The province's view of a year across its communes: the figures against a hand-counted province of three communes
(each number's count is in the comments), isolation between provinces, the workbook, a query count that does not
grow with the communes, and who gets in."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards.catalogue import load_catalogue
from awards.enums import AwardStatus, Decider
from awards.models import Award, AwardDecision, Nomination, RuleSet
from campaigns.enums import PlanStatus
from directory.enums import Gender, PersonKind, UnitKind
from provinces.enums import DossierStatus
from provinces.models import DossierCall, DossierReminder
from provinces.overview import province_year
from registrations.enums import PeriodKind, PhaseKind, RegistrationStatus
from registrations.models import ContestEntry, Initiative, Phase, Registration

from .. import factories as f
from .dossier_rows import sent_dossier

pytestmark = pytest.mark.django_db
D = datetime.date
ACCEPTED, SUBMITTED, RETURNED, DRAFT = (RegistrationStatus.ACCEPTED, RegistrationStatus.SUBMITTED,
                                        RegistrationStatus.RETURNED, RegistrationStatus.DRAFT)
CODES = ["ldtt", "cstdcs", "ttldtt", "ttldxs", "cstd-tinh", "thon-van-hoa", "gia-dinh-van-hoa"]


@pytest.fixture
def titles(db):
    load_catalogue()
    return {title.code: title for title in RuleSet.objects.in_force_on(D(2022, 1, 1)).titles.all()}


class Year:
    """Helpers that put one commune's records of a year in place."""

    def __init__(self, commune, titles, year=2022):
        self.commune, self.titles, self.year = commune, titles, year
        self.decisions = {}

    def person(self, name, unit=None, gender=Gender.MALE, kind=PersonKind.OFFICIAL):
        return f.PersonFactory(commune=self.commune, unit=unit, full_name=name, gender=gender, kind=kind)

    def reg(self, code, status, *, unit, person=None, year=None):
        year = year or self.year
        phase, _ = Phase.objects.get_or_create(commune=self.commune, year=year, kind=PhaseKind.REGISTRATION, defaults={
            "name": "Đăng ký", "opens_on": D(year, 1, 4), "closes_on": D(year, 1, 31)})
        title = self.titles[code]
        Registration.objects.create(commune=self.commune, year=year, phase=phase, unit=unit, title=title,
                                    recipient_kind=title.recipient_kind, person=person, status=status)

    def initiative(self, unit, authors, recognised=None, applied=None, year=None):
        item = Initiative.objects.create(commune=self.commune, year=year or self.year, unit=unit, title="Sáng kiến",
                                         recognised=recognised, applied=applied)
        item.authors.set(authors)

    def entry(self, unit, kind, period, year=None):
        ContestEntry.objects.create(commune=self.commune, unit=unit, year=year or self.year, period_kind=kind,
                                    period=period, title="Gương sáng", subject="Bà Lan")

    def decision(self, decider, day=None):
        if decider == Decider.COMMUNE_CHAIRMAN:
            document = f.DocumentFactory(series__commune=self.commune, doc_type="QĐ", issued_on=day)
            return AwardDecision.objects.create(commune=self.commune, year=self.year, decider=decider,
                                                document=document)
        return AwardDecision.objects.create(commune=self.commune, year=self.year, decider=decider,
                                            external_code=f"{len(self.decisions) + 1}/QĐ-UBND", external_date=day)

    def award(self, decision, code, amount, *, person=None, unit=None, status=AwardStatus.ACTIVE, year=None):
        title = self.titles[code]
        year = year or self.year
        nomination = Nomination.objects.create(commune=self.commune, year=year, title=title, person=person,
                                               unit=unit)
        Award.objects.create(decision=decision, nomination=nomination, commune=self.commune, year=year, title=title,
                             person=person, unit=unit or (person and person.unit),
                             recipient_name=person.full_name if person else unit.name, amount=Decimal(amount),
                             status=status)


@pytest.fixture
def province(commune, other_commune, titles, thon_a, thon_b, office_unit):
    """Hà Nội's 2022: Xuân Sơn with everything, Cổ Đông with a little and a draft plan, Đường Lâm with nothing."""
    # --- Xuân Sơn. Emulating units: Thôn A, Thôn B, Văn phòng (3); an ended hamlet does not count.
    xs = Year(commune, titles)
    f.UnitFactory(commune=commune, name="Thôn cũ", kind=UnitKind.HAMLET, valid_until=D(2021, 6, 30))
    f.PlanFactory(commune=commune, status=PlanStatus.ISSUED, document__number=1)  # 01/KH-UBND, 04/01/2022
    # Officials: lan, minh, hoa, binh = 4 (a resident is not staff).
    lan = xs.person("Đỗ Thị Lan", thon_a, Gender.FEMALE)
    minh = xs.person("Vũ Văn Minh", thon_a)
    hoa = xs.person("Lê Thị Hoa", office_unit, Gender.FEMALE)
    binh = xs.person("Trần Văn Bình", office_unit)
    xs.person("Ngô Văn Dân", thon_b, kind=PersonKind.RESIDENT)
    # Registrations: ldtt 3 (2 accepted, 1 submitted), cstdcs 1 (returned; a draft does not count), ttldtt 1
    # (accepted), thôn văn hóa 1 (submitted) → 6 registered: 3 awaiting, 3 accepted. One of 2021 does not count.
    xs.reg("ldtt", ACCEPTED, unit=thon_a, person=lan)
    xs.reg("ldtt", ACCEPTED, unit=thon_a, person=minh)
    xs.reg("ldtt", SUBMITTED, unit=office_unit, person=hoa)
    xs.reg("cstdcs", RETURNED, unit=office_unit, person=hoa)
    xs.reg("cstdcs", DRAFT, unit=thon_a, person=minh)
    xs.reg("ttldtt", ACCEPTED, unit=office_unit)
    xs.reg("thon-van-hoa", SUBMITTED, unit=thon_a)
    xs.reg("ldtt", ACCEPTED, unit=office_unit, person=binh, year=2021)
    # Initiatives: 3 submitted, 2 recognised, 1 applied; staff with a recognised one: minh, hoa = 2/4 = 50% (target
    # 15% met); applied 1/2 = 50% (target 70% not met). One of 2021 does not count.
    xs.initiative(thon_a, [minh], True, True)
    xs.initiative(office_unit, [hoa], True, False)
    xs.initiative(office_unit, [binh], False)
    xs.initiative(thon_a, [lan], True, True, year=2021)
    # Contest: Thôn A months 1 and 2, Văn phòng quarter 3 → 3 entries from 2 of the 3 units; 2021 does not count.
    xs.entry(thon_a, PeriodKind.MONTH, 1)
    xs.entry(thon_a, PeriodKind.MONTH, 2)
    xs.entry(office_unit, PeriodKind.QUARTER, 3)
    xs.entry(thon_b, PeriodKind.MONTH, 5, year=2021)
    # Awards: the commune: Giấy khen hoa (woman) 447,000. The town (10/05/2022): LĐTT lan (woman) and minh 447,000
    # each, TTLĐTT Văn phòng 1,192,000, and a revoked LĐTT binh that never counts. The province (no date): CSTĐ cấp
    # tỉnh lan (woman) 4,470,000. → 5 awards (4 titles, 1 form; commune 1, town 3, province 1), 4 to individuals of
    # whom 3 women (75%), 7,003,000 đồng.
    own = xs.decision(Decider.COMMUNE_CHAIRMAN, D(2022, 12, 20))
    town = xs.decision(Decider.DISTRICT_CHAIRMAN, D(2022, 5, 10))
    above = xs.decision(Decider.PROVINCE_CHAIRMAN)
    xs.award(own, "giay-khen-ca-nhan", 447000, person=hoa)
    xs.award(town, "ldtt", 447000, person=lan)
    xs.award(town, "ldtt", 447000, person=minh)
    xs.award(town, "ttldtt", 1192000, unit=office_unit)
    xs.award(town, "ldtt", 447000, person=binh, status=AwardStatus.REVOKED)
    xs.award(above, "cstd-tinh", 4470000, person=lan)

    # --- Cổ Đông: a draft plan; 1 emulating unit; officials nam and mai (2).
    cd = Year(other_commune, titles)
    f.PlanFactory(commune=other_commune, document__number=1)
    thon_dong = f.UnitFactory(commune=other_commune, name="Thôn Đông", kind=UnitKind.HAMLET)
    nam = cd.person("Phan Văn Nam", thon_dong)
    mai = cd.person("Đào Thị Mai", thon_dong, Gender.FEMALE)
    # Registrations: ldtt mai accepted, thôn văn hóa submitted → 2 (1 awaiting, 1 accepted).
    cd.reg("ldtt", ACCEPTED, unit=thon_dong, person=mai)
    cd.reg("thon-van-hoa", SUBMITTED, unit=thon_dong)
    # Initiatives: 1 submitted, not recognised → 0/2 staff = 0%, applied 0%: neither target met.
    cd.initiative(thon_dong, [nam], False)
    # Contest: Thôn Đông month 12 → 1 entry, 1/1 unit.
    cd.entry(thon_dong, PeriodKind.MONTH, 12)
    # Awards, the town (15/12/2022): TTLĐTT Thôn Đông 1,192,000, LĐTT mai (woman) 447,000 → 2 titles, 1 individual,
    # 1 woman (100%), 1,639,000 đồng.
    town = cd.decision(Decider.DISTRICT_CHAIRMAN, D(2022, 12, 15))
    cd.award(town, "ttldtt", 1192000, unit=thon_dong)
    cd.award(town, "ldtt", 447000, person=mai)

    # --- Đường Lâm: no plan, no unit, one official and nothing else.
    duong_lam = f.CommuneFactory(name="Đường Lâm", slug="duong-lam")
    Year(duong_lam, titles).person("Kiều Văn Hùng")

    # --- Dossiers sent up, due by 15/11/2022. Xuân Sơn: one accepted (arrived 10/11) and one returned (12/11) → 2
    # sent, on time. Cổ Đông: one returned (14/11) and not sent again → late, reminded 16/11 and 20/11. Đường Lâm:
    # nothing → late, reminded 16/11. A dossier of 2021 does not count. → 3 sent (2 returned, 1 accepted), 2 communes
    # late, 2 reminded (3 reminders).
    call = DossierCall.objects.create(province=commune.province, year=2022, due_on=D(2022, 11, 15))
    sent_dossier(commune, received_on=D(2022, 11, 10), status=DossierStatus.ACCEPTED)
    sent_dossier(commune, received_on=D(2022, 11, 12), status=DossierStatus.RETURNED)
    sent_dossier(other_commune, received_on=D(2022, 11, 14), status=DossierStatus.RETURNED)
    sent_dossier(duong_lam, year=2021, received_on=D(2021, 11, 1), status=DossierStatus.DECIDED)
    for commune_, day in ((other_commune, D(2022, 11, 16)), (other_commune, D(2022, 11, 20)),
                          (duong_lam, D(2022, 11, 16))):
        DossierReminder.objects.create(call=call, commune=commune_, sent_on=day)
    return {"xuan_son": commune, "co_dong": other_commune, "duong_lam": duong_lam}


@pytest.fixture
def nghe_an(other_province_operator, titles):
    """Nghi Lộc (Nghệ An) with its own 2022, which Hà Nội's view never counts."""
    from directory.models import Commune

    nghi_loc = Commune.objects.get(slug="nghi-loc")
    year = Year(nghi_loc, titles)
    f.PlanFactory(commune=nghi_loc, status=PlanStatus.ISSUED, document__number=3)
    unit = f.UnitFactory(commune=nghi_loc, name="Xóm 1", kind=UnitKind.HAMLET)
    people = [year.person(f"Hồ Thị Na {i}", unit, Gender.FEMALE) for i in range(5)]
    for person in people:
        year.reg("ldtt", ACCEPTED, unit=unit, person=person)
    year.initiative(unit, people[:1], True, True)
    year.entry(unit, PeriodKind.MONTH, 4)
    year.award(year.decision(Decider.DISTRICT_CHAIRMAN, D(2022, 6, 1)), "ldtt", 447000, person=people[0])
    return nghi_loc


def test_communes_in_vietnamese_order_with_their_plan(province):
    view = province_year(province["xuan_son"].province, 2022)
    assert [str(row["commune"]) for row in view.rows] == ["Xã Cổ Đông", "Xã Đường Lâm", "Xã Xuân Sơn"]
    co_dong, duong_lam, xuan_son = view.rows
    assert xuan_son["plan"] == {"issued": True, "code": "01/KH-UBND", "issued_on": D(2022, 1, 4)}
    assert co_dong["plan"] == {"issued": False, "code": "", "issued_on": None}
    assert duong_lam["plan"] is None
    assert view.total["plan"] == 1


def test_registrations_by_title_code(province):
    view = province_year(province["xuan_son"].province, 2022)
    assert [title.code for title in view.titles] == CODES
    co_dong, duong_lam, xuan_son = (row["registrations"] for row in view.rows)
    assert xuan_son == {"by_title": [3, 1, 1, 0, 0, 1, 0], "registered": 6, "submitted": 3, "accepted": 3}
    assert co_dong == {"by_title": [1, 0, 0, 0, 0, 1, 0], "registered": 2, "submitted": 1, "accepted": 1}
    assert duong_lam == {"by_title": [0] * 7, "registered": 0, "submitted": 0, "accepted": 0}
    assert view.total["registrations"] == {"by_title": [4, 1, 1, 0, 0, 2, 0], "registered": 8, "submitted": 4,
                                           "accepted": 4}


def test_initiatives_against_the_targets(province):
    view = province_year(province["xuan_son"].province, 2022)
    co_dong, duong_lam, xuan_son = (row["initiatives"] for row in view.rows)

    def key(ini):
        return (ini["submitted"], ini["recognised"], ini["applied"], ini["staff"], ini["staff_with_recognised"],
                ini["staff_percent"], ini["staff_met"], ini["applied_percent"], ini["applied_met"])

    assert key(xuan_son) == (3, 2, 1, 4, 2, 50.0, True, 50.0, False)
    assert key(co_dong) == (1, 0, 0, 2, 0, 0.0, False, 0.0, False)
    assert key(duong_lam) == (0, 0, 0, 1, 0, 0.0, False, 0.0, False)
    # The province: 2 of 7 officials (28.6%), 1 of 2 recognised applied.
    assert key(view.total["initiatives"]) == (4, 2, 1, 7, 2, 28.6, True, 50.0, False)
    assert (xuan_son["staff_target"], xuan_son["applied_target"]) == (15, 70)


def test_an_author_counts_only_for_the_initiatives_of_their_own_commune(province):
    """Lan (Xuân Sơn) co-authors a recognised initiative of Cổ Đông: neither commune counts her as its staff."""
    from directory.models import Person

    lan = Person.objects.get(full_name="Đỗ Thị Lan")
    item = Initiative.objects.create(commune=province["co_dong"], year=2022, unit=province["co_dong"].units.first(),
                                     title="Chung", recognised=True, applied=True)
    item.authors.set([lan])
    view = province_year(province["xuan_son"].province, 2022)
    co_dong, _, xuan_son = (row["initiatives"] for row in view.rows)
    assert (xuan_son["staff_with_recognised"], co_dong["recognised"], co_dong["staff_with_recognised"]) == (2, 1, 0)


def test_the_commune_figures_are_those_of_its_report(province):
    """The same querysets and formulas as the commune's own year-end report."""
    from reports.figures import compute_figures

    view = province_year(province["xuan_son"].province, 2022)
    report = compute_figures(commune=province["xuan_son"], year=2022, period="year", today=D(2023, 1, 1))
    row = view.rows[2]
    assert row["initiatives"] == report["initiatives"]
    assert row["registrations"]["registered"] == report["registrations"]["total"]
    assert (row["contest"]["total"], row["contest"]["units_sent"], row["contest"]["units_total"]) == (
        report["contest"]["total"], report["contest"]["units_sent"], report["contest"]["units_total"])
    awards = report["awards"]
    assert (row["awards"]["total"], row["awards"]["women"], row["awards"]["amount"]) == (
        awards["total"], awards["women"], awards["amount"])


def test_contest_entries(province):
    view = province_year(province["xuan_son"].province, 2022)
    assert [row["contest"] for row in view.rows] == [
        {"total": 1, "units_sent": 1, "units_total": 1},
        {"total": 0, "units_sent": 0, "units_total": 0},
        {"total": 3, "units_sent": 2, "units_total": 3},
    ]
    assert view.total["contest"] == {"total": 4, "units_sent": 3, "units_total": 4}


def test_awards_by_form_and_level_with_women_and_money(province):
    view = province_year(province["xuan_son"].province, 2022)
    co_dong, duong_lam, xuan_son = (row["awards"] for row in view.rows)
    assert xuan_son == {"total": 5, "titles": 4, "forms": 1, "by_decider": [1, 3, 1], "people": 4, "women": 3,
                        "women_percent": 75.0, "amount": 7003000}
    assert co_dong == {"total": 2, "titles": 2, "forms": 0, "by_decider": [0, 2, 0], "people": 1, "women": 1,
                       "women_percent": 100.0, "amount": 1639000}
    assert duong_lam["total"] == 0 and duong_lam["women_percent"] == 0.0
    assert view.total["awards"] == {"total": 7, "titles": 6, "forms": 1, "by_decider": [1, 5, 1], "people": 5,
                                    "women": 4, "women_percent": 80.0, "amount": 8642000}
    lines = [(line["code"], line["decider"], line["count"], line["people"], line["women"], line["women_percent"],
              line["amount"], [c.name for c in line["communes"]]) for line in view.awards_by_title]
    assert lines == [
        ("ldtt", "district", 3, 3, 2, 66.7, 1341000, ["Cổ Đông", "Xuân Sơn"]),
        ("ttldtt", "district", 2, 0, 0, 0.0, 2384000, ["Cổ Đông", "Xuân Sơn"]),
        ("cstd-tinh", "province", 1, 1, 1, 100.0, 4470000, ["Xuân Sơn"]),
        ("giay-khen-ca-nhan", "commune", 1, 1, 1, 100.0, 447000, ["Xuân Sơn"]),
    ]


def test_dossiers_sent_their_states_late_and_reminded(province):
    view = province_year(province["xuan_son"].province, 2022, today=D(2022, 12, 1))
    assert view.call.due_on == D(2022, 11, 15)
    co_dong, duong_lam, xuan_son = (row["dossiers"] for row in view.rows)

    def key(dossiers):
        return (dossiers["sent"], dossiers["by_status"], dossiers["late"], dossiers["outstanding"],
                dossiers["reminded_on"], dossiers["reminders"])

    # by_status: sent, received, returned, accepted, decided
    assert key(xuan_son) == (2, [0, 0, 1, 1, 0], False, False, None, 0)
    assert key(co_dong) == (1, [0, 0, 1, 0, 0], True, True, D(2022, 11, 20), 2)
    assert key(duong_lam) == (0, [0, 0, 0, 0, 0], True, True, D(2022, 11, 16), 1)
    total = view.total["dossiers"]
    assert (total["sent"], total["by_status"], total["late"], total["reminders"]) == (3, [0, 0, 2, 1, 0], 2, 3)
    assert [c.name for c in total["late_communes"]] == ["Cổ Đông", "Đường Lâm"]
    assert [c.name for c in total["reminded_communes"]] == ["Cổ Đông", "Đường Lâm"]


def test_nobody_is_late_before_the_deadline(province):
    view = province_year(province["xuan_son"].province, 2022, today=D(2022, 11, 15))
    assert [row["dossiers"]["late"] for row in view.rows] == [False, False, False]
    assert view.total["dossiers"]["late"] == 0 and view.total["dossiers"]["sent"] == 3


def test_a_dossier_first_sent_after_the_deadline_is_late_but_not_outstanding(province):
    sent_dossier(province["duong_lam"], received_on=D(2022, 11, 18))
    view = province_year(province["xuan_son"].province, 2022, today=D(2022, 12, 1))
    duong_lam = view.rows[1]["dossiers"]
    assert (duong_lam["sent"], duong_lam["late"], duong_lam["outstanding"]) == (1, True, False)


def test_another_year_is_empty(province):
    view = province_year(province["xuan_son"].province, 2023)
    assert len(view.rows) == 3
    assert view.total["plan"] == 0 and view.total["registrations"]["registered"] == 0
    assert view.total["awards"]["total"] == 0 and view.awards_by_title == []
    assert view.call is None and view.total["dossiers"]["sent"] == 0 and view.total["dossiers"]["late"] == 0


# --- the page and the workbook -------------------------------------------------------------------------------------


def row_of(page: str, slug: str) -> str:
    start = page.index(f'data-commune="{slug}"')
    return page[start:page.index("</tr>", start)]


def test_the_page_shows_the_figures_with_links_to_the_communes(client, province_operator, province):
    client.force_login(province_operator)
    response = client.get(reverse("provinces:province_year"), {"year": 2022})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index('data-commune="co-dong"') < page.index('data-commune="duong-lam"') < page.index(
        'data-commune="xuan-son"')
    row = row_of(page, "xuan-son")
    detail = reverse("provinces:commune_detail", args=[province["xuan_son"].pk])
    assert "01/KH-UBND, 04/01/2022" in row
    assert f'<td class="reg-total"><a href="{detail}">6</a></td>' in row
    assert "2/4 = 50%" in row and "7.003.000" in row and "3 (75%)" in row
    assert row.count(f'href="{detail}"') >= 20  # every figure opens the commune behind it
    assert "8.642.000" in page and ">1/3<" in page  # plans issued: 1 of 3 communes
    assert f'<td class="dossiers-sent"><a href="{detail}">2</a></td>' in row
    co_dong = row_of(page, "co-dong")
    assert "chưa gửi" in co_dong and "20/11/2022" in co_dong  # late (the deadline has passed), reminded
    late = page[page.index('<td class="dossiers-late"><details>'):]
    late = late[:late.index("</details>")]
    for name in ("co_dong", "duong_lam"):  # the total's late communes, each a link
        assert f'href="{reverse("provinces:commune_detail", args=[province[name].pk])}"' in late
    assert "Hạn gửi hồ sơ đề nghị khen thưởng: 15/11/2022." in page
    assert f'{reverse("provinces:call_edit")}?year=2022' in page
    assert f'{reverse("provinces:province_year_workbook")}?year=2022' in page


def test_the_page_defaults_to_the_current_year(client, province_operator, province):
    client.force_login(province_operator)
    page = client.get(reverse("provinces:province_year")).content.decode()
    assert f'value="{datetime.date.today().year}"' in page


def test_a_bad_year_is_refused_with_a_message(client, province_operator, province):
    client.force_login(province_operator)
    response = client.get(reverse("provinces:province_year"), {"year": "hai nghìn"})
    assert response.status_code == 400
    assert "province-year" not in response.content.decode()
    assert client.get(reverse("provinces:province_year_workbook"), {"year": "1800"}).status_code == 400


def test_another_province_sees_only_its_own(client, province, nghe_an, other_province_operator, province_operator):
    own = province_year(province["xuan_son"].province, 2022)
    assert "Nghi Lộc" not in [row["commune"].name for row in own.rows]
    assert own.total["registrations"]["registered"] == 8 and own.total["awards"]["total"] == 7
    theirs = province_year(nghe_an.province, 2022)
    assert [row["commune"].name for row in theirs.rows] == ["Nghi Lộc"]
    assert theirs.total["registrations"]["registered"] == 5 and theirs.total["awards"]["amount"] == 447000
    client.force_login(other_province_operator)
    page = client.get(reverse("provinces:province_year"), {"year": 2022}).content.decode()
    assert "Nghi Lộc" in page and "Xuân Sơn" not in page and "Cổ Đông" not in page
    workbook = load_workbook(io.BytesIO(client.get(reverse("provinces:province_year_workbook"),
                                                   {"year": 2022}).content))
    names = [row[1] for row in workbook["Theo xã, phường"].iter_rows(min_row=6, values_only=True)]
    assert names == ["Xã Nghi Lộc", "Tổng cộng"]


def test_the_workbook(client, province_operator, province):
    client.force_login(province_operator)
    response = client.get(reverse("provinces:province_year_workbook"), {"year": 2022})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="tong-hop-ha-noi-2022.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Theo xã, phường", "Khen thưởng"]
    sheet = workbook["Theo xã, phường"]
    assert sheet["A1"].value == "BAN THI ĐUA - KHEN THƯỞNG THÀNH PHỐ HÀ NỘI"
    assert sheet["A2"].value == "TỔNG HỢP CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM 2022"
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    headers, data = rows[0], {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert headers[:5] == ("TT", "Xã, phường", "Kế hoạch năm", "Ngày ban hành kế hoạch", "Đăng ký: Lao động tiên tiến")
    assert list(data) == ["Xã Cổ Đông", "Xã Đường Lâm", "Xã Xuân Sơn", "Tổng cộng"]
    xs = data["Xã Xuân Sơn"]
    assert (xs["TT"], xs["Kế hoạch năm"], xs["Ngày ban hành kế hoạch"]) == (3, "01/KH-UBND",
                                                                             datetime.datetime(2022, 1, 4))
    assert (xs["Đăng ký: Lao động tiên tiến"], xs["Đăng ký (tổng)"], xs["Đăng ký đã chấp thuận"]) == (3, 6, 3)
    assert (xs["Tỷ lệ CBCC có sáng kiến (%)"], xs["Chỉ tiêu 15%"], xs["Chỉ tiêu 70%"]) == (50, "Đạt", "Chưa đạt")
    assert (xs["Bài viết"], xs["Đơn vị đã gửi bài"], xs["Đơn vị thi đua"]) == (3, 2, 3)
    assert (xs["Khen thưởng (tổng)"], xs["Cấp xã"], xs["Cấp huyện"], xs["Cấp tỉnh"]) == (5, 1, 3, 1)
    assert (xs["Trong đó nữ"], xs["Tỷ lệ nữ (%)"], xs["Tiền thưởng (đồng)"]) == (3, 75, 7003000)
    assert data["Xã Cổ Đông"]["Kế hoạch năm"] == "Dự thảo" and data["Xã Đường Lâm"]["Kế hoạch năm"] == "Chưa có"
    total = data["Tổng cộng"]
    assert (total["Kế hoạch năm"], total["Đăng ký (tổng)"], total["Tỷ lệ CBCC có sáng kiến (%)"]) == (1, 8, 28.6)
    assert (total["Khen thưởng (tổng)"], total["Tỷ lệ nữ (%)"], total["Tiền thưởng (đồng)"]) == (7, 80, 8642000)
    assert (xs["Hồ sơ đề nghị đã gửi"], xs["Hồ sơ: Trả lại bổ sung"], xs["Hồ sơ: Đã chấp nhận"]) == (2, 1, 1)
    assert (xs["Chậm gửi hồ sơ"], xs["Ngày nhắc gần nhất"]) == (None, None)
    assert (data["Xã Cổ Đông"]["Chậm gửi hồ sơ"], data["Xã Cổ Đông"]["Ngày nhắc gần nhất"]) == (
        "Chưa gửi", datetime.datetime(2022, 11, 20))
    assert (total["Hồ sơ đề nghị đã gửi"], total["Chậm gửi hồ sơ"], total["Ngày nhắc gần nhất"]) == (3, 2, 2)
    by_title = list(workbook["Khen thưởng"].iter_rows(min_row=5, values_only=True))
    assert by_title[1] == (1, "Lao động tiên tiến", "Danh hiệu thi đua", "Cấp huyện", 3, 3, 2, 66.7, 1341000, 2)
    assert by_title[-1] == (None, "Tổng cộng", None, None, 7, 5, 4, 80, 8642000, 2)


# --- a constant number of queries -----------------------------------------------------------------------------------


def small_commune(index, titles):
    """A commune with a little of everything in 2022."""
    commune = f.CommuneFactory(name=f"Xã thử {index}", slug=f"xa-thu-{index}")
    year = Year(commune, titles)
    f.PlanFactory(commune=commune, status=PlanStatus.ISSUED, document__number=1)
    unit = f.UnitFactory(commune=commune, name="Thôn 1", kind=UnitKind.HAMLET)
    person = year.person(f"Lê Thị Thử {index}", unit, Gender.FEMALE)
    year.reg("ldtt", ACCEPTED, unit=unit, person=person)
    year.initiative(unit, [person], True, True)
    year.entry(unit, PeriodKind.MONTH, 3)
    year.award(year.decision(Decider.DISTRICT_CHAIRMAN, D(2022, 6, 1)), "ldtt", 447000, person=person)
    year.award(year.decision(Decider.COMMUNE_CHAIRMAN, D(2022, 12, 1)), "giay-khen-ca-nhan", 447000, person=person)
    call, _ = DossierCall.objects.get_or_create(province=commune.province, year=2022,
                                                defaults={"due_on": D(2022, 11, 15)})
    if index % 2:
        sent_dossier(commune, received_on=D(2022, 11, 10 + index % 10), status=DossierStatus.RETURNED)
        DossierReminder.objects.create(call=call, commune=commune, sent_on=D(2022, 11, 16))
    return commune


# Session, user, operator; then one a table: communes, rule set, titles, registrations, plans, initiatives, staff,
# units, contest entries, dossier call, dossiers, reminders, declarations of no proposal, awards (17 for the
# workbook); the page adds the menu's person, notifications, permissions.
PAGE_QUERIES, WORKBOOK_QUERIES = 21, 17


def test_the_page_and_workbook_take_the_same_queries_for_3_and_12_communes(client, province_operator, titles,
                                                                          django_assert_num_queries):
    for index in range(3):
        small_commune(index, titles)
    client.force_login(province_operator)
    url, workbook = reverse("provinces:province_year"), reverse("provinces:province_year_workbook")
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(url, {"year": 2022}).status_code == 200
    with django_assert_num_queries(WORKBOOK_QUERIES):
        assert client.get(workbook, {"year": 2022}).status_code == 200
    for index in range(3, 12):
        small_commune(index, titles)
    with django_assert_num_queries(PAGE_QUERIES):
        page = client.get(url, {"year": 2022}).content.decode()
    assert page.count("data-commune=") == 13  # Xuân Sơn (the operator's fixture) and the 12
    with django_assert_num_queries(WORKBOOK_QUERIES):
        assert client.get(workbook, {"year": 2022}).status_code == 200


# --- access ----------------------------------------------------------------------------------------------------------


def urls():
    return [reverse("provinces:province_year"), reverse("provinces:province_year_workbook")]


def test_the_operator_opens_both(client, province_operator, commune):
    client.force_login(province_operator)
    for url in urls():
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["office_clerk", "second_commune_clerk", "chairman", "outsider"])
def test_commune_people_are_refused(client, request, commune, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in urls():
        assert client.get(url).status_code == 403, (url, persona)


def test_anonymous_visitors_are_sent_to_log_in(client, commune):
    for url in urls():
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_the_menu_has_it_for_operators_only(client, province_operator, office_clerk):
    client.force_login(province_operator)
    assert f'href="{urls()[0]}"' in client.get(reverse("provinces:commune_list")).content.decode()
    client.force_login(office_clerk)
    assert urls()[0] not in client.get(reverse("home")).content.decode()
