"""The Content Security Policy (django-csp): the header on every page, and nothing inline that it would block.

Templates are scanned for inline scripts, <style> blocks, style attributes and event-handler attributes; the
rendered pages (crispy-forms output, Python-built HTML) are checked the same way while walking the portal as the
office, as a resident (public pages) and as the superuser (admin). Templates that are never a web page are left out:
the WeasyPrint documents (rendered to PDF only; CSP does not apply to them) and HTML e-mails (mail clients need
inline styles; CSP does not apply there either).
"""

import io
import re
from collections import Counter, deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse

BASE = Path(settings.BASE_DIR)
POLICY = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self' data:",
    "object-src": "'none'", "base-uri": "'self'", "form-action": "'self'", "frame-ancestors": "'none'",
}


def policy(response) -> dict | None:
    header = response.get("Content-Security-Policy")
    if header is None:
        return None
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


# --- templates -----------------------------------------------------------------------------------------------------

def _template_dirs() -> list[Path]:
    dirs = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]
    dirs += sorted(p for p in BASE.glob("*/templates") if p.parent.name not in {".venv", "tests"})
    return dirs


def _templates() -> dict[str, Path]:
    found = {}
    for directory in _template_dirs():
        for path in sorted(directory.rglob("*.html")):
            found.setdefault(path.relative_to(directory).as_posix(), path)
    return found


_USES = re.compile(r"""{%\s*(?:extends|include)\s+["']([^"']+)["']""")
_PDF_CALL = re.compile(r"""render_pdf\(\s*["']([^"']+)["']""")
WEASYPRINT_BASE = "documents/base.html"


def pdf_only_templates(templates: dict[str, Path]) -> set[str]:
    """Templates that only ever become a PDF: the ones passed to render_pdf(), the WeasyPrint base, and those used
    (extended or included) by PDF-only templates alone."""
    roots = {WEASYPRINT_BASE}
    for source in BASE.glob("*/**/*.py"):
        if source.parts[len(BASE.parts)] not in {".venv", "tests"}:
            roots |= set(_PDF_CALL.findall(source.read_text(encoding="utf-8")))
    users: dict[str, set[str]] = {name: set() for name in templates}
    for name, path in templates.items():
        for used in _USES.findall(path.read_text(encoding="utf-8")):
            users.setdefault(used, set()).add(name)
    pdf_only = set(roots)
    changed = True
    while changed:
        changed = False
        for name in templates:
            if name not in pdf_only and users[name] and users[name] <= pdf_only:
                pdf_only.add(name)
                changed = True
    return pdf_only


def web_templates() -> dict[str, Path]:
    templates = _templates()
    excluded = pdf_only_templates(templates)
    return {name: path for name, path in templates.items()
            if name not in excluded and "email" not in Path(name).parts}


INLINE_IN_TEMPLATE = {
    "inline <script>": re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I),
    "<style> block": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I),
    "event-handler attribute": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def test_the_pdf_only_and_e_mail_templates_are_told_apart_from_web_pages():
    templates = _templates()
    pdf_only = pdf_only_templates(templates)
    web = web_templates()
    assert {"documents/base.html", "documents/_motto.html", "awards/documents/certificates.html",
            "campaigns/plan_document.html", "scoring/_pdf_header.html"} <= pdf_only
    # The document register is a web page in the documents app; the dashboard a partial of the home page.
    assert {"base.html", "documents/register.html", "reports/_dashboard.html", "registration/login.html",
            "disclosure/public_base.html", "accounts/locked_list.html"} <= set(web)
    assert "timeline/email/reminder.html" not in web
    assert len(web) > 100


def test_no_inline_script_style_or_handler_in_any_web_template():
    problems = [f"{name}: {what}" for name, path in web_templates().items()
                for what, pattern in INLINE_IN_TEMPLATE.items() if pattern.search(path.read_text(encoding="utf-8"))]
    assert problems == []


# --- rendered pages --------------------------------------------------------------------------------------------------

class _InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and "src" not in values and values.get("type") != "application/json":
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> block")
        if "style" in values:
            self.problems.append(f"style attribute on <{tag}>")
        self.problems += [f"{name} on <{tag}>" for name in values if name.startswith("on")]
        if (values.get("href") or "").lower().startswith("javascript:"):
            self.problems.append("javascript: URL")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])


def walk(client, starts, *, per_route=2, max_pages=500, skip=()):
    """GET every portal page reachable by links from `starts` (at most `per_route` URLs of each URL pattern) and
    yield (url, response, inline problems)."""
    queue, seen, per = deque(starts), set(), Counter()
    while queue and len(seen) < max_pages:
        url = queue.popleft()
        path = urlsplit(url).path
        if url in seen or any(path.startswith(prefix) for prefix in skip):
            continue
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if per[match.route] >= per_route:
            continue
        per[match.route] += 1
        seen.add(url)
        response = client.get(url)
        problems = []
        if response.get("Content-Type", "").startswith("text/html") and not getattr(response, "streaming", False):
            finder = _InlineFinder()
            finder.feed(response.content.decode())
            problems = finder.problems
            for href in finder.links:
                target = urljoin(url, href)
                if target.startswith("/") and "#" not in target:
                    queue.append(target)
        yield url, match.route, response, problems


def _check_walk(client, starts, **kwargs):
    routes, bad = set(), []
    for url, route, response, problems in walk(client, starts, **kwargs):
        routes.add(route)
        if policy(response) != POLICY:
            bad.append((url, response.status_code, response.get("Content-Security-Policy")))
        if problems:
            bad.append((url, sorted(set(problems))))
    return routes, bad


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo commune (plan, directory, nominations, council, public list, decision, score sheets), plus a
    six-month report with a file being built, so that the report and job pages are reached too.

    Built once for the module in a transaction rolled back after its last test; each walk runs in a savepoint of it.
    """
    from django.contrib.auth import get_user_model

    from directory.models import Commune
    from documents.models import Series
    from reports.models import ReportJob
    from reports.services import create_report

    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                             MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    with django_db_blocker.unblock(), fast, transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        commune = Commune.objects.get(slug="xuan-son")
        report = create_report(commune=commune, year=2022, period="h1", series=Series.objects.get(
                               commune=commune, code="UBND"), by=get_user_model().objects.get(username="vanphong"))
        yield {"commune": commune, "job": ReportJob.objects.create(report=report, kind="xlsx")}
        transaction.set_rollback(True)


# Lists open on the current year; the demo's records are of 2022.
OFFICE_STARTS = ["/", "/?year=2022", "/public/office/?year=2022", "/registrations/overview/?year=2022",
                 "/registrations/contest/?year=2022", "/registrations/initiatives/?year=2022",
                 "/awards/nominations/?year=2022", "/reports/"]


def test_the_policy_has_no_unsafe_source():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert all("'unsafe-inline'" not in v and "'unsafe-eval'" not in v for v in directives.values())
    assert not any("unsafe" in sources for sources in POLICY.values())


@pytest.mark.django_db
def test_every_page_of_the_office_has_the_policy_and_nothing_inline(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="vanphong"))
    starts = [*OFFICE_STARTS, reverse("reports:job_detail", args=[demo["job"].pk])]
    routes, bad = _check_walk(client, starts, skip=("/accounts/logout/", "/admin/"))
    assert bad == []
    # The walk reached the pages whose scripts and styles moved to static/, and the portal at large.
    moved = {"", "timeline/", "timeline/calendar/", "public/office/", "public/office/<int:pk>/",
             "public/office/feedback/<int:pk>/", "scoring/clusters/<int:pk>/criteria/", "scoring/sheets/<int:pk>/",
             "reports/files/<int:pk>/", "registrations/new/", "accounts/locked/"}
    assert moved <= routes, sorted(moved - routes)
    assert len(routes) > 90, sorted(routes)


@pytest.mark.django_db
def test_the_public_pages_and_the_login_page_have_the_policy(client, demo):
    routes, bad = _check_walk(client, ["/accounts/login/", "/public/xuan-son/"], skip=("/admin/",))
    assert bad == []
    assert len(routes) >= 4, routes
    response = client.post("/accounts/login/", {"username": "vanphong", "password": "sai"})
    assert policy(response) == POLICY


@pytest.mark.django_db
def test_the_admin_works_under_the_same_policy(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="admin"))
    routes, bad = _check_walk(client, ["/admin/"], per_route=1, max_pages=120,
                              skip=("/admin/logout/", "/admin/jsi18n/"))
    assert [entry for entry in bad if len(entry) == 3] == []  # the header on every admin page
    assert bad == []  # Django's admin pages hold nothing inline either
    assert len(routes) > 60
