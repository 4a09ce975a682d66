#!/usr/bin/env bash
# Production smoke test: the README's "Deployment" commands with its production settings (DEBUG=0, PostgreSQL,
# Redis, a real SECRET_KEY, HTTPS settings on), then gunicorn, a Celery worker and beat, /health/, the README's API
# curl example, and a browser journey against gunicorn (scripts/smoke_journey.py). Run by .ci/run after the suite; about a minute.
#
# It creates and drops its own database and uses a Redis database of its own (flushed before and after); every
# process it starts is stopped on exit. It exits non-zero on the first failure. Overrides (defaults in brackets):
#   SMOKE_PG_URL     the PostgreSQL server   [postgres://postgres@127.0.0.1:5432]
#   SMOKE_DB         the throwaway database  [tdkt_smoke]
#   SMOKE_REDIS_URL  Redis with a db number  [redis://127.0.0.1:6379/12]
#   SMOKE_PORT       gunicorn's port         [8765]
set -euo pipefail
cd "$(dirname "$0")/.."

SMOKE_PG_URL=${SMOKE_PG_URL:-postgres://postgres@127.0.0.1:5432}
SMOKE_DB=${SMOKE_DB:-tdkt_smoke}
SMOKE_REDIS_URL=${SMOKE_REDIS_URL:-redis://127.0.0.1:6379/12}
SMOKE_PORT=${SMOKE_PORT:-8765}
PY=.venv/bin/python
BASE_URL="http://127.0.0.1:$SMOKE_PORT"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tdkt-smoke.XXXXXX")
PIDS=()
STARTED=$SECONDS

stage() { printf '\n=== %s ===\n' "$*"; }

# The server's environment is the README's, nothing inherited from the test run (.ci/run exports test settings).
unset DJANGO_ALLOW_ASYNC_UNSAFE REQUIRE_SERVICES DJANGO_SETTINGS_MODULE CELERY_TASK_ALWAYS_EAGER EMAIL_HOST \
      SQLITE_PATH MEDIA_ROOT STATIC_ROOT SECURE_SSL_REDIRECT SESSION_COOKIE_SECURE CSRF_COOKIE_SECURE \
      SECURE_HSTS_SECONDS SECURE_HSTS_INCLUDE_SUBDOMAINS SECURE_HSTS_PRELOAD SECURE_PROXY_SSL_HEADER
export DEBUG=0
SECRET_KEY=$(python3 -c "import secrets; print(secrets.token_urlsafe(50))")
export SECRET_KEY
# 127.0.0.1 is the host the browser and the health poll use. The browser's address bar says http://127.0.0.1:PORT
# while it sends X-Forwarded-Proto: https as a TLS-terminating proxy would (smoke_journey.py), so that origin is
# the one trusted for CSRF; HTTPS redirect, secure cookies and HSTS stay as in production.
export ALLOWED_HOSTS=127.0.0.1,localhost
export CSRF_TRUSTED_ORIGINS=$BASE_URL
export DATABASE_URL="$SMOKE_PG_URL/$SMOKE_DB"
export REDIS_URL=$SMOKE_REDIS_URL
export CACHE_URL=$SMOKE_REDIS_URL
export VAR_DIR=$WORK/var
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
export EMAIL_FILE_PATH=$WORK/mail
export SITE_URL=$BASE_URL
export PYTHONUNBUFFERED=1
mkdir -p "$VAR_DIR" "$EMAIL_FILE_PATH" "$WORK/logs"

database() {  # database create|drop: the throwaway database, through the maintenance database "postgres"
  "$PY" - "$1" <<'PY'
import os, sys
import psycopg
from psycopg import sql
name = os.environ["SMOKE_DB"]
with psycopg.connect(os.environ["SMOKE_PG_URL"] + "/postgres", autocommit=True, connect_timeout=5) as conn:
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
    if sys.argv[1] == "create":
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
PY
}

flush_redis() {
  "$PY" -c "import os, redis; redis.Redis.from_url(os.environ['REDIS_URL'], socket_connect_timeout=3).flushdb()"
}

start() {  # start NAME COMMAND...: in its own process group (so a stop reaches its children), output to a log
  local name=$1; shift
  setsid "$@" >"$WORK/logs/$name.log" 2>&1 &
  PIDS+=("$!")
  echo "$name (pid $!): $*"
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    for log in "$WORK"/logs/*.log; do
      [ -e "$log" ] && { printf '\n--- last lines of %s ---\n' "$(basename "$log")"; tail -n 40 "$log"; }
    done
  fi
  export SMOKE_DB SMOKE_PG_URL
  database drop >/dev/null 2>&1 || echo "could not drop database $SMOKE_DB" >&2
  flush_redis >/dev/null 2>&1 || true
  rm -rf "$WORK"
  if [ "$status" -eq 0 ]; then
    printf '\n=== production smoke test passed in %ss ===\n' "$((SECONDS - STARTED))"
  else
    printf '\n=== production smoke test FAILED (exit code %s) after %ss ===\n' "$status" "$((SECONDS - STARTED))" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stage "Production smoke test: database $SMOKE_DB, Redis $SMOKE_REDIS_URL, gunicorn on $BASE_URL"
export SMOKE_DB SMOKE_PG_URL
database create
flush_redis

stage "compilemessages"
"$PY" manage.py compilemessages --ignore=.venv -v 0

stage "collectstatic --noinput"
"$PY" manage.py collectstatic --noinput

stage "migrate --noinput"
"$PY" manage.py migrate --noinput -v 1 | tail -n 1

stage "seed_demo (the smoke database only: never on a production database)"
"$PY" manage.py seed_demo | tail -n 1

stage "check --deploy --fail-level WARNING"
"$PY" manage.py check --deploy --fail-level WARNING

stage "start gunicorn, the Celery worker and beat"
start gunicorn .venv/bin/gunicorn xuanson_tdkt.wsgi -w 3 -b "127.0.0.1:$SMOKE_PORT"
start worker .venv/bin/celery -A xuanson_tdkt worker -l info --concurrency=2
start beat .venv/bin/celery -A xuanson_tdkt beat -l info --scheduler django_celery_beat.schedulers:DatabaseScheduler

stage "wait for /health/ to answer 200"
code=000
for _ in $(seq 180); do
  for pid in "${PIDS[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "a process stopped (pid $pid)" >&2; exit 1; }
  done
  code=$(curl -s -o "$WORK/health.json" -w '%{http_code}' --max-time 10 "$BASE_URL/health/" || true)
  [ "$code" = 200 ] && break
  sleep 0.5
done
echo "GET /health/ → $code after $((SECONDS - STARTED))s"
"$PY" -m json.tool "$WORK/health.json" 2>/dev/null || cat "$WORK/health.json" 2>/dev/null || true
[ "$code" = 200 ]

stage "the README's API example against gunicorn (curl with the demo's key)"
# The key and the path come from README.md's own curl line, so the README cannot drift from what works; only the
# address changes, with the header a TLS-terminating proxy adds (HTTPS redirect is on, as for the browser journey).
readme_curl=$(grep -m1 -E '^curl -H "Authorization: Bearer tdkt_' README.md || true)
api_key=$(sed -nE 's/.*"Authorization: Bearer (tdkt_[^"]+)".*/\1/p' <<<"$readme_curl")
api_path=$(sed -nE 's#.* http://127\.0\.0\.1:8000(/api/[^ ]*)$#\1#p' <<<"$readme_curl")
[ -n "$api_key" ] && [ -n "$api_path" ] || { echo "no usable curl example in README.md: $readme_curl" >&2; exit 1; }
code=$(curl -s -o "$WORK/api.json" -w '%{http_code}' --max-time 10 -H "X-Forwarded-Proto: https" \
  -H "Authorization: Bearer $api_key" "$BASE_URL$api_path" || true)
echo "GET $api_path → $code"
[ "$code" = 200 ] || { cat "$WORK/api.json" >&2 2>/dev/null || true; exit 1; }
"$PY" - "$WORK/api.json" <<'PY'
import json, sys
body = json.load(open(sys.argv[1], encoding="utf-8"))
slugs = [row["slug"] for row in body["results"]]
print("communes:", slugs)
assert "xuan-son" in slugs, body
PY

stage "browser journey against gunicorn (scripts/smoke_journey.py)"
timeout 150 "$PY" scripts/smoke_journey.py --base-url "$BASE_URL" --mail-dir "$EMAIL_FILE_PATH"
