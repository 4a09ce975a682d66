"""What passes between a commune and its province: the dossiers a commune sends up for the titles decided above
(hồ sơ đề nghị khen thưởng), the province's deadline for them, and the province's own award decisions.

A dossier wraps the commune's proposal (an `awards.AwardDecision` whose decider is above the commune): its submission
(Tờ trình), its list of nominations with each nominee's dossier items, and the council's minutes. The province decides
in a `ProvinceDecision`, which grants the awards on each commune's proposal, so they land in the commune's histories.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.history import AuditedHistory
from xuanson_tdkt.locking import Versioned

from .enums import DossierEventKind, DossierStatus, ProvinceDecisionStatus


class DossierCall(Versioned):
    """The province's call for a year's dossiers: the day by which its communes must have sent them."""

    province = models.ForeignKey("directory.Province", verbose_name=_("province"), on_delete=models.PROTECT,
                                 related_name="dossier_calls")
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    due_on = models.DateField(_("dossiers due by"))
    note = models.TextField(_("note to the communes"), blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("call for dossiers")
        verbose_name_plural = _("calls for dossiers")
        ordering = ["province", "-year"]
        constraints = [models.UniqueConstraint(fields=["province", "year"], name="dossier_call_once_per_year")]

    def __str__(self):
        return f"{self.province} – {self.year}"


class ProvinceDecision(Versioned):
    """The province chairman's decision on accepted dossiers of one or more communes (…/QĐ-UBND of the province)."""

    province = models.ForeignKey("directory.Province", verbose_name=_("province"), on_delete=models.PROTECT,
                                 related_name="award_decisions")
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    status = models.CharField(_("status"), max_length=10, choices=ProvinceDecisionStatus.choices,
                              default=ProvinceDecisionStatus.DRAFT)
    document = models.OneToOneField("documents.Document", verbose_name=_("decision"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="province_decision")
    base_salary = models.DecimalField(_("base salary applied (VND)"), max_digits=12, decimal_places=0, null=True,
                                      blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("province award decision")
        verbose_name_plural = _("province award decisions")
        ordering = ["-year", "-pk"]

    def __str__(self):
        return self.document.code if self.document_id else f"{self.province} – {self.year}"


class Dossier(Versioned):
    """A commune's proposal sent up to its province, with the receipt the province's inbox gave it."""

    province = models.ForeignKey("directory.Province", verbose_name=_("province"), on_delete=models.PROTECT,
                                 related_name="dossiers")
    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="dossiers")
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    proposal = models.OneToOneField("awards.AwardDecision", verbose_name=_("proposal"), on_delete=models.PROTECT,
                                    related_name="dossier")
    status = models.CharField(_("status"), max_length=10, choices=DossierStatus.choices, default=DossierStatus.SENT,
                              db_index=True)
    # Given on arrival (the first sending) and kept when the dossier comes back after a return.
    receipt_number = models.PositiveIntegerField(_("receipt number"))
    received_on = models.DateField(_("arrived on"))
    sent_at = models.DateTimeField(_("last sent at"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT,
                                related_name="+")
    comment = models.TextField(_("province's comment"), blank=True,
                               help_text=_("Why the dossier was returned, or a note on its acceptance."))
    decision = models.ForeignKey(ProvinceDecision, verbose_name=_("province decision"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="dossiers")

    history = AuditedHistory()

    class Meta:
        verbose_name = _("dossier sent up")
        verbose_name_plural = _("dossiers sent up")
        ordering = ["-year", "receipt_number"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year", "receipt_number"], name="dossier_unique_receipt"),
        ]

    def __str__(self):
        return f"{self.receipt_code} – {self.commune}"

    @property
    def receipt_code(self) -> str:
        """ "007/2022" """
        return f"{self.receipt_number:03d}/{self.year}"


class DossierEvent(models.Model):
    """One step of a dossier's way, shown to both sides: sent, received, returned with a comment, accepted, decided."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("dossier"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("step"), max_length=10, choices=DossierEventKind.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL,
                           related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    # The dossier items the province found missing or insufficient when it returned the dossier.
    flagged_items = models.ManyToManyField("awards.DossierItem", verbose_name=_("items asked for"), blank=True,
                                           related_name="+")

    class Meta:
        verbose_name = _("dossier step")
        verbose_name_plural = _("dossier steps")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.dossier}: {self.get_kind_display()}"


class DossierReminder(models.Model):
    """A reminder sent to a commune that had not sent its dossier by the province's deadline (once a day at most)."""

    call = models.ForeignKey(DossierCall, verbose_name=_("call for dossiers"), on_delete=models.CASCADE,
                             related_name="reminders")
    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.CASCADE,
                                related_name="+")
    sent_on = models.DateField(_("sent on"))
    recipients = models.TextField(_("sent to"), blank=True)

    class Meta:
        verbose_name = _("dossier reminder")
        verbose_name_plural = _("dossier reminders")
        ordering = ["-sent_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["call", "commune", "sent_on"],
                                               name="dossier_reminder_once_a_day")]

    def __str__(self):
        return f"{self.commune} – {self.sent_on:%d/%m/%Y}"


class NothingToSend(models.Model):
    """A commune's word that it has no proposal for its province this year (nothing decided above to propose): it
    is then not outstanding, not reminded and not late. Withdrawn by its office, or superseded by a dossier sent."""

    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), on_delete=models.PROTECT,
                                related_name="nothing_to_send")
    year = models.PositiveSmallIntegerField(_("evaluation year"))
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("declared by"), on_delete=models.PROTECT,
                                    related_name="+")
    declared_at = models.DateTimeField(_("declared at"))
    note = models.TextField(_("note"), blank=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("no proposal to the province")
        verbose_name_plural = _("no proposals to the province")
        ordering = ["-year", "commune"]
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="nothing_to_send_once_per_year")]

    def __str__(self):
        return f"{self.commune} – {self.year}"
