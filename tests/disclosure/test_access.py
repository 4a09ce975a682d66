"""Every disclosure page, every persona: the office and the chairman manage, council members read, hamlet leaders
and people without a commune get 403, another commune's list or feedback is 404; the public pages need no login."""

import pytest
from django.urls import reverse

from tests.conftest import login

pytestmark = pytest.mark.django_db

O, C, H, A, B, X = (  # noqa: E741 - persona initials keep the access tables readable
    "office_clerk", "council_member", "chairman", "hamlet_leader", "other_hamlet_leader", "outsider"
)
PERSONAS = (O, C, H, A, B, X)
MANAGE = {O: 200, C: 403, H: 200, A: 403, B: 403, X: 403}
READ = {O: 200, C: 200, H: 200, A: 403, B: 403, X: 403}


def office_urls(disclosure):
    feedback = disclosure.feedback.first()
    return {
        "list": (reverse("disclosure:list") + "?year=2022", READ),
        "detail": (reverse("disclosure:detail", args=[disclosure.pk]), READ),
        "create": (reverse("disclosure:create") + "?year=2022", MANAGE),
        "feedback_handle": (reverse("disclosure:feedback_handle", args=[feedback.pk]), MANAGE),
    }


@pytest.fixture
def with_feedback(disclosure):
    from disclosure import services

    services.submit_feedback(disclosure=disclosure, name="Nguyễn Văn Tư", contact="0912345678", content="Đồng ý")
    return disclosure


@pytest.mark.parametrize("persona", PERSONAS)
def test_office_pages(client, personas, with_feedback, persona):
    login(client, personas[persona])
    for name, (url, expected) in office_urls(with_feedback).items():
        assert client.get(url).status_code == expected[persona], name


@pytest.mark.parametrize("persona", PERSONAS)
def test_withdraw(client, personas, disclosure, persona):
    login(client, personas[persona])
    response = client.post(reverse("disclosure:withdraw", args=[disclosure.pk]))
    assert response.status_code == {200: 302}.get(MANAGE[persona], MANAGE[persona])
    disclosure.refresh_from_db()
    assert (disclosure.withdrawn_at is not None) == (MANAGE[persona] == 200)


@pytest.mark.parametrize("persona", PERSONAS)
def test_another_communes_list_is_not_found(client, personas, foreign_disclosure, persona):
    disclosure, feedback = foreign_disclosure
    login(client, personas[persona])
    expected = 404 if READ[persona] == 200 else 403
    assert client.get(reverse("disclosure:detail", args=[disclosure.pk])).status_code == expected
    assert client.post(reverse("disclosure:withdraw", args=[disclosure.pk])).status_code == expected
    assert client.get(reverse("disclosure:feedback_handle", args=[feedback.pk])).status_code == expected
    disclosure.refresh_from_db()
    assert disclosure.withdrawn_at is None


def test_office_pages_need_a_login(client, with_feedback):
    for name, (url, _expected) in office_urls(with_feedback).items():
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), name


@pytest.mark.parametrize("persona", [None, *PERSONAS])
def test_public_pages_for_everyone(client, personas, disclosure, commune, persona):
    if persona:
        login(client, personas[persona])
    assert client.get(reverse("disclosure:public_index", args=[commune.slug])).status_code == 200
    assert client.get(reverse("disclosure:public_feedback", args=[commune.slug, disclosure.pk])).status_code == 200
    assert client.get(reverse("disclosure:honour_board", args=[commune.slug, 2022])).status_code == 200


def test_public_pages_of_an_unknown_commune_or_another_communes_list(client, commune, foreign_disclosure):
    disclosure, _feedback = foreign_disclosure
    assert client.get(reverse("disclosure:public_index", args=["khong-co"])).status_code == 404
    assert client.get(reverse("disclosure:honour_board", args=["khong-co", 2022])).status_code == 404
    # The list of Cổ Đông does not exist under Xuân Sơn's address.
    assert client.get(reverse("disclosure:public_feedback", args=[commune.slug, disclosure.pk])).status_code == 404
    assert client.get(reverse("disclosure:public_feedback", args=["co-dong", disclosure.pk])).status_code == 200
