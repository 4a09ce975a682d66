#!/usr/bin/env bash
# Extract messages, merge every translation table under locale/vi/sources/*.py, compile. Serialized with flock so
# several people (or sessions) can run it at once. Tables map English msgids to Vietnamese: T = {"Save": "Lưu"}.
set -euo pipefail
cd "$(dirname "$0")/.."
# A developer's tool: the laptop settings (the settings default DEBUG to off, which needs a SECRET_KEY).
export DEBUG="${DEBUG:-1}"
exec 9>"${TMPDIR:-/tmp}/xuanson-translations.lock"
flock 9
.venv/bin/python manage.py makemessages -l vi --ignore=.venv --ignore=tests --ignore=bench --no-location -v 0
for table in locale/vi/sources/*.py; do
  [ -e "$table" ] && .venv/bin/python scripts/translate.py "$table" >/dev/null
done
.venv/bin/python manage.py compilemessages --ignore=.venv -v 0
.venv/bin/python - <<'PY'
import polib
po = polib.pofile("locale/vi/LC_MESSAGES/django.po")
missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
print(f"{len(po)} messages, {len(missing)} untranslated")
for msgid in missing:
    print("  missing:", msgid)
PY
