"""The interface is Vietnamese: every message of the catalogue is translated and the catalogue is compiled."""

from pathlib import Path

import polib
from django.utils import translation

PO = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_every_message_is_translated():
    po = polib.pofile(str(PO))
    # translated() also understands plural entries ({% blocktrans count %}), whose text is in msgstr_plural.
    untranslated = [e.msgid for e in po if not e.obsolete and not e.translated()]
    assert untranslated == []


def test_catalogue_is_active():
    with translation.override("vi"):
        assert translation.gettext("Download PDF") == "Tải PDF"
