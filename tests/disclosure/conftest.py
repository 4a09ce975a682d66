"""Nominations of Xuân Sơn (2022 catalogue) and a list posted today, for the disclosure tests."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from awards.enums import DecisionStatus, NominationStatus
from awards.models import Award, AwardDecision, Nomination
from disclosure import services
from disclosure.models import Disclosure
from tests import factories as f
from tests.registrations.conftest import lan, minh, titles  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The feedback limit counts in the cache, which outlives a test: every test starts with a clean count."""
    cache.clear()
    yield
    cache.clear()


def nominate(title, *, person=None, unit=None, household="", status=NominationStatus.PASSED, year=2022):
    commune = (person or unit).commune
    return Nomination.objects.create(commune=commune, year=year, title=title, person=person,
                                     unit=unit or (person.unit if person else None), household=household,
                                     status=status)


def post(nominations, *, by, starts_on=None, days=10, year=2022):
    commune = nominations[0].commune
    return services.post_disclosure(commune=commune, year=year, starts_on=starts_on or timezone.localdate(),
                                    days=days, nominations=nominations, by=by)


def decide(nominations, *, code="15/QĐ-UBND", on=datetime.date(2022, 12, 5), status=DecisionStatus.ISSUED):
    """A decision recorded with its number and date, and the awards it grants (in force)."""
    first = nominations[0]
    decision = AwardDecision.objects.create(commune=first.commune, year=first.year, status=status,
                                            external_code=code, external_date=on)
    decision.nominations.set(nominations)
    awards = [
        Award.objects.create(decision=decision, nomination=n, commune=n.commune, year=n.year, title=n.title,
                             person=n.person, unit=n.unit, recipient_name=n.recipient_name,
                             recipient_detail=n.unit.name if n.unit_id else "", position=i)
        for i, n in enumerate(nominations, start=1)
    ]
    return decision, awards


@pytest.fixture
def cstdcs(titles, minh):  # noqa: F811 - fixtures imported above
    return nominate(titles["cstdcs"], person=minh)


@pytest.fixture
def gdvh(titles, thon_a):  # noqa: F811 - fixtures imported above
    return nominate(titles["gia-dinh-van-hoa"], unit=thon_a, household="Hộ ông Đỗ Văn Hải, xóm Đông",
                    status=NominationStatus.DRAFT)


@pytest.fixture
def disclosure(office_clerk, cstdcs, gdvh) -> Disclosure:
    return post([cstdcs, gdvh], by=office_clerk, starts_on=timezone.localdate() - datetime.timedelta(days=2))


@pytest.fixture
def foreign_disclosure(other_commune):
    """A list of another commune: every persona of Xuân Sơn gets 404 for its office pages."""
    from awards.catalogue import load_catalogue
    from awards.models import Title

    load_catalogue()
    unit = f.UnitFactory(commune=other_commune, name="Thôn Đông")
    person = f.PersonFactory(commune=other_commune, unit=unit, full_name="Bùi Thị Mai")
    title = Title.objects.filter(code="giay-khen-ca-nhan").order_by("rule_set__effective_from").first()
    nomination = nominate(title, person=person)
    disclosure = Disclosure.objects.create(commune=other_commune, year=2022, heading="Công khai",
                                           starts_on=timezone.localdate(), days=10)
    disclosure.nominations.set([nomination])
    feedback = services.submit_feedback(disclosure=disclosure, name="Bà Tư", contact="0912345678",
                                        content="Đồng ý")
    return disclosure, feedback
