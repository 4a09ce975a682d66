"""How every form of the portal is rendered (settings.FORM_RENDERER): labels start with a capital letter, whatever
their msgid ("danh hiệu" → "Danh hiệu"), and a dropdown's empty choice says what to choose ("— Chọn đơn vị —")
instead of Django's bare "---------". Applied to every form (crispy and hand-laid templates read the BoundField)."""

from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.choices import BlankChoiceIterator
from django.utils.text import capfirst
from django.utils.translation import gettext as _

DASHES = BLANK_CHOICE_DASH[0][1]  # "---------"


def empty_choice_label(label) -> str:
    text = str(label or "").strip().rstrip(":")
    if not text:
        return _("— Choose —")
    if text[1:2].islower():  # "Đơn vị" → "đơn vị"; an acronym ("UBND") stays as written
        text = text[0].lower() + text[1:]
    return _("— Choose %(what)s —") % {"what": text}


class PortalBoundField(BoundField):
    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        self.label = capfirst(self.label)
        if getattr(field, "empty_label", None) == DASHES:  # ModelChoiceField, django-filter's choice fields
            field.empty_label = empty_choice_label(self.label)
        choices = getattr(field, "choices", None)
        # A model field's choices with BLANK_CHOICE_DASH (BlankChoiceIterator), or a list; never a queryset's
        # iterator (ModelChoiceField: its empty_label above) nor a callable's (it may query).
        if isinstance(choices, list | tuple | BlankChoiceIterator):
            choices = list(choices)
            if any(value == "" and label == DASHES for value, label in choices):
                empty = empty_choice_label(self.label)  # the form's own copy of the field: safe to change
                field.choices = [(value, empty if value == "" and label == DASHES else label)
                                 for value, label in choices]


class PortalRenderer(DjangoTemplates):
    bound_field_class = PortalBoundField
