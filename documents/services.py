"""The document register: parsing printed numbers and handing out the next free one."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from audit.history import audited

from .enums import DocumentType
from .models import Document, RecipientList, Series

_CODE_RE = re.compile(r"^\s*(?P<number>\d{1,4})\s*/\s*(?P<type>[^-\s/]+)\s*-\s*(?P<series>\S+)\s*$")


@dataclass(frozen=True)
class DocumentCode:
    number: int
    doc_type: str
    series_code: str


def parse_code(code: str) -> DocumentCode:
    """Split "01/KH-UBND" into its parts; raises ValueError for anything else."""
    match = _CODE_RE.match(code or "")
    if not match or match["type"] not in DocumentType.values:
        raise ValueError(code)
    return DocumentCode(int(match["number"]), match["type"], match["series"])


def next_number(*, series: Series, doc_type: str, year: int) -> int:
    """The next free number of a series and type in a year (numbering restarts at 1 every 1 January)."""
    used = Document.objects.filter(series=series, doc_type=doc_type, year=year).aggregate(m=Max("number"))["m"]
    return (used or 0) + 1


def find_document(*, commune, year: int, code: str) -> Document | None:
    parsed = parse_code(code)
    return (
        Document.objects.select_related("series", "series__commune")
        .filter(
            series__commune=commune,
            series__code=parsed.series_code,
            doc_type=parsed.doc_type,
            year=year,
            number=parsed.number,
        )
        .first()
    )


# A commune's own "Nơi nhận" -------------------------------------------------------------------------------------------


@transaction.atomic
@audited("save_recipient_list")
def save_recipient_list(*, commune, doc_type: str, recipients: str, by) -> RecipientList | None:
    """Keep `recipients` (one per line) as the commune's "Nơi nhận" of `doc_type`; empty text clears it."""
    if doc_type not in DocumentType.values:
        raise ValidationError(_("Unknown document type."))
    lines = [line.strip() for line in (recipients or "").splitlines() if line.strip()]
    if not lines:
        clear_recipient_list(commune=commune, doc_type=doc_type, by=by)
        return None
    own, _created = RecipientList.objects.get_or_create(commune=commune, doc_type=doc_type,
                                                        defaults={"recipients": "\n".join(lines)})
    if not _created and own.recipients != "\n".join(lines):
        own.recipients = "\n".join(lines)
        own.save()
    return own


@transaction.atomic
@audited("clear_recipient_list")
def clear_recipient_list(*, commune, doc_type: str, by) -> None:
    """Forget the commune's own "Nơi nhận" of `doc_type`: its documents get the derived default again."""
    for own in RecipientList.objects.filter(commune=commune, doc_type=doc_type):
        own.delete()
