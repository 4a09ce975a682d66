from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    BUDGET = "budget", _("Budget allocation")
    CONTRIBUTION = "contribution", _("Contribution")
    OTHER_INCOME = "other_income", _("Other income")
    AWARDS = "awards", _("Award spending (automatic)")
    OTHER_SPENDING = "other_spending", _("Other spending")
    RECOVERED = "recovered", _("Recovered award money")


INCOME_KINDS = frozenset({EntryKind.BUDGET, EntryKind.CONTRIBUTION, EntryKind.OTHER_INCOME, EntryKind.RECOVERED})
SPENDING_KINDS = frozenset({EntryKind.AWARDS, EntryKind.OTHER_SPENDING})
# What the office (or the province's operator) books by hand; the others are booked by the decisions' services.
MANUAL_KINDS = (EntryKind.BUDGET, EntryKind.CONTRIBUTION, EntryKind.OTHER_INCOME, EntryKind.OTHER_SPENDING)
