"""The demo's province view: the operator of Hà Nội and a second commune, xã Yên Bài, with its own 2026.

The demo is seeded once for the module inside a transaction that is rolled back afterwards (like
tests/documents/test_plan_pdf.py); each test runs in a savepoint of it.
"""

import io
import subprocess
import sys
import time
import unicodedata

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from awards.models import RuleSet
from campaigns.models import Plan
from demo.data import DEMO_PASSWORD
from directory.enums import Role
from directory.models import Commune, Person, Province, ProvinceOperator, Unit
from directory.permissions import get_operator, operates_province
from documents.models import Series
from registrations.enums import RegistrationStatus
from registrations.models import Phase, Registration
from tests.pdfutils import FIXTURES, embedded_font_families, pdf_text, reference_coverage
from timeline.models import TimelineTask

pytestmark = pytest.mark.django_db

REFERENCE = FIXTURES / "ke-hoach-01-KH-UBND-2026-yen-bai.txt"
PDFCHECK = FIXTURES / "pdfcheck.py"
FIRST_COMMUNE = ("xuân sơn", "xuan son", "sơn tây", "son tay")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once; and the PDF of Yên Bài's plan, rendered by the management command."""
    pdf = tmp_path_factory.mktemp("yen-bai") / "01-KH-UBND-2026.pdf"
    # The tests' fast hasher (tests/conftest.py sets it per test; this fixture outlives one), so the passwords check;
    # the demo's dossier upload (demo/dossiers.py) goes to a temporary MEDIA_ROOT.
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                             MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with django_db_blocker.unblock(), fast, transaction.atomic():
        started = time.perf_counter()
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        print(f"seed_demo took {time.perf_counter() - started:.1f} s")  # shown with -s; no timed assertion
        call_command("render_document", "--year", "2026", "--number", "01/KH-UBND", "--commune", "yen-bai",
                     "--output", str(pdf), stdout=io.StringIO())
        yield {"output": out.getvalue(), "pdf": pdf}
        transaction.set_rollback(True)


@pytest.fixture
def yen_bai(seeded):
    return Commune.objects.get(slug="yen-bai")


def _user(username):
    return get_user_model().objects.get(username=username)


def authenticate(*, username, password):
    """The account, when the password is right (the login's backends want a request: the page is tried below)."""
    user = _user(username)
    return user if user.check_password(password) and user.is_active else None


def test_the_output_names_every_demo_account(seeded):
    output = seeded["output"]
    for username in ("vanphong", "chutich", "hoidong", "thona", "thonb", "admin", "bantdkt", "vanphong.yenbai",
                     "chutich.yenbai", "hoidong.yenbai", "thon.yenbai"):
        assert username in output
    assert f"password {DEMO_PASSWORD}" in output
    assert output.rstrip().splitlines()[-1].startswith("Created ")  # the line the production smoke test shows


def test_the_province_operator(seeded):
    user = authenticate(username="bantdkt", password=DEMO_PASSWORD)
    assert user is not None and user.email == "bantdkt@hanoi.example"
    operator = ProvinceOperator.objects.get(user=user)
    assert get_operator(user) == operator
    province = Province.objects.get(slug="ha-noi")
    assert operator.province == province and province.kind_label == "thành phố"
    assert province.office_title == "Ban Thi đua - Khen thưởng thành phố Hà Nội"
    assert operates_province(user, Commune.objects.get(slug="yen-bai"))
    assert operates_province(user, Commune.objects.get(slug="xuan-son"))
    assert not Person.objects.filter(user=user).exists()  # no commune's member


def test_yen_bai_is_a_new_commune_of_the_province(yen_bai):
    assert yen_bai.province.slug == "ha-noi"
    assert (yen_bai.kind_label, yen_bai.parent_authority, yen_bai.parent_authority_until) == ("xã", "", None)
    assert yen_bai.upper_level == "thành phố Hà Nội"
    series = {s.code: s for s in Series.objects.filter(commune=yen_bai)}
    assert set(series) == {"UBND", "HĐTĐKT"}
    assert series["UBND"].issuing_body == "ỦY BAN NHÂN DÂN\nXÃ YÊN BÀI"
    assert series["HĐTĐKT"].parent_body == "UBND XÃ YÊN BÀI"
    units = Unit.objects.filter(commune=yen_bai)
    assert 4 <= units.filter(kind="hamlet").count() <= 6
    assert Person.objects.filter(commune=yen_bai).count() == 15


@pytest.mark.parametrize(("username", "role"), [
    ("vanphong.yenbai", Role.OFFICE_STAFF), ("chutich.yenbai", Role.CHAIRMAN),
    ("hoidong.yenbai", Role.COUNCIL_MEMBER),
])  # fmt: skip
def test_the_accounts_of_yen_bai(yen_bai, username, role):
    user = authenticate(username=username, password=DEMO_PASSWORD)
    assert user is not None and user.email == f"{username}@yenbai.example"
    assert user.person.commune == yen_bai
    assert user.person.roles.filter(role=role).exists()


def test_the_hamlet_leader_of_yen_bai(yen_bai):
    user = authenticate(username="thon.yenbai", password=DEMO_PASSWORD)
    assert user is not None
    assert [unit.name for unit in user.person.led_units.all()] == ["Thôn Chằm Mè"]
    assert user.person.commune == yen_bai and not user.person.roles.exists()


def test_two_hamlets_of_yen_bai_merged_in_2026(yen_bai):
    merged = Unit.objects.get(commune=yen_bai, name="Thôn Muông Gò - Quê Vải")
    assert merged.valid_from.isoformat() == "2026-06-01" and merged.valid_until is None
    old = Unit.objects.filter(commune=yen_bai, successor=merged)
    assert sorted(unit.name for unit in old) == ["Thôn Muông Gò", "Thôn Quê Vải"]
    assert {unit.valid_until.isoformat() for unit in old} == {"2026-05-31"}
    assert sorted(merged.people.values_list("full_name", flat=True)) == [
        "Mai Thị Dung", "Nguyễn Văn Mạnh", "Trịnh Văn Kiên", "Đặng Văn Toàn"]
    assert merged.leader.full_name == "Đặng Văn Toàn"


def test_the_2026_of_yen_bai(yen_bai):
    plan = Plan.objects.select_related("document").get(commune=yen_bai)
    assert (plan.year, plan.document.number, plan.document.doc_type, plan.status) == (2026, 1, "KH", "issued")
    assert plan.document.issued_on.strftime("%d/%m/%Y") == "08/01/2026"
    assert plan.sections.count() >= 4 and plan.campaigns.count() == 1
    assert TimelineTask.objects.filter(plan=plan).count() == 2
    assert all(task.assignments.exists() for task in plan.tasks.all())
    phase = Phase.objects.get(commune=yen_bai, kind="registration")
    assert phase.year == 2026
    registrations = Registration.objects.filter(commune=yen_bai, year=2026)
    assert {r.status for r in registrations} == {RegistrationStatus.SUBMITTED}
    codes = sorted(r.title.code for r in registrations)
    assert codes == ["cstdcs", "ldtt", "ldtt", "ldtt", "ldtt", "ttldtt"]
    # the rules in force for 2026: Luật 06/2022 and NĐ 152/2025, not the 2022 law
    rule_set = RuleSet.objects.get(titles__registrations__in=registrations.filter(title__code="cstdcs"))
    assert "152/2025" in rule_set.name
    assert all(r.events.filter(action="submitted").exists() for r in registrations)


def test_nothing_of_xuan_son_is_shared_or_changed(yen_bai):
    xuan_son = Commune.objects.get(slug="xuan-son")
    assert xuan_son.parent_authority == "thị xã Sơn Tây"
    assert list(Plan.objects.annual().filter(commune=xuan_son).values_list("year", flat=True)) == [2022]
    assert not Registration.objects.filter(commune=xuan_son, year=2026).exists()
    assert not Person.objects.filter(commune=yen_bai, unit__commune=xuan_son).exists()
    assert not Series.objects.filter(commune=yen_bai, documents__plan__commune=xuan_son).exists()
    assert _user("vanphong").person.commune == xuan_son


def test_the_clerk_of_yen_bai_signs_in(client, seeded):
    response = client.post(reverse("login"), {"username": "vanphong.yenbai", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("directory:unit_list")).status_code == 200


def test_the_clerk_of_yen_bai_sees_only_yen_bai(client, yen_bai):
    client.force_login(_user("vanphong.yenbai"))
    units = client.get(reverse("directory:unit_list"))
    assert units.status_code == 200
    page = units.content.decode()
    assert "Thôn Chằm Mè" in page and "Thôn Đồng Trạng" not in page and "Văn phòng - Thống kê" not in page
    plans = client.get(reverse("campaigns:plan_list")).content.decode()
    assert "01/KH-UBND" in plans and "2026" in plans and "2022" not in plans
    registrations = client.get(reverse("registrations:overview") + "?year=2026").content.decode()
    assert "Phạm Thị Thủy" in registrations and "Nguyễn Thị Hương" not in registrations
    xuan_son_plan = Plan.objects.annual().get(commune__slug="xuan-son")
    assert client.get(reverse("campaigns:plan_detail", args=[xuan_son_plan.pk])).status_code == 404
    own_plan = Plan.objects.get(commune=yen_bai)
    assert client.get(reverse("campaigns:plan_detail", args=[own_plan.pk])).status_code == 200


def test_the_clerk_of_xuan_son_does_not_see_yen_bai(client, yen_bai):
    client.force_login(_user("vanphong"))
    assert "Thôn Chằm Mè" not in client.get(reverse("directory:unit_list")).content.decode()
    own_plan = Plan.objects.get(commune=yen_bai)
    assert client.get(reverse("campaigns:plan_detail", args=[own_plan.pk])).status_code == 404


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def test_the_plan_pdf_of_yen_bai_carries_its_own_names(seeded):
    text = pdf_text(seeded["pdf"])
    assert "XÃ YÊN BÀI" in text
    assert "Yên Bài, ngày 08 tháng 01 năm 2026" in text
    assert "UBND thành phố Hà Nội;" in text  # the derived "Nơi nhận" names the province
    assert [name for name in FIRST_COMMUNE if name in _normal(text)] == []
    assert len({family for family, _style in embedded_font_families(seeded["pdf"])}) == 1
    coverage = reference_coverage(text, REFERENCE)
    print(coverage)
    assert coverage.percent == 100


def test_the_plan_pdf_of_yen_bai_passes_pdfcheck(seeded):
    result = subprocess.run([sys.executable, str(PDFCHECK), str(seeded["pdf"]), str(REFERENCE), "100"],
                            capture_output=True, text=True)
    print(result.stdout)
    assert result.returncode == 0, result.stdout


def test_the_plan_pdf_downloads_for_the_clerk(client, yen_bai):
    client.force_login(_user("vanphong.yenbai"))
    plan = Plan.objects.get(commune=yen_bai)
    response = client.get(reverse("campaigns:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_operator_signs_in_and_no_commune_page_opens(client, seeded):
    response = client.post(reverse("login"), {"username": "bantdkt", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).url == reverse("provinces:commune_list")
    page = client.get(reverse("provinces:commune_list")).content.decode()
    assert "Yên Bài" in page and "Xuân Sơn" in page
    assert client.get(reverse("directory:unit_list")).status_code == 403  # no commune's member


def test_the_demo_cluster_is_ha_nois_and_its_operator_sees_it(client, seeded):
    from scoring.models import Cluster

    cluster = Cluster.objects.get(name="Cụm thi đua số 3 thị xã Sơn Tây", year=2022)
    assert cluster.province.slug == "ha-noi"
    assert set(cluster.members.values_list("province__slug", flat=True)) == {"ha-noi"}
    client.force_login(ProvinceOperator.objects.get(user__username="bantdkt").user)
    page = client.get(reverse("provinces:cluster_list")).content.decode()
    assert f'data-cluster="{cluster.pk}"' in page and cluster.name in page
    ranking = client.get(reverse("provinces:cluster_ranking", args=[cluster.pk])).content.decode()
    assert 'data-commune="xuan-son"' in ranking
