"""Form fields shared by every app."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
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


class QuickSelect(forms.Select):
    """A single <select> rendered in Python, the same HTML as Django's widget templates give: those render one
    template per option, which makes a filter of a few dozen units and titles cost more than the table it filters."""

    allow_multiple_selected = False

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join("", '<option value="{}"{}>{}</option>', (
                (str(option["value"]), flatatt(option["attrs"]), option["label"]) for option in options))
            groups.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered) if group_name
                          else rendered)
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]),
                           mark_safe("".join(groups)))  # noqa: S308 - each part built by format_html above


class RequiredWhenField(forms.CharField):
    """Text required only for some choices of another field (a household for a household's title): marked required
    (the asterisk), but the form's clean() decides when an empty value is an error."""

    def __init__(self, *args, **kwargs):
        kwargs["required"] = True
        super().__init__(*args, **kwargs)

    def validate(self, value):
        if value in self.empty_values:
            return  # checked by the form, which knows the other field's choice
        super().validate(value)
