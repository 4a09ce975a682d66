from django.db import models
from django.utils.translation import gettext_lazy as _


class CriterionKind(models.TextChoices):
    GROUP = "group", _("Group of criteria")
    QUANTITATIVE = "quantitative", _("Quantitative (against a target)")
    QUALITATIVE = "qualitative", _("Qualitative (by judgement)")
    PER_OCCURRENCE = "per_occurrence", _("Fixed points per occurrence")
    BONUS = "bonus", _("Bonus points")
    DEDUCTION = "deduction", _("Deduction")


class SheetStatus(models.TextChoices):
    SELF_SCORING = "self_scoring", _("Self-scoring")
    SUBMITTED = "submitted", _("Submitted for cross-scoring")
    CROSS_SCORED = "cross_scored", _("Cross-scored")
    EXPLANATION = "explanation", _("Explanation sent")
    SECOND_REVIEW = "second_review", _("Second review")
    FINAL = "final", _("Finalised")
