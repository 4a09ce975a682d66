"""The demo's client system of the API: Xuân Sơn's document-management system, acting as the office clerk, with a
fixed key so that the README's curl example works on `make run`'s demo (scripts/smoke-production.sh runs it).

A demo key, public in the README: never on a real database (the demo never goes there either)."""

from collections import Counter

from django.contrib.auth import get_user_model

from api.models import ApiClient, key_hash
from directory.models import Commune

from . import data

DEMO_API_PREFIX = "demo0001"
DEMO_API_KEY = f"tdkt_{DEMO_API_PREFIX}_XuanSon-demo-khoa-API-khong-dung-cho-he-thong-that"
DEMO_API_CLIENT = "Hệ thống quản lý văn bản (demo)"
DEMO_API_ACCOUNT = "vanphong"


def seed_api_client(created: Counter) -> ApiClient:
    """The demo commune's client (read and submit), created once: found by its key's prefix, never overwritten
    (a revoked demo token stays revoked)."""
    client = ApiClient.objects.filter(key_prefix=DEMO_API_PREFIX).first()
    if client is not None:
        return client
    clerk = get_user_model().objects.get(username=DEMO_API_ACCOUNT)
    client = ApiClient.objects.create(
        name=DEMO_API_CLIENT, commune=Commune.objects.get(slug=data.COMMUNE["slug"]), user=clerk,
        key_prefix=DEMO_API_PREFIX, key_hash=key_hash(DEMO_API_KEY), scope_read=True, scope_submit=True,
        rate_per_minute=60, note="Khoá của dữ liệu mẫu, ghi trong README.", created_by=clerk)
    created["API clients"] += 1
    return client
