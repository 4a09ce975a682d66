from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    BUDGET = "budget", _("budget allocation")
    CONTRIBUTION = "contribution", _("contribution")
    OTHER_INCOME = "other_income", _("other income")
    AWARDS = "awards", _("award spending (automatic)")
    OTHER_SPENDING = "other_spending", _("other spending")
    RECOVERED = "recovered", _("recovered award money")


INCOME_KINDS = frozenset({EntryKind.BUDGET, EntryKind.CONTRIBUTION, EntryKind.OTHER_INCOME, EntryKind.RECOVERED})
SPENDING_KINDS = frozenset({EntryKind.AWARDS, EntryKind.OTHER_SPENDING})
# What the office (or the province's operator) books by hand; the others are booked by the decisions' services.
MANUAL_KINDS = (EntryKind.BUDGET, EntryKind.CONTRIBUTION, EntryKind.OTHER_INCOME, EntryKind.OTHER_SPENDING)
