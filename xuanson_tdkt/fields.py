"""Form fields shared by every app."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", **(attrs or {})},
            format="%d/%m/%Y",
        )


class VietDateField(forms.DateField):
    """A date typed as dd/mm/yyyy, with a Vietnamese message that shows the expected form."""

    widget = DateInput
    default_error_messages = {"invalid": _("Enter the date as dd/mm/yyyy, for example 04/01/2022.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y"])
        super().__init__(**kwargs)
