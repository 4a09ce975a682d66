"""The annual plan (Kế hoạch công tác thi đua, khen thưởng) and its emulation campaigns (phong trào thi đua)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.history import AuditedHistory
from xuanson_tdkt.locking import Versioned

from .enums import CampaignKind, FindingKind, FindingPlace, ParagraphKind, PlanKind, PlanStatus


class PlanQuerySet(models.QuerySet):
    def annual(self):
        """The commune's one annual plan of each year (what "the plan of 2022" means in reports and timelines)."""
        return self.filter(kind=PlanKind.ANNUAL)


class Plan(Versioned):
    """A plan of a commune: its annual emulation and commendation plan, or any other plan its People's Committee or
    council issues (a contest, a thematic campaign); printed through its register entry `document`, numbered in the
    document's series."""

    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="plans")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind of plan"), max_length=10, choices=PlanKind.choices, default=PlanKind.ANNUAL,
                            help_text=_("A commune has one annual plan a year; council and thematic plans as many "
                                        "as it issues."))
    document = models.OneToOneField("documents.Document", verbose_name=_("document"), on_delete=models.PROTECT,
                                    related_name="plan")
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    closing = models.TextField(_("closing paragraph"), blank=True)
    appendix_title = models.CharField(_("appendix title"), max_length=300, blank=True)
    copied_from = models.ForeignKey("self", verbose_name=_("copied from"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="copies")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    history = AuditedHistory()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], condition=Q(kind="annual"),
                                    name="plan_one_annual_per_commune_year"),
        ]

    def __str__(self):
        return f"{self.document.code} – {self.document.summary}"

    @property
    def is_annual(self) -> bool:
        return self.kind == PlanKind.ANNUAL


class Section(Versioned):
    """A numbered heading of the plan ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích"); a section without title is a preamble."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey("self", verbose_name=_("parent section"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="children")
    position = models.PositiveIntegerField(_("position"), default=0)
    label = models.CharField(_("number"), max_length=10, blank=True)  # "I.", "1."
    title = models.CharField(_("title"), max_length=400, blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.label} {self.title}".strip()

    @property
    def level(self) -> int:
        return 1 if self.parent_id is None else 2


class Paragraph(Versioned):
    """A paragraph of a section. Text may use *italic* and **bold**; a CAMPAIGNS paragraph prints the campaign list."""

    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.CASCADE,
                                related_name="paragraphs")
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=ParagraphKind.choices, default=ParagraphKind.TEXT)
    label = models.CharField(_("number"), max_length=10, blank=True)  # "1.1"
    text = models.TextField(_("text"), blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.label} {self.text[:60]}".strip()


class Campaign(Versioned):
    """An emulation campaign launched by the plan: regular, by phase or thematic."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="campaigns")
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=CampaignKind.choices, default=CampaignKind.REGULAR)
    name = models.CharField(_("name"), max_length=300)
    content = models.TextField(_("content"), blank=True)
    organiser = models.ForeignKey("directory.Unit", verbose_name=_("organiser"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="organised_campaigns")
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    listed_in_plan = models.BooleanField(
        _("own paragraph in the plan"), default=True,
        help_text=_("Printed as its own item where the plan lists its campaigns."),
    )

    history = AuditedHistory()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name

    def printed_text(self, targets=None) -> str:
        """The campaign's paragraph as the plan prints it: content followed by its targets, comma-joined."""
        targets = list(self.targets.all()) if targets is None else targets
        text = self.content.strip()
        if targets:
            joined = ", ".join(t.text.strip().rstrip(".;,") for t in targets)
            text = f"{text} {joined}." if text else f"{joined[:1].upper()}{joined[1:]}."
        return text


class CampaignTarget(models.Model):
    """A target of a campaign, written as the plan words it, with an optional measurable value."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE,
                                 related_name="targets")
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.CharField(_("target"), max_length=500)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=30, blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class YearCopyFinding(models.Model):
    """A phrase of a plan copied into a new year that carries a year or a count of years ("năm 2021", "kỷ niệm 75
    năm ... (1947 - 2022)", "năm thứ hai thực hiện ... (2021 - 2025)"), kept until the clerk reviews it: the copy is
    not issued while one is unreviewed (campaigns.services.issue_plan)."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="findings")
    place = models.CharField(_("place"), max_length=20, choices=FindingPlace.choices)
    object_id = models.PositiveIntegerField(_("object"), null=True, blank=True)  # the section, paragraph... changed
    position = models.PositiveIntegerField(_("position"), default=0)  # order of reading the plan
    kind = models.CharField(_("kind"), max_length=12, choices=FindingKind.choices)
    original = models.TextField(_("phrase as copied"))
    suggestion = models.TextField(_("suggested correction"))
    accepted = models.TextField(_("accepted text"), blank=True)
    applied = models.BooleanField(_("applied to the text"), default=False)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("year copy finding")
        verbose_name_plural = _("year copy findings")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.original

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_at is not None
