"""The setting of the in-process benchmarks (reports.py, province.py): Django on a fresh SQLite database of their own,
in a temporary directory, migrated."""

import os
import time
from pathlib import Path


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
