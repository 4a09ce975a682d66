"""Headless Chromium from Debian (/usr/bin/chromium), driven by Playwright; never `playwright install`."""

import os
import shutil

import pytest

from tests.services import require_service

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not (os.path.exists(CHROMIUM) and shutil.which("pdftotext")):
        require_service("chromium", f"{CHROMIUM} or pdftotext is missing (make test installs them)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh", "accept_downloads": True}


# Content Security Policy: Chromium reports every blocked inline script, style or handler as a console error. Every
# page of every context the tests open is watched, and a test during which one was reported fails at teardown.
CSP_VIOLATIONS: list[str] = []


def watch_for_csp_violations(page):
    def record(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            CSP_VIOLATIONS.append(f"{page.url}: {message.text}")

    page.on("console", record)


@pytest.fixture(scope="session")
def browser(browser):
    new_context, new_page = browser.new_context, browser.new_page

    def watched_context(*args, **kwargs):
        context = new_context(*args, **kwargs)
        context.on("page", watch_for_csp_violations)
        return context

    def watched_page(*args, **kwargs):
        page = new_page(*args, **kwargs)
        watch_for_csp_violations(page)
        return page

    browser.new_context, browser.new_page = watched_context, watched_page
    return browser


@pytest.fixture(autouse=True)
def _no_csp_violation():
    CSP_VIOLATIONS.clear()
    yield
    violations, CSP_VIOLATIONS[:] = list(CSP_VIOLATIONS), []
    assert violations == [], "Content Security Policy violations reported by the browser"
