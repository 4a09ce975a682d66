"""The README's curl example (which scripts/smoke-production.sh runs against gunicorn on the demo) uses the demo's
key and a real endpoint, and answers with the demo commune here too."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from demo.api import DEMO_API_KEY, DEMO_API_PREFIX
from tests.api.conftest import api_client

README = Path(settings.BASE_DIR) / "README.md"
# The same line the smoke script reads: the first one starting with this.
CURL = re.compile(r'^curl -H "Authorization: Bearer (tdkt_[^"]+)" http://127\.0\.0\.1:8000(/api/\S*)$', re.M)


def _example():
    found = CURL.search(README.read_text(encoding="utf-8"))
    assert found, "README.md has no curl example of the API"
    return found.groups()


def test_the_readme_key_is_the_demos():
    key, _path = _example()
    assert key == DEMO_API_KEY
    assert key.startswith(f"tdkt_{DEMO_API_PREFIX}_") and "_" not in DEMO_API_PREFIX and len(DEMO_API_PREFIX) <= 16


@pytest.mark.django_db
def test_the_readme_example_answers_on_the_demo(office_clerk):
    from collections import Counter

    from api.models import ApiClient
    from demo.api import seed_api_client

    office_clerk.username = "vanphong"
    office_clerk.save()
    commune = office_clerk.person.commune
    client = seed_api_client(Counter())
    assert (client.commune, client.user, client.scopes) == (commune, office_clerk, ["read", "submit"])
    assert seed_api_client(Counter()) == client and ApiClient.objects.count() == 1  # once
    key, path = _example()
    response = api_client(key).get(path)
    assert response.status_code == 200
    assert [row["slug"] for row in response.json()["results"]] == [commune.slug]
