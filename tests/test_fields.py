"""Shared form fields and widgets (xuanson_tdkt/fields.py)."""

from django import forms
from django.test.html import parse_html

from xuanson_tdkt.fields import QuickSelect


class Choices(forms.Form):
    plain = forms.ChoiceField(required=False, choices=[("", "Tất cả"), ("a", "Ấp <A> & \"B\""), (2, "Hai")])
    grouped = forms.ChoiceField(choices=[("Thôn", [("1", "Thôn A"), ("2", "Thôn B")]), ("3", "Tổ 3")])


def test_quick_select_renders_what_django_s_templates_render():
    # The same elements, attributes and text; only the whitespace between tags and the order of attributes differ.
    for data in ({}, {"plain": "a", "grouped": "2"}, {"plain": "2", "grouped": "3"}):
        form = Choices(data)
        for name in ("plain", "grouped"):
            field = form.fields[name]
            field.widget.attrs.update({"class": "form-select", "aria-label": "Lọc"})
            expected = form[name].as_widget()
            field.widget = QuickSelect(attrs=field.widget.attrs, choices=field.choices)
            field.widget.is_required = field.required
            assert parse_html(form[name].as_widget()) == parse_html(expected)
