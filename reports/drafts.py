"""First drafts of a report's prose parts, written from its figures; the office then edits them.

The wording is the document's own (fixed Vietnamese, like the printed headings), not interface text.
"""

from .enums import PartKey

LEVEL_WORDS = {"individual": "cá nhân", "collective": "tập thể", "household": "hộ gia đình",
               "hamlet": "thôn, tổ dân phố"}


def money(amount: int) -> str:
    """1234500 → "1.234.500" (Vietnamese thousands separator)."""
    return f"{amount:,}".replace(",", ".")


def number(value: float) -> str:
    """12.5 → "12,5"; 12.0 → "12"."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def draft_parts(figures: dict, *, issuer: str) -> dict[str, str]:
    """The first draft of every part, keyed by PartKey."""
    return {key: DRAFTERS[key](figures, issuer) for key in PartKey.values}


def _direction(f, issuer):
    plan = f["plan"]
    reg = f["registrations"]
    lines = []
    # Without a plan the clerk writes how the work was directed: an official document never speaks of the portal.
    if plan is not None:
        lines.append(
            f"{issuer} ban hành Kế hoạch số {plan['code']} ngày {plan['issued_on']} về công tác thi đua, khen thưởng "
            f"năm {f['year']}, phát động {plan['campaigns']} phong trào thi đua với {plan['targets']} chỉ tiêu."
        )
    if reg["total"]:
        lines.append(
            f"Có {reg['units_registered']}/{reg['units_total']} đơn vị đăng ký thi đua với {reg['total']} lượt đăng "
            f"ký danh hiệu thi đua ({reg['statuses']['accepted']} đã được duyệt)."
        )
    else:
        lines.append("Chưa có đơn vị nào đăng ký thi đua.")
    return "\n".join(lines)


def _campaigns(f, issuer):
    if f["plan"] is None:
        return ""  # no campaign to report on: the part is left out of the document unless the clerk writes it
    return (f"Kết quả thực hiện {f['plan']['targets']} chỉ tiêu của {f['plan']['campaigns']} phong trào thi đua "
            f"{f['period_label']} được tổng hợp tại bảng dưới đây.")


def _commendation(f, issuer):
    ini = f["initiatives"]
    contest = f["contest"]
    awards = f["awards"]
    lines = [
        f"Có {ini['submitted']} sáng kiến được đăng ký, {ini['recognised']} sáng kiến được công nhận, "
        f"{ini['applied']} sáng kiến được áp dụng; {ini['staff_with_recognised']}/{ini['staff']} cán bộ, công chức "
        f"({number(ini['staff_percent'])}%) có sáng kiến được công nhận (chỉ tiêu {ini['staff_target']}%).",
        f"Cuộc thi viết gương điển hình tiên tiến: {contest['units_sent']}/{contest['units_total']} đơn vị gửi "
        f"{contest['total']} bài viết.",
    ]
    if awards["total"]:
        levels = ", ".join(f"{count} {LEVEL_WORDS[level]}" for level, count in awards["by_level"].items() if count)
        lines.append(
            f"Khen thưởng {awards['total']} lượt ({levels}), trong đó {awards['women']} lượt là nữ; tổng số tiền "
            f"thưởng {money(awards['amount'])} đồng."
        )
    else:
        lines.append(f"Chưa có quyết định khen thưởng nào {f['period_label']}.")
    fund = f.get("fund")  # figures stored before the award fund have none
    if fund and (fund["income"] or fund["spending"] or fund.get("opening")):
        carried = f"năm trước chuyển sang {money(fund['opening'])} đồng, " if fund.get("opening") else ""
        lines.append(f"Quỹ thi đua, khen thưởng {f['period_label']}: {carried}thu {money(fund['income'])} đồng, chi "
                     f"{money(fund['spending'])} đồng, tồn quỹ {money(fund['balance'])} đồng.")
    return "\n".join(lines)


def _assessment(f, issuer):
    return ("Ưu điểm: ...\nTồn tại, hạn chế: ...\nNguyên nhân: ...\nBài học kinh nghiệm: ...")


def _next_tasks(f, issuer):
    tasks = f["tasks"]
    return (f"Tiếp tục thực hiện các nhiệm vụ của Kế hoạch; {tasks['open']} nhiệm vụ trong tiến độ thực hiện chưa "
            f"hoàn thành cần tập trung chỉ đạo.")


def _proposals(f, issuer):
    return "Không."


DRAFTERS = {
    PartKey.DIRECTION: _direction,
    PartKey.CAMPAIGNS: _campaigns,
    PartKey.COMMENDATION: _commendation,
    PartKey.ASSESSMENT: _assessment,
    PartKey.NEXT_TASKS: _next_tasks,
    PartKey.PROPOSALS: _proposals,
}
