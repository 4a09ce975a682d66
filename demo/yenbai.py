"""A second commune of the province, as the portal serves it after the 2025 reform, and the province's operator.

xã Yên Bài (thành phố Hà Nội) was formed on 1 July 2025 (NĐ 129/2025): it never had a district above it, so it has no
former upper level and reports to the province. It gets its document series as a new commune gets them, its own
clerk, chairman, council member and hamlet leader with accounts, four hamlets, fifteen people and a small 2026 under
NĐ 152/2025: the plan 01/KH-UBND of January 2026 with a campaign, a registration window with a handful of
registrations (saved and submitted through the registrations' services), two tasks of the appendix.

The province operator (Ban Thi đua - Khen thưởng thành phố Hà Nội) has an account of their own, `bantdkt`.

Nothing here touches Xuân Sơn's records. Idempotent like the rest of the demo: records are found by their natural
keys, a plan that is already there is left alone, and the registrations are made once, while the year has none.
"""

import datetime
from collections import Counter

from django.contrib.auth import get_user_model

from campaigns.enums import CampaignKind, ParagraphKind, PlanStatus
from campaigns.models import Campaign, CampaignTarget, Paragraph, Plan, Section
from directory.enums import Gender, PersonKind, Role, UnitKind
from directory.models import Commune, Person, Province, ProvinceOperator, RoleAssignment, Unit
from documents.defaults import derived_recipients
from documents.enums import DocumentType
from documents.models import Document, Series
from provinces.services import create_commune
from registrations.enums import Ground, PhaseKind
from registrations.models import Phase, Registration
from timeline.enums import TaskRole
from timeline.models import TaskAssignment, TimelineTask

from .data import CAMPAIGN_LIST, DEMO_PASSWORD, SECTION, SUBSECTION, bullet, section, subsection, text

# --- the province's operator -----------------------------------------------------------------------------------------

OPERATOR = {
    "username": "bantdkt",
    "full_name": "Trần Thị Minh Châu",
    "position": "Chuyên viên Ban Thi đua - Khen thưởng thành phố Hà Nội",
    "email": "bantdkt@hanoi.example",
}

# --- the commune -----------------------------------------------------------------------------------------------------

COMMUNE = {
    "slug": "yen-bai",
    "name": "Yên Bài",
    "kind_label": "xã",
    "valid_from": datetime.date(2025, 7, 1),  # formed by the reform; no district was ever above it
}
ACCOUNT_EMAIL_DOMAIN = "yenbai.example"

AGENCY, OFFICE = "Ủy ban nhân dân xã", "Văn phòng HĐND và UBND"
UNITS = [
    (UnitKind.AGENCY, AGENCY, "UBND xã"),
    (UnitKind.SECTION, OFFICE, "VP HĐND-UBND"),
    (UnitKind.HAMLET, "Thôn Chằm Mè", "Chằm Mè"),
    (UnitKind.HAMLET, "Thôn Đồng Vống", "Đồng Vống"),
    (UnitKind.HAMLET, "Thôn Muông Gò", "Muông Gò"),
    (UnitKind.HAMLET, "Thôn Quê Vải", "Quê Vải"),
]

# Two hamlets merged into one on 1 June 2026 (directory.mergers.merge_units), as communes reorganise their hamlets.
HAMLET_MERGER = {"units": ["Thôn Muông Gò", "Thôn Quê Vải"], "name": "Thôn Muông Gò - Quê Vải",
                 "on": datetime.date(2026, 6, 1)}

_F, _M = Gender.FEMALE, Gender.MALE
_OFF, _RES = PersonKind.OFFICIAL, PersonKind.RESIDENT

# (full name, gender, year of birth, kind, position, unit name)
PEOPLE = [
    ("Đinh Công Trường", _M, 1971, _OFF, "Chủ tịch UBND xã", AGENCY),
    ("Nguyễn Thị Lan Phương", _F, 1979, _OFF, "Phó Chủ tịch UBND xã", AGENCY),
    ("Phạm Thị Thủy", _F, 1988, _OFF, "Chuyên viên Văn phòng HĐND và UBND", OFFICE),
    ("Lê Minh Tuấn", _M, 1990, _OFF, "Chuyên viên Văn phòng HĐND và UBND", OFFICE),
    ("Bạch Văn Nam", _M, 1984, _OFF, "Chánh Văn phòng HĐND và UBND", OFFICE),
    ("Đỗ Thị Hồng Nhung", _F, 1993, _OFF, "Chuyên viên Văn phòng HĐND và UBND", OFFICE),
    ("Vũ Văn Quyết", _M, 1966, _RES, "Trưởng thôn", "Thôn Chằm Mè"),
    ("Hoàng Thị Liên", _F, 1972, _RES, "Trưởng thôn", "Thôn Đồng Vống"),
    ("Đặng Văn Toàn", _M, 1969, _RES, "Trưởng thôn", "Thôn Muông Gò"),
    ("Nguyễn Văn Mạnh", _M, 1975, _RES, "Trưởng thôn", "Thôn Quê Vải"),
    ("Lý Thị Hoa", _F, 1982, _RES, "", "Thôn Chằm Mè"),
    ("Bùi Văn Hậu", _M, 1978, _RES, "", "Thôn Chằm Mè"),
    ("Cao Thị Hằng", _F, 1987, _RES, "", "Thôn Đồng Vống"),
    ("Trịnh Văn Kiên", _M, 1961, _RES, "", "Thôn Muông Gò"),
    ("Mai Thị Dung", _F, 1990, _RES, "", "Thôn Quê Vải"),
]
CHAIRMAN, VICE_CHAIRMAN, CLERK = "Đinh Công Trường", "Nguyễn Thị Lan Phương", "Phạm Thị Thủy"

UNIT_LEADERS = {
    "Thôn Chằm Mè": "Vũ Văn Quyết",
    "Thôn Đồng Vống": "Hoàng Thị Liên",
    "Thôn Muông Gò": "Đặng Văn Toàn",
    "Thôn Quê Vải": "Nguyễn Văn Mạnh",
    OFFICE: "Bạch Văn Nam",
}

ROLES = [
    (CHAIRMAN, Role.CHAIRMAN),
    (CHAIRMAN, Role.COUNCIL_MEMBER),
    (CLERK, Role.OFFICE_STAFF),
    (VICE_CHAIRMAN, Role.COUNCIL_MEMBER),
    ("Bạch Văn Nam", Role.COUNCIL_MEMBER),
]

# (username, person, what they do): every demo account has the password DEMO_PASSWORD.
ACCOUNTS = [
    ("vanphong.yenbai", CLERK, "office staff: the directory, the plan, the register, registrations"),
    ("chutich.yenbai", CHAIRMAN, "chairman of the People's Committee, signs the plan 01/KH-UBND of 2026"),
    ("hoidong.yenbai", VICE_CHAIRMAN, "member of the emulation council"),
    ("thon.yenbai", "Vũ Văn Quyết", "leader of Thôn Chằm Mè: registers the hamlet and its people"),
]

# --- the 2026 plan ---------------------------------------------------------------------------------------------------

YEAR = 2026
PLAN_DOCUMENT = {
    "series": "UBND",
    "doc_type": DocumentType.PLAN,
    "number": 1,
    "issued_on": datetime.date(2026, 1, 8),
    "summary": "Công tác thi đua, khen thưởng năm 2026",
    "signer_title": "CHỦ TỊCH",
    "signer_name": CHAIRMAN,
}
PLAN_APPENDIX_TITLE = "Tiến độ thực hiện một số nhiệm vụ công tác thi đua, khen thưởng năm 2026"
PLAN_CLOSING = (
    "Trên đây là kế hoạch công tác thi đua, khen thưởng năm 2026 của xã Yên Bài. Yêu cầu các ban, ngành, đoàn thể và "
    "các thôn triển khai thực hiện tốt kế hoạch đã đề ra."
)
PLAN_OUTLINE = [
    section("", ""),
    text(
        "Năm 2026 là năm đầu tiên thực hiện Nghị quyết Đại hội Đảng bộ xã Yên Bài nhiệm kỳ 2025 - 2030 và là năm đầu "
        "vận hành ổn định mô hình chính quyền địa phương hai cấp; Ủy ban nhân dân xã ban hành Kế hoạch công tác thi "
        "đua, khen thưởng năm 2026 như sau:"
    ),
    section("I.", "MỤC ĐÍCH, YÊU CẦU"),
    subsection("1.", "Mục đích"),
    bullet(
        "Đẩy mạnh phong trào thi đua yêu nước, thực hiện thắng lợi các chỉ tiêu phát triển kinh tế - xã hội năm 2026 "
        "của xã Yên Bài."
    ),
    bullet("Khen thưởng kịp thời, chính xác, công khai các tập thể, cá nhân có thành tích xuất sắc."),
    subsection("2.", "Yêu cầu"),
    bullet(
        "Các phong trào thi đua có nội dung, chỉ tiêu cụ thể, thiết thực; thực hiện đúng Luật Thi đua, khen thưởng "
        "năm 2022 và Nghị định số 152/2025/NĐ-CP của Chính phủ."
    ),
    section("II.", "NỘI DUNG"),
    subsection("1.", "Các phong trào thi đua"),
    CAMPAIGN_LIST,
    subsection("2.", "Công tác khen thưởng"),
    bullet(
        "Danh hiệu “Lao động tiên tiến”, “Chiến sĩ thi đua cơ sở”, “Tập thể lao động tiên tiến” do Chủ tịch UBND xã "
        "quyết định theo Nghị định số 152/2025/NĐ-CP."
    ),
    section("III.", "TỔ CHỨC THỰC HIỆN"),
    text(
        "Văn phòng HĐND và UBND xã là cơ quan thường trực của Hội đồng Thi đua - Khen thưởng xã, hướng dẫn, theo dõi "
        "và tổng hợp kết quả thực hiện kế hoạch này."
    ),
]
# (name, kind, organiser unit, own paragraph in the plan, content, [(target, value, unit of measure)])
CAMPAIGNS = [
    (
        "Phong trào thi đua “Xã Yên Bài chung sức xây dựng nông thôn mới kiểu mẫu”",
        CampaignKind.REGULAR,
        OFFICE,
        True,
        "Thi đua hoàn thành các tiêu chí nông thôn mới kiểu mẫu, phấn đấu trong năm có",
        [("4/4 thôn đạt danh hiệu “Thôn văn hóa”", 4, "thôn"),
         ("trên 90 % hộ gia đình đạt danh hiệu “Gia đình văn hóa”", 90, "%")],
    ),
]
CAMPAIGN_PERIOD = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))

# (content, directs, does, supports, starts on, due on, due as printed); who does it is read into assignments below.
TIMELINE_TASKS = [
    (
        "Xây dựng Kế hoạch công tác thi đua, khen thưởng năm 2026; tổ chức đăng ký thi đua",
        "Chủ tịch UBND", "Văn phòng HĐND và UBND", "Các thôn",
        datetime.date(2026, 1, 2), datetime.date(2026, 1, 31), "Tháng 01/2026",
    ),
    (
        "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026",
        "Chủ tịch UBND", "Văn phòng HĐND và UBND", "Các thôn",
        datetime.date(2026, 6, 15), datetime.date(2026, 7, 10), "Trước ngày 10/7/2026",
    ),
]

PHASES = [
    (PhaseKind.REGISTRATION, "Đăng ký thi đua năm 2026", datetime.date(2026, 1, 8), datetime.date(2026, 1, 31)),
    (PhaseKind.DOSSIERS, "Hồ sơ khen thưởng năm 2026", datetime.date(2026, 11, 1), datetime.date(2026, 11, 15)),
]
# Registrations of 2026, in order (the CSTĐCS after its holder's LĐTT): (title code, unit, person or None).
REGISTRATIONS = [
    ("ldtt", AGENCY, VICE_CHAIRMAN),
    ("ldtt", OFFICE, CLERK),
    ("ldtt", OFFICE, "Lê Minh Tuấn"),
    ("ldtt", OFFICE, "Đỗ Thị Hồng Nhung"),
    ("cstdcs", OFFICE, CLERK),
    ("ttldtt", OFFICE, None),
]
# Under NĐ 152/2025 the CSTĐCS stands on "hoàn thành xuất sắc nhiệm vụ" with its evidence instead of an initiative.
CSTDCS_EVIDENCE = ("Xếp loại hoàn thành xuất sắc nhiệm vụ năm 2026 (đánh giá, xếp loại cán bộ, công chức cuối năm); "
                   "số hóa 100 % hồ sơ thi đua, khen thưởng của xã trên cổng thông tin.")


# --- loading ---------------------------------------------------------------------------------------------------------


def seed_operator(created: Counter) -> ProvinceOperator:
    """The Ban TĐKT's operator of the province (created by the Xuân Sơn part of the seed)."""
    province = Province.objects.get(slug="ha-noi")
    user = _account(OPERATOR["username"], OPERATOR["email"], created)
    operator, new = ProvinceOperator.objects.get_or_create(
        user=user, defaults={"province": province, "full_name": OPERATOR["full_name"],
                             "position": OPERATOR["position"]})
    created["province operators"] += new
    return operator


def seed_yen_bai(created: Counter) -> Commune:
    province = Province.objects.get(slug="ha-noi")
    commune = Commune.objects.filter(slug=COMMUNE["slug"]).first()
    if commune is None:
        # As the province's office onboards a commune: the operator creates it, with its derived document series.
        operator = ProvinceOperator.objects.filter(province=province).select_related("user").first()
        commune = create_commune(province=province, name=COMMUNE["name"], kind_label=COMMUNE["kind_label"],
                                 slug=COMMUNE["slug"], by=operator.user if operator else None)
        commune.valid_from = COMMUNE["valid_from"]
        commune.save(update_fields=["valid_from"])
        created["communes"] += 1
        created["document series"] += commune.document_series.count()
    series = {item.code: item for item in Series.objects.filter(commune=commune)}
    units = {}
    for position, (kind, name, short_name) in enumerate(UNITS, start=1):
        units[name], new = Unit.objects.get_or_create(
            commune=commune, name=name, valid_from=None,
            defaults={"kind": kind, "short_name": short_name, "position": position})
        created["units"] += new
    people = {}
    for full_name, gender, birth_year, kind, position, unit_name in PEOPLE:
        people[full_name], new = Person.objects.get_or_create(
            commune=commune, full_name=full_name,
            defaults={"gender": gender, "birth_year": birth_year, "kind": kind, "position": position,
                      "unit": units[unit_name]})
        created["people"] += new
    for unit_name, leader in UNIT_LEADERS.items():
        unit = units[unit_name]
        if unit.leader_id is None:
            unit.leader = people[leader]
            unit.save(update_fields=["leader"])
            created["unit leaders"] += 1
    for full_name, role in ROLES:
        created["roles"] += RoleAssignment.objects.get_or_create(person=people[full_name], role=role)[1]
    for username, full_name, _what in ACCOUNTS:
        user = _account(username, f"{username}@{ACCOUNT_EMAIL_DOMAIN}", created)
        person = people[full_name]
        if person.user_id is None and not Person.objects.filter(user=user).exists():
            person.user = user
            person.email = person.email or user.email
            person.save(update_fields=["user", "email"])
    plan = _seed_plan(commune, series, units, created)
    _seed_registrations(commune, units, people, created)
    if plan is not None:
        _seed_assignments(plan, units, people, created)
    _seed_hamlet_merger(units, created)
    return commune


def _seed_hamlet_merger(units, created):
    """Two hamlets merged into one in the middle of 2026, by the office: their people move to the merged hamlet;
    the plan's tasks keep the hamlets they were given to in January. Done once: merged hamlets have ended."""
    from directory.mergers import merge_units

    merged = [units[name] for name in HAMLET_MERGER["units"]]
    if any(unit.valid_until is not None for unit in merged):
        return
    clerk = get_user_model().objects.get(username=ACCOUNTS[0][0])
    merge_units(units=merged, name=HAMLET_MERGER["name"], on=HAMLET_MERGER["on"], by=clerk)
    created["hamlet mergers"] += 1


def _account(username: str, email: str, created: Counter):
    user, new = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
    if new:  # the password only on creation: one changed since stays
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        created["accounts"] += 1
    return user


def _seed_plan(commune, series, units, created) -> Plan | None:
    if Plan.objects.annual().filter(commune=commune, year=YEAR).exists():
        return None  # it may have been edited since: leave it alone
    values = dict(PLAN_DOCUMENT)
    issued_on = values["issued_on"]
    document, new = Document.objects.get_or_create(
        series=series[values.pop("series")], doc_type=values.pop("doc_type"), year=issued_on.year,
        number=values.pop("number"),
        defaults={**values, "place": commune.place,
                  "recipients": derived_recipients(commune, DocumentType.PLAN, on=issued_on)},
    )
    created["documents"] += new
    plan = Plan.objects.create(commune=commune, year=YEAR, document=document, status=PlanStatus.ISSUED,
                               closing=PLAN_CLOSING, appendix_title=PLAN_APPENDIX_TITLE)
    created["plans"] += 1
    top = current = None
    positions = Counter()  # next position per parent section (None: top level) and per section's paragraphs
    for what, label, body in PLAN_OUTLINE:
        if what in (SECTION, SUBSECTION):
            parent = None if what == SECTION else top
            positions[("sections", parent)] += 1
            current = Section.objects.create(plan=plan, parent=parent, position=positions[("sections", parent)],
                                             label=label, title=body)
            top = current if parent is None else top
            created["sections"] += 1
        else:
            positions[("paragraphs", current)] += 1
            Paragraph.objects.create(section=current, position=positions[("paragraphs", current)],
                                     kind=ParagraphKind(what), label=label, text=body)
            created["paragraphs"] += 1
    starts_on, ends_on = CAMPAIGN_PERIOD
    for position, (name, kind, organiser, listed, content, targets) in enumerate(CAMPAIGNS, start=1):
        campaign = Campaign.objects.create(plan=plan, position=position, kind=kind, name=name, content=content,
                                           organiser=units[organiser], starts_on=starts_on, ends_on=ends_on,
                                           listed_in_plan=listed)
        for index, (target, value, unit) in enumerate(targets, start=1):
            CampaignTarget.objects.create(campaign=campaign, position=index, text=target, value=value,
                                          unit_of_measure=unit)
        created["campaigns"] += 1
        created["campaign targets"] += len(targets)
    for position, (content, directs, does, supports, starts_on, due_on, due_text) in enumerate(TIMELINE_TASKS, 1):
        TimelineTask.objects.create(plan=plan, position=position, content=content, directs=directs, does=does,
                                    supports=supports, starts_on=starts_on, due_on=due_on, due_text=due_text)
        created["timeline tasks"] += 1
    return plan


def _seed_assignments(plan, units, people, created):
    """The chairman directs, the office does, the hamlets support each task of the new plan."""
    hamlets = [unit for unit in units.values() if unit.kind == UnitKind.HAMLET]
    for task in plan.tasks.filter(assignments__isnull=True):
        rows = [TaskAssignment(task=task, role=TaskRole.DIRECTS, person=people[CHAIRMAN]),
                TaskAssignment(task=task, role=TaskRole.DOES, unit=units[OFFICE]),
                *(TaskAssignment(task=task, role=TaskRole.SUPPORTS, unit=unit) for unit in hamlets)]
        TaskAssignment.objects.bulk_create(rows)
        created["task responsibilities"] += len(rows)


def _seed_registrations(commune, units, people, created):
    """The 2026 windows, and the registrations the clerk saved and submitted (the rules of 2026 checked)."""
    from registrations.eligibility import titles_for
    from registrations.services import save_registration, submit_registration

    for kind, name, opens_on, closes_on in PHASES:
        created["phases"] += Phase.objects.get_or_create(
            commune=commune, year=opens_on.year, campaign=None, name=name,
            defaults={"kind": kind, "opens_on": opens_on, "closes_on": closes_on})[1]
    if Registration.objects.filter(commune=commune, year=YEAR).exists():
        return
    titles = {title.code: title for title in titles_for(commune=commune, year=YEAR)}
    if not titles:
        return
    clerk = get_user_model().objects.get(username=ACCOUNTS[0][0])
    phase = Phase.objects.get(commune=commune, year=YEAR, kind=PhaseKind.REGISTRATION, campaign=None)
    for code, unit_name, person_name in REGISTRATIONS:
        title = titles[code]
        registration = Registration(
            commune=commune, year=YEAR, phase=phase, unit=units[unit_name], title=title,
            recipient_kind=title.recipient_kind, person=people[person_name] if person_name else None,
            ground=Ground.EXCELLENCE if code == "cstdcs" else Ground.INITIATIVE,
            ground_evidence=CSTDCS_EVIDENCE if code == "cstdcs" else "",
        )
        save_registration(registration=registration, by=clerk)
        submit_registration(registration=registration, by=clerk)
        created["registrations"] += 1


def account_lines() -> list[tuple[str, str]]:
    """(username, who) of the operator and the second commune's accounts, for the command's output."""
    return [(OPERATOR["username"], f"{OPERATOR['full_name']}, Ban Thi đua - Khen thưởng thành phố Hà Nội")] + [
        (username, f"{full_name}, xã Yên Bài: {what}") for username, full_name, what in ACCOUNTS
    ]
