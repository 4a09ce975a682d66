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
