"""Checks of real PDFs with poppler-utils (pdftotext, pdffonts), shared by the tests of every official document.

`reference_coverage` is the measure of the shared tool `pdfcheck.py` (a copy lives in tests/fixtures): the share of a
reference text's lines found in `pdftotext -raw` output. Keep the two in step.
"""

import html
import io
import re
import shutil
import subprocess
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from tests.services import require_service

MM = 72 / 25.4  # PDF points per millimetre
A4 = (595, 842)  # in points, rounded
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _run(*command: str) -> str:
    if shutil.which(command[0]) is None:
        require_service("poppler-utils", f"{command[0]} is not installed (apt-get install poppler-utils)")
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdf_text(path) -> str:
    """The text in content-stream order (`pdftotext -raw`), the mode that keeps words and spaces intact."""
    return _run("pdftotext", "-raw", str(path), "-")


# --- fonts -----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfFont:
    name: str  # without the subset prefix, e.g. "Liberation-Serif-TDKT-Bold"
    family: str  # the name without style suffixes and separators, as pdfcheck groups them: "LiberationSerifTDKT"
    type: str
    embedded: bool


_STYLE_SUFFIX = re.compile(r"(Bold|Italic|BoldItalic|Regular|Roman|Oblique|PS)?(MT)?")


def pdf_fonts(path) -> list[PdfFont]:
    """The fonts `pdffonts` lists, one entry per font object."""
    fonts = []
    for line in _run("pdffonts", str(path)).splitlines()[2:]:
        parts = line.split()
        name = parts[0].split("+")[-1]
        bits = re.split(r"[-,]", name)
        while len(bits) > 1 and _STYLE_SUFFIX.fullmatch(bits[-1]):
            bits.pop()
        # Columns from the right: emb sub uni object-id generation; the type may contain spaces.
        fonts.append(PdfFont(name=name, family="".join(bits), type=" ".join(parts[1:-6]), embedded=parts[-5] == "yes"))
    return fonts


def embedded_font_families(path) -> set[tuple[str, str]]:
    """(family, version) read from the name table of every TrueType/OpenType program embedded in the PDF.

    The PDF's font names come from the CSS family name; this shows which font files were really embedded.
    """
    from fontTools.ttLib import TTFont

    data = Path(path).read_bytes()
    found = set()
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            program = zlib.decompressobj().decompress(data[match.end() : end])
        except zlib.error:
            continue
        if program[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
            names = TTFont(io.BytesIO(program))["name"]
            found.add((names.getDebugName(1), names.getDebugName(5)))
    return found


# --- pages and word boxes --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


@dataclass
class Page:
    number: int  # 1-based position in the file
    width: float  # points
    height: float
    words: list[Word] = field(default_factory=list)

    @property
    def is_a4(self) -> bool:
        return sorted((round(self.width), round(self.height))) == list(A4)

    @property
    def is_portrait(self) -> bool:
        return self.height > self.width

    @property
    def left_margin_mm(self) -> float | None:
        return min(w.x_min for w in self.words) / MM if self.words else None

    @property
    def right_margin_mm(self) -> float | None:
        return (self.width - max(w.x_max for w in self.words)) / MM if self.words else None

    def words_above(self, y_mm: float) -> list[Word]:
        """Words that lie entirely within the top `y_mm` millimetres, i.e. in the top margin: page numbers."""
        return [w for w in self.words if w.y_max <= y_mm * MM]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def page_boxes(path) -> list[Page]:
    """Every page with its size and the bounding box of each word (`pdftotext -bbox`), y growing downwards."""
    pages = []
    for number, (width, height, body) in enumerate(_PAGE.findall(_run("pdftotext", "-bbox", str(path), "-")), 1):
        words = [
            Word(float(x0), float(y0), float(x1), float(y1), html.unescape(word))
            for x0, y0, x1, y1, word in _WORD.findall(body)
        ]
        pages.append(Page(number=number, width=float(width), height=float(height), words=words))
    return pages


# --- the reference text ----------------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """pdfcheck's normalisation: NFC, no markup asterisks, straight quotes and dashes, no "ly" marker, one space."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("*", "").replace("“", '"').replace("”", '"').replace("–", "-").replace("—", "-")
    text = re.sub(r"\bly\b\s*$", "", text.strip())
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass
class Coverage:
    found: int
    total: int
    missing: list[str]

    @property
    def percent(self) -> float:
        return 100.0 * self.found / self.total if self.total else 100.0

    def __str__(self):
        return f"reference lines found {self.found}/{self.total} = {self.percent:.1f}%"


def reference_lines(reference_path) -> list[str]:
    """The reference's lines of at least 12 characters, normalised; tab-separated cells count one by one."""
    lines = []
    for raw in Path(reference_path).read_text(encoding="utf-8").splitlines():
        for cell in raw.split("\t"):
            cell = normalise(cell)
            if len(cell) >= 12:
                lines.append(cell)
    return lines


def reference_coverage(text: str, reference_path) -> Coverage:
    """How many reference lines occur in `text` (from pdf_text), exactly as pdfcheck.py counts them.

    A long line broken across pages counts when each of its halves occurs.
    """
    flat = normalise(text.replace("\n", " "))
    lines = reference_lines(reference_path)
    missing = [
        line
        for line in lines
        if not (line in flat or (len(line) > 80 and line[: len(line) // 2] in flat and line[len(line) // 2 :] in flat))
    ]
    return Coverage(found=len(lines) - len(missing), total=len(lines), missing=missing)
