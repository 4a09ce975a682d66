"""Reports on the emulation and commendation work (six-month and year-end), their prose parts, the campaign results
the office enters, and the background jobs that build their files.

A report is a draft until it is issued: then it takes its number from the document register, and its figures, text
and PDF are stored as issued (`frozen`, `pdf`) and never change; later edits go into a new version.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.history import AuditedHistory
from xuanson_tdkt.locking import Versioned

from .enums import JobKind, JobStatus, Numbering, PartKey, ReportPeriod, ReportStatus, TargetStatus


class Report(Versioned):
    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=10, choices=ReportPeriod.choices)
    series = models.ForeignKey("documents.Series", verbose_name=_("issuing body"), on_delete=models.PROTECT,
                               related_name="reports")
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.ForeignKey("self", verbose_name=_("revises"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="revisions")
    summary = models.CharField(_("summary"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    document = models.OneToOneField("documents.Document", verbose_name=_("document"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="report")
    # As issued: {"figures": {...}, "parts": [...], "targets": [...]}; empty while a draft.
    frozen = models.JSONField(_("figures and text as issued"), null=True, blank=True, editable=False)
    pdf = models.FileField(_("issued PDF"), upload_to="reports/%Y/", blank=True, max_length=300, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-year", "period", "series", "-version", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year", "period", "series", "version"],
                                    name="report_unique_version"),
            models.CheckConstraint(condition=Q(status="draft") | Q(document__isnull=False),
                                   name="report_issued_has_document"),
        ]

    def __str__(self):
        return self.summary

    @property
    def is_issued(self) -> bool:
        return self.status == ReportStatus.ISSUED


class ReportPart(Versioned):
    """One heading of a report's outline (a part, a heading or a sub-heading, by level) with its prose and the
    generated tables placed under it. The built-in parts (a key) are drafted from the data when the report is created;
    the clerk renames, renumbers, moves, adds and deletes headings (reports.outlines, services.save_outline)."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="parts")
    key = models.CharField(_("built-in part"), max_length=20, choices=PartKey.choices, blank=True, default="")
    heading = models.CharField(_("heading"), max_length=300, default="")
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    numbering = models.CharField(_("numbering"), max_length=10, choices=Numbering.choices,
                                 default=Numbering.ROMAN)
    tables = models.JSONField(_("tables"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"), blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("report part")
        verbose_name_plural = _("report parts")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], condition=~Q(key=""),
                                               name="report_part_once")]

    def __str__(self):
        return self.heading or self.get_key_display()


class TargetResult(models.Model):
    """What a campaign target achieved in the report's period, as the office enters it."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE,
                               related_name="target_results")
    target = models.ForeignKey("campaigns.CampaignTarget", verbose_name=_("target"), on_delete=models.CASCADE,
                               related_name="+")
    achieved = models.DecimalField(_("achieved"), max_digits=12, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("target result")
        verbose_name_plural = _("target results")
        ordering = ["target__campaign__position", "target__position", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "target"], name="target_result_once")]

    def __str__(self):
        return f"{self.target}: {self.achieved}"

    @property
    def status(self) -> str:
        return target_status(self.target.value, self.achieved)


def target_status(value, achieved) -> str:
    """A target with a value is met when the achieved value reaches it; one without is judged in the note."""
    if value is None:
        return TargetStatus.QUALITATIVE
    if achieved is None:
        return TargetStatus.NOT_ASSESSED
    return TargetStatus.MET if achieved >= value else TargetStatus.NOT_MET


class ReportJob(models.Model):
    """A file being built in the worker (a report's PDF or workbook), with its progress for the page that polls."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(_("file"), max_length=10, choices=JobKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to="reports/jobs/%Y/", blank=True, max_length=300)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("file job")
        verbose_name_plural = _("file jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.report_id}: {self.kind} {self.status}"
