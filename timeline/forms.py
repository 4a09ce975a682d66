from django import forms
from django.utils.translation import gettext_lazy as _

from xuanson_tdkt.fields import VietDateField

from .models import TimelineTask


class TimelineTaskForm(forms.ModelForm):
    starts_on = VietDateField(label=_("starts on"), required=False)
    due_on = VietDateField(label=_("due on"))

    class Meta:
        model = TimelineTask
        fields = ["content", "directs", "does", "supports", "starts_on", "due_on", "due_text"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        starts, due = cleaned.get("starts_on"), cleaned.get("due_on")
        if starts and due and due < starts:
            self.add_error("due_on", _("The due date is before the start date."))
        return cleaned
