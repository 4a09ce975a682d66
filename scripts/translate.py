"""Fill Vietnamese translations into locale/vi/LC_MESSAGES/django.po, the one source of the portal's Vietnamese.

usage: python scripts/translate.py [SOURCE ...]    (without a source: only remove duplicate entries a merge left)
  SOURCE is either a scratch Python file defining a dict T (English msgid -> Vietnamese), for a batch of new
  messages, or another django.po (e.g. a branch's, `git show BRANCH:locale/vi/LC_MESSAGES/django.po > /tmp/x.po`),
  whose translations fill the entries this catalogue has no translation for: the way to settle a merge conflict in
  the catalogue (take either side, run scripts/update_translations.sh, then this with the other side's file).
Run scripts/update_translations.sh first so that the catalogue holds every msgid; tests/test_translations.py fails
while any msgid is left untranslated or fuzzy. Edit the .po directly for single messages.
"""

import runpy
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def _table(path: str, *, only_missing: bool) -> tuple[dict, bool]:
    if path.endswith(".po"):
        other = polib.pofile(path)
        table = {}
        for entry in other:
            if entry.obsolete or not entry.translated():
                continue
            table[entry.msgid] = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        return table, True
    return runpy.run_path(path).get("T", {}), only_missing


def _dedupe(po) -> None:
    """A merge of two branches' catalogues can leave a msgid twice (git merges the text, not the entries): keep one,
    the translated one where there is one, so that msgmerge accepts the file again."""
    kept = {}
    for entry in list(po):
        key = (entry.msgctxt, entry.msgid)
        if key not in kept:
            kept[key] = entry
            continue
        first = kept[key]
        if entry.translated() and not first.translated():
            po.remove(first)
            kept[key] = entry
        else:
            po.remove(entry)


def main(paths: list[str]) -> None:
    po = polib.pofile(str(PO))
    _dedupe(po)
    po.metadata.update(
        {"Language": "vi", "Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": "nplurals=1; plural=0;"}
    )
    for path in paths:
        table, only_missing = _table(path, only_missing=False)
        for entry in po:
            if entry.msgid not in table or (only_missing and entry.translated()):
                continue
            if entry.msgid_plural:
                # Vietnamese has one plural form (nplurals=1).
                entry.msgstr_plural = {0: table[entry.msgid]}
            else:
                entry.msgstr = table[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()
    missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    print(f"{len(po)} entries, {len(missing)} untranslated")
    for msgid in missing:
        print("  missing:", msgid)


if __name__ == "__main__":
    main(sys.argv[1:])
