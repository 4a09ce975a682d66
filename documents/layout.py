"""The header columns of the state format (Nghị định 30/2020), measured once for the PDF and the Word copy alike.

The issuing body's lines (the clerk's own rows of Series.issuing_body, under the optional superior body) print each on
one line: the left column is made as wide as its longest line, taking from the national motto's column only what the
motto can spare. A line too long even then is set a little smaller, as offices do (never under MIN_SIZE); only a
line that does not fit at MIN_SIZE either wraps, between words. Widths come from the shipped font's advance widths
(Liberation Serif has Times New Roman's metrics), so the PDF and Word break the same way.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

PT_TO_MM = 25.4 / 72
# A4 portrait with the margins of documents/base.html (left 30 mm, right 17 mm); the appendix is landscape 20/15 mm.
PORTRAIT_TEXT_MM = 210 - 30 - 17
LANDSCAPE_TEXT_MM = 297 - 20 - 15
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SIZE = 13.0  # pt: the issuing body and the motto (NĐ 30/2020: 12-13)
MOTTO_MIN_SIZE = 12.0
MIN_SIZE = 11.0
STEP = 0.5
GAP_MM = 3.0  # at least this much white between the two columns' longest lines
PORTRAIT_ISSUER_SHARE = 0.38  # the usual column, kept when the lines are shorter
LANDSCAPE_ISSUER_SHARE = 0.30


@lru_cache(maxsize=2)
def _metrics(bold: bool):
    from fontTools.ttLib import TTFont

    font = TTFont(settings.DOCUMENT_FONT_DIR / f"LiberationSerif-{'Bold' if bold else 'Regular'}.ttf")
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def text_width_mm(text: str, size_pt: float, *, bold: bool) -> float:
    cmap, advances, units = _metrics(bold)
    fallback = advances.get(cmap.get(ord("M")), (units, 0))[0]
    total = sum(advances[cmap[ord(c)]][0] if ord(c) in cmap else fallback for c in text)
    return total / units * size_pt * PT_TO_MM


@dataclass(frozen=True)
class HeaderLine:
    text: str
    bold: bool
    size: float  # pt
    fits: bool  # on one line at this size; False: it wraps between words

    @property
    def size_css(self) -> str:
        return f"{self.size:g}pt"


@dataclass(frozen=True)
class HeaderLayout:
    lines: list[HeaderLine]
    issuer_mm: float  # the left column's width
    motto_size: float  # pt; 0 when the page has no motto column (an appendix)

    @property
    def issuer_css(self) -> str:
        return f"{self.issuer_mm:.1f}mm"

    @property
    def motto_size_css(self) -> str:
        return f"{self.motto_size:g}pt"


def series_lines(series) -> list[tuple[str, bool]]:
    """(text, bold) as printed top-left: the superior body (regular), then the issuing body's lines (bold)."""
    lines = [(series.parent_body.upper(), False)] if series.parent_body.strip() else []
    return lines + [(line.upper(), True) for line in series.issuing_body_lines]


def _fitted(text: str, bold: bool, room_mm: float) -> HeaderLine:
    size = SIZE
    while size > MIN_SIZE and text_width_mm(text, size, bold=bold) > room_mm:
        size -= STEP
    return HeaderLine(text, bold, size, text_width_mm(text, size, bold=bold) <= room_mm)


def header_layout(series, *, motto: bool = True) -> HeaderLayout:
    """How the header of a document of `series` prints: on a portrait first page (`motto`), or over a landscape
    appendix (no motto: the whole width is there)."""
    lines = series_lines(series)
    if not motto:
        room = LANDSCAPE_TEXT_MM * 0.6
        fitted = [_fitted(text, bold, room) for text, bold in lines]
        widest = max((text_width_mm(line.text, line.size, bold=line.bold) for line in fitted), default=0)
        return HeaderLayout(fitted, max(LANDSCAPE_TEXT_MM * LANDSCAPE_ISSUER_SHARE, widest + GAP_MM), 0)
    usual = PORTRAIT_TEXT_MM * PORTRAIT_ISSUER_SHARE
    for motto_size in (SIZE, MOTTO_MIN_SIZE):
        room = PORTRAIT_TEXT_MM - text_width_mm(MOTTO, motto_size, bold=True) - GAP_MM
        fitted = [_fitted(text, bold, room) for text, bold in lines]
        if all(line.size == SIZE and line.fits for line in fitted):
            break
    if not all(line.fits for line in fitted):
        return HeaderLayout(fitted, room, motto_size)
    widest = max((text_width_mm(line.text, line.size, bold=line.bold) for line in fitted), default=0)
    return HeaderLayout(fitted, min(room, max(usual, widest + GAP_MM / 2)), motto_size)
