"""Every form of the portal (xuanson_tdkt/rendering.py): labels start with a capital letter and a dropdown's empty
choice says what to choose instead of Django's bare "---------"."""

import pytest
from crispy_forms.utils import render_crispy_form
from django import forms
from django.utils import translation

from directory.models import Unit


class Sample(forms.Form):
    author = forms.CharField(label="tác giả")
    attachment = forms.FileField(label="đính kèm tệp", required=False)
    unit = forms.ModelChoiceField(label="đơn vị", queryset=Unit.objects.none())
    kind = forms.ChoiceField(label="loại", choices=[("", "---------"), ("a", "Cá nhân")])
    body = forms.ChoiceField(label="UBND", choices=[("", "---------"), ("x", "X")], required=False)


@pytest.mark.django_db
def test_labels_start_with_a_capital_and_empty_choices_say_what_to_choose():
    with translation.override("vi"):
        form = Sample()
        assert [form[name].label for name in ("author", "attachment", "unit", "kind")] == [
            "Tác giả", "Đính kèm tệp", "Đơn vị", "Loại"]
        html = render_crispy_form(form)
        assert "---------" not in html
        assert "— Chọn đơn vị —" in html and "— Chọn loại —" in html and "— Chọn UBND —" in html
        assert ">tác giả" not in html and "Tác giả" in html
        bound = Sample({"author": "An", "kind": "a", "unit": ""})
        assert not bound.is_valid() and "unit" in bound.errors  # the empty choice is still the empty value


@pytest.mark.django_db
def test_real_form_pages_have_no_bare_dashes_and_no_lower_case_labels(client, office_clerk):
    import re

    from django.urls import reverse

    client.force_login(office_clerk)
    for name in ("reports:report_create", "directory:unit_create", "directory:person_create"):
        page = client.get(reverse(name)).content.decode()
        assert "---------" not in page, name
        labels = re.findall(r'<label[^>]*class="[^"]*form-label[^"]*"[^>]*>\s*([^<\s])', page)
        assert labels and all(not first.islower() for first in labels), (name, labels)
