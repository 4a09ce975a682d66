"""Reports: creating them with drafts from the data, editing, issuing (number, frozen figures and text, stored PDF)
and new versions. Views, tasks, the bench and the tests all go through these functions."""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.history import audited, bulk_create, bulk_update
from campaigns.enums import PlanKind
from campaigns.models import CampaignTarget
from directory.permissions import get_actor
from documents.defaults import default_recipients
from documents.docx import render_docx
from documents.enums import DocumentType
from documents.models import Document, Series
from documents.rendering import render_pdf
from documents.services import next_number

from .drafts import draft_parts
from .enums import Numbering, OutlineKind, OutlineTable, ReportPeriod, ReportStatus, TargetStatus
from .figures import compute_figures
from .models import Report, ReportPart, TargetResult, target_status
from .outlines import PART_HEADINGS, default_outline, numbered  # noqa: F401 - PART_HEADINGS: older imports

MAX_LEVEL = 3
STATUS_WORDS = {TargetStatus.MET: "Đạt", TargetStatus.NOT_MET: "Chưa đạt",
                TargetStatus.NOT_ASSESSED: "Chưa đánh giá", TargetStatus.QUALITATIVE: "Xem ghi chú"}


def _require_office(by, commune):
    actor = get_actor(by)
    if actor is None or actor.commune.pk != commune.pk or not actor.is_office_staff:
        raise PermissionDenied
    return actor


def default_summary(year: int, period: str) -> str:
    if period == ReportPeriod.SIX_MONTHS:
        return (f"Kết quả công tác thi đua, khen thưởng 6 tháng đầu năm và phương hướng, nhiệm vụ 6 tháng cuối năm "
                f"{year}")
    return f"Tổng kết công tác thi đua, khen thưởng năm {year} và phương hướng, nhiệm vụ năm {year + 1}"


def issuer_name(series: Series, commune) -> str:
    """ "Ủy ban nhân dân xã Xuân Sơn" or "Hội đồng Thi đua - Khen thưởng xã Xuân Sơn", as a sentence names it."""
    if series.code == "UBND":
        return f"Ủy ban nhân dân {commune.kind_label} {commune.name}"
    return f"{series.name} {commune.name}" if commune.name not in series.name else series.name


def plan_targets(commune, year):
    return (CampaignTarget.objects.filter(campaign__plan__commune=commune, campaign__plan__year=year,
                                         campaign__plan__kind=PlanKind.ANNUAL)
            .order_by("campaign__position", "campaign__pk", "position", "pk"))


@transaction.atomic
@audited("create_report")
def create_report(*, commune, year: int, period: str, series: Series, by, previous: Report | None = None,
                  outline: str = OutlineKind.STANDARD) -> Report:
    """A new draft report: its outline (the default `outline` of reports.outlines, or `previous`'s) with the built-in
    parts drafted from the data (or copied from `previous`), and a row for each target of the year's plan. Raises
    ValidationError when a draft of the same report already exists.

    Locks the series row first (as issue_report does): two requests creating a report (or a new version) of the same
    series run one after the other, so the second finds the first one's draft and is refused."""
    _require_office(by, commune)
    if series.commune_id != commune.pk:
        raise PermissionDenied
    Series.objects.select_for_update().filter(pk=series.pk).first()
    versions = Report.objects.filter(commune=commune, year=year, period=period, series=series)
    if versions.filter(status=ReportStatus.DRAFT).exists():
        raise ValidationError(_("A draft of this report already exists: edit it instead."))
    version = _next_version(versions)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                commune=commune, year=year, period=period, series=series, version=version, previous=previous,
                summary=previous.summary if previous else default_summary(year, period), created_by=by,
            )
    except IntegrityError as error:  # another request took this version in the meantime
        raise ValidationError(_("A draft of this report already exists: edit it instead.")) from error
    if previous is not None:
        items = [{"key": p.key, "heading": p.heading, "level": p.level, "numbering": p.numbering,
                  "tables": p.tables, "text": p.text} for p in previous.parts.all()]
        old_results = {r.target_id: r for r in previous.target_results.all()}
    else:
        figures = compute_figures(commune=commune, year=year, period=period)
        texts = draft_parts(figures, issuer=issuer_name(series, commune))
        items = [{**item, "text": texts.get(item["key"], "")}
                 for item in default_outline(outline, year=year, period=period)]
        old_results = {}
    bulk_create(ReportPart, [ReportPart(report=report, position=position, **item)
                             for position, item in enumerate(items, 1)])
    bulk_create(TargetResult, [
        TargetResult(report=report, target=target,
                     achieved=old_results[target.pk].achieved if target.pk in old_results else None,
                     note=old_results[target.pk].note if target.pk in old_results else "")
        for target in plan_targets(commune, year)
    ])
    return report


def _next_version(versions) -> int:
    return max(versions.values_list("version", flat=True), default=0) + 1


def _require_draft(report):
    if report.is_issued:
        raise ValidationError(_("An issued report cannot be changed; make a new version."))


def _lock_draft(report: Report) -> Report:
    """The report's row locked for the rest of the transaction, refused when it is no longer a draft (it may have
    been issued since the caller read it)."""
    locked = Report.objects.select_for_update(of=("self",)).select_related("commune", "series").get(pk=report.pk)
    _require_draft(locked)
    return locked


@transaction.atomic
@audited("save_part")
def save_part(*, part: ReportPart, text: str, by) -> ReportPart:
    _require_office(by, part.report.commune)
    _lock_draft(part.report)
    part.text = text.strip()
    part.save(update_fields=["text"])
    Report.objects.filter(pk=part.report_id).update(updated_at=timezone.now())
    return part


@transaction.atomic
@audited("save_outline")
def save_outline(*, report: Report, rows: list[dict], by) -> list[ReportPart]:
    """Save the clerk's outline of a draft report. `rows` in the new order: {"part": ReportPart or None (a new
    heading), "heading", "level", "numbering", "tables", "delete"}. Renamed, renumbered and moved headings are updated,
    new ones created, deleted ones removed (their text stays in the history); a generated table may be placed once.
    Raises ValidationError (nothing saved) for a heading without words, a table placed twice, or a first heading
    that is not a part (level 1)."""
    _require_office(by, report.commune)
    report = _lock_draft(report)
    kept = [row for row in rows if not row.get("delete")]
    placed: set[str] = set()
    for row in kept:
        row["heading"] = (row.get("heading") or "").strip()
        if not row["heading"]:
            raise ValidationError(_("Every heading needs its words."))
        if not 1 <= int(row["level"]) <= MAX_LEVEL or row["numbering"] not in Numbering.values:
            raise ValidationError(_("Choose a level and a numbering style for every heading."))
        tables = [str(t) for t in row.get("tables") or [] if str(t) in OutlineTable.values]
        if placed & set(tables):
            raise ValidationError(_("A table can be placed under one heading only."))
        placed |= set(tables)
        row["tables"] = tables
    if kept and int(kept[0]["level"]) != 1:
        raise ValidationError(_("The outline starts with a part (level 1)."))
    own = {part.pk: part for part in report.parts.all()}
    doomed = [row["part"].pk for row in rows if row.get("delete") and row.get("part") is not None
              and row["part"].pk in own]
    changed, created = [], []
    for position, row in enumerate(kept, 1):
        values = {"heading": row["heading"], "level": int(row["level"]), "numbering": row["numbering"],
                  "tables": row["tables"], "position": position}
        part = own.get(row["part"].pk) if row.get("part") is not None else None
        if part is None:
            created.append(ReportPart(report=report, **values))
        elif any(getattr(part, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(part, name, value)
            changed.append(part)
    for part in ReportPart.objects.filter(pk__in=doomed):
        part.delete()  # one by one: each deletion is a history row
    if changed:  # the outline rides on the report's version (the page's lock form): a part's text form stays valid
        bulk_update(ReportPart, changed, ["heading", "level", "numbering", "tables", "position"])
    if created:
        bulk_create(ReportPart, created)
    Report.objects.filter(pk=report.pk).update(updated_at=timezone.now())
    return list(report.parts.all())


@transaction.atomic
@audited("save_target_results")
def save_target_results(*, report: Report, values: dict[int, tuple[Decimal | None, str]], by) -> None:
    """`values` maps a TargetResult id to (achieved, note)."""
    _require_office(by, report.commune)
    report = _lock_draft(report)
    results = list(report.target_results.filter(pk__in=values))
    for result in results:
        result.achieved, result.note = values[result.pk]
        result.note = (result.note or "").strip()
    bulk_update(TargetResult, results, ["achieved", "note"])


@transaction.atomic
@audited("save_summary")
def save_summary(*, report: Report, summary: str, by) -> Report:
    _require_office(by, report.commune)
    report = _lock_draft(report)
    report.summary = summary.strip()
    report.save(update_fields=["summary", "updated_at"])
    return report


# Content: live for a draft, frozen for an issued report -----------------------------------------------------------


@dataclass
class ReportContent:
    figures: dict
    parts: list = field(default_factory=list)  # {"key", "heading", "level", "numbering", "tables", "text"}
    campaigns: list = field(default_factory=list)  # {"name", "targets": [{"text", "value", ...}]}


def _number(value) -> str:
    if value is None:
        return ""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def live_content(report: Report) -> ReportContent:
    figures = compute_figures(commune=report.commune, year=report.year, period=report.period)
    results = (report.target_results.select_related("target", "target__campaign")
               .order_by("target__campaign__position", "target__campaign__pk", "target__position", "target__pk"))
    campaigns: dict[int, dict] = {}
    for result in results:
        campaign = result.target.campaign
        group = campaigns.setdefault(campaign.pk, {"name": campaign.name, "targets": []})
        status = target_status(result.target.value, result.achieved)
        group["targets"].append({
            "text": result.target.text, "value": _number(result.target.value),
            "unit": result.target.unit_of_measure, "achieved": _number(result.achieved), "note": result.note,
            "status": str(status), "status_words": STATUS_WORDS[status],
        })
    return ReportContent(
        figures=figures,
        parts=[{"key": part.key, "heading": part.heading, "level": part.level, "numbering": part.numbering,
                "tables": list(part.tables), "text": part.text} for part in report.parts.all()],
        campaigns=list(campaigns.values()),
    )


def report_content(report: Report) -> ReportContent:
    if report.is_issued:
        return ReportContent(**report.frozen)
    return live_content(report)


# The document -------------------------------------------------------------------------------------------------------


@dataclass
class DraftDocument:
    """What documents/base.html prints around a draft's body, before the register gives it a number."""

    series: Series
    summary: str
    place: str
    year: int
    signer_name: str = ""
    signer_title: str = "CHỦ TỊCH"
    recipients: str = ""
    heading: str = "BÁO CÁO"

    @property
    def code(self) -> str:
        return f"      /BC-{self.series.code}"

    @property
    def place_and_date(self) -> str:
        return f"{self.place}, ngày      tháng      năm {self.year}"

    @property
    def recipient_lines(self):
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def capacity(self) -> str:
        return self.series.signing_capacity


def report_document_context(report: Report, *, document=None, content: ReportContent | None = None) -> dict:
    """What reports/report_document.html prints, for the PDF and the Word copy alike."""
    content = content or report_content(report)
    if document is None:
        document = report.document if report.is_issued else DraftDocument(
            series=report.series, summary=report.summary, place=report.commune.place, year=report.year + (
                1 if report.period == ReportPeriod.YEAR else 0),
            recipients=default_recipients(report.commune, DocumentType.REPORT))
    return {
        "report": report, "document": document, "content": content, "figures": content.figures,
        "outline": numbered(content.parts, content, printed_only=True),
        "draft": not report.is_issued, "issuer": issuer_name(report.series, report.commune),
    }


def render_report_pdf(report: Report, *, document=None, content: ReportContent | None = None) -> bytes:
    return render_pdf("reports/report_document.html",
                      report_document_context(report, document=document, content=content))


def render_report_docx(report: Report) -> bytes:
    """The report's Word copy (documents.docx): an issued one from its frozen figures and text, as its PDF."""
    return render_docx("reports/report_document.html", report_document_context(report))


def report_pdf_bytes(report: Report) -> bytes:
    """The issued PDF exactly as stored at issue; a draft is rendered now."""
    if report.is_issued:
        with report.pdf.open("rb") as stored:
            return stored.read()
    return render_report_pdf(report)


def render_report_document(document: Document) -> bytes:
    """The document register's renderer for reports (documents.registry): the stored PDF."""
    report = Report.objects.select_related("commune", "series", "document").get(document=document)
    return report_pdf_bytes(report)


def render_report_document_docx(document: Document) -> bytes:
    return render_report_docx(Report.objects.select_related("commune", "series", "document").get(document=document))


@audited("issue_report")
def issue_report(*, report: Report, issued_on, signer_name: str, signer_title: str = "CHỦ TỊCH",
                 recipients: str | None = None, by) -> Report:
    """Issue a draft: the next BC number of its series in the issuing year, its figures and text frozen, its PDF
    rendered once and stored (downloads return those bytes); without `recipients`, the commune's usual ones. Locks
    the series row, then the report's, so numbers are never shared; the stored PDF is deleted again when the
    transaction fails, so no file is left without its row."""
    stored: list[str] = []
    try:
        with transaction.atomic():
            return _issue(report=report, issued_on=issued_on, signer_name=signer_name, signer_title=signer_title,
                          recipients=recipients, by=by, stored=stored)
    except BaseException:
        for name in stored:
            report.pdf.storage.delete(name)
        raise


def _issue(*, report, issued_on, signer_name, signer_title, recipients, by, stored: list[str]) -> Report:
    _require_office(by, report.commune)
    # The series first, then the report: the same order as create_report, so the two never wait on each other.
    series = Series.objects.select_for_update().get(pk=report.series_id)
    report = Report.objects.select_for_update(of=("self",)).select_related("commune", "series").get(pk=report.pk)
    _require_draft(report)
    if not signer_name.strip():
        raise ValidationError({"signer_name": _("Enter the name of the signer.")})
    document = Document.objects.create(
        series=series, doc_type=DocumentType.REPORT,
        number=next_number(series=series, doc_type=DocumentType.REPORT, year=issued_on.year),
        issued_on=issued_on, place=report.commune.place, summary=report.summary, signer_title=signer_title.strip(),
        signer_name=signer_name.strip(),
        recipients=(default_recipients(report.commune, DocumentType.REPORT, on=issued_on) if recipients is None
                    else recipients).strip(),
    )
    content = live_content(report)
    report.document = document
    report.status = ReportStatus.ISSUED
    report.frozen = {"figures": content.figures, "parts": content.parts, "campaigns": content.campaigns}
    pdf = render_report_pdf(report, document=document, content=content)
    report.pdf.save(f"{document.code.replace('/', '-')}-v{report.version}.pdf", ContentFile(pdf), save=False)
    stored.append(report.pdf.name)
    report.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    report.issued_at = timezone.now()
    report.issued_by = by
    report.save()
    return report


@transaction.atomic
@audited("new_version")
def new_version(*, report: Report, by) -> Report:
    """A draft copy of an issued report (text and campaign results), to correct or update it. Two requests at once
    run one after the other (create_report locks the series): the second is refused, as a draft already exists."""
    _require_office(by, report.commune)
    Series.objects.select_for_update().filter(pk=report.series_id).first()
    report = Report.objects.select_related("commune", "series").get(pk=report.pk)
    if not report.is_issued:
        raise ValidationError(_("Only an issued report gets a new version; edit the draft."))
    if Report.objects.filter(commune=report.commune, year=report.year, period=report.period, series=report.series,
                             status=ReportStatus.DRAFT).exists():
        raise ValidationError(_("A new version of this report is already being drafted: edit that draft instead."))
    return create_report(commune=report.commune, year=report.year, period=report.period, series=report.series,
                         by=by, previous=report)


def reports_for_commune(commune):
    return Report.objects.filter(commune=commune).select_related("series", "document", "document__series")

