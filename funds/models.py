"""The award fund (quỹ thi đua, khen thưởng) of a commune or of a province: a ledger of entries per fiscal year.

Income is the budget allocation, contributions, other income and award money recovered from a revoked award;
spending is the reward money of each decision issued (booked automatically, see funds.services) and other spending.
Entries are never edited nor deleted: a mistaken manual entry is cancelled by a reversing entry of the same kind
(`reverses`), which counts against its kind.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.history import AuditedHistory

from .enums import INCOME_KINDS, EntryKind


class FundEntry(models.Model):
    commune = models.ForeignKey("directory.Commune", verbose_name=_("commune"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="fund_entries")
    province = models.ForeignKey("directory.Province", verbose_name=_("province"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="fund_entries")
    year = models.PositiveSmallIntegerField(_("fiscal year"), editable=False)
    booked_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    amount = models.DecimalField(_("amount (VND)"), max_digits=15, decimal_places=0)
    description = models.CharField(_("description"), max_length=300)
    decision = models.ForeignKey("awards.AwardDecision", verbose_name=_("decision"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="fund_entries")
    province_decision = models.ForeignKey("provinces.ProvinceDecision", verbose_name=_("province's decision"),
                                          null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="fund_entries")
    award = models.ForeignKey("awards.Award", verbose_name=_("award"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="fund_entries")
    reverses = models.OneToOneField("self", verbose_name=_("reverses"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="reversed_by")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("booked by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = AuditedHistory()

    class Meta:
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")
        ordering = ["booked_on", "pk"]
        indexes = [models.Index(fields=["commune", "year"]), models.Index(fields=["province", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(commune__isnull=False, province__isnull=True)
                | Q(commune__isnull=True, province__isnull=False),
                name="fund_entry_one_owner"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="fund_entry_amount_positive"),
            models.UniqueConstraint(fields=["decision"], condition=Q(kind=EntryKind.AWARDS),
                                    name="fund_entry_once_per_decision"),
            models.UniqueConstraint(fields=["province_decision"], condition=Q(kind=EntryKind.AWARDS),
                                    name="fund_entry_once_per_province_decision"),
            models.UniqueConstraint(fields=["award"], condition=Q(kind=EntryKind.RECOVERED),
                                    name="fund_entry_recovered_once_per_award"),
        ]

    def __str__(self):
        return f"{self.booked_on:%d/%m/%Y} {self.get_kind_display()}: {self.amount:,.0f}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("A fund entry is never changed: book a reversing entry instead."))
        self.year = self.booked_on.year
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A fund entry is never deleted: book a reversing entry instead."))

    @property
    def owner(self):
        return self.commune if self.commune_id else self.province

    @property
    def is_income(self) -> bool:
        return self.kind in INCOME_KINDS

    @property
    def signed_amount(self):
        """What the entry adds to the balance: income +, spending −, the other way round for a reversing entry."""
        sign = 1 if self.is_income else -1
        return self.amount * (-sign if self.reverses_id else sign)
