"""`manage.py seed_demo`: the demo commune, its accounts and the complete 2022 plan, loaded idempotently.

The demo is seeded once for the module, into an empty test database, inside a transaction rolled back at the module's
end (as tests/demo/test_province_side.py); each test runs in a savepoint of it, so what a test edits or seeds again
is gone for the next. A test of "seeding again" seeds once more on top of that first seed.
"""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from awards.models import Award, AwardDecision, Ballot, BallotVote, Nomination
from campaigns.enums import ParagraphKind, PlanStatus
from campaigns.models import Campaign, CampaignTarget, Paragraph, Plan, Section
from demo.data import normalise_label, responsible_for_label
from directory.enums import Role, UnitKind
from directory.models import Commune, Person, Province, ProvinceOperator, RoleAssignment, Unit
from disclosure.models import Disclosure
from documents.models import Document, Series
from registrations.models import Phase, Registration, RegistrationEvent
from scoring.models import ScoreSheet
from tests.pdfutils import FIXTURES, normalise
from timeline.enums import TaskRole, TaskStatus
from timeline.models import Milestone, TaskAssignment, TimelineTask

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded once, rolled back after the module's last test. The demo uploads a dossier item
    (demo/dossiers.py): into a temporary MEDIA_ROOT, not var/media."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                             MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with django_db_blocker.unblock(), fast, transaction.atomic():
        seed()
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """What a test seeds again goes to a temporary MEDIA_ROOT of its own."""
    settings.MEDIA_ROOT = tmp_path

PASSWORD = "xuanson2022"
MODELS = [
    Commune, Series, Unit, Person, RoleAssignment, get_user_model(), Document, Plan, Section, Paragraph, Campaign,
    CampaignTarget, TimelineTask, TaskAssignment, Milestone, Milestone.units.through, CrontabSchedule, PeriodicTask,
    Nomination, Ballot, BallotVote, AwardDecision, Award, Disclosure, ScoreSheet, Province, ProvinceOperator,
    Registration, RegistrationEvent, Phase,
]  # fmt: skip


def XUAN_SON_UNITS():  # noqa: N802 - reads as the set it is
    return Unit.objects.filter(commune__slug="xuan-son")


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def plan():
    return Plan.objects.annual().select_related("document", "document__series", "commune").get(year=2022)


def test_running_twice_creates_no_duplicates():
    first = counts()
    output = seed()
    assert counts() == first
    assert "nothing changed" in output
    assert first["Commune"] == 6  # Xuân Sơn, the four other communes of its emulation cluster, Yên Bài
    assert first["ProvinceOperator"] == 1 and Registration.objects.filter(commune__slug="yen-bai").count() == 6
    assert first["Person"] >= 40


def test_the_2022_year_end_is_seeded_to_the_honour_board():
    commune = Commune.objects.get(slug="xuan-son")
    assert Nomination.objects.filter(commune=commune, year=2022).count() == 24
    assert Nomination.objects.filter(status="failed").count() == 1
    assert Ballot.objects.filter(meeting__commune=commune, status="published").count() == 24
    decision = AwardDecision.objects.get(document__number=15)
    assert decision.code == "15/QĐ-UBND"
    assert decision.document.issued_on.isoformat() == "2022-12-15"
    assert Award.objects.active().filter(commune=commune, year=2022).count() == 23
    assert Document.objects.filter(series__code="HĐTĐKT", doc_type="BB", number=1).exists()
    assert ScoreSheet.objects.count() == 5


def test_an_edited_plan_is_left_alone(plan):
    paragraph = Paragraph.objects.filter(section__plan=plan).first()
    paragraph.text = "Đã sửa"
    paragraph.save()
    Campaign.objects.filter(plan=plan).first().delete()
    seed()
    paragraph.refresh_from_db()
    assert paragraph.text == "Đã sửa"
    assert Campaign.objects.filter(plan=plan).count() == 11


def test_commune_and_series():
    commune = Commune.objects.get(slug="xuan-son")
    assert (commune.name, commune.kind_label, commune.parent_authority, commune.province.title) == (
        "Xuân Sơn", "xã", "thị xã Sơn Tây", "thành phố Hà Nội",
    )  # fmt: skip
    ubnd = Series.objects.get(commune=commune, code="UBND")
    assert ubnd.issuing_body_lines == ["ỦY BAN NHÂN DÂN", "XÃ XUÂN SƠN"]
    assert ubnd.signing_capacity == "TM. ỦY BAN NHÂN DÂN"
    council = Series.objects.get(commune=commune, code="HĐTĐKT")
    assert (council.parent_body, council.issuing_body, council.signing_capacity) == (
        "UBND XÃ XUÂN SƠN", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "TM. HỘI ĐỒNG",
    )  # fmt: skip


def test_units_and_their_leaders():
    hamlets = list(XUAN_SON_UNITS().filter(kind=UnitKind.HAMLET))
    groups = list(XUAN_SON_UNITS().filter(kind=UnitKind.RESIDENTIAL_GROUP))
    assert len(hamlets) >= 6
    assert len(groups) >= 2
    assert all(unit.leader is not None and unit.leader.unit == unit for unit in hamlets + groups)
    names = set(XUAN_SON_UNITS().values_list("name", flat=True))
    assert {
        "Ủy ban nhân dân xã", "Văn phòng - Thống kê", "Tài chính - Kế toán", "Tư pháp - Hộ tịch",
        "Địa chính - Xây dựng", "Văn hóa - Xã hội", "Công an xã", "Ban Chỉ huy Quân sự xã",
        "Ủy ban MTTQ Việt Nam xã", "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh", "Đoàn Thanh niên",
        "Hội Người cao tuổi",
    } <= names  # fmt: skip
    positions = list(XUAN_SON_UNITS().values_list("position", flat=True))
    assert len(set(positions)) == len(positions)


def test_people_have_sort_keys():
    assert not Person.objects.filter(sort_key="").exists()
    # Vietnamese order: by given name first, tones breaking ties ("Anh" before "Ánh").
    first_two = [p.full_name for p in Person.objects.filter(commune__slug="xuan-son").in_vietnamese_order()[:2]]
    assert first_two == ["Lê Thị Ngọc Anh", "Bùi Thị Ánh"]


@pytest.mark.parametrize(
    "username, full_name, role",
    [
        ("vanphong", "Nguyễn Thị Hương", Role.OFFICE_STAFF),
        ("chutich", "Hoàng Văn Vân", Role.CHAIRMAN),
        ("hoidong", "Nguyễn Văn Thắng", Role.COUNCIL_MEMBER),
    ],
)
def test_accounts_with_roles(username, full_name, role):
    user = get_user_model().objects.get(username=username)
    assert user.check_password(PASSWORD)
    assert user.person.full_name == full_name
    assert role in set(user.person.roles.values_list("role", flat=True))
    assert not user.is_staff


def test_office_account_is_the_office_clerk():
    person = get_user_model().objects.get(username="vanphong").person
    assert person.unit.name == "Văn phòng - Thống kê"


@pytest.mark.parametrize("username, position", [("thona", 0), ("thonb", 1)])
def test_hamlet_leader_accounts(username, position):
    user = get_user_model().objects.get(username=username)
    assert user.check_password(PASSWORD)
    hamlet = XUAN_SON_UNITS().filter(kind=UnitKind.HAMLET).order_by("position")[position]
    assert hamlet.leader == user.person
    assert not user.person.roles.exists()


def test_admin_account():
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser
    assert admin.check_password(PASSWORD)
    assert not Person.objects.filter(user=admin).exists()


def test_the_council_has_seven_members():
    members = Person.objects.filter(commune__slug="xuan-son", roles__role=Role.COUNCIL_MEMBER)
    assert members.count() == 7
    assert members.filter(roles__role=Role.CHAIRMAN).get().full_name == "Hoàng Văn Vân"
    assert Person.objects.filter(roles__role=Role.COUNCIL_MEMBER, user__isnull=True).count() >= 4


def test_register_entry_of_the_plan(plan):
    document = plan.document
    assert plan.status == PlanStatus.ISSUED
    assert document.code == "01/KH-UBND"
    assert document.place_and_date == "Xuân Sơn, ngày 04 tháng 01 năm 2022"
    assert document.summary == "Công tác thi đua, khen thưởng năm 2022"
    assert (document.capacity, document.signer_title, document.signer_name) == (
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hoàng Văn Vân",
    )  # fmt: skip
    recipients = document.recipient_lines
    assert recipients[0] == "UBND thị xã Sơn Tây;"
    assert recipients[-1] == "Lưu: VT"
    assert not any(line.startswith("-") for line in recipients)
    assert plan.appendix_title == "Tiến độ thực hiện một số nhiệm vụ công tác thi đua, khen thưởng năm 2022"
    assert plan.closing.startswith("Trên đây là kế hoạch") and plan.closing.endswith("đã đề ra.")


def test_outline_of_the_plan(plan):
    top = [(s.label, s.title) for s in plan.sections.filter(parent=None)]
    assert top == [
        ("", ""), ("I.", "MỤC ĐÍCH, YÊU CẦU"), ("II.", "NỘI DUNG NHIỆM VỤ VÀ GIẢI PHÁP"), ("III.", "TỔ CHỨC THỰC HIỆN"),
    ]  # fmt: skip
    first = plan.sections.get(label="I.")
    assert [(s.label, s.title) for s in first.children.all()] == [("1.", "Mục đích"), ("2.", "Yêu cầu")]
    lists = Paragraph.objects.filter(section__plan=plan, kind=ParagraphKind.CAMPAIGNS)
    assert lists.count() == 1
    item = lists.get().section
    assert (item.parent.label, item.label) == ("II.", "1.")
    labels = list(item.paragraphs.exclude(label="").values_list("label", flat=True))
    assert labels == ["1.1", "1.2", "1.3", "1.4"]
    assert not Paragraph.objects.filter(section__plan=plan, kind=ParagraphKind.BULLET, text__startswith="-").exists()


def _reference() -> str:
    """The seed text flattened, with the page-break artefact the demo data mends."""
    text = (FIXTURES / "ke-hoach-01-KH-UBND-2022-xuan-son.txt").read_text(encoding="utf-8")
    return normalise(text.replace("\n", " ")).replace("cụm trường cụm thi đua", "cụm trưởng cụm thi đua")


def test_every_paragraph_is_the_seed_wording(plan):
    reference = _reference()
    for paragraph in Paragraph.objects.filter(section__plan=plan).exclude(kind=ParagraphKind.CAMPAIGNS):
        printed = f"{paragraph.label} {paragraph.text}" if paragraph.label else paragraph.text
        assert normalise(printed) in reference, printed[:80]
    for section in plan.sections.exclude(title=""):
        assert normalise(f"{section.label} {section.title}") in reference
    assert normalise(plan.closing) in reference


def test_twelve_campaigns_six_printed_verbatim(plan):
    campaigns = list(Campaign.objects.filter(plan=plan).prefetch_related("targets"))
    assert len(campaigns) == 12
    listed = [c for c in campaigns if c.listed_in_plan]
    assert len(listed) == 6
    reference = _reference()
    for campaign in listed:
        assert normalise(f"- {campaign.name}: {campaign.printed_text()}") in reference, campaign.name
    assert all(c.content and c.organiser for c in campaigns)


def test_campaign_targets(plan):
    poverty = Campaign.objects.get(plan=plan, name__contains="vì người nghèo")
    assert poverty.content.endswith("đặc biệt khó khăn,")
    assert [(t.text, t.value, t.unit_of_measure) for t in poverty.targets.all()] == [
        ("phấn đấu giảm 20% số hộ nghèo theo chuẩn mới của Thành phố", Decimal("20"), "%"),
    ]
    initiatives = Campaign.objects.get(plan=plan, name__contains="Sáng kiến, sáng tạo")
    assert [(t.value, t.unit_of_measure) for t in initiatives.targets.all()] == [(Decimal("15"), "%"), (70, "%")]
    assert initiatives.printed_text().endswith(
        "có sáng kiến được công nhận cấp cơ sở, trong đó ít nhất 70% sáng kiến được áp dụng mang lại hiệu quả thiết "
        "thực."
    )


def test_ten_appendix_tasks(plan):
    tasks = list(TimelineTask.objects.filter(plan=plan))
    assert len(tasks) == 10
    assert [t.position for t in tasks] == list(range(1, 11))
    first, last = tasks[0], tasks[-1]
    assert (first.starts_on.isoformat(), first.due_on.isoformat(), first.time_label) == (
        "2022-01-01", "2022-01-31", "Trong tháng 01 năm 2022",
    )  # fmt: skip
    assert (last.due_on.isoformat(), last.time_label) == ("2023-01-31", "Trong tháng 01/2023")
    assert tasks[1].due_on.isoformat() == "2022-01-22"
    assert tasks[3].directs == ""
    assert tasks[5].directs == "Chủ tịch HỘTĐKT"  # the seed's wording, typo included
    assert all(t.due_on.year in (2022, 2023) and t.due_text for t in tasks)


# --- responsibilities, milestones, e-mail addresses and beat schedules ------------------------------------------------


def responsibilities(task) -> set[tuple[str, str]]:
    return {(a.role, a.person.full_name if a.person else a.unit.name) for a in task.assignments.all()}


SECTIONS = {
    "Văn phòng - Thống kê", "Tài chính - Kế toán", "Tư pháp - Hộ tịch", "Địa chính - Xây dựng", "Văn hóa - Xã hội",
    "Công an xã", "Ban Chỉ huy Quân sự xã",
}  # fmt: skip
ORGANISATIONS = {
    "Ủy ban MTTQ Việt Nam xã", "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh", "Đoàn Thanh niên",
    "Hội Người cao tuổi",
}  # fmt: skip


@pytest.mark.parametrize(
    ("label", "normalised"),
    [("Văn phòng – Thống kê", "văn phòng - thống kê"), ("Văn phòng - thống kê", "văn phòng - thống kê"),
     ("VĂN PHÒNG—THỐNG KÊ", "văn phòng - thống kê"), ("  Cán bộ,  công chức ", "cán bộ, công chức")],
)  # fmt: skip
def test_labels_are_normalised(label, normalised):
    assert normalise_label(label) == normalised
    assert responsible_for_label(label) is not None
    assert responsible_for_label("") is None and responsible_for_label("Ai đó khác") is None


def test_task_8_has_the_expected_assignments(plan):
    task = plan.tasks.get(position=8)
    assert task.content == "Tổng hợp hồ sơ xét khen thưởng gửi Cụm trưởng và thị xã"
    assert task.status == TaskStatus.NOT_STARTED  # the demo year replays 2022
    assert responsibilities(task) == {
        (TaskRole.DIRECTS, "Hoàng Văn Vân"),
        (TaskRole.DOES, "Văn phòng - Thống kê"),
        *((TaskRole.SUPPORTS, name) for name in SECTIONS),
    }
    assert TaskAssignment.objects.filter(task=task, role=TaskRole.DIRECTS, person__isnull=False).count() == 1


def test_every_appendix_label_is_assigned(plan):
    tasks = {task.position: task for task in plan.tasks.prefetch_related("assignments__person", "assignments__unit")}
    for task in tasks.values():
        roles = {role for role, _ in responsibilities(task)}
        assert TaskRole.DOES in roles, task.position
        assert (TaskRole.DIRECTS in roles) == bool(task.directs), task.position
        assert (TaskRole.SUPPORTS in roles) == bool(task.supports), task.position
        assert task.status == TaskStatus.NOT_STARTED
    assert (TaskRole.DIRECTS, "Hoàng Văn Vân") in responsibilities(tasks[6])  # "Chủ tịch HỘTĐKT"
    assert responsibilities(tasks[6]) >= {(TaskRole.DOES, "Văn phòng - Thống kê")}  # "Văn phòng - thống kê"
    assert responsibilities(tasks[7]) == {
        (TaskRole.DIRECTS, "Hoàng Văn Vân"), *((TaskRole.DOES, name) for name in SECTIONS)
    }  # fmt: skip
    assert responsibilities(tasks[9]) == {
        (TaskRole.DIRECTS, "Hoàng Văn Vân"), (TaskRole.SUPPORTS, "Văn phòng - Thống kê"),
        *((TaskRole.DOES, name) for name in ORGANISATIONS),
    }  # fmt: skip


def test_edited_responsibilities_are_kept_and_missing_ones_filled_in(plan):
    task8, task9 = plan.tasks.get(position=8), plan.tasks.get(position=9)
    TaskAssignment.objects.filter(task=task8, role=TaskRole.SUPPORTS).delete()  # the office narrowed task 8
    TaskAssignment.objects.filter(task=task9).delete()  # e.g. a database seeded before responsibilities existed
    seed()
    assert not task8.assignments.filter(role=TaskRole.SUPPORTS).exists()
    assert (TaskRole.DOES, "Hội Nông dân") in responsibilities(task9)


def test_milestones_of_2022():
    initiatives, families = Milestone.objects.order_by("due_on")
    assert (initiatives.title, initiatives.due_on.isoformat(), initiatives.year, initiatives.is_done) == (
        "Hạn nộp đề tài sáng kiến của cá nhân đăng ký Chiến sỹ thi đua cơ sở", "2022-08-01", 2022, False,
    )  # fmt: skip
    assert set(initiatives.units.values_list("name", flat=True)) == SECTIONS
    assert (families.title, families.due_on.isoformat()) == ("Hoàn thành bình xét Gia đình văn hóa", "2022-11-25")
    hamlets_and_groups = XUAN_SON_UNITS().filter(kind__in=[UnitKind.HAMLET, UnitKind.RESIDENTIAL_GROUP])
    assert set(families.units.all()) == set(hamlets_and_groups) and hamlets_and_groups.count() == 8


def test_email_addresses():
    clerk = Person.objects.get(full_name="Nguyễn Thị Hương")
    assert clerk.email == "vanphong@xuanson.example"
    assert all(Person.objects.filter(unit__name="Văn phòng - Thống kê").values_list("email", flat=True))
    assert Person.objects.exclude(email="").count() >= 5
    assert not get_user_model().objects.filter(email="").exists()
    assert get_user_model().objects.get(username="chutich").email == "chutich@xuanson.example"


def test_an_edited_email_address_is_kept():
    Person.objects.filter(full_name="Nguyễn Thị Hương").update(email="huong@example.vn")
    get_user_model().objects.filter(username="thona").update(email="hoa@example.vn")
    seed()
    assert Person.objects.get(full_name="Nguyễn Thị Hương").email == "huong@example.vn"
    assert get_user_model().objects.get(username="thona").email == "hoa@example.vn"


@pytest.mark.parametrize(
    ("name", "task", "minute", "hour", "day_of_week"),
    [("Nhắc hạn nhiệm vụ hằng ngày", "timeline.send_reminders", "30", "6", "*"),
     ("Tổng hợp việc quá hạn hằng tuần", "timeline.send_weekly_digest", "0", "7", "1"),
     ("Nhắc xã chưa gửi hồ sơ đề nghị khen thưởng", "provinces.remind_late_communes", "30", "6", "*"),
     ("Gửi lại thư chưa gửi được", "notifications.flush_outbox", "*/5", "*", "*"),
     ("Tạo các tệp báo cáo còn chờ", "reports.requeue_jobs", "*/5", "*", "*"),
     ("Xóa nhật ký gọi API cũ", "api.purge_call_log", "15", "3", "*")],
)  # fmt: skip
def test_beat_schedules_exist_once(name, task, minute, hour, day_of_week):
    seed()
    periodic = PeriodicTask.objects.get(name=name)  # exactly one
    assert (periodic.task, periodic.enabled, periodic.interval, periodic.one_off) == (task, True, None, False)
    crontab = periodic.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_week, crontab.day_of_month, crontab.month_of_year) == (
        minute, hour, day_of_week, "*", "*",
    )  # fmt: skip
    assert str(crontab.timezone) == "Asia/Ho_Chi_Minh"
    assert PeriodicTask.objects.filter(task=task).count() == 1


def test_a_disabled_schedule_stays_disabled():
    PeriodicTask.objects.filter(name="Nhắc hạn nhiệm vụ hằng ngày").update(enabled=False)
    seed()
    assert not PeriodicTask.objects.get(name="Nhắc hạn nhiệm vụ hằng ngày").enabled



def test_the_council_contest_plan_beside_the_annual_plan(plan):
    """The demo's 2022 has two plans: the annual 01/KH-UBND and the council's contest plan 01/KH-HĐTĐKT, whose
    campaign a contest entry was sent for."""
    from campaigns.enums import PlanKind
    from registrations.models import ContestEntry

    council = Plan.objects.get(commune=plan.commune, year=2022, kind=PlanKind.COUNCIL)
    assert (plan.kind, plan.document.code, council.document.code) == ("annual", "01/KH-UBND", "01/KH-HĐTĐKT")
    assert council.status == PlanStatus.ISSUED and council.sections.count() == 3
    entry = ContestEntry.objects.get(commune=plan.commune, plan=council)
    assert entry.campaign == council.campaigns.get()


def test_the_year_copy_of_the_demo_plan_flags_its_three_phrases(plan):
    """Copying the seed plan to 2023 lists the year-end conference of 2021, the 75th anniversary of 27/7/1947 and
    the second year of the 2021 - 2025 period, each with its correction."""
    from campaigns.services import copy_plan

    copy = copy_plan(plan=plan, year=2023)
    findings = {(x.original, x.suggestion) for x in copy.findings.all()}
    assert ("kỷ niệm 75 năm Ngày Thương binh liệt sỹ (27/7/1947 - 27/7/2022)",
            "kỷ niệm 76 năm Ngày Thương binh liệt sỹ (27/7/1947 - 27/7/2023)") in findings
    period = [s for o, s in findings if o.startswith("năm thứ hai thực hiện") and o.endswith("(2021 - 2025)")]
    assert period and period[0].startswith("năm thứ ba thực hiện")
    conference = [(o, s) for o, s in findings if "Hội nghị tổng kết" in o and o.endswith("năm 2021")]
    assert conference and all(s.endswith("năm 2022") for _o, s in conference)
    task = copy.tasks.get(content__startswith="Tổ chức Hội nghị tổng kết công tác thi đua")
    assert task.content.endswith("năm 2021; phát động thi đua năm 2023")  # as written until reviewed
    assert copy.findings.filter(place="task", object_id=task.pk).exists()
