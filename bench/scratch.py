"""The throwaway database every benchmark runs on, and the setting of the in-process ones (reports.py, province.py).

With DATABASE_URL naming a PostgreSQL server, a bench creates its own database `<that database>_bench_<bench>` (e.g.
`test_bench_reminders` in CI, where DATABASE_URL names `test`) and drops it afterwards: the database named in the URL
is only used to connect, so the data of the portal or of the test suite is never touched, and two checkouts that use
different databases (CI, each developer) never share a bench database. Without DATABASE_URL, a SQLite file in a
temporary directory. REDIS_URL is always ignored (the benches queue nothing).

BENCH_TEMPLATE_DATABASE names a database of the same server already migrated to this checkout's migrations: each
bench database is then created as a copy of it (CREATE DATABASE … TEMPLATE, about a second) and the bench's own
`migrate` finds nothing to do. `.ci/run` makes one (`python bench/scratch.py --make-template NAME`) so that its
benches do not each spend 20-30 s migrating; without the variable every bench migrates an empty database.
"""

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit


def _postgres_params(url: str) -> dict:
    import dj_database_url

    config = dj_database_url.parse(url)
    if "postgresql" not in config["ENGINE"]:
        raise SystemExit(f"DATABASE_URL must name a PostgreSQL server (or be unset for SQLite), got {config['ENGINE']}")
    params = {"dbname": config["NAME"] or "postgres", "user": config["USER"], "password": config["PASSWORD"],
              "host": config["HOST"], "port": config["PORT"]}  # fmt: skip
    return {key: value for key, value in params.items() if value}


def template_clause() -> str:
    """The TEMPLATE part of CREATE DATABASE when BENCH_TEMPLATE_DATABASE names a migrated copy to start from."""
    template = os.environ.get("BENCH_TEMPLATE_DATABASE", "")
    return f' TEMPLATE "{template}"' if template else ""


def _admin_connection(params: dict):
    """A connection to the server for CREATE/DROP DATABASE: through the URL's database, else `postgres` (the URL's
    database need not exist yet)."""
    import psycopg

    try:
        return psycopg.connect(**params, autocommit=True)
    except psycopg.OperationalError:
        return psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True)


@contextlib.contextmanager
def scratch_database(name: str, workdir: Path) -> Iterator[str]:
    """Point DATABASE_URL (or SQLITE_PATH) of this process at a new empty database for the bench `name`, yield a
    description of it, drop it afterwards. Children started inside the block inherit the environment."""
    url = os.environ.get("DATABASE_URL", "")
    os.environ.pop("REDIS_URL", None)
    if not url:
        path = workdir / "bench.sqlite3"
        os.environ["SQLITE_PATH"] = str(path)
        yield f"SQLite, temporary file {path}"
        return
    params = _postgres_params(url)
    database = f"{params['dbname']}_bench_{name}"[:63]
    with _admin_connection(params) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')  # a leftover of an interrupted run of ours
        conn.execute(f'CREATE DATABASE "{database}"{template_clause()}')
    os.environ["DATABASE_URL"] = urlsplit(url)._replace(path=f"/{database}").geturl()
    try:
        yield f"PostgreSQL, database {database} (created and dropped by this run)"
    finally:
        os.environ["DATABASE_URL"] = url
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        with _admin_connection(params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def django_environment(workdir: Path) -> None:
    """The settings of a bench process: DEBUG on as on a laptop (the settings default it off, which needs a SECRET_KEY
    and collected static files), files under `workdir`."""
    os.environ.update(VAR_DIR=str(workdir / "var"), MEDIA_ROOT=str(workdir / "media"),
                      DJANGO_SETTINGS_MODULE="xuanson_tdkt.settings", ALLOWED_HOSTS="testserver", DEBUG="1",
                      LOG_LEVEL="WARNING")  # fmt: skip


def setup_django_and_migrate() -> float:
    """django.setup() on the scratch database, migrate; the seconds the migration took."""
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    return time.perf_counter() - started


def bench_main(run: Callable[[Path, dict, str, float], int], *, name: str, description: str, sizes: dict) -> int:
    """Parse --short, then `run(workdir, size, where, migrate_seconds)` on a migrated scratch database, in a
    temporary directory removed afterwards."""
    parser = argparse.ArgumentParser(description=description.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="CI size")
    size = sizes["short" if parser.parse_args().short else "full"]
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
    try:
        with scratch_database(name, workdir) as where:
            django_environment(workdir)
            return run(workdir, size, where, setup_django_and_migrate())
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def make_template(name: str) -> None:
    """Create (again) the database `name` on the server of DATABASE_URL and migrate it, for BENCH_TEMPLATE_DATABASE."""
    url = os.environ["DATABASE_URL"]
    params = _postgres_params(url)
    with _admin_connection(params) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "DATABASE_URL": urlsplit(url)._replace(path=f"/{name}").geturl(), "DEBUG": "1"}
    env.pop("BENCH_TEMPLATE_DATABASE", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=root, env=env, check=True)


def drop_template(name: str) -> None:
    params = _postgres_params(os.environ["DATABASE_URL"])
    with _admin_connection(params) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="The benches' migrated template database (BENCH_TEMPLATE_DATABASE)")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--make-template", metavar="NAME")
    group.add_argument("--drop-template", metavar="NAME")
    arguments = parser.parse_args()
    if arguments.make_template:
        make_template(arguments.make_template)
    else:
        drop_template(arguments.drop_template)
