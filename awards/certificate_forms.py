"""Forms of the certificate blank's layout page: the paper's size (riding on the layout's version) and one row form
per printed field. The rules (a box on the paper, sizes in range) live in awards.blanks.save_certificate_layout."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from xuanson_tdkt.locking import VersionedForm

from .enums import Alignment, BlankField


def _mm(label):
    return forms.DecimalField(label=label, max_digits=5, decimal_places=1, min_value=Decimal(0),
                              widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}))


class LayoutPageForm(VersionedForm, forms.Form):
    page_width_mm = _mm(_("Blank width (mm)"))
    page_height_mm = _mm(_("Blank height (mm)"))


class LayoutFieldForm(forms.Form):
    printed = forms.BooleanField(label=_("Printed"), required=False)
    x_mm = _mm(_("From the left (mm)"))
    y_mm = _mm(_("From the top (mm)"))
    width_mm = _mm(_("Width (mm)"))
    font_size_pt = forms.DecimalField(label=_("Font size (pt)"), max_digits=4, decimal_places=1,
                                      min_value=Decimal(1), widget=forms.NumberInput(attrs={"step": "0.5"}))
    align = forms.ChoiceField(label=_("Alignment"), choices=Alignment.choices,
                              widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, field: str, **kwargs):
        super().__init__(*args, prefix=field, **kwargs)
        self.field = field
        self.label = BlankField(field).label
        if field == BlankField.QR:  # a square picture: no type size, no alignment
            del self.fields["font_size_pt"], self.fields["align"]
