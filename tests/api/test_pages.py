"""The token pages: a commune's office manages its commune's client systems, a province's operators the
province's; everyone else is refused (403), another owner's client does not exist (404). The key is shown once, on
the answer to the form (Cache-Control: no-store), works at once and stops working when revoked; the call log lists
a client's calls, newest first, in a constant number of queries."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from api import services
from api.models import ApiCall, ApiClient
from tests.api.conftest import api_client, make_client
from tests.conftest import login
from tests.test_csp import _InlineFinder

pytestmark = pytest.mark.django_db

COMMUNES = "/api/communes/"
COMMUNE_NS, PROVINCE_NS = "api_clients", "province_api_clients"


def _urls(ns, client):
    return [reverse(f"{ns}:list"), reverse(f"{ns}:create"), reverse(f"{ns}:revoke", args=[client.pk]),
            reverse(f"{ns}:calls", args=[client.pk])]


def test_commune_pages_per_persona(client, office_clerk, council_member, chairman, hamlet_leader, province_operator,
                                   second_commune_clerk, outsider):
    own, _key = make_client(office_clerk)
    other, _other_key = make_client(second_commune_clerk)
    for url in _urls(COMMUNE_NS, own):
        client.logout()
        assert client.get(url).status_code == 302  # to the login page
        for user in (council_member, chairman, hamlet_leader, province_operator, outsider):
            assert login(client, user).get(url).status_code == 403, (user, url)
        assert login(client, office_clerk).get(url).status_code == 200, url
    for url in _urls(COMMUNE_NS, other)[2:]:
        assert login(client, office_clerk).get(url).status_code == 404
        assert login(client, office_clerk).post(url).status_code == 404
    assert login(client, second_commune_clerk).get(reverse(f"{COMMUNE_NS}:list")).status_code == 200


def test_province_pages_per_persona(client, office_clerk, chairman, province_operator, other_province_operator):
    hanoi, _key = make_client(province_operator)
    for url in _urls(PROVINCE_NS, hanoi):
        for user in (office_clerk, chairman):
            assert login(client, user).get(url).status_code == 403, (user, url)
        assert login(client, province_operator).get(url).status_code == 200, url
    for url in _urls(PROVINCE_NS, hanoi)[2:]:
        assert login(client, other_province_operator).get(url).status_code == 404
    assert login(client, other_province_operator).get(reverse(f"{PROVINCE_NS}:list")).status_code == 200
    # The commune's clients are not the province's, and the reverse.
    commune_client, _key = make_client(office_clerk)
    assert login(client, province_operator).get(
        reverse(f"{PROVINCE_NS}:calls", args=[commune_client.pk])).status_code == 404
    assert login(client, office_clerk).get(reverse(f"{COMMUNE_NS}:calls", args=[hanoi.pk])).status_code == 404


def test_the_form_offers_only_the_owners_accounts(client, office_clerk, hamlet_leader, second_commune_clerk,
                                                  province_operator):
    page = login(client, office_clerk).get(reverse(f"{COMMUNE_NS}:create")).content.decode()
    assert "Nguyễn Thị Hương" in page or office_clerk.person.full_name in page
    assert hamlet_leader.person.full_name in page
    assert second_commune_clerk.person.full_name not in page and "Đinh Thị Thu" not in page
    page = login(client, province_operator).get(reverse(f"{PROVINCE_NS}:create")).content.decode()
    assert "Đinh Thị Thu" in page and office_clerk.person.full_name not in page


def _create(client, ns, user, **changes):
    data = {"name": "Hệ thống quản lý văn bản", "user": user.pk, "scopes": ["read"], "rate_per_minute": 60,
            "note": ""} | changes
    return client.post(reverse(f"{ns}:create"), data)


def test_create_shows_the_key_once_and_it_works_then_revoke_stops_it(client, office_clerk, hamlet_leader):
    login(client, office_clerk)
    response = _create(client, COMMUNE_NS, hamlet_leader, scopes=["read", "submit"], rate_per_minute=30)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    created = ApiClient.objects.get()
    key = response.context["key"]
    assert key.startswith(f"tdkt_{created.key_prefix}_") and key in response.content.decode()
    assert "không thể hiển thị lại" in response.content.decode()
    finder = _InlineFinder()  # the answer to the POST is not reached by test_csp's walk: nothing inline here either
    finder.feed(response.content.decode())
    assert finder.problems == []
    assert (created.commune, created.user, created.scopes, created.rate_per_minute, created.created_by) == (
        office_clerk.person.commune, hamlet_leader, ["read", "submit"], 30, office_clerk)
    # Nowhere else: not in the session, the messages, the history or the list.
    assert key not in str(dict(client.session.items()))
    listing = client.get(reverse(f"{COMMUNE_NS}:list"))
    assert key not in listing.content.decode() and not list(listing.context["messages"])
    assert key not in repr(list(ApiClient.history.values()))
    assert created.key_prefix in listing.content.decode()

    assert api_client(key).get(COMMUNES).status_code == 200

    revoke = reverse(f"{COMMUNE_NS}:revoke", args=[created.pk])
    assert "401" in client.get(revoke).content.decode()  # the confirmation step
    assert ApiClient.objects.get().revoked_at is None
    response = client.post(revoke)
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.revoked_by == office_clerk and created.revoked_at is not None
    assert api_client(key).get(COMMUNES).status_code == 401
    assert client.post(revoke, follow=True).status_code == 200  # again: told, nothing changes
    assert [row.history_change_reason for row in ApiClient.history.order_by("history_date")] == [
        "create_client", "revoke_client"]
    history = client.get(reverse("audit:history", args=["api.apiclient", created.pk]))
    assert history.status_code == 200 and "Thu hồi khoá API" in history.content.decode()


def test_a_bad_form_saves_nothing(client, office_clerk, second_commune_clerk):
    login(client, office_clerk)
    assert _create(client, COMMUNE_NS, second_commune_clerk).status_code == 200  # not one of the commune's
    assert _create(client, COMMUNE_NS, office_clerk, scopes=[]).status_code == 200
    assert _create(client, COMMUNE_NS, office_clerk, rate_per_minute=0).status_code == 200
    assert not ApiClient.objects.exists()


def test_the_operator_creates_a_province_token(client, province_operator, other_province_operator):
    login(client, province_operator)
    response = _create(client, PROVINCE_NS, province_operator, scopes=["read", "decide"])
    created = ApiClient.objects.get()
    assert created.province == province_operator.province_operator.province and created.commune is None
    assert api_client(response.context["key"]).get(COMMUNES).status_code == 200
    history = client.get(reverse("audit:history", args=["api.apiclient", created.pk]))
    assert history.status_code == 200
    assert login(client, other_province_operator).get(
        reverse("audit:history", args=["api.apiclient", created.pk])).status_code == 404


def _calls(api_client_row, count, start=0):
    at = timezone.now() - datetime.timedelta(hours=1)
    ApiCall.objects.bulk_create(
        ApiCall(client=api_client_row, at=at + datetime.timedelta(seconds=i), method="GET",
                path=f"/api/communes/{i}/", status=200 if i % 2 else 404, duration_ms=3, address="10.0.0.1")
        for i in range(start, start + count))


def test_the_call_log_lists_calls_newest_first_in_constant_queries(client, office_clerk, django_assert_num_queries):
    own, key = make_client(office_clerk)
    api_client(key).get(COMMUNES + "?page_size=5")
    url = reverse(f"{COMMUNE_NS}:calls", args=[own.pk])
    login(client, office_clerk)
    page = client.get(url)
    assert [c.path for c in page.context["page"]] == [COMMUNES]
    assert "page_size=5" in page.content.decode()

    _calls(own, 3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        page = client.get(url)
    assert len(page.context["page"]) == 4
    _calls(own, 120, start=3)
    with django_assert_num_queries(len(few)):
        page = client.get(url)
    rows = list(page.context["page"])
    assert len(rows) == 50 and rows[0].path == COMMUNES  # the real call, made last
    assert [r.at for r in rows] == sorted((r.at for r in rows), reverse=True)
    assert client.get(url + "?page=3").status_code == 200


def test_the_list_runs_constant_queries(client, office_clerk, hamlet_leader, django_assert_num_queries):
    login(client, office_clerk)
    services.create_client(owner=office_clerk.person.commune, name="A", user=hamlet_leader, scopes={"read"},
                           by=office_clerk)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse(f"{COMMUNE_NS}:list")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(6):
        made, _key = services.create_client(owner=office_clerk.person.commune, name=f"Hệ thống {i}",
                                            user=office_clerk if i % 2 else hamlet_leader, scopes={"read"},
                                            by=office_clerk)
        if i % 3 == 0:
            services.revoke_client(client=made, by=office_clerk)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["rows"]) == 7
    # The active ones first.
    assert [row["client"].revoked_at is None for row in response.context["rows"]] == [True] * 5 + [False] * 2


def test_navigation_links(client, office_clerk, council_member, province_operator):
    assert reverse(f"{COMMUNE_NS}:list") in login(client, office_clerk).get("/accounts/people/").content.decode()
    assert reverse(f"{COMMUNE_NS}:list") not in login(client, council_member).get(
        "/plans/").content.decode()
    page = login(client, province_operator).get(reverse("provinces:commune_list")).content.decode()
    assert reverse(f"{PROVINCE_NS}:list") in page
    listing = login(client, province_operator).get(reverse(f"{PROVINCE_NS}:list")).content.decode()
    assert reverse("api:docs") in listing
