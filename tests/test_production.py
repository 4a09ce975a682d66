"""The production path: DEBUG off by default, `check --deploy` clean with the README's settings, static files
collected by the manifest storage from a clean checkout and every page rendering with them.

The whole path with gunicorn, PostgreSQL, Redis, a worker, beat and a browser is scripts/smoke-production.sh (CI).
"""

import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from .conftest import login

BASE_DIR = Path(__file__).resolve().parent.parent
# Django's manifest storage, which production's WhiteNoise storage extends with gzip and Brotli copies (10 s of CPU;
# the smoke script runs the real one): the manifest is what fails on a reference to a missing file.
MANIFEST_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def production_env(tmp_path, **overrides) -> dict[str, str]:
    """The README's production settings (without PostgreSQL and Redis, which the smoke script adds)."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DEBUG", "DATABASE_URL", "REDIS_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE",
                          "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="tdkt.example.vn",
        CSRF_TRUSTED_ORIGINS="https://tdkt.example.vn", VAR_DIR=str(tmp_path / "var"), PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run(args, env, timeout=120):
    return subprocess.run([sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True,
                          timeout=timeout)


_SHOW_SETTINGS = """
import django; django.setup()
from django.conf import settings as s
print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,
      s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_PROXY_SSL_HEADER,
      s.STORAGES["staticfiles"]["BACKEND"].rsplit(".", 1)[1])
"""


def test_debug_is_off_unless_asked_for(tmp_path):
    env = production_env(tmp_path, DEBUG=None, DJANGO_SETTINGS_MODULE="xuanson_tdkt.settings")
    shown = run(["-c", _SHOW_SETTINGS], env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == [
        "False", "True", "True", "True", "31536000", "True", "True", "('HTTP_X_FORWARDED_PROTO',", "'https')",
        "CompressedManifestStaticFilesStorage",
    ]
    # Without DEBUG and without SECRET_KEY the start stops with a clear message, not with a guessed key.
    refused = run(["-c", "import django; django.setup()"], {**env, "SECRET_KEY": ""})
    assert refused.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in refused.stderr


_PRINT_DEBUG = "from django.conf import settings; print(settings.DEBUG)"


def test_manage_py_is_development_only_without_server_settings(tmp_path):
    """A command typed on a laptop (no SECRET_KEY anywhere) runs with DEBUG on; one run with a server's SECRET_KEY
    keeps the settings' default, off."""
    laptop = run(["manage.py", "shell", "-c", _PRINT_DEBUG], production_env(tmp_path, DEBUG=None, SECRET_KEY=None))
    assert laptop.returncode == 0, laptop.stderr
    assert laptop.stdout.split()[-1] == "True"
    server = run(["manage.py", "shell", "-c", _PRINT_DEBUG], production_env(tmp_path, DEBUG=None))
    assert server.returncode == 0, server.stderr
    assert server.stdout.split()[-1] == "False"


def test_each_security_setting_comes_from_the_environment(tmp_path):
    env = production_env(
        tmp_path, DJANGO_SETTINGS_MODULE="xuanson_tdkt.settings", SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="3600", SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        SECURE_HSTS_PRELOAD="0", SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_SCHEME",
    )
    shown = run(["-c", _SHOW_SETTINGS], env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split()[:9] == [
        "False", "False", "False", "False", "3600", "False", "False", "('HTTP_X_FORWARDED_SCHEME',", "'https')",
    ]
    # And a laptop (DEBUG=1) keeps plain http without setting anything.
    laptop = run(["-c", _SHOW_SETTINGS], production_env(tmp_path, DEBUG="1", SECRET_KEY=None,
                                                        DJANGO_SETTINGS_MODULE="xuanson_tdkt.settings"))
    assert laptop.stdout.split() == ["True", "False", "False", "False", "0", "False", "False", "None",
                                     "StaticFilesStorage"]


def test_check_deploy_is_clean_with_the_readme_settings(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_https_is_turned_off(tmp_path):
    env = production_env(tmp_path, SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0")
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert {"security.W004", "security.W008", "security.W012"} <= set(re.findall(r"security\.W\d+", result.stderr))


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.assets = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag in ("link", "script") and (attrs.get("href") or attrs.get("src")):
            self.assets.append(attrs.get("href") or attrs.get("src"))


def _links(content: bytes) -> _Links:
    parser = _Links()
    parser.feed(content.decode())
    return parser


@pytest.fixture
def collected_static(tmp_path, settings):
    """collectstatic as production runs it: the manifest storage, from the files in the checkout only."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = MANIFEST_STORAGES
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "static" / "staticfiles.json").exists()
    return tmp_path / "static"


@pytest.mark.django_db
def test_collectstatic_works_from_the_checkout_and_every_linked_page_renders(
    client, collected_static, office_clerk, plan
):
    """Every page one click from the dashboard and the login page answers 200 with hashed static URLs."""
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assets = _links(page.content).assets
    assert any(re.fullmatch(r"/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css", a) for a in assets), assets
    for asset in assets:
        assert (collected_static / asset.removeprefix("/static/")).exists(), asset

    login(client, office_clerk)
    home = client.get("/")
    assert home.status_code == 200
    seen, failures = set(), []
    for href in _links(home.content).hrefs:
        path = urlsplit(href).path
        if not path.startswith("/") or path in seen or path.startswith(("/accounts/logout", "/admin/")):
            continue
        seen.add(path)
        status = client.get(href).status_code
        if status != 200:
            failures.append((href, status))
    assert len(seen) >= 10, seen
    assert failures == []
