"""The score sheet and the leaderboard as XLSX workbooks (A4 portrait) and as plain A4 PDF tables.

The workbooks reuse the registrations exporter (write-only openpyxl, every text cell neutralised against formula
injection); the PDFs go through documents/rendering.py with the shipped Liberation Serif.
"""

from types import SimpleNamespace

from django.utils import timezone
from openpyxl.worksheet.worksheet import Worksheet

from documents.rendering import render_pdf
from registrations.exporters import Exporter

from .enums import SheetStatus
from .services import ordered_criteria, standings

# Fixed Vietnamese words of the exchanged files, whatever the interface language.
STATUS_LABELS = {
    SheetStatus.SELF_SCORING: "Đang tự chấm", SheetStatus.SUBMITTED: "Đã gửi chấm chéo",
    SheetStatus.CROSS_SCORED: "Đã chấm chéo", SheetStatus.EXPLANATION: "Đã giải trình",
    SheetStatus.SECOND_REVIEW: "Đang phúc tra", SheetStatus.FINAL: "Đã chốt điểm",
}


class _PortraitExporter(Exporter):
    def set_up_page(self, sheet) -> None:
        super().set_up_page(sheet)
        sheet.page_setup.orientation = Worksheet.ORIENTATION_PORTRAIT


def sheet_rows(sheet):
    """(criterion, entry or None) in tree order, with `depth` set on each criterion; two queries."""
    entries = {e.criterion_id: e for e in sheet.entries.all()}
    return [(c, entries.get(c.pk)) for c in ordered_criteria(sheet.cluster)]


class SheetExporter(_PortraitExporter):
    headers = ["Mã", "Tiêu chí", "Điểm tối đa", "Tự chấm", "Chấm chéo", "Điểm cuối cùng", "Minh chứng, giải trình"]
    column_widths = [7, 46, 9, 9, 9, 10, 34]
    sheet_title = "Bảng chấm điểm"

    def __init__(self, *, sheet):
        self.sheet = sheet
        self.filename = f"bang-cham-diem-{sheet.cluster.year}-{sheet.commune.slug}"
        self._rows = sheet_rows(sheet)

    def title_rows(self):
        return [[self.sheet.cluster.name.upper()],
                [f"BẢNG CHẤM ĐIỂM THI ĐUA NĂM {self.sheet.cluster.year}"],
                [f"{self.sheet.commune} – {STATUS_LABELS.get(self.sheet.status, self.sheet.status)}"], []]

    def rows(self):
        for criterion, entry in self._rows:
            if criterion.is_group or entry is None:
                yield [criterion.code, criterion.name, criterion.max_points, None, None, None, ""]
                continue
            notes = "; ".join(text for text in (entry.evidence, entry.explanation) if text)
            yield [criterion.code, criterion.name, criterion.max_points, entry.self_points, entry.cross_points,
                   entry.final_points, notes]

    def closing_rows(self):
        entries = [entry for _c, entry in self._rows if entry is not None]
        totals = [sum((getattr(e, field) or 0 for e in entries), 0)
                  for field in ("self_points", "cross_points", "final_points")]
        return [["", "Tổng điểm", "", *totals, ""]]


class LeaderboardExporter(_PortraitExporter):
    headers = ["Xếp hạng", "Xã, phường", "Tự chấm", "Chấm chéo", "Điểm cuối cùng", "Trạng thái"]
    column_widths = [9, 30, 11, 11, 13, 18]
    sheet_title = "Xếp hạng"

    def __init__(self, *, cluster, final_only: bool):
        self.cluster = cluster
        self.standings = standings(cluster, final_only=final_only)
        self.filename = f"xep-hang-{cluster.year}"

    def title_rows(self):
        return [[self.cluster.name.upper()], [f"KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA NĂM {self.cluster.year}"], []]

    def rows(self):
        for standing in self.standings:
            yield [standing.rank, str(standing.sheet.commune), standing.self_total, standing.cross_total,
                   standing.final_total, STATUS_LABELS.get(standing.sheet.status, "")]


def _document(cluster, heading, summary):
    """What documents/base.html reads, for a plain table of the cluster (no register number)."""
    today = timezone.localdate()
    month = f"{today.month:02d}" if today.month <= 2 else str(today.month)
    return SimpleNamespace(code="", heading=heading, summary=summary, summary_line=summary,
                           place_and_date=f"Ngày {today.day:02d} tháng {month} năm {today.year}",
                           cluster=cluster)


def sheet_pdf(sheet) -> bytes:
    rows = sheet_rows(sheet)
    entries = [entry for _c, entry in rows if entry is not None]
    return render_pdf("scoring/sheet_document.html", {
        "document": _document(sheet.cluster, "BẢNG CHẤM ĐIỂM THI ĐUA",
                              f"Năm {sheet.cluster.year} – {sheet.commune}"),
        "header_lines": [sheet.cluster.name], "sheet": sheet, "rows": rows,
        "status_label": STATUS_LABELS.get(sheet.status, ""),
        "totals": {field: sum((getattr(e, field) or 0 for e in entries), 0)
                   for field in ("self_points", "cross_points", "final_points")},
    })


def leaderboard_pdf(cluster, *, final_only: bool) -> bytes:
    return render_pdf("scoring/leaderboard_document.html", {
        "document": _document(cluster, "KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA", f"Năm {cluster.year}"),
        "header_lines": [cluster.name], "cluster": cluster, "standings": standings(cluster, final_only=final_only),
        "labels": STATUS_LABELS,
    })
