"""Nominations from accepted registrations or direct, their eligibility under the year's rules, and dossiers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from awards.catalogue import load_catalogue
from awards.dossier import missing_items
from awards.eligibility import check_nomination
from awards.enums import NominationStatus
from awards.models import DossierItem, DossierRequirement, Nomination
from awards.nominations import create_nomination, create_nominations_from_registrations
from directory.models import Commune
from registrations.enums import RegistrationStatus
from tests import factories as f
from tests.registrations.conftest import register

pytestmark = pytest.mark.django_db

ACCEPTED = RegistrationStatus.ACCEPTED


def nominate(title, *, person=None, unit=None, **kwargs):
    commune = (person or unit).commune
    unit = unit or person.unit
    return Nomination.objects.create(commune=commune, year=2022, title=title, person=person, unit=unit, **kwargs)


def ldtt_holders(titles, count):
    """`count` LĐTT nominations of officials of another unit, so the CSTĐCS quota (15%) allows some."""
    commune = Commune.objects.get(slug="xuan-son")
    unit = f.UnitFactory(commune=commune, name="Văn phòng HĐND - UBND", kind="section", position=20)
    for i in range(count):
        nominate(titles["ldtt"], person=f.PersonFactory(commune=commune, unit=unit, full_name=f"Cán bộ {i}"))


def messages(nomination):
    with translation.override("vi"):
        return [(problem.field, problem.message) for problem in check_nomination(nomination)]


def test_nominations_are_made_once_from_accepted_registrations(commune, office_clerk, titles, open_phase, lan,
                                                                minh, thon_a, initiative):
    accepted = register(unit=thon_a, title=titles["cstdcs"], phase=open_phase, person=minh, status=ACCEPTED,
                        initiative=initiative)
    register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=lan, status=RegistrationStatus.SUBMITTED)
    register(unit=thon_a, title=titles["ttldtt"], phase=open_phase, status=ACCEPTED)

    made = create_nominations_from_registrations(commune=commune, year=2022, by=office_clerk)
    assert sorted(n.title.code for n in made) == ["cstdcs", "ttldtt"]
    cstdcs = Nomination.objects.get(registration=accepted)
    assert (cstdcs.person, cstdcs.unit, cstdcs.initiative, cstdcs.status) == (minh, thon_a, initiative, "draft")
    assert create_nominations_from_registrations(commune=commune, year=2022, by=office_clerk) == []
    assert Nomination.objects.count() == 2


def test_only_the_office_or_chairman_makes_nominations(commune, hamlet_leader, titles):
    with pytest.raises(PermissionDenied):
        create_nominations_from_registrations(commune=commune, year=2022, by=hamlet_leader)


def test_direct_giay_khen_for_a_sudden_achievement(commune, office_clerk, titles, lan):
    nomination = create_nomination(commune=commune, year=2022, title=titles["giay-khen-ca-nhan"], person=lan,
                                   achievement="Cứu hai học sinh đuối nước", by=office_clerk)
    assert (nomination.unit, nomination.registration, nomination.achievement) == (
        lan.unit, None, "Cứu hai học sinh đuối nước")
    assert messages(nomination) == []
    with pytest.raises(ValidationError):
        create_nomination(commune=commune, year=2022, title=titles["giay-khen-ca-nhan"], person=lan,
                          achievement=" ", by=office_clerk)


def test_cstdcs_needs_ldtt_the_same_year(titles, minh, initiative):
    initiative.recognised = True
    initiative.save()
    ldtt_holders(titles, 7)
    cstdcs = nominate(titles["cstdcs"], person=minh, initiative=initiative)
    assert messages(cstdcs) == [("title", "Chiến sĩ thi đua cơ sở yêu cầu đạt Lao động tiên tiến trong cùng năm, "
                                          "nhưng Vũ Văn Minh chưa được đề nghị danh hiệu này.")]
    ldtt = nominate(titles["ldtt"], person=minh)
    assert messages(cstdcs) == []
    ldtt.status = NominationStatus.FAILED
    ldtt.save()
    assert len(messages(cstdcs)) == 1


def test_2022_rules_need_a_recognised_initiative(titles, open_phase, thon_a, minh, initiative):
    ldtt_holders(titles, 7)
    nominate(titles["ldtt"], person=minh)
    registration = register(unit=thon_a, title=titles["cstdcs"], phase=open_phase, person=minh, status=ACCEPTED,
                            initiative=initiative)
    cstdcs = nominate(titles["cstdcs"], person=minh, registration=registration)
    assert messages(cstdcs) == [("initiative", "Sáng kiến “Số hóa sổ hộ khẩu của thôn” chưa được công nhận nên "
                                               "chưa thể làm căn cứ đề nghị Chiến sĩ thi đua cơ sở.")]
    initiative.recognised = True
    initiative.save()
    assert messages(cstdcs) == []


def test_ttldtt_needs_70_percent_ldtt_and_no_complaint(titles, thon_a):
    members = [f.PersonFactory(commune=thon_a.commune, unit=thon_a) for _ in range(10)]
    for person in members[:6]:
        nominate(titles["ldtt"], person=person)
    nominate(titles["ldtt"], person=members[6], status=NominationStatus.FAILED)
    ttldtt = nominate(titles["ttldtt"], unit=thon_a)
    assert messages(ttldtt) == [("title", "Tập thể lao động tiên tiến yêu cầu ít nhất 70% thành viên của Thôn A đạt "
                                          "danh hiệu LĐTT: mới có 6/10 người được đề nghị.")]
    seventh = nominate(titles["ldtt"], person=members[7])
    assert messages(ttldtt) == []
    seventh.complaint_open = True
    seventh.save()
    assert [field for field, _ in messages(ttldtt)] == ["complaint_open"]


def test_open_complaint_blocks_the_award(titles, lan):
    ldtt = nominate(titles["ldtt"], person=lan, complaint_open=True)
    assert messages(ldtt) == [("complaint_open", "Chưa khen thưởng Đỗ Thị Lan vì đang xem xét, giải quyết khiếu nại "
                                                 "hoặc kỷ luật.")]


def test_cstdcs_quota_is_15_percent_of_ldtt_in_the_commune(titles, thon_a):
    ldtt_holders(titles, 7)  # 15% of 7 + 2 = 9 LĐTT → at most 1 CSTĐCS
    nominees = []
    for name in ("Một", "Hai"):
        person = f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name=f"Người {name}")
        nominate(titles["ldtt"], person=person)
        own = person.commune.initiatives.create(year=2022, unit=thon_a, title=f"Sáng kiến {name}",
                                                       recognised=True)
        nominees.append(nominate(titles["cstdcs"], person=person, initiative=own))
    with translation.override("vi"):
        problems = check_nomination(nominees[1])
    assert [p.message for p in problems] == [
        "Vượt tỷ lệ: Chiến sĩ thi đua cơ sở không quá 15% số Lao động tiên tiến (toàn xã có 9 người được đề nghị, "
        "nên tối đa 1)."]
    nominees[0].status = NominationStatus.FAILED
    nominees[0].save()
    assert check_nomination(nominees[1]) == []


def test_one_initiative_grounds_only_one_nomination(titles, open_phase, thon_a, minh, initiative):
    initiative.recognised = True
    initiative.save()
    ldtt_holders(titles, 7)
    nominate(titles["ldtt"], person=minh)
    registration = register(unit=thon_a, title=titles["cstdcs"], phase=open_phase, person=minh, status=ACCEPTED,
                            initiative=initiative)
    cstdcs = nominate(titles["cstdcs"], person=minh, registration=registration)  # grounded through the registration
    assert messages(cstdcs) == []
    giay_khen = nominate(titles["giay-khen-ca-nhan"], person=minh, initiative=initiative)
    assert messages(giay_khen) == [("initiative", "Một thành tích chỉ được khen thưởng một lần: sáng kiến “Số hóa sổ "
                                                  "hộ khẩu của thôn” đã làm căn cứ cho đề nghị khác.")]


def test_dossier_checklist_lists_the_missing_components(titles, minh):
    assert [r.name for r in titles["ldtt"].dossier_requirements.all()] == ["Tờ trình", "Báo cáo thành tích"]
    cstdcs = nominate(titles["cstdcs"], person=minh)
    assert [r.code for r in missing_items(cstdcs)] == [
        "to-trinh", "bao-cao-thanh-tich", "bien-ban-binh-xet", "minh-chung-sang-kien"]
    requirements = {r.code: r for r in titles["cstdcs"].dossier_requirements.all()}
    DossierItem.objects.create(nomination=cstdcs, requirement=requirements["to-trinh"], provided=True)
    DossierItem.objects.create(nomination=cstdcs, requirement=requirements["bao-cao-thanh-tich"], note="Đang sửa")
    assert [r.name for r in missing_items(cstdcs)] == [
        "Báo cáo thành tích", "Biên bản bình xét", "Minh chứng sáng kiến"]
    count = DossierRequirement.objects.count()
    load_catalogue()
    assert DossierRequirement.objects.count() == count
