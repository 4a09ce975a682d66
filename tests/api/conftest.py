"""Tokens for the API tests: `token_for(user, scopes=..., rate=...)` makes a client system of the user's commune
(or province, for an operator) acting as that user, and returns a DRF test client carrying its key."""

import pytest
from rest_framework.test import APIClient

from api.keys import new_key
from api.models import ApiClient, key_hash
from directory.permissions import get_actor, get_operator


def make_client(user, *, scopes=("read",), rate=1000, name="Hệ thống thử"):
    """An ApiClient acting as `user` (saved directly: the services' own checks are tested in test_core) and its key."""
    key, prefix = new_key()
    actor, operator = get_actor(user), get_operator(user)
    owner = {"commune": actor.commune} if actor else {"province": operator.province}
    client = ApiClient.objects.create(
        name=name, user=user, key_prefix=prefix, key_hash=key_hash(key), rate_per_minute=rate,
        scope_read="read" in scopes, scope_submit="submit" in scopes, scope_decide="decide" in scopes, **owner)
    return client, key


def api_client(key=None) -> APIClient:
    api = APIClient()
    if key:
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return api


@pytest.fixture
def token_for(db):
    def make(user, *, scopes=("read",), rate=1000):
        _client, key = make_client(user, scopes=scopes, rate=rate)
        return api_client(key)

    return make
