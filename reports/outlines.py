"""A report's outline: its parts and headings (nested by level), how each is numbered and which generated tables it
holds. The outline is data the clerk edits (reports.services.save_outline); a new report starts from a default
outline of its kind (default_outline: the built-in layout being today's six parts I to VI).

Printing numbers only what is printed: a heading with no text, no table to show and nothing printed below it is left
out of the official document (it never says "no data" in the portal's words), and the headings after it close up.
"""

from django.utils.translation import gettext_lazy as _

from .enums import Numbering, OutlineKind, OutlineTable, PartKey, ReportPeriod

LEVELS = [(1, _("Part")), (2, _("Heading")), (3, _("Sub-heading"))]

# Tables printed under a title "Bảng N." (numbered in the order they are printed); the others are sentences.
NUMBERED_TABLES = {OutlineTable.CAMPAIGNS: "Kết quả thực hiện chỉ tiêu các phong trào thi đua",
                   OutlineTable.INITIATIVES: "Sáng kiến",
                   OutlineTable.CONTEST: "Bài viết gương điển hình tiên tiến, người tốt việc tốt",
                   OutlineTable.AWARDS: "Khen thưởng theo hình thức và đối tượng",
                   OutlineTable.TASKS: "Tiến độ thực hiện nhiệm vụ (đến hạn trong kỳ)"}

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
ORDINAL_WORDS = ["NHẤT", "HAI", "BA", "TƯ", "NĂM", "SÁU", "BẢY", "TÁM", "CHÍN", "MƯỜI"]
LETTERS = "abcdefghiklmnopqrstuvxy"  # the Vietnamese alphabet's order of plain letters, as decrees letter points

# Printed headings of the built-in parts (document wording, fixed Vietnamese).
PART_HEADINGS = {
    PartKey.DIRECTION: "CÔNG TÁC CHỈ ĐẠO, TỔ CHỨC PHONG TRÀO THI ĐUA",
    PartKey.CAMPAIGNS: "KẾT QUẢ THỰC HIỆN CÁC PHONG TRÀO THI ĐUA",
    PartKey.COMMENDATION: "KẾT QUẢ CÔNG TÁC KHEN THƯỞNG",
    PartKey.ASSESSMENT: "ĐÁNH GIÁ CHUNG",
    PartKey.NEXT_TASKS: "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
    PartKey.PROPOSALS: "ĐỀ XUẤT, KIẾN NGHỊ",
}
PART_TABLES = {
    PartKey.DIRECTION: [OutlineTable.REGISTRATIONS],
    PartKey.CAMPAIGNS: [OutlineTable.CAMPAIGNS],
    PartKey.COMMENDATION: [OutlineTable.INITIATIVES, OutlineTable.CONTEST, OutlineTable.AWARDS, OutlineTable.TASKS],
}


def _item(key, heading, *, level=1, numbering=Numbering.ROMAN, tables=None) -> dict:
    return {"key": str(key), "heading": heading, "level": level, "numbering": str(numbering),
            "tables": [str(t) for t in (tables if tables is not None else PART_TABLES.get(key, []))]}


def default_outline(kind: str, *, year: int, period: str) -> list[dict]:
    """The outline a new report starts from: [{"key", "heading", "level", "numbering", "tables"}] in print order."""
    if kind == OutlineKind.COUNCIL:
        if period == ReportPeriod.SIX_MONTHS:
            now, next_ = f"6 THÁNG ĐẦU NĂM {year}", f"6 THÁNG CUỐI NĂM {year}"
        else:
            now, next_ = f"NĂM {year}", f"NĂM {year + 1}"
        ordinal = {"level": 1, "numbering": Numbering.ORDINAL, "tables": []}
        return [
            _item("", f"KẾT QUẢ CÔNG TÁC THI ĐUA, KHEN THƯỞNG {now}", **ordinal),
            _item("", "NHỮNG KHÓ KHĂN VÀ THUẬN LỢI", level=2, tables=[]),
            *[_item(key, PART_HEADINGS[key], level=2)
              for key in (PartKey.DIRECTION, PartKey.CAMPAIGNS, PartKey.COMMENDATION, PartKey.ASSESSMENT)],
            _item("", f"PHƯƠNG HƯỚNG, NHIỆM VỤ CÔNG TÁC THI ĐUA, KHEN THƯỞNG {next_}", **ordinal),
            _item(PartKey.NEXT_TASKS, "PHƯƠNG HƯỚNG, NHIỆM VỤ", level=2),
            _item(PartKey.PROPOSALS, PART_HEADINGS[PartKey.PROPOSALS], level=2),
        ]
    return [_item(key, PART_HEADINGS[key]) for key in PartKey.values]


def normalised(part: dict) -> dict:
    """A part of a report's content with every outline field (a report issued before outlines froze only the key,
    the label, the heading and the text: it printed as a roman-numbered part with the built-in tables)."""
    if "level" in part:
        return part
    return {**part, "level": 1, "numbering": Numbering.ROMAN.value,
            "tables": [str(t) for t in PART_TABLES.get(part.get("key", ""), [])]}


def number_label(numbering: str, count: int) -> str:
    if numbering == Numbering.ROMAN:
        return f"{ROMAN[count - 1] if count <= len(ROMAN) else count}."
    if numbering == Numbering.ARABIC:
        return f"{count}."
    if numbering == Numbering.LETTER:
        return f"{LETTERS[count - 1] if count <= len(LETTERS) else count})"
    if numbering == Numbering.ORDINAL:
        return f"PHẦN THỨ {ORDINAL_WORDS[count - 1] if count <= len(ORDINAL_WORDS) else count}"
    return ""


def table_prints(table: str, content) -> bool:
    """Whether a generated table has anything to print: the campaign table needs the plan's targets, the reference
    to the registrations' appendix needs registrations; the others always print (zeros are figures too)."""
    if table == OutlineTable.CAMPAIGNS:
        return bool(content.campaigns)
    if table == OutlineTable.REGISTRATIONS:
        return bool(content.figures.get("registrations", {}).get("total"))
    return table in OutlineTable.values


def numbered(parts: list[dict], content=None, *, printed_only: bool) -> list[dict]:
    """The parts with their printed label ("I.", "1.", "a)", "PHẦN THỨ NHẤT", "") and, for each table, its printed
    number; with printed_only, the parts an official document leaves out (nothing printed in or under them) are
    dropped first, so that the numbers close up."""
    parts = [normalised(part) for part in parts]
    own = [bool((part.get("text") or "").strip())
           or (content is not None and any(table_prints(t, content) for t in part["tables"]))
           for part in parts]
    keep = list(own)
    if printed_only:
        for i in range(len(parts) - 1, -1, -1):  # a heading with something printed below it stays
            j = i + 1
            while not keep[i] and j < len(parts) and parts[j]["level"] > parts[i]["level"]:
                keep[i] = keep[j]
                j += 1
    counters: dict[int, int] = {}
    table_number = 0
    result = []
    for part, kept in zip(parts, keep, strict=True):
        if printed_only and not kept:
            continue
        level = part["level"]
        counters[level] = counters.get(level, 0) + 1
        for deeper in [lv for lv in counters if lv > level]:
            del counters[deeper]
        tables = []
        for table in part["tables"]:
            if content is not None and not table_prints(table, content):
                continue
            number = None
            if table in NUMBERED_TABLES:
                table_number += 1
                number = table_number
            tables.append({"key": table, "number": number, "title": NUMBERED_TABLES.get(table, "")})
        result.append({**part, "label": number_label(part["numbering"], counters[level]), "printed_tables": tables})
    return result
