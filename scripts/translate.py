"""Merge Vietnamese translations into locale/vi/LC_MESSAGES/django.po.

usage: python scripts/translate.py TRANSLATIONS.py   (a module defining a dict T: English msgid -> Vietnamese)
Run `manage.py makemessages -l vi --ignore=.venv --ignore=tests --no-location` first; tests/test_translations.py
fails while any msgid is left untranslated or fuzzy.
"""

import runpy
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def main(path: str) -> None:
    table = runpy.run_path(path).get("T", {})
    po = polib.pofile(str(PO))
    po.metadata.update(
        {"Language": "vi", "Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=1; plural=0;"}
    )
    for entry in po:
        if entry.msgid in table and entry.msgid_plural:
            # Vietnamese has one plural form (nplurals=1).
            entry.msgstr_plural = {0: table[entry.msgid]}
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif entry.msgid in table:
            entry.msgstr = table[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()
    missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    print(f"{len(po)} entries, {len(missing)} untranslated")
    for msgid in missing:
        print("  missing:", msgid)


if __name__ == "__main__":
    main(sys.argv[1])
