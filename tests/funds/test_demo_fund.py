"""The demo's award funds: Xuân Sơn's 2022 fund after the demo's decisions holds its income less the reward money of
those decisions, computed here by hand from the titles' multiples and the base salary of the decision's day (not from
the awards' amounts); the decision received from the town books nothing. Hà Nội's fund pays its own decision."""

import datetime
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test.utils import override_settings
from django.urls import reverse

from awards.models import Award, AwardDecision, BaseSalary
from directory.models import Commune, Province
from funds import services
from funds.enums import EntryKind
from provinces.models import ProvinceDecision
from registrations.eligibility import rule_set_for
from tests.conftest import login

pytestmark = pytest.mark.django_db

DECIDED_ON = datetime.date(2022, 12, 15)  # 15/QĐ-UBND, the commune chairman's decision
# The awards of 15/QĐ-UBND: (recipient, title code).
DEMO_AWARDS = [
    ("Hộ ông Đỗ Văn Lộc", "gia-dinh-van-hoa"),
    ("Hộ ông Lê Văn Bình", "gia-dinh-van-hoa"),
    ("Hộ ông Phùng Văn Tâm", "gia-dinh-van-hoa"),
    ("Nguyễn Thị Nga", "giay-khen-ca-nhan"),
]
INCOME = 30_000_000 + 5_000_000  # the budget allocation and the contribution (demo/awards.py FUND_INCOME)


def by_hand(multiples, base) -> Decimal:
    return sum(((multiple * base).quantize(Decimal(1), rounding=ROUND_HALF_UP) for multiple in multiples), Decimal(0))


@pytest.fixture
def demo(tmp_path, client):
    with override_settings(MEDIA_ROOT=tmp_path, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("seed_demo", stdout=io.StringIO())
        yield Commune.objects.get(slug="xuan-son")


def test_the_demo_fund_balance_is_its_income_less_the_reward_money_by_hand(demo, client):
    decision = AwardDecision.objects.get(commune=demo, year=2022, document__number=15)
    assert sorted((a.recipient_name, a.title.code) for a in decision.awards.all()) == sorted(DEMO_AWARDS)
    titles = {title.code: title for title in rule_set_for(commune=demo, year=2022).titles.all()}
    base = BaseSalary.objects.filter(effective_from__lte=DECIDED_ON).order_by("-effective_from").first().amount
    assert base == 1_490_000
    spending = by_hand([titles[code].reward_multiple for _name, code in DEMO_AWARDS], base)
    assert spending == 447_000  # 3 × 0 (Gia đình văn hóa carries no money) + 0,3 × 1.490.000
    totals = services.balance(demo, 2022)
    assert (totals.income, totals.spending, totals.balance) == (INCOME, spending, INCOME - spending)
    assert totals.balance == 34_553_000
    # The town's decision (recorded, paid by the town) books nothing in the commune's fund.
    kinds = list(services.entries_of(demo, 2022).values_list("kind", "decision_id"))
    assert kinds == [(EntryKind.BUDGET, None), (EntryKind.CONTRIBUTION, None), (EntryKind.AWARDS, decision.pk)]

    login(client, get_user_model().objects.get(username="vanphong"))
    page = client.get(reverse("funds:ledger") + "?year=2022").content.decode()
    assert "35.000.000 đ" in page and "447.000 đ" in page and "34.553.000 đ" in page


def test_the_province_pays_its_own_decision(demo):
    province = Province.objects.get(slug="ha-noi")
    decision = ProvinceDecision.objects.get(province=province, status="issued")
    day = decision.document.issued_on
    base = BaseSalary.objects.filter(effective_from__lte=day).order_by("-effective_from").first().amount
    awards = Award.objects.filter(decision__dossier__decision=decision).select_related("title")
    total = by_hand([award.title.reward_multiple for award in awards], base)
    totals = services.balance(province, day.year)
    assert (totals.income, totals.spending) == (200_000_000, total)
