"""The production smoke journey, run by scripts/smoke-production.sh against gunicorn (not collected by pytest).

With the production settings in the environment (DEBUG=0, PostgreSQL, Redis, the file e-mail backend), headless
Chromium logs in as the demo office clerk, sees the dashboard, downloads the plan's PDF and accepts a registration,
whose e-mail to the hamlet's leader must then be sent by the Celery worker: marked sent in the outbox and written
by the e-mail backend. Exits non-zero with a message on the first thing that is wrong.

    scripts/smoke_journey.py --base-url http://127.0.0.1:8000 --mail-dir "$EMAIL_FILE_PATH"
"""

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
PASSWORD = "xuanson2022"  # the demo accounts' (README, "Demo accounts")
LEADER_EMAIL = "thona@xuanson.example"  # the leader of Thôn Đồng Trạng, told when the office accepts
# What a TLS-terminating proxy (nginx, Caddy) adds to every request it passes to gunicorn (README, "Deployment").
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
TIMEOUT_MS = 30_000


class SmokeFailure(Exception):
    pass


def step(text: str) -> None:
    print(f"  - {text}", flush=True)


def check(condition, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def plain_get(base_url: str, path: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def https_settings_hold(base_url: str) -> None:
    """Nothing is relaxed for the journey: without the proxy's header the portal redirects to https."""
    response = plain_get(base_url, "/accounts/login/")
    check(response.status == 301 and (response.getheader("Location") or "").startswith("https://"),
          f"a plain http request should be redirected to https, got {response.status} {response.getheader('Location')}")
    step(f"plain http is redirected: 301 → {response.getheader('Location')}")
    response = plain_get(base_url, "/accounts/login/", PROXY_HEADERS)
    check(response.status == 200, f"the login page through the proxy answered {response.status}")
    hsts = response.getheader("Strict-Transport-Security") or ""
    check(hsts == "max-age=31536000; includeSubDomains; preload", f"HSTS header: {hsts!r}")
    step(f"through the proxy: 200, Strict-Transport-Security: {hsts}")
    cookie = response.getheader("Set-Cookie") or ""
    check("csrftoken=" in cookie and "Secure" in cookie, f"the CSRF cookie must be Secure: {cookie!r}")


def browser_journey(base_url: str, workdir: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # The browser plays the proxy's part: it sends X-Forwarded-Proto itself. Its address bar stays
            # http://127.0.0.1:PORT, which is why the smoke script lists that origin in CSRF_TRUSTED_ORIGINS.
            context = browser.new_context(
                base_url=base_url, extra_http_headers=PROXY_HEADERS, locale="vi-VN",
                timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True,
            )
            context.set_default_timeout(TIMEOUT_MS)
            page = context.new_page()
            failed = []
            page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
            # Chromium reports every inline script, style or handler the Content Security Policy blocked.
            blocked = []
            page.on("console", lambda m: blocked.append(f"{page.url}: {m.text}")
                    if m.type == "error" and "Content Security Policy" in m.text else None)

            page.goto("/")
            check("/accounts/login/" in page.url, f"an anonymous visitor should land on the login page, not {page.url}")
            page.get_by_label("Tên đăng nhập").fill("vanphong")
            page.get_by_label("Mật khẩu").fill(PASSWORD)
            with page.expect_response(lambda r: r.request.method == "POST") as login:
                page.get_by_role("button", name="Đăng nhập").click()
            policy = login.value.headers.get("content-security-policy", "")
            check("script-src 'self'" in policy and "unsafe-inline" not in policy,
                  f"the login answer should carry the strict Content Security Policy: {policy!r}")
            expect(page.get_by_role("heading", name="Xin chào, Nguyễn Thị Hương")).to_be_visible()
            session = next((c for c in context.cookies() if c["name"] == "sessionid"), None)
            check(session and session["secure"] and session["httpOnly"],
                  f"the session cookie must be Secure and HttpOnly: {session}")
            step("logged in as vanphong: the dashboard, session cookie Secure and HttpOnly")

            stylesheet = page.locator("link[rel=stylesheet]").first.get_attribute("href") or ""
            check(re.fullmatch(r"/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css", stylesheet),
                  f"Bootstrap should come from the manifest with a hashed name: {stylesheet!r}")
            css = context.request.get(stylesheet)
            check(css.ok and "max-age=315360000" in css.headers.get("cache-control", ""),
                  f"{stylesheet}: {css.status} {css.headers.get('cache-control')}")
            step(f"static files from the manifest: {stylesheet} ({css.headers.get('cache-control')})")

            # Every page the dashboard links to renders with the manifest's static files (a missing entry is a 500).
            hrefs = page.locator("a[href^='/']").evaluate_all("links => links.map(a => a.getAttribute('href'))")
            paths = sorted({h for h in hrefs if not re.search(r"(logout|/admin/|\.(pdf|xlsx|csv|ics))", h)})
            statuses = {path: context.request.get(path, max_redirects=0).status for path in paths}
            bad = {path: status for path, status in statuses.items() if status != 200}
            check(len(paths) >= 10 and not bad, f"pages linked from the dashboard that did not answer 200: {bad}")
            step(f"{len(paths)} pages linked from the dashboard answer 200")

            page.get_by_role("link", name="Kế hoạch năm 2022").first.click()
            with page.expect_download() as download:
                page.get_by_role("link", name="Tải PDF").click()
            pdf = workdir / "plan.pdf"
            download.value.save_as(pdf)
            check(pdf.read_bytes().startswith(b"%PDF-"), "the plan download is not a PDF")
            if shutil.which("pdftotext"):
                text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True,
                                      check=True).stdout
                check("KẾ HOẠCH" in text and "01/KH-UBND" in text, "the PDF does not read as plan 01/KH-UBND")
            step(f"plan PDF downloaded: {download.value.suggested_filename}, {pdf.stat().st_size:,} bytes")

            # A registration the office enters for Thôn Đồng Trạng, submits and accepts: its leader is e-mailed.
            page.goto("/registrations/new/?year=2022")
            page.locator("select[name=unit]").select_option(label="Thôn Đồng Trạng")
            page.locator("select[name=title]").select_option(label="Lao động tiên tiến")
            page.locator("select[name=person]").select_option(label="Nguyễn Thị Nga (Thôn Đồng Trạng)")
            page.locator("select[name=phase]").select_option(label="Đăng ký thi đua năm 2022")  # closed: the office may
            page.get_by_role("button", name="Lưu nháp").click()
            expect(page.get_by_text("Đã lưu nháp")).to_be_visible()
            page.get_by_role("button", name="Gửi Văn phòng", exact=True).click()
            expect(page.get_by_text("Đã gửi Văn phòng")).to_be_visible()
            page.get_by_role("button", name="Tiếp nhận").click()
            expect(page.get_by_text("Đã tiếp nhận:")).to_be_visible()
            step("registration of Nguyễn Thị Nga (Lao động tiên tiến) entered, submitted and accepted")

            page.locator("form[action='/accounts/logout/']").evaluate("form => form.submit()")  # in the user menu
            expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()
            check(not failed, f"pages or files that failed: {failed}")
            check(not blocked, f"the Content Security Policy blocked: {blocked}")
            step("logged out; no request of the journey answered 4xx or 5xx, nothing blocked by the CSP")
        finally:
            browser.close()


def email_sent_by_the_worker(mail_dir: Path, timeout: float = 60) -> None:
    """The outbox row is marked sent by the worker, and the file backend holds the message."""
    import django

    django.setup()
    from notifications.enums import EmailStatus
    from notifications.models import OutboundEmail

    deadline = time.monotonic() + timeout
    while True:
        email = OutboundEmail.objects.filter(to=LEADER_EMAIL).order_by("-pk").first()
        if email is not None and email.status == EmailStatus.SENT:
            break
        if time.monotonic() > deadline:
            state = f"{email.status}, {email.attempts} attempts, {email.last_error!r}" if email else "no outbox row"
            raise SmokeFailure(f"the e-mail to {LEADER_EMAIL} was not sent by the worker in {timeout:.0f} s: {state}")
        time.sleep(0.5)
    files = [path for path in mail_dir.glob("*.log") if f"To: {LEADER_EMAIL}" in path.read_text(errors="replace")]
    check(files, f"no message to {LEADER_EMAIL} in {mail_dir}")
    step(f"outbox e-mail #{email.pk} to {LEADER_EMAIL} sent by the worker ({email.attempts} attempt), "
         f"written to {files[0].name}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--mail-dir", required=True, type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xuanson_tdkt.settings")
    try:
        https_settings_hold(args.base_url)
        with tempfile.TemporaryDirectory(prefix="smoke-journey-") as workdir:
            browser_journey(args.base_url.rstrip("/"), Path(workdir))
        # After the browser: the ORM refuses to run inside Playwright's event loop.
        email_sent_by_the_worker(args.mail_dir)
    except Exception as failure:  # a SmokeFailure, or Playwright's timeout with its call log
        print(f"SMOKE JOURNEY FAILED: {type(failure).__name__}: {failure}", file=sys.stderr)
        return 1
    print("journey passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
