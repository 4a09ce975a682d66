"""The phrases of a plan's text that carry a year or a count of years, found when the plan is copied into a new year.

Pure text functions (no database): `revise_text` returns the copy's text, where the plan's own year has moved to the
new one, and the phrases the clerk must review, each kept as written in that text with a suggested correction:

- another year: "... tổng kết công tác thi đua, khen thưởng năm 2021" in a 2022 plan → "năm 2022";
- an anniversary: "kỷ niệm 75 năm Ngày Thương binh liệt sỹ (27/7/1947 - 27/7/2022)" → "76 năm", "27/7/2023";
- the year of a period: "năm thứ hai thực hiện ... (2021 - 2025)" → "năm thứ ba"; a period the new year has left,
  "giai đoạn 2021 - 2025" copied into 2026, → the next period of the same length; a span up to the plan's year,
  "(1992 - 2022)", → "(1992 - 2023)".

Dates of cited documents ("Kế hoạch số 39-KH/TU ngày 21/9/2021") are left alone: they name a past document.
"""

import re
from dataclasses import dataclass

from .enums import FindingKind

ORDINALS = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"]
_YEAR = r"(?:19|20)\d{2}"
_PERIOD = rf"(?<![\d/])(?P<start>{_YEAR})\s*[-–]\s*(?P<end>{_YEAR})(?![\d/])"

ANNIVERSARY_DATED = re.compile(
    rf"kỷ niệm\s+(?P<count>\d{{1,4}})\s+năm[^;()]{{0,160}}?\((?P<dates>[^()]*?{_YEAR}[^()]*)\)", re.IGNORECASE)
ANNIVERSARY = re.compile(r"kỷ niệm\s+(?P<count>\d{1,4})\s+năm(?:\s+[^\s;,.()“”\"]+){0,6}", re.IGNORECASE)
NTH_YEAR = re.compile(
    rf"năm thứ\s+(?P<ordinal>{'|'.join(ORDINALS)})(?!\w)(?:[^;]{{0,200}}?\(?{_PERIOD}\)?)?", re.IGNORECASE)
PERIOD = re.compile(rf"\(?{_PERIOD}\)?")
OTHER_YEAR = re.compile(rf"(?<![\d/])năm\s+(?P<year>{_YEAR})(?![\d/])", re.IGNORECASE)
ANY_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_BOUNDARY = re.compile(r"[;.:!?\n]")


@dataclass(frozen=True)
class Phrase:
    start: int  # in the original text
    end: int
    kind: str
    original: str
    suggestion: str


def shift_all_years(text: str, years: int) -> str:
    """Every year of `text` moved by `years`: for what only states a task's date ("Trước ngày 22/01/2022")."""
    return ANY_YEAR.sub(lambda m: str(int(m.group()) + years), text) if years else text


def _replace_year(text: str, old_year: int, new_year: int) -> str:
    return re.sub(rf"(?<!\d){old_year}(?!\d)", str(new_year), text)


def _ordinal(number: int) -> str:
    return ORDINALS[number - 1] if 1 <= number <= len(ORDINALS) else str(number)


def find_phrases(text: str, old_year: int, new_year: int) -> list[Phrase]:
    """The phrases of `text` (a text of a plan of `old_year`) to review in its copy for `new_year`, in order."""
    years = new_year - old_year
    found: list[Phrase] = []
    taken: list[tuple[int, int]] = []  # spans already explained: a period inside an anniversary is not flagged again

    def free(start, end):
        return all(end <= s or start >= e for s, e in taken)

    def add(start, end, kind, suggestion):
        taken.append((start, end))
        original = text[start:end]
        if suggestion != original:
            found.append(Phrase(start, end, kind, original, suggestion))

    for match in ANNIVERSARY_DATED.finditer(text):
        dates = match.group("dates")
        last = list(ANY_YEAR.finditer(dates))[-1]
        new_dates = dates[:last.start()] + str(int(last.group()) + years) + dates[last.end():]
        original = match.group()
        suggestion = (original[:match.start("count") - match.start()] + str(int(match["count"]) + years)
                      + original[match.end("count") - match.start():match.start("dates") - match.start()]
                      + new_dates + original[match.end("dates") - match.start():])
        add(match.start(), match.end(), FindingKind.ANNIVERSARY, suggestion)
    for match in NTH_YEAR.finditer(text):
        if not free(match.start(), match.end()):
            continue
        old_ordinal = match["ordinal"].lower()
        if match["start"]:
            number = new_year - int(match["start"]) + 1
        else:
            number = ORDINALS.index(old_ordinal) + 1 + years
        original = match.group()
        cut = match.start("ordinal") - match.start(), match.end("ordinal") - match.start()
        suggestion = original[:cut[0]] + _ordinal(number) + original[cut[1]:]
        add(match.start(), match.end(), FindingKind.PERIOD, suggestion)
    for match in ANNIVERSARY.finditer(text):
        if not free(match.start(), match.end()):
            continue
        original = match.group()
        cut = match.start("count") - match.start(), match.end("count") - match.start()
        add(match.start(), match.end(), FindingKind.ANNIVERSARY,
            original[:cut[0]] + str(int(match["count"]) + years) + original[cut[1]:])
    for match in PERIOD.finditer(text):
        if not free(match.start(), match.end()):
            continue
        start, end = int(match["start"]), int(match["end"])
        if start <= new_year <= end or not start <= old_year <= end:
            taken.append((match.start(), match.end()))  # still true in the new year, or not about the plan's year
            continue
        # A long span up to the plan's year ("(1992 - 2022)", thirty years of a movement) runs on to the new year; a
        # period the new year has left ("2021 - 2025", five years, copied into 2026) gives way to the next one.
        at, length = match.start(), end - start + 1
        new_start, new_end = (start, new_year) if end == old_year and length > 10 else (start + length, end + length)
        moved = (text[at:match.start("start")] + str(new_start) + text[match.end("start"):match.start("end")]
                 + str(new_end) + text[match.end("end"):match.end()])
        add(match.start(), match.end(), FindingKind.PERIOD, moved)
    for match in OTHER_YEAR.finditer(text):
        year = int(match["year"])
        if year == old_year or abs(year - old_year) > 10 or not free(match.start(), match.end()):
            continue
        start = _phrase_start(text, match.start(), taken)
        before = _replace_year(text[start:match.start()], old_year, new_year)
        suggestion = before + text[match.start():match.start("year")] + str(year + years)
        add(start, match.end(), FindingKind.OTHER_YEAR, suggestion)
    found.sort(key=lambda phrase: phrase.start)
    return found


def _phrase_start(text: str, start: int, taken) -> int:
    """Where the phrase around a year begins: up to twelve words back, not past a full stop or a semicolon nor into
    another flagged phrase, so that the clerk reads "... tổng kết công tác thi đua, khen thưởng năm 2021"."""
    floor = max([0, *[e for s, e in taken if e <= start]])
    boundaries = [m.end() for m in _BOUNDARY.finditer(text, floor, start)]
    floor = max(floor, *boundaries) if boundaries else floor
    words = [word for word in re.finditer(r"\S+", text[floor:start]) if re.search(r"\w", word.group())][-12:]
    return floor + words[0].start() if words else start


def revise_text(text: str, old_year: int, new_year: int) -> tuple[str, list[Phrase]]:
    """The copy's text and the phrases to review. Outside the phrases, the plan's year becomes the new one; each
    phrase is kept as written until the clerk reviews it (campaigns.services.review_finding puts in the text)."""
    phrases = find_phrases(text, old_year, new_year)
    parts, cursor = [], 0
    for phrase in phrases:
        parts.append(_replace_year(text[cursor:phrase.start], old_year, new_year))
        parts.append(phrase.original)
        cursor = phrase.end
    parts.append(_replace_year(text[cursor:], old_year, new_year))
    return "".join(parts), phrases
