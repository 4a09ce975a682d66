"""The setting of the in-process benchmarks (reports.py, province.py): --short or full size, and Django on a fresh
SQLite database of their own, in a temporary directory, migrated."""

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def bench_main(run: Callable[[Path, dict], int], *, name: str, description: str, sizes: dict) -> int:
    """Parse --short, then run `run(workdir, size)` in a temporary directory removed afterwards."""
    parser = argparse.ArgumentParser(description=description.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="CI size")
    size = sizes["short" if parser.parse_args().short else "full"]
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
    try:
        return run(workdir, size)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def fresh_sqlite_django(workdir: Path) -> float:
    """Set Django up on `workdir/bench.sqlite3` (no DATABASE_URL or REDIS_URL of the environment), migrate, and return
    the seconds the migration took."""
    for key in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(key, None)
    # DEBUG on as on a laptop (the settings default it off, which needs a SECRET_KEY and collected static files).
    os.environ.update(SQLITE_PATH=str(workdir / "bench.sqlite3"), VAR_DIR=str(workdir / "var"),
                      MEDIA_ROOT=str(workdir / "media"), DJANGO_SETTINGS_MODULE="xuanson_tdkt.settings",
                      ALLOWED_HOSTS="testserver", DEBUG="1")
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    return time.perf_counter() - started
