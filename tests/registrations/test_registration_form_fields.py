"""The registration form tells, on each title's <option>, who receives it and whether it takes an initiative
(data-kind, data-initiative), and marks the fields that depend on it, for static/js/registration_form.js; the server
keeps only the fields that apply to the chosen title, with or without the script."""

import re

import pytest
from django.urls import reverse

from registrations.forms import initiative_use
from registrations.models import Registration

pytestmark = pytest.mark.django_db

CREATE = reverse("registrations:registration_create") + "?year=2022"


def options(page):
    """value → the attributes of each title <option>."""
    select = re.search(r'<select name="title".*?</select>', page, re.S).group(0)
    return {value: attrs for value, attrs in re.findall(r'<option value="(\d+)"([^>]*)>', select)}


def test_title_options_carry_the_recipient_kind_and_the_initiative_use(client, hamlet_leader, titles, open_phase):
    client.force_login(hamlet_leader)
    page = client.get(CREATE).content.decode()
    found = options(page)
    assert 'data-kind="individual"' in found[str(titles["ldtt"].pk)]
    assert 'data-initiative="allowed"' in found[str(titles["ldtt"].pk)]
    assert 'data-initiative="required"' in found[str(titles["cstdcs"].pk)]  # NĐ 91/2017
    assert 'data-kind="hamlet"' in found[str(titles["thon-van-hoa"].pk)]
    assert 'data-initiative="none"' in found[str(titles["thon-van-hoa"].pk)]
    assert 'data-kind="household"' in found[str(titles["gia-dinh-van-hoa"].pk)]
    assert 'data-kind="collective"' in found[str(titles["ttldtt"].pk)]
    assert len(found) == len(titles)  # every title carries them, in its group


def test_dependent_fields_are_marked_and_the_script_is_loaded(client, hamlet_leader, titles, open_phase):
    client.force_login(hamlet_leader)
    page = client.get(CREATE).content.decode()
    assert re.search(r'<select name="person"[^>]*data-for-kind="individual"', page)
    assert re.search(r'<input type="text" name="household"[^>]*data-for-kind="household"', page)
    assert re.search(r'<select name="initiative"[^>]*data-for-initiative="1"', page)
    assert 'src="/static/js/registration_form.js" defer' in page
    # Without the script every field is there (nothing is hidden by the server).
    assert "hidden" not in re.search(r'<div id="div_id_person"[^>]*>', page).group(0)


def test_initiative_use(titles):
    assert [initiative_use(titles[code]) for code in ("cstdcs", "ldtt", "ttldtt", "thon-van-hoa",
                                                      "gia-dinh-van-hoa")] == [
        "required", "allowed", "none", "none", "none"]


def test_fields_of_another_title_are_ignored_on_saving(client, hamlet_leader, thon_a, titles, open_phase, lan,
                                                       initiative):
    """A leader chose LĐTT, a person and an initiative, then switched to the hamlet title (the script hid the other
    fields, the browser still sends them): the hamlet's registration names no person, household or initiative."""
    client.force_login(hamlet_leader)
    response = client.post(CREATE, {"unit": thon_a.pk, "title": titles["thon-van-hoa"].pk, "person": lan.pk,
                                    "household": "Hộ ông Minh", "initiative": initiative.pk})
    assert response.status_code == 302, response.context["form"].errors
    registration = Registration.objects.get()
    assert (registration.person, registration.household, registration.initiative) == (None, "", None)
    initiative.refresh_from_db()
    assert not Registration.objects.filter(initiative=initiative).exclude(pk=registration.pk).exists()


def test_household_is_marked_required_for_a_household_title(client, hamlet_leader, thon_a, titles, open_phase):
    client.force_login(hamlet_leader)
    page = client.get(CREATE).content.decode()
    label = re.search(r'<label[^>]*for="id_household"[^>]*>(.*?)</label>', page, re.S).group(1)
    assert "Hộ gia đình" in label and "asteriskField" in label
    assert "Bắt buộc với danh hiệu của hộ gia đình (Gia đình văn hóa)" in page
    response = client.post(CREATE, {"unit": thon_a.pk, "title": titles["gia-dinh-van-hoa"].pk, "household": " "})
    assert response.context["form"].errors["household"] == ["Hãy nhập tên chủ hộ và địa chỉ."]
    assert not Registration.objects.exists()
    # Not needed by other titles: a hamlet's registration saves without it.
    response = client.post(CREATE, {"unit": thon_a.pk, "title": titles["thon-van-hoa"].pk, "household": ""})
    assert response.status_code == 302


def test_no_window_open_shows_a_notice_and_the_next_window_not_the_form(client, hamlet_leader, office_clerk, thon_a,
                                                                         titles):
    import datetime

    from django.utils import timezone

    from registrations.enums import PhaseKind
    from registrations.models import Phase

    client.force_login(hamlet_leader)
    page = client.get(CREATE).content.decode()
    assert 'id="registration-closed"' in page and '<select name="title"' not in page
    assert "Chưa có đợt đăng ký nào tiếp theo: hãy liên hệ Văn phòng." in page
    opens = timezone.localdate() + datetime.timedelta(days=10)
    Phase.objects.create(commune=thon_a.commune, year=2022, kind=PhaseKind.REGISTRATION, name="Đăng ký bổ sung",
                         opens_on=opens, closes_on=opens + datetime.timedelta(days=7))
    page = client.get(CREATE).content.decode()
    assert f"Đăng ký bổ sung, mở từ ngày {opens:%d/%m/%Y}" in page
    # The office may register in any window, open or closed: it still gets the form.
    client.force_login(office_clerk)
    assert '<select name="title"' in client.get(CREATE).content.decode()
