"""Score sheets of an emulation cluster (cụm thi đua): clusters, the criteria tree, assignments, sheets and entries.

Points are stored signed: a deduction's points are negative, so a sheet's total is the plain sum of its entries.
The arithmetic of each kind of criterion lives in scoring/arithmetic.py; every state change in scoring/services.py.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.history import AuditedHistory
from xuanson_tdkt.locking import Versioned

from .enums import CriterionKind, SheetStatus

POINTS = {"max_digits": 8, "decimal_places": 2}


class Cluster(Versioned):
    """The communes of a province that emulate together in a year; head and deputy are chosen by rotation.

    The province's operator defines it (provinces/clusters.py); the head commune runs its scoring. Its members, head
    and deputy all belong to its province.
    """

    province = models.ForeignKey("directory.Province", verbose_name=_("province"), on_delete=models.PROTECT,
                                 related_name="clusters")
    name = models.CharField(_("name"), max_length=200)  # "Cụm thi đua số 3 thị xã Sơn Tây"
    year = models.PositiveSmallIntegerField(_("year"))
    members = models.ManyToManyField("directory.Commune", verbose_name=_("member communes"),
                                     related_name="scoring_clusters")
    head = models.ForeignKey("directory.Commune", verbose_name=_("head commune"), on_delete=models.PROTECT,
                             related_name="+")
    deputy = models.ForeignKey("directory.Commune", verbose_name=_("deputy head commune"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")

    history = AuditedHistory()

    class Meta:
        verbose_name = _("emulation cluster")
        verbose_name_plural = _("emulation clusters")
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["province", "name", "year"],
                                               name="scoring_cluster_unique_name_year")]

    def __str__(self):
        return f"{self.name} ({self.year})"

    def save(self, *args, **kwargs):
        # A cluster made without its province (the head commune's clusters before provinces defined them) is the
        # head commune's province's.
        if self.province_id is None and self.head_id is not None:
            self.province_id = self.head.province_id
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        province_id = self.province_id
        if province_id is None:
            return
        errors = {}
        for field in ("head", "deputy"):
            commune = getattr(self, field) if getattr(self, f"{field}_id") else None
            if commune is not None and commune.province_id != province_id:
                errors[field] = _("Choose a commune of the cluster's province.")
        if self.head_id and self.head_id == self.deputy_id:
            errors["deputy"] = _("The deputy head commune cannot be the head commune.")
        if errors:
            raise ValidationError(errors)


class Criterion(Versioned):
    """One row of the cluster's score sheet: a group heading or a scored criterion."""

    cluster = models.ForeignKey(Cluster, verbose_name=_("emulation cluster"), on_delete=models.CASCADE,
                                related_name="criteria")
    parent = models.ForeignKey("self", verbose_name=_("parent group"), null=True, blank=True,
                               on_delete=models.CASCADE, related_name="children")
    code = models.CharField(_("code"), max_length=20)  # "I.1"
    name = models.CharField(_("criterion"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=CriterionKind.choices,
                            default=CriterionKind.QUALITATIVE)
    max_points = models.DecimalField(_("maximum points"), **POINTS)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2, null=True, blank=True,
                                 help_text=_("Quantitative criteria: the value that earns the maximum."))
    unit = models.CharField(_("unit of measure"), max_length=40, blank=True)  # "%", "hộ", "lần"
    points_per_occurrence = models.DecimalField(_("points per occurrence"), null=True, blank=True, **POINTS)
    position = models.PositiveIntegerField(_("position"), default=0)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "code"], name="scoring_criterion_unique_code"),
            models.CheckConstraint(condition=Q(max_points__gte=0), name="scoring_criterion_max_not_negative"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_group(self) -> bool:
        return self.kind == CriterionKind.GROUP

    @property
    def is_deduction(self) -> bool:
        return self.kind == CriterionKind.DEDUCTION


class ScoringAssignment(models.Model):
    """Which member commune cross-scores which (chấm chéo)."""

    cluster = models.ForeignKey(Cluster, verbose_name=_("emulation cluster"), on_delete=models.CASCADE,
                                related_name="assignments")
    scorer = models.ForeignKey("directory.Commune", verbose_name=_("scoring commune"), on_delete=models.PROTECT,
                               related_name="+")
    scored = models.ForeignKey("directory.Commune", verbose_name=_("scored commune"), on_delete=models.PROTECT,
                               related_name="+")

    history = AuditedHistory()

    class Meta:
        verbose_name = _("cross-scoring assignment")
        verbose_name_plural = _("cross-scoring assignments")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "scored"], name="scoring_one_scorer_per_commune"),
            models.CheckConstraint(condition=~Q(scorer=models.F("scored")), name="scoring_no_self_assignment"),
        ]

    def __str__(self):
        return f"{self.scorer} → {self.scored}"


class ScoreSheet(Versioned):
    """A member commune's score sheet of the cluster's year."""

    cluster = models.ForeignKey(Cluster, verbose_name=_("emulation cluster"), on_delete=models.CASCADE,
                                related_name="sheets")
    commune = models.ForeignKey("directory.Commune", verbose_name=_("scored commune"), on_delete=models.PROTECT,
                                related_name="score_sheets")
    status = models.CharField(_("status"), max_length=20, choices=SheetStatus.choices,
                              default=SheetStatus.SELF_SCORING, db_index=True)
    final_score = models.DecimalField(_("final score"), null=True, blank=True, **POINTS)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        ordering = ["cluster", "commune__name"]
        constraints = [models.UniqueConstraint(fields=["cluster", "commune"], name="scoring_one_sheet_per_commune")]

    def __str__(self):
        return f"{self.commune} – {self.cluster}"

    @property
    def year(self) -> int:
        return self.cluster.year


def evidence_path(instance, filename):
    # Under the private media root, never served directly: downloads go through a permission check.
    return f"scoring/{instance.sheet.cluster.year}/{instance.sheet_id}/{filename}"


class ScoreEntry(models.Model):
    """The points of one scored criterion on one sheet, at each step: self, cross, explanation, final."""

    sheet = models.ForeignKey(ScoreSheet, verbose_name=_("score sheet"), on_delete=models.CASCADE,
                              related_name="entries")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT,
                                  related_name="entries")
    # What was entered (achieved value, count or points, by kind) and the points it earns.
    self_value = models.DecimalField(_("self-assessed value"), max_digits=12, decimal_places=2, null=True,
                                     blank=True)
    self_points = models.DecimalField(_("self-assessed points"), null=True, blank=True, **POINTS)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to=evidence_path, blank=True, max_length=300)
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    cross_value = models.DecimalField(_("cross-scored value"), max_digits=12, decimal_places=2, null=True,
                                      blank=True)
    cross_points = models.DecimalField(_("cross-scored points"), null=True, blank=True, **POINTS)
    cross_note = models.TextField(_("scorer's note"), blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    final_value = models.DecimalField(_("reviewed value"), max_digits=12, decimal_places=2, null=True, blank=True)
    final_points = models.DecimalField(_("final points"), null=True, blank=True, **POINTS)
    review_note = models.TextField(_("review note"), blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("score entry")
        verbose_name_plural = _("score entries")
        ordering = ["criterion__position", "pk"]
        constraints = [models.UniqueConstraint(fields=["sheet", "criterion"], name="scoring_one_entry_per_criterion")]

    def __str__(self):
        return f"{self.sheet}: {self.criterion.code}"

    @property
    def differs(self) -> bool:
        """The cross-scorer gave other points than the commune itself: an explanation may be written."""
        return self.cross_points is not None and self.cross_points != (self.self_points or Decimal(0))


class SheetEvent(models.Model):
    """The sheet's steps as its page lists them, with who and when; the audit trail of every value is the
    models' simple-history (`history`)."""

    sheet = models.ForeignKey(ScoreSheet, verbose_name=_("score sheet"), on_delete=models.CASCADE,
                              related_name="events")
    action = models.CharField(_("action"), max_length=40)
    status = models.CharField(_("status"), max_length=20, choices=SheetStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("score sheet event")
        verbose_name_plural = _("score sheet events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.sheet}: {self.action}"
