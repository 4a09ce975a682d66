from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportPeriod(models.TextChoices):
    SIX_MONTHS = "h1", _("First six months")
    YEAR = "year", _("Whole year")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class PartKey(models.TextChoices):
    """The usual parts of a TĐKT report, in the order they are printed."""

    DIRECTION = "direction", _("Direction and organisation of the emulation work")
    CAMPAIGNS = "campaigns", _("Results of the emulation campaigns")
    COMMENDATION = "commendation", _("Commendation results")
    ASSESSMENT = "assessment", _("Overall assessment")
    NEXT_TASKS = "next_tasks", _("Direction and tasks for the next period")
    PROPOSALS = "proposals", _("Proposals")


class Numbering(models.TextChoices):
    ROMAN = "roman", _("I., II., III.")
    ARABIC = "arabic", _("1., 2., 3.")
    ORDINAL = "ordinal", _("PHẦN THỨ NHẤT, PHẦN THỨ HAI")
    LETTER = "letter", _("a), b), c)")
    NONE = "none", _("No number")


class OutlineTable(models.TextChoices):
    """The generated tables (reports.figures) a heading may hold, as the document prints them."""

    REGISTRATIONS = "registrations", _("Registrations (reference to the appendix)")
    CAMPAIGNS = "campaigns", _("Results of the campaign targets")
    INITIATIVES = "initiatives", _("Initiatives")
    CONTEST = "contest", _("Writing-contest entries")
    AWARDS = "awards", _("Awards by form and recipient")
    TASKS = "tasks", _("Progress of the timeline tasks")


class OutlineKind(models.TextChoices):
    STANDARD = "standard", _("Parts I to VI (commune's report)")
    COUNCIL = "council", _("PHẦN THỨ NHẤT / PHẦN THỨ HAI (council's report)")


class TargetStatus(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    NOT_ASSESSED = "not_assessed", _("Not assessed")
    QUALITATIVE = "qualitative", _("See the note")


class JobKind(models.TextChoices):
    PDF = "pdf", _("Report (PDF)")
    XLSX = "xlsx", _("Statistics workbook (XLSX)")


class JobStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Could not be made")
