"""The document register: parsing printed numbers and handing out the next free one."""

import re
from dataclasses import dataclass

from django.db.models import Max

from .enums import DocumentType
from .models import Document, Series

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
