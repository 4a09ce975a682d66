from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignKind(models.TextChoices):
    REGULAR = "regular", _("Regular")
    PHASE = "phase", _("By phase")
    THEMATIC = "thematic", _("Thematic")


class PlanKind(models.TextChoices):
    """What a plan is for: the commune's one annual plan, the council's own plans, or a plan for one campaign."""

    ANNUAL = "annual", _("Annual plan")
    COUNCIL = "council", _("Council plan")
    THEMATIC = "thematic", _("Thematic plan")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class ParagraphKind(models.TextChoices):
    TEXT = "text", _("Paragraph")
    BULLET = "bullet", _("Bullet item")
    CAMPAIGNS = "campaigns", _("List of the plan's campaigns")


class FindingPlace(models.TextChoices):
    """Where a phrase flagged by a year copy's review stands."""

    SUMMARY = "summary", _("Summary")
    APPENDIX_TITLE = "appendix_title", _("Appendix title")
    CLOSING = "closing", _("Closing paragraph")
    SECTION = "section", _("Section title")
    PARAGRAPH = "paragraph", _("Paragraph")
    CAMPAIGN = "campaign", _("Campaign content")
    TARGET = "target", _("Campaign target")
    TASK = "task", _("Appendix row")


class FindingKind(models.TextChoices):
    OTHER_YEAR = "year", _("Another year")
    ANNIVERSARY = "anniversary", _("Anniversary")
    PERIOD = "period", _("Year of a period")
