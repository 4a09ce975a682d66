"""The API's machinery: tokens (created and revoked by whom), 401 without a good key, scopes, each client's rate
limit (429), the call log, and a valid OpenAPI 3 schema."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from api import services
from api.models import ApiCall, ApiClient
from tests.api.conftest import api_client, make_client

pytestmark = pytest.mark.django_db

COMMUNES = "/api/communes/"


def test_schema_is_valid_openapi_3(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate(schema)
    assert "ApiKey" in schema["components"]["securitySchemes"]


def test_docs_page_opens_without_login(client):
    assert client.get("/api/docs/").status_code == 200


def test_no_key_unknown_key_and_malformed_key_are_401(office_clerk):
    response = APIClient().get(COMMUNES)
    assert response.status_code == 401
    assert response.json()["detail"] == "Chưa gửi khoá API (tiêu đề Authorization: Bearer <khoá>)."
    assert api_client("tdkt_00000000_nothing").get(COMMUNES).status_code == 401
    response = api_client("not-a-key").get(COMMUNES)
    assert response.status_code == 401
    assert response.json()["detail"] == "Khoá API không đúng."
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_clerk_creates_and_revokes_a_token_of_its_commune(office_clerk, hamlet_leader, commune):
    client, key = services.create_client(owner=commune, name="Hệ thống văn bản", user=office_clerk,
                                         scopes={"read"}, by=office_clerk)
    assert key.startswith("tdkt_") and client.key_hash != key and key not in str(client.__dict__.values())
    assert api_client(key).get(COMMUNES).status_code == 200
    services.revoke_client(client=client, by=office_clerk)
    response = api_client(key).get(COMMUNES)
    assert response.status_code == 401
    assert "thu hồi" in response.json()["detail"]
    history = ApiClient.history.filter(id=client.pk).order_by("history_date")
    assert [(row.history_user, row.history_change_reason) for row in history] == [
        (office_clerk, "create_client"), (office_clerk, "revoke_client")]
    with pytest.raises(PermissionDenied):
        services.create_client(owner=commune, name="x", user=hamlet_leader, scopes={"read"}, by=hamlet_leader)


def test_a_token_acts_only_as_an_account_of_its_owner(office_clerk, second_commune_clerk, commune, province_operator):
    with pytest.raises(ValidationError):
        services.create_client(owner=commune, name="x", user=second_commune_clerk, scopes={"read"}, by=office_clerk)
    with pytest.raises(ValidationError):
        services.create_client(owner=commune, name="x", user=province_operator, scopes={"read"}, by=office_clerk)
    with pytest.raises(PermissionDenied):
        services.create_client(owner=commune, name="x", user=office_clerk, scopes={"read"}, by=province_operator)
    client, _key = services.create_client(owner=commune.province, name="Cổng DVC", user=province_operator,
                                          scopes={"read", "decide"}, by=province_operator)
    assert client.scopes == ["read", "decide"]
    with pytest.raises(PermissionDenied):
        services.revoke_client(client=client, by=office_clerk)


def test_deactivated_account_stops_its_tokens(office_clerk):
    _client, key = make_client(office_clerk)
    office_clerk.is_active = False
    office_clerk.save()
    assert api_client(key).get(COMMUNES).status_code == 401


def test_a_read_token_cannot_write(office_clerk):
    _client, key = make_client(office_clerk, scopes=("read",))
    response = api_client(key).post(COMMUNES, {}, format="json")
    assert response.status_code == 403
    assert "phạm vi" in response.json()["detail"]


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                       "LOCATION": "api-rate"}})
def test_rate_limit_answers_429(office_clerk):
    _client, key = make_client(office_clerk, rate=3)
    api = api_client(key)
    assert [api.get(COMMUNES).status_code for _ in range(3)] == [200, 200, 200]
    response = api.get(COMMUNES)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response.json()["detail"].startswith("Đã vượt quá số lần gọi cho phép. Hãy gọi lại sau ")
    other, other_key = make_client(office_clerk, rate=3, name="Hệ thống khác")
    assert api_client(other_key).get(COMMUNES).status_code == 200  # each client counts its own calls


def test_drf_own_errors_answer_in_vietnamese(office_clerk):
    """DRF's own messages come from the portal's catalogue (api/drf_messages.py), Vietnamese like the pages'."""
    _client, key = make_client(office_clerk, scopes=("read", "submit"))
    api = api_client(key)
    assert api.get(COMMUNES + "?page=9").json() == {"detail": "Trang không hợp lệ."}
    response = api.post("/api/dossiers/", "{not json", content_type="application/json")
    assert (response.status_code, response.json()) == (400, {"detail": "Nội dung gửi lên không phải JSON hợp lệ."})
    response = api.post("/api/dossiers/", {"proposal": "abc"}, format="json")
    assert (response.status_code, response.json()) == (400, {"proposal": ["Cần một số nguyên hợp lệ."]})
    response = api.post("/api/dossiers/", {}, format="json")
    assert (response.status_code, response.json()) == (400, {"proposal": ["Trường này là bắt buộc."]})


def test_every_call_is_logged(office_clerk):
    client, key = make_client(office_clerk)
    api_client(key).get(COMMUNES + "?page=1")
    api_client("tdkt_00000000_bad").get(COMMUNES)
    calls = list(ApiCall.objects.order_by("pk"))
    assert [(c.client, c.method, c.path, c.query, c.status) for c in calls] == [
        (client, "GET", COMMUNES, "page=1", 200), (None, "GET", COMMUNES, "", 401)]
    client.refresh_from_db()
    assert client.last_used_at is not None


def test_communes_per_persona(office_clerk, hamlet_leader, commune, other_commune, province_operator,
                              other_province_operator, outsider, token_for):
    def names(user):
        response = token_for(user).get(COMMUNES)
        return response.status_code, [row["slug"] for row in response.json().get("results", [])]

    assert names(office_clerk) == (200, ["xuan-son"])
    assert names(hamlet_leader) == (200, ["xuan-son"])
    assert names(province_operator)[1] == sorted([commune.slug, other_commune.slug],
                                                 key=lambda s: {"xuan-son": "Xuân Sơn", "co-dong": "Cổ Đông"}[s])
    assert names(other_province_operator) == (200, ["nghi-loc"])
    assert token_for(office_clerk).get(f"{COMMUNES}{other_commune.pk}/").status_code == 404
    assert token_for(province_operator).get(f"{COMMUNES}{other_commune.pk}/").status_code == 200


def test_rate_limit_lets_calls_through_while_the_cache_is_down(office_clerk, monkeypatch):
    import redis

    def down(*args, **kwargs):
        raise redis.exceptions.ConnectionError("cache down")

    monkeypatch.setattr("api.throttling.ClientRateThrottle.cache.get", down)
    _client, key = make_client(office_clerk, rate=1)
    api = api_client(key)
    assert [api.get(COMMUNES).status_code for _ in range(2)] == [200, 200]
