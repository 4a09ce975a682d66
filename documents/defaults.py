"""What a commune's documents print when nobody typed it, derived from the commune's own data.

Nothing here names a commune: the upper level, the place before the date and the "Nơi nhận" of each kind of document
come from the Commune row (and a RecipientList where the commune keeps its own).
"""

from .enums import DocumentType
from .models import RecipientList


def derived_recipients(commune, doc_type: str, *, on=None) -> str:
    """The usual recipients of a kind of document dated `on` (default today), one per line, built from the commune's
    names and the upper level it had on that day."""
    kind = commune.kind_label
    upper = commune.upper_level_on(on) if on else commune.upper_level
    above = [f"UBND {upper};"] if upper else []
    lines = {
        DocumentType.PLAN: [*above, f"Thường trực Đảng ủy, HĐND {kind};", f"Các ban, ngành, đoàn thể {kind};",
                            "Lưu: VT."],
        DocumentType.REPORT: [*above, *([f"Hội đồng TĐKT {upper};"] if upper else []),
                              f"Thường trực Đảng ủy, HĐND {kind};", "Lưu: VT, VP-TK."],
        DocumentType.DECISION: ["Như Điều 3;", f"TT Đảng ủy, HĐND {kind} (b/c);", "Lưu: VT."],
        DocumentType.MINUTES: [f"Thường trực HĐTĐKT {kind};", "Lưu: VT, HĐTĐKT."],
    }.get(doc_type, [*above, "Lưu: VT."])
    return "\n".join(lines)


def own_recipients(commune, doc_type: str) -> str | None:
    """The recipient list the commune keeps for this kind of document, None when it keeps none."""
    own = RecipientList.objects.filter(commune=commune, doc_type=doc_type).values_list("recipients", flat=True).first()
    return own.strip() if own and own.strip() else None


def default_recipients(commune, doc_type: str, *, on=None) -> str:
    """The commune's own recipient list for this kind of document, else the derived one."""
    return own_recipients(commune, doc_type) or derived_recipients(commune, doc_type, on=on)
