#!/usr/bin/env bash
# Extract messages into locale/vi/LC_MESSAGES/django.po (the one source of the Vietnamese text), compile, and list
# what is still untranslated. Serialized with flock so several people (or sessions) can run it at once. Translate by
# editing the .po, or in a batch with scripts/translate.py.
set -euo pipefail
cd "$(dirname "$0")/.."
# A developer's tool: the laptop settings (the settings default DEBUG to off, which needs a SECRET_KEY).
export DEBUG="${DEBUG:-1}"
exec 9>"${TMPDIR:-/tmp}/xuanson-translations.lock"
flock 9
.venv/bin/python scripts/translate.py >/dev/null  # duplicates a merge of two branches may have left
.venv/bin/python manage.py makemessages -l vi --ignore=.venv --ignore=tests --ignore=bench --no-location -v 0
# A fixed creation date: a new one on every run would make every branch conflict on that line.
sed -i "s/^\"POT-Creation-Date: .*\\\\n\"$/\"POT-Creation-Date: 2022-01-04 00:00+0700\\\\n\"/" locale/vi/LC_MESSAGES/django.po
.venv/bin/python manage.py compilemessages --ignore=.venv -v 0
.venv/bin/python - <<'PY'
import polib
po = polib.pofile("locale/vi/LC_MESSAGES/django.po")
missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
print(f"{len(po)} messages, {len(missing)} untranslated")
for msgid in missing:
    print("  missing:", msgid)
PY
