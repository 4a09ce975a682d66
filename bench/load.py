#!/usr/bin/env python
"""Load benchmark: the main pages under 32 concurrent logged-in clients, against the login page as the floor.

    .venv/bin/python bench/load.py                 # the province of bench/province.py (126 communes) + the demo,
                                                   # 32 sessions, 1,000 requests a run (at most 60 s)
    .venv/bin/python bench/load.py --short         # CI: 10 communes, 10 sessions, 8 clients, 200 requests a
                                                   # run (at most 8 s)
    .venv/bin/python bench/load.py --no-page-cache # the same with every page rendered afresh (PAGE_CACHE_ENABLED=0)

Serves the portal as production does: gunicorn `-w 2 --threads 4` with DEBUG=0, a random SECRET_KEY, collected
static files, PostgreSQL and the cache on Redis, every HTTPS setting on (the clients send X-Forwarded-Proto: https
as the proxy in front of gunicorn would). The database is a scratch one on the server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432): `<its name>_load` (`bench_load` without one), dropped first if left over,
dropped at the end. The cache is the Redis database of LOAD_CACHE_URL (default redis://127.0.0.1:6379/10), emptied
before and after: give it a database nothing else uses.

The data: migrate, the demo (`seed_demo`: Xuân Sơn's 2022 with its meeting, score sheet, nominations, decision,
honour board; the province Hà Nội with its operator), then the communes of bench/province.py in that province
(`make_commune`, full or short size) for the province's view of 2022.

The clients (asyncio, one new HTTP/1.1 connection a request, as a proxy in front of gunicorn opens them): 32 at a
time (8 with --short), each request timed from connecting to the last byte of the body. Each page is fetched by the
personas who use it (PAGES), with 32 sessions of the demo accounts across the personas (SIZES; 10 with --short): one
real login through the login form per persona (used only to warm the server up), then the measured sessions,
created directly in the session store (a login costs a second of password hashing). A page's clients take its
personas' sessions in turn; a client whose session another one already uses starts once that session's first
request is answered (a second tab). Clients keep their cookies and, like a browser, a response's ETag for the next
request of the same URL, except on the PDF rows (a whole download every time). No writes happen during the runs:
after the first request of each session for each page, pages come from the page cache (caching/pages.py), as they
do between two saves in real use; --no-page-cache shows the price of rendering.

The floor: GET /accounts/login/ by anonymous clients with no cookie (the login view sends a logged-in user away, so
the floor cannot carry a session). Floor and page runs alternate (floor, page 1, floor, page 2, ..., floor); a page's
ratio is its p95 over the mean p95 of the floor runs just before and just after it, which cancels the drift of a
shared machine. Printed per page: requests, p50 and p95 in ms, requests per second, the ratio; last line the worst
ratio (target: 2 at most). Exit code 1 if a request fails (a status other than 200 or 304, a login page instead of
the page, a timeout); no timing is asserted.
"""

import argparse
import asyncio
import contextlib
import io
import itertools
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scratch import template_clause

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZES = {
    # clients: at a time; sessions: logged-in sessions of each persona; requests and seconds: the bounds of a run.
    "full": {"communes": 126, "units": 60, "people": 2000, "registrations": 300, "awards": 100, "clients": 32,
             "sessions": {"clerk": 8, "chairman": 6, "council member": 6, "unit leader": 6, "province operator": 6},
             "requests": 1000, "seconds": 60},
    "short": {"communes": 10, "units": 20, "people": 500, "registrations": 100, "awards": 40, "clients": 8,
              "sessions": {"clerk": 2, "chairman": 2, "council member": 2, "unit leader": 2, "province operator": 2},
              "requests": 200, "seconds": 8},
}
# Demo accounts (password of seed_demo) by persona; a persona of several accounts takes them in turn.
ACCOUNTS = {"clerk": ["vanphong"], "chairman": ["chutich"], "council member": ["hoidong"],
            "unit leader": ["thona", "thonb"], "province operator": ["bantdkt"]}
ANONYMOUS = "resident"  # no session, no cookie
COMMUNE_STAFF = ["clerk", "chairman", "council member", "unit leader"]
# name, who uses it, URL (filled in once the demo is loaded)
PAGES = [
    ("dashboard", ["clerk", "chairman", "unit leader"]),
    ("registrations overview", ["clerk", "chairman", "council member"]),
    ("timeline", ["clerk", "chairman", "unit leader"]),
    ("nominations", ["clerk", "council member", "unit leader"]),
    ("meeting", ["clerk", "chairman", "council member"]),
    ("score sheet", ["clerk", "chairman"]),
    ("honour board", [*COMMUNE_STAFF, ANONYMOUS]),
    ("province view", ["province operator"]),
    ("plan PDF", COMMUNE_STAFF),
    ("decision PDF", ["clerk", "chairman", "council member"]),
]
SHORT_NAMES = {"council member": "council", "unit leader": "leader", "province operator": "operator"}
FLOOR = "/accounts/login/"
TIMEOUT = 120  # seconds one request may take before it counts as failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="CI size (under two minutes)")
    parser.add_argument("--no-page-cache", action="store_true", help="serve with PAGE_CACHE_ENABLED=0")
    args = parser.parse_args()
    size = SIZES["short" if args.short else "full"]
    server = Scratch.from_environment()
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    gunicorn = None
    try:
        server.create()
        env = server_environment(server, workdir, page_cache=not args.no_page_cache)
        os.environ.update(env)
        setup = prepare_data(size)
        port = free_port()
        gunicorn = start_gunicorn(env, port, workdir)
        base = Base(port)
        wait_until_up(base, gunicorn, workdir)
        urls = page_urls()  # the ORM before the event loop (Django refuses it inside)
        started = time.perf_counter()
        sessions = store_sessions(size["sessions"])
        setup["sessions"] = time.perf_counter() - started
        return asyncio.run(bench(base, size, setup, server, urls, sessions, cache=not args.no_page_cache))
    finally:
        if gunicorn is not None:
            stop(gunicorn)
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        server.drop()
        with contextlib.suppress(OSError):
            for path in sorted(workdir.rglob("*"), reverse=True):
                path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
            workdir.rmdir()


# --- the scratch database and cache ------------------------------------------------------------------------------


@dataclass
class Scratch:
    params: dict
    url: str
    name: str
    cache_url: str

    @classmethod
    def from_environment(cls) -> "Scratch":
        import dj_database_url

        given = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432"
        config = dj_database_url.parse(given)
        if "postgresql" not in config["ENGINE"]:
            raise SystemExit(f"DATABASE_URL must name a PostgreSQL server, got {config['ENGINE']}")
        name = f"{config['NAME']}_load" if config["NAME"] and config["NAME"] != "postgres" else "bench_load"
        params = {"dbname": "postgres", "user": config["USER"], "password": config["PASSWORD"],
                  "host": config["HOST"], "port": config["PORT"]}  # fmt: skip
        url = urlsplit(given)._replace(path=f"/{name}").geturl()
        cache_url = os.environ.get("LOAD_CACHE_URL") or "redis://127.0.0.1:6379/10"
        return cls({key: value for key, value in params.items() if value}, url, name, cache_url)

    def create(self) -> None:
        import psycopg

        with psycopg.connect(**self.params, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')  # a leftover of an interrupted run
            conn.execute(f'CREATE DATABASE "{self.name}"{template_clause()}')
        self.flush_cache()

    def drop(self) -> None:
        import psycopg

        with contextlib.suppress(Exception):
            with psycopg.connect(**self.params, autocommit=True, connect_timeout=5) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        with contextlib.suppress(Exception):
            self.flush_cache()

    def flush_cache(self) -> None:
        import redis

        redis.Redis.from_url(self.cache_url, socket_connect_timeout=3).flushdb()

    def where(self) -> str:
        host = self.params.get("host", "localhost")
        return f"PostgreSQL {self.name} on {host} (created and dropped), cache {self.cache_url} (emptied)"


def server_environment(server: Scratch, workdir: Path, *, page_cache: bool) -> dict:
    """Production's settings (README, "Deployment"), on the scratch database and cache."""
    for name in ("REDIS_URL", "CELERY_TASK_ALWAYS_EAGER", "EMAIL_HOST", "SQLITE_PATH", "STATIC_ROOT", "MEDIA_ROOT",
                 "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER",
                 "DJANGO_ALLOW_ASYNC_UNSAFE", "PAGE_CACHE_SECONDS"):
        os.environ.pop(name, None)
    return {
        "DJANGO_SETTINGS_MODULE": "xuanson_tdkt.settings", "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1", "DATABASE_URL": server.url, "CACHE_URL": server.cache_url,
        "VAR_DIR": str(workdir / "var"), "LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1",
        "PAGE_CACHE_ENABLED": "1" if page_cache else "0",
    }


# --- data ----------------------------------------------------------------------------------------------------------


def prepare_data(size: dict) -> dict:
    """Migrate (while another process compiles the translations and collects the static files), load the demo and
    the province's communes; return the setup's timings."""
    import django

    django.setup()
    from django.core.management import call_command

    timings = {}
    started = time.perf_counter()
    static = subprocess.Popen(
        [sys.executable, "-c", "import os, sys, django; from django.core.management import call_command; "
         "django.setup(); call_command('compilemessages', ignore_patterns=['.venv'], verbosity=0); "
         "call_command('collectstatic', interactive=False, verbosity=0)"],
        cwd=ROOT, stdout=subprocess.DEVNULL)
    call_command("migrate", verbosity=0)
    timings["migrate"] = time.perf_counter() - started
    if static.wait() != 0:
        raise SystemExit("compilemessages or collectstatic failed")
    timings["static (beside migrate)"] = time.perf_counter() - started
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("seed_demo")
    timings["demo"] = time.perf_counter() - started
    started = time.perf_counter()
    make_province(size)
    timings["communes"] = time.perf_counter() - started
    return timings


def make_province(size: dict) -> None:
    """bench/province.py's communes (and their 2022) in the demo's province."""
    sys.path.insert(0, str(ROOT / "bench"))
    from province import DUE, make_commune

    from directory.models import Province
    from provinces.models import DossierCall

    province = Province.objects.get(slug="ha-noi")
    DossierCall.objects.get_or_create(province=province, year=2022, defaults={"due_on": DUE})
    for index in range(size["communes"]):
        make_commune(province, index, size)


def page_urls() -> dict[str, str]:
    from django.urls import reverse

    from awards.models import AwardDecision, CouncilMeeting
    from campaigns.models import Plan
    from directory.models import Commune
    from scoring.models import ScoreSheet

    commune = Commune.objects.get(slug="xuan-son")
    meeting = CouncilMeeting.objects.filter(commune=commune, year=2022).order_by("pk").first()
    decision = AwardDecision.objects.filter(commune=commune, year=2022, document__isnull=False).order_by("pk").first()
    return {
        "dashboard": "/",
        "registrations overview": "/registrations/overview/?year=2022",
        "timeline": "/timeline/?year=2022",
        "nominations": "/awards/nominations/?year=2022",
        "meeting": reverse("awards:meeting_detail", args=[meeting.pk]),
        "score sheet": reverse("scoring:sheet_detail", args=[ScoreSheet.objects.get(commune=commune).pk]),
        "honour board": reverse("disclosure:honour_board", args=[commune.slug, 2022]),
        "province view": "/province/year/?year=2022",
        "plan PDF": reverse("campaigns:plan_pdf", args=[Plan.objects.annual().get(commune=commune, year=2022).pk]),
        "decision PDF": reverse("awards:decision_pdf", args=[decision.pk]),
    }


def store_sessions(needed: dict[str, int]) -> dict[str, list["Session"]]:
    """Logged-in sessions of each persona, made as login() makes them but without the password hashing."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = {user.username: user for user in get_user_model().objects.filter(
        username__in=[name for names in ACCOUNTS.values() for name in names])}
    sessions = {}
    for persona, count in needed.items():
        sessions[persona] = []
        for index in range(count):
            client = Client()
            client.force_login(users[ACCOUNTS[persona][index % len(ACCOUNTS[persona])]])
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            sessions[persona].append(Session(persona, {settings.SESSION_COOKIE_NAME: cookie}))
    return sessions


def clients_sessions(personas: list[str], sessions: dict, clients: int) -> list["Session"]:
    """Each client's session: the page's personas in turn; a persona's sessions in turn, from the first again once
    all are in use (a second tab); a resident has no cookie (one session each)."""
    pool = [session for group in itertools.zip_longest(*(sessions.get(persona, []) for persona in personas))
            for session in group if session is not None]
    chosen, taken = [], 0
    for index in range(clients):
        if personas[index % len(personas)] == ANONYMOUS:
            chosen.append(Session(ANONYMOUS))
        else:
            chosen.append(pool[taken % len(pool)])
            taken += 1
    return chosen


# --- gunicorn ------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env: dict, port: int, workdir: Path) -> subprocess.Popen:
    log = open(workdir / "gunicorn.log", "wb")  # noqa: SIM115 - the child writes to it until stopped
    command = [sys.executable, "-m", "gunicorn", "xuanson_tdkt.wsgi", "-w", "2", "--threads", "4",
               "-b", f"127.0.0.1:{port}", "--log-level", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def wait_until_up(base: "Base", process: subprocess.Popen, workdir: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        with contextlib.suppress(OSError):
            status, _headers, _body = asyncio.run(fetch(base, FLOOR, {}))
            if status == 200:
                return
        time.sleep(0.3)
    print((workdir / "gunicorn.log").read_text(errors="replace")[-4000:], file=sys.stderr)
    raise SystemExit("gunicorn did not start")


def stop(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- the clients ---------------------------------------------------------------------------------------------------


@dataclass
class Base:
    port: int

    @property
    def origin(self) -> str:
        return f"https://127.0.0.1:{self.port}"


@dataclass
class Session:
    persona: str
    cookies: dict = field(default_factory=dict)
    etags: dict = field(default_factory=dict)


_COOKIE = re.compile(r"^\s*([^=;\s]+)=([^;]*)")


async def fetch(base: Base, path: str, headers: dict, *, method: str = "GET", body: bytes = b""):
    """One request on a new connection; (status, headers as a list of pairs, body)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", base.port)
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{base.port}", "Connection: close",
                 "X-Forwarded-Proto: https", "Accept: text/html,application/pdf,*/*",
                 *(f"{name}: {value}" for name, value in headers.items())]
        if body:
            lines.append(f"Content-Length: {len(body)}")
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    head, _, content = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    pairs = [tuple(part.strip() for part in line.split(":", 1)) for line in header_lines if ":" in line]
    return int(status_line.split()[1]), pairs, content


async def get(base: Base, session: Session, path: str, *, conditional: bool = True):
    """A GET as the session's browser sends it; `conditional=False`: without If-None-Match (a download each time)."""
    headers = {}
    if session.cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in session.cookies.items())
    if conditional and path in session.etags:
        headers["If-None-Match"] = session.etags[path]
    status, pairs, content = await fetch(base, path, headers)
    for name, value in pairs:
        lower = name.lower()
        if lower == "set-cookie" and session.persona != ANONYMOUS:
            match = _COOKIE.match(value)
            if match:
                session.cookies[match.group(1)] = match.group(2)
        elif lower == "etag":
            session.etags[path] = value
    return status, dict((name.lower(), value) for name, value in pairs), content


async def login(base: Base, username: str) -> Session:
    """A real login through the form: its CSRF cookie and token, the password, the redirect home."""
    from django.conf import settings

    session = Session("login")
    status, _headers, content = await get(base, session, FLOOR)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()
    body = f"csrfmiddlewaretoken={token}&username={username}&password=xuanson2022".encode()
    cookie = "; ".join(f"{name}={value}" for name, value in session.cookies.items())
    status, pairs, _content = await fetch(base, FLOOR, {
        "Cookie": cookie, "Origin": base.origin, "Referer": base.origin + FLOOR,
        "Content-Type": "application/x-www-form-urlencoded"}, method="POST", body=body)
    for name, value in pairs:
        match = _COOKIE.match(value) if name.lower() == "set-cookie" else None
        if match:
            session.cookies[match.group(1)] = match.group(2)
    if status != 302 or settings.SESSION_COOKIE_NAME not in session.cookies:
        raise SystemExit(f"login of {username} failed: HTTP {status}")
    return session


@dataclass
class Run:
    name: str
    latencies: list = field(default_factory=list)  # ms, every request that succeeded
    first: list = field(default_factory=list)  # ms, each client's first request (its session's first of the page)
    failures: list = field(default_factory=list)
    seconds: float = 0.0

    @staticmethod
    def percentile(values: list, fraction: float) -> float:
        ordered = sorted(values)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]

    @property
    def p50(self) -> float:
        return self.percentile(self.latencies, 0.5)

    @property
    def p95(self) -> float:
        return self.percentile(self.latencies, 0.95)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


async def run(base: Base, name: str, path: str, sessions: list[Session], *, requests: int, seconds: float) -> Run:
    """`requests` GETs of `path`, len(sessions) at a time (client i with sessions[i]), for at most `seconds` (the
    requests under way then are finished and counted). A client whose session another client also uses starts once
    that session's first request of the run is answered: a second tab, not two at the same instant."""
    result = Run(name)
    conditional = not name.endswith("PDF")  # PDFs: a whole download every time, never a 304
    remaining = [requests]
    deadline = time.monotonic() + seconds
    opened = {}

    async def client(session: Session):
        first = id(session) not in opened
        if first:
            opened[id(session)] = asyncio.Event()
        else:
            await opened[id(session)].wait()
        while remaining[0] > 0 and time.monotonic() < deadline:
            remaining[0] -= 1
            started = time.perf_counter()
            try:
                request = get(base, session, path, conditional=conditional)
                status, _headers, content = await asyncio.wait_for(request, TIMEOUT)
            except (TimeoutError, OSError, ValueError, IndexError) as error:
                result.failures.append(f"{path}: {type(error).__name__} {error}")
                status = content = None
            elapsed = (time.perf_counter() - started) * 1000
            if status is None:
                pass
            elif status not in (200, 304) or (path != FLOOR and b'name="password"' in content):
                result.failures.append(f"{path} as {session.persona}: HTTP {status}")
            else:
                result.latencies.append(elapsed)
                if first:
                    result.first.append(elapsed)
            if first:
                opened[id(session)].set()
                first = False
        opened[id(session)].set()

    started = time.perf_counter()
    await asyncio.gather(*(client(session) for session in sessions))
    result.seconds = time.perf_counter() - started
    return result


async def bench(base: Base, size: dict, setup: dict, server: Scratch, urls: dict, sessions: dict, *,
                cache: bool) -> int:
    clients, requests, seconds = size["clients"], size["requests"], size["seconds"]
    started = time.perf_counter()
    warm = {persona: await login(base, accounts[0]) for persona, accounts in ACCOUNTS.items()}
    warm[ANONYMOUS] = Session(ANONYMOUS)
    setup["logins"] = time.perf_counter() - started
    print(f"=== load: gunicorn -w 2 --threads 4 on 127.0.0.1:{base.port}, DEBUG=0, page cache "
          f"{'on' if cache else 'OFF'}; {server.where()}")
    print(f"data: the demo + {size['communes']} communes of bench/province.py (each {size['units']} units, "
          f"{size['people']:,} people, {size['registrations']:,} registrations, {size['awards']:,} awards)")
    print("setup: " + ", ".join(f"{name} {value:.1f} s" for name, value in setup.items()) + "; sessions: "
          + ", ".join(f"{persona} {len(items)}" for persona, items in sessions.items()))
    print(f"{clients} clients at a time, sharing the sessions of a page's personas; a run: {requests:,} requests or "
          f"{seconds} s, "
          f"whichever comes first; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)

    # Warm the workers up (imports, templates, connections) with the login sessions, which are not measured again.
    for name, personas in PAGES:
        for persona in personas:
            for _ in range(2):  # the second may be a 304: the document's ETag from the first
                status, _headers, _content = await get(base, warm[persona], urls[name])
                if status not in (200, 304):
                    raise SystemExit(f"{name} ({urls[name]}) as {persona}: HTTP {status}")
    floor_clients = [Session(ANONYMOUS) for _ in range(clients)]
    await run(base, "warm-up", FLOOR, floor_clients, requests=4 * clients, seconds=seconds)

    floors = [await run(base, "floor", FLOOR, floor_clients, requests=requests, seconds=seconds)]
    pages = []
    for name, personas in PAGES:
        page = await run(base, name, urls[name], clients_sessions(personas, sessions, clients), requests=requests,
                         seconds=seconds)
        pages.append(page)
        floors.append(await run(base, "floor", FLOOR, floor_clients, requests=requests, seconds=seconds))
        print(f"  {name}: {len(page.latencies):,} requests in {page.seconds:.1f} s, p95 {page.p95:.1f} ms "
              f"(floor before {floors[-2].p95:.1f}, after {floors[-1].p95:.1f} ms)", flush=True)

    floor = Run("floor", [x for r in floors for x in r.latencies], [], [x for r in floors for x in r.failures],
                sum(r.seconds for r in floors))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("first p50: the median of each session's first request of the run, its first visit of the page (rendered, "
          "not kept yet)")
    print(f"{'page':<24}{'used by':<44}{'requests':>9}{'first p50':>10}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>7}"
          f"{'p95 ÷ floor':>12}")
    print(f"{'floor (login page)':<24}{'anonymous, no cookie':<44}{len(floor.latencies):>9,}{'':>10}"
          f"{floor.p50:>9.1f}{floor.p95:>9.1f}{floor.rate:>7.0f}{1:>12.2f}")
    worst = (0.0, "")
    for index, ((name, personas), page) in enumerate(zip(PAGES, pages, strict=True)):
        ratio = page.p95 / ((floors[index].p95 + floors[index + 1].p95) / 2)
        worst = max(worst, (ratio, name))
        who = ", ".join(SHORT_NAMES.get(persona, persona) for persona in personas)
        print(f"{name:<24}{who:<44}{len(page.latencies):>9,}{Run.percentile(page.first, 0.5):>10.1f}"
              f"{page.p50:>9.1f}{page.p95:>9.1f}{page.rate:>7.1f}{ratio:>12.2f}")
    failures = floor.failures + [failure for page in pages for failure in page.failures]
    for failure in sorted(set(failures))[:20]:
        print(f"FAILED: {failure} ({failures.count(failure)}×)")
    print(f"worst ratio: {worst[0]:.2f} ({worst[1]})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
