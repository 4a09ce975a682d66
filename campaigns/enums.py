from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignKind(models.TextChoices):
    REGULAR = "regular", _("Regular")
    PHASE = "phase", _("By phase")
    THEMATIC = "thematic", _("Thematic")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class ParagraphKind(models.TextChoices):
    TEXT = "text", _("Paragraph")
    BULLET = "bullet", _("Bullet item")
    CAMPAIGNS = "campaigns", _("List of the plan's campaigns")
