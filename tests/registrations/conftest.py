"""The 2022 catalogue, a registration window open today and a few people of Thôn A, for the registration tests."""

import datetime

import pytest
from django.utils import timezone

from awards.catalogue import load_catalogue
from registrations.eligibility import titles_for
from registrations.enums import PhaseKind, RegistrationStatus
from registrations.models import Initiative, Phase, Registration
from tests import factories as f


@pytest.fixture
def titles(plan):
    """Titles of the rule set in force on the 2022 plan's date (NĐ 91/2017), by code."""
    load_catalogue()
    return {title.code: title for title in titles_for(commune=plan.commune, year=2022)}


@pytest.fixture
def open_phase(commune):
    today = timezone.localdate()
    return Phase.objects.create(commune=commune, year=2022, kind=PhaseKind.REGISTRATION, name="Đăng ký thi đua",
                                opens_on=today - datetime.timedelta(days=5),
                                closes_on=today + datetime.timedelta(days=5))


@pytest.fixture
def closed_phase(commune):
    return Phase.objects.create(commune=commune, year=2022, kind=PhaseKind.REGISTRATION,
                                name="Đăng ký thi đua năm 2022", opens_on=datetime.date(2022, 1, 4),
                                closes_on=datetime.date(2022, 1, 31))


@pytest.fixture
def lan(thon_a):
    return f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name="Đỗ Thị Lan")


@pytest.fixture
def minh(thon_a):
    return f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name="Vũ Văn Minh")


@pytest.fixture
def initiative(thon_a, minh):
    initiative = Initiative.objects.create(commune=thon_a.commune, year=2022, unit=thon_a,
                                           title="Số hóa sổ hộ khẩu của thôn")
    initiative.authors.add(minh)
    return initiative


def register(*, unit, title, phase, person=None, status=RegistrationStatus.DRAFT, **kwargs):
    return Registration.objects.create(
        commune=unit.commune, year=2022, phase=phase, unit=unit, title=title, recipient_kind=title.recipient_kind,
        person=person, status=status, **kwargs,
    )


def accepted_ldtt(*, commune, titles, phase, count):
    """`count` accepted LĐTT registrations of people of another unit, so the CSTĐCS quota (15%) allows some."""
    unit = f.UnitFactory(commune=commune, name="Văn phòng HĐND - UBND", kind="section", position=20)
    for i in range(count):
        person = f.PersonFactory(commune=commune, unit=unit, full_name=f"Cán bộ {i}")
        register(unit=unit, title=titles["ldtt"], phase=phase, person=person, status=RegistrationStatus.ACCEPTED)
