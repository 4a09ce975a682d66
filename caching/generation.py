"""The data generation: one counter that moves after every write to the portal's data.

Rendered pages and documents are cached under the generation they were built at (``current()``, read before the
view reads any data). Any INSERT, UPDATE, DELETE or TRUNCATE sent through Django's database connections marks the
connection: the generation moves once the transaction commits (so other processes, gunicorn workers and Celery
alike, stop using what was built before), and moves again, before the next read of the generation in this thread, so
a request or a test that reads back its own uncommitted writes never meets a page built before them. No service has
to remember to invalidate anything: bulk updates, raw SQL through the ORM's connection and admin edits all count.

The counter lives in the default cache, which must be shared by every process of a deployment (Redis through
CACHE_URL, or the file-system cache of the zero-config default). Writes to tables that no page shows (sessions,
login throttling, beat's bookkeeping and heartbeat) and a login's update of the user's last login do not move it.
"""

import logging
import re
import threading
import time

from django.core.cache import cache
from django.db import connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver

KEY = "tdkt:generation"
# Tables whose writes change nothing a cached page or document shows.
IGNORED_TABLES = frozenset({
    "django_session",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    "django_celery_beat_periodictask",
    "django_celery_beat_periodictasks",
    "django_celery_beat_clockedschedule",
    "django_celery_beat_crontabschedule",
    "django_celery_beat_intervalschedule",
    "django_celery_beat_solarschedule",
    "health_heartbeat",
    "api_apicall",  # the API's call log: a busy client system must not make every kept page stale
})
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+["`]?(\w+)', re.IGNORECASE)
# A login saves the user's last login alone, which no page shows: the morning's logins must not make every page
# kept for everyone stale. Likewise an API call saves only its client's last use.
_LAST_LOGIN = re.compile(r'^\s*UPDATE\s+"(?:auth_user"\s+SET\s+"last_login|api_apiclient"\s+SET\s+"last_used_at)"'
                         r'\s*=\s*%s\s+WHERE\s', re.IGNORECASE)
_local = threading.local()
# A move the cache could not take (down for a moment): made before this process next reads the generation.
_unsent: set = set()
logger = logging.getLogger(__name__)


def current() -> int:
    """The generation to build under (or look up) now; moves first if this thread has unread writes of its own."""
    if getattr(_local, "dirty", False) or _unsent:
        _local.dirty = False
        _unsent.clear()
        return bump()
    value = cache.get(KEY)
    if value is None:
        value = _start()
    return int(value)


def current_with(key: str) -> tuple[int, object]:
    """current() and the cache's value under `key`, read together (one round trip to the cache when it can)."""
    if getattr(_local, "dirty", False) or _unsent:
        return current(), cache.get(key)
    values = cache.get_many([KEY, key])
    value = values.get(KEY)
    return (int(value) if value is not None else _start()), values.get(key)


def bump() -> int:
    """Move the generation: everything cached under an earlier one is no longer served."""
    try:
        return int(cache.incr(KEY))
    except ValueError:  # not set (a new or flushed cache)
        return _start()


def _start() -> int:
    """A counter that restarts (an evicted key, a flushed cache) starts above any value it held before: the clock in
    milliseconds, so entries built under an old generation are never taken for new ones."""
    cache.add(KEY, int(time.time() * 1000), timeout=None)
    return int(cache.get(KEY) or time.time() * 1000)


def is_data_write(sql: str) -> bool:
    match = _WRITE.match(sql)
    return bool(match) and match.group(1).lower() not in IGNORED_TABLES and not _LAST_LOGIN.match(sql)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and is_data_write(sql):
        _local.dirty = True
        connection = context["connection"]
        if connection.in_atomic_block:
            # Once per transaction: Django replaces the list of commit hooks after a commit or a rollback.
            if getattr(connection, "_generation_hooks", None) is not connection.run_on_commit:
                connection.on_commit(_committed)
                connection._generation_hooks = connection.run_on_commit
        else:  # autocommit: the write is already visible to everyone
            _committed()
    return result


def _committed():
    """Move the generation after a write. A cache that is down must not fail the save that was committed: the move
    is retried before this process next reads the generation (and while the cache is down nothing is served from
    it; entries expire after their timeout in any case)."""
    try:
        bump()
    except Exception:
        _unsent.add(True)
        logger.warning("Cache unreachable: the data generation moves when it is back", exc_info=True)


@receiver(connection_created)
def _install(sender, connection, **kwargs):
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def install_on_open_connections() -> None:
    """Watch connections opened before this module was imported (the app's ready() calls this)."""
    for connection in connections.all(initialized_only=True):
        _install(sender=None, connection=connection)
