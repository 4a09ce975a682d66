"""The annual plan (Kế hoạch công tác thi đua, khen thưởng) and its emulation campaigns (phong trào thi đua)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.history import AuditedHistory
from xuanson_tdkt.locking import Versioned

from .enums import CampaignKind, ParagraphKind, PlanStatus


class Plan(Versioned):
    """A commune's yearly emulation and commendation plan; printed through its register entry `document`."""

    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="plans")
    year = models.PositiveSmallIntegerField(_("year"))
    document = models.OneToOneField("documents.Document", verbose_name=_("document"), on_delete=models.PROTECT,
                                    related_name="plan")
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    closing = models.TextField(_("closing paragraph"), blank=True)
    appendix_title = models.CharField(_("appendix title"), max_length=300, blank=True)
    copied_from = models.ForeignKey("self", verbose_name=_("copied from"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="copies")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="plan_unique_per_commune_year")]

    def __str__(self):
        return f"{self.document.code} – {self.document.summary}"


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
