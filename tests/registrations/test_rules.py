"""Each rule of a registration, as the unit leader meets it on the form: the message says in Vietnamese what is
missing, next to the field it concerns, and nothing is saved."""

import datetime

import pytest
from django.urls import reverse

from awards.catalogue import load_catalogue
from registrations.eligibility import check_registration, rule_set_for
from registrations.models import Registration
from tests import factories as f

from .conftest import accepted_ldtt, register

pytestmark = pytest.mark.django_db
CREATE = reverse("registrations:registration_create") + "?year=2022"


def post(client, user, **data):
    client.force_login(user)
    return client.post(CREATE, {"note": "", "household": "", "initiative": "", "person": "", **data})


def field_errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def test_cstdcs_needs_an_initiative_under_the_2022_rules(client, hamlet_leader, thon_a, titles, open_phase, minh):
    accepted_ldtt(commune=thon_a.commune, titles=titles, phase=open_phase, count=7)
    register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=minh)
    response = post(client, hamlet_leader, unit=thon_a.pk, title=titles["cstdcs"].pk, person=minh.pk)
    assert response.status_code == 200
    assert field_errors(response, "initiative") == [
        "Chiến sĩ thi đua cơ sở phải có sáng kiến theo quy định năm 2022: hãy chọn sáng kiến."
    ]
    assert not Registration.objects.filter(title=titles["cstdcs"]).exists()


def test_cstdcs_takes_an_initiative_or_excellence_under_todays_rules(commune, thon_a, minh):
    load_catalogue()
    today_rules = rule_set_for(commune=commune, year=2026)  # no plan: 1 January 2026, after NĐ 152/2025
    assert today_rules.effective_from == datetime.date(2025, 7, 1)
    cstdcs = today_rules.titles.get(code="cstdcs")
    # An initiative, or "hoàn thành xuất sắc nhiệm vụ" with its evidence instead (tests/registrations/test_ground.py).
    assert (cstdcs.requires_initiative, cstdcs.excellence_may_replace_initiative) == (True, True)
    assert rule_set_for(commune=commune, year=2022).effective_from == datetime.date(2017, 10, 1)


def test_cstdcs_with_the_initiative_is_saved(client, hamlet_leader, thon_a, titles, open_phase, minh, initiative):
    accepted_ldtt(commune=thon_a.commune, titles=titles, phase=open_phase, count=7)
    register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=minh)
    response = post(client, hamlet_leader, unit=thon_a.pk, title=titles["cstdcs"].pk, person=minh.pk,
                    initiative=initiative.pk)
    assert response.status_code == 302
    assert Registration.objects.get(title=titles["cstdcs"]).initiative == initiative


def test_the_initiative_must_be_the_persons(client, hamlet_leader, thon_a, titles, open_phase, lan, initiative):
    accepted_ldtt(commune=thon_a.commune, titles=titles, phase=open_phase, count=7)
    register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=lan)
    response = post(client, hamlet_leader, unit=thon_a.pk, title=titles["cstdcs"].pk, person=lan.pk,
                    initiative=initiative.pk)
    assert field_errors(response, "initiative") == ["Đỗ Thị Lan không phải là tác giả của sáng kiến này."]


def test_an_initiative_grounds_only_one_award(client, hamlet_leader, thon_a, titles, open_phase, minh, initiative):
    register(unit=thon_a, title=titles["giay-khen-ca-nhan"], phase=open_phase, person=minh, initiative=initiative)
    client.force_login(hamlet_leader)
    form = client.get(CREATE).context["form"]
    assert initiative not in form.fields["initiative"].queryset


def test_cstdcs_needs_lđtt_the_same_year(client, hamlet_leader, thon_a, titles, open_phase, minh, initiative):
    accepted_ldtt(commune=thon_a.commune, titles=titles, phase=open_phase, count=7)
    response = post(client, hamlet_leader, unit=thon_a.pk, title=titles["cstdcs"].pk, person=minh.pk,
                    initiative=initiative.pk)
    assert field_errors(response, "title") == [
        "Chiến sĩ thi đua cơ sở yêu cầu đăng ký cả Lao động tiên tiến trong cùng năm."
    ]


def test_quota_exceeded(client, hamlet_leader, thon_a, titles, open_phase, minh, initiative):
    # 6 LĐTT in the commune (5 others and Minh): 15% of 6 is 0.9, so not even one CSTĐCS.
    accepted_ldtt(commune=thon_a.commune, titles=titles, phase=open_phase, count=5)
    register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=minh)
    response = post(client, hamlet_leader, unit=thon_a.pk, title=titles["cstdcs"].pk, person=minh.pk,
                    initiative=initiative.pk)
    assert field_errors(response, "title") == [
        "Vượt chỉ tiêu: Chiến sĩ thi đua cơ sở không quá 15% số Lao động tiên tiến (6 đăng ký trong xã, nên tối "
        "đa 0)."
    ]


def test_window_closed_for_the_leader_but_not_for_the_office(client, hamlet_leader, office_clerk, thon_a, titles,
                                                             closed_phase, lan):
    # No window open: the leader gets the notice instead of the form, and a post saves nothing.
    response = post(client, hamlet_leader, unit=thon_a.pk, title=titles["ldtt"].pk, person=lan.pk)
    assert "form" not in response.context and 'id="registration-closed"' in response.content.decode()
    assert not Registration.objects.exists()
    registration = register(unit=thon_a, title=titles["ldtt"], phase=closed_phase, person=lan)
    assert [p.message for p in check_registration(registration)] == [
        "Đợt đăng ký Đăng ký thi đua năm 2022 đã đóng (04/01/2022 – 31/01/2022)."
    ]
    assert check_registration(registration, staff=True) == []
    registration.delete()
    # The office may register in a closed window.
    response = post(client, office_clerk, unit=thon_a.pk, title=titles["ldtt"].pk, person=lan.pk,
                    phase=closed_phase.pk)
    assert response.status_code == 302
    assert Registration.objects.get().phase == closed_phase


def test_a_person_of_another_unit(client, hamlet_leader, office_clerk, thon_a, thon_b, titles, open_phase):
    stranger = f.PersonFactory(commune=thon_a.commune, unit=thon_b, full_name="Lý Văn Khải")
    response = post(client, hamlet_leader, unit=thon_a.pk, title=titles["ldtt"].pk, person=stranger.pk)
    assert field_errors(response, "person")  # not among the choices
    response = post(client, office_clerk, unit=thon_a.pk, title=titles["ldtt"].pk, person=stranger.pk)
    assert field_errors(response, "person") == ["Lý Văn Khải không thuộc Thôn A."]


def test_a_household_needs_its_head_and_address(client, hamlet_leader, thon_a, titles, open_phase):
    response = post(client, hamlet_leader, unit=thon_a.pk, title=titles["gia-dinh-van-hoa"].pk)
    assert field_errors(response, "household") == ["Hãy nhập tên chủ hộ và địa chỉ."]
    response = post(client, hamlet_leader, unit=thon_a.pk, title=titles["gia-dinh-van-hoa"].pk,
                    household="Hộ ông Nguyễn Văn Tâm, xóm Đông")
    assert response.status_code == 302


def test_hamlet_title_only_for_hamlets(client, office_clerk, office_unit, titles, open_phase):
    response = post(client, office_clerk, unit=office_unit.pk, title=titles["thon-van-hoa"].pk)
    assert field_errors(response, "title") == [
        "Thôn, tổ dân phố văn hóa chỉ dành cho thôn và tổ dân phố."
    ]


def test_once_per_person_title_and_year(client, hamlet_leader, thon_a, titles, open_phase, lan):
    register(unit=thon_a, title=titles["ldtt"], phase=open_phase, person=lan)
    response = post(client, hamlet_leader, unit=thon_a.pk, title=titles["ldtt"].pk, person=lan.pk)
    assert field_errors(response, "person") == ["Đỗ Thị Lan đã được đăng ký Lao động tiên tiến năm 2022."]


def test_people_are_offered_in_vietnamese_order_and_titles_grouped(client, hamlet_leader, thon_a, titles,
                                                                     open_phase, lan, minh):
    f.PersonFactory(commune=thon_a.commune, unit=thon_a, full_name="Nguyễn Văn Anh")
    client.force_login(hamlet_leader)
    form = client.get(CREATE).context["form"]
    names = [p.full_name for p in form.fields["person"].queryset]
    assert names == ["Trần Văn An", "Nguyễn Văn Anh", "Đỗ Thị Lan", "Vũ Văn Minh"]
    groups = [label for label, _choices in form.fields["title"].choices[1:]]
    assert groups == ["Cá nhân", "Tập thể", "Thôn, tổ dân phố", "Hộ gia đình"]
