"""The manual entry of the award fund, and the confirmation the decisions' issue pages ask for when the fund does not
cover a decision (see funds.services.shortfall)."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from xuanson_tdkt.fields import VietDateField

from . import services
from .enums import MANUAL_KINDS, EntryKind

CONFIRM_FIELD = "confirm_overspend"


class EntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[(kind.value, kind.label) for kind in MANUAL_KINDS])
    booked_on = VietDateField(label=_("Date"))
    amount = forms.DecimalField(label=_("Amount (VND)"), min_value=1, max_digits=15, decimal_places=0,
                                error_messages={"min_value": _("Enter an amount greater than zero.")})
    description = forms.CharField(label=_("Description"), max_length=300,
                                  help_text=_("E.g. the budget estimate's decision, or who contributed."))

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.fields["kind"].initial = EntryKind.BUDGET

    def clean_booked_on(self):
        day = self.cleaned_data["booked_on"]
        if day.year != self.year:
            raise forms.ValidationError(_("The date must fall in %(year)s, the year shown.") % {"year": self.year})
        return day


def posted_day(form, field: str = "issued_on") -> datetime.date | None:
    """The date a bound form was posted with, if it reads as one (before the form is validated)."""
    if not form.is_bound:
        return None
    try:
        return form.fields[field].clean(form.data.get(field, ""))
    except forms.ValidationError:
        return None


def fund_warning(form, *, owner, nominations, today: datetime.date, field: str = "issued_on") -> dict | None:
    """On an issue page: the shortfall of the fund for the decision's date (posted, else today), and the
    confirmation checkbox added to the form when there is one."""
    day = posted_day(form, field) or today
    total = services.reward_total(nominations, day)
    figures = services.shortfall(owner, day, total)
    if figures:
        form.fields[CONFIRM_FIELD] = forms.BooleanField(
            label=_("I know the award fund does not cover this decision's reward money, and issue it all the same."),
            required=False)
        figures["message"] = services.overspend_message(figures)
    return figures


def overspend_allowed(form) -> bool:
    return bool(form.cleaned_data.get(CONFIRM_FIELD))
