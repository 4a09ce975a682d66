"""The operator area: the province's operator only; another province's operator gets 404 on this province's communes;
a commune's clerk 403; anonymous visitors the login page."""

import pytest
from django.urls import reverse

from directory.models import Commune

from ..factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_person(commune):
    return PersonFactory(commune=commune, full_name="Đỗ Thị Hoa", email="hoa@example.vn")


def area_urls():
    return [reverse(name) for name in ("provinces:commune_list", "provinces:commune_create", "provinces:province_edit",
                                       "provinces:import", "provinces:import_template")]


def commune_urls(commune):
    return [reverse("provinces:commune_detail", args=[commune.pk]),
            reverse("provinces:commune_edit", args=[commune.pk]),
            reverse("provinces:clerk_invite", args=[commune.pk])]


def test_the_operator_opens_every_page(client, province_operator, commune):
    client.force_login(province_operator)
    for url in area_urls() + commune_urls(commune):
        assert client.get(url).status_code == 200, url


def test_another_provinces_operator_sees_only_its_communes(client, other_province_operator, commune,
                                                           province_operator):
    client.force_login(other_province_operator)
    for url in commune_urls(commune):
        assert client.get(url).status_code == 404, url
    resend = reverse("provinces:clerk_resend", args=[commune.pk, 1])
    assert client.post(resend).status_code == 404
    page = client.get(reverse("provinces:commune_list")).content.decode()
    assert "Nghi Lộc" in page and "Xuân Sơn" not in page
    own = Commune.objects.get(slug="nghi-loc")
    assert client.get(reverse("provinces:commune_detail", args=[own.pk])).status_code == 200
    # Its profile page is its own province's.
    assert "Nghệ An" in client.get(reverse("provinces:province_edit")).content.decode()


@pytest.mark.parametrize("persona", ["office_clerk", "second_commune_clerk", "outsider"])
def test_commune_people_are_refused(client, request, commune, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in area_urls() + commune_urls(commune):
        assert client.get(url).status_code == 403, (url, persona)
    assert client.post(reverse("provinces:import_confirm")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, commune):
    for url in area_urls() + commune_urls(commune):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


def test_home_sends_the_operator_to_the_operator_area(client, province_operator):
    client.force_login(province_operator)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("provinces:commune_list")
    page = client.get(response.url).content.decode()
    for name in ("provinces:import", "provinces:province_edit", "awards:rule_set_list"):
        assert f'href="{reverse(name)}"' in page


def test_the_clerk_does_not_see_the_operator_menu(client, office_clerk):
    client.force_login(office_clerk)
    page = client.get(reverse("home")).content.decode()
    assert reverse("provinces:commune_list") not in page
