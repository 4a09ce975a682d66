"""Forms of the council's meeting pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import Person
from xuanson_tdkt.fields import VietDateField
from xuanson_tdkt.locking import VersionedForm

from .ballot import council_members
from .meetings import agenda_candidates


class TimeInput(forms.TimeInput):
    input_type = "time"


class MeetingForm(forms.Form):
    held_on = VietDateField(label=_("Date"))
    starts_at = forms.TimeField(label=_("Starts at"), required=False, widget=TimeInput(format="%H:%M"),
                                error_messages={"invalid": _("Enter the time as hh:mm, for example 14:00.")})
    place = forms.CharField(label=_("Place"), max_length=200)
    chair = forms.ModelChoiceField(label=_("Chair"), queryset=Person.objects.none())
    secretary = forms.ModelChoiceField(label=_("Secretary"), queryset=Person.objects.none(), required=False)
    agenda = forms.CharField(label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    nominations = forms.ModelMultipleChoiceField(label=_("Nominations on the agenda"), required=False,
                                                 queryset=None, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, commune, year, **kwargs):
        super().__init__(*args, **kwargs)
        members = council_members(commune).order_by("sort_key")
        self.fields["chair"].queryset = members
        self.fields["secretary"].queryset = Person.objects.filter(commune=commune).order_by("sort_key")
        candidates = agenda_candidates(commune, year).order_by("title__position", "person__sort_key", "pk")
        self.fields["nominations"].queryset = candidates
        self.fields["nominations"].label_from_instance = lambda n: f"{n.title.name}: {n.recipient_name}"
        if not self.is_bound:
            self.initial.setdefault("nominations", list(candidates))
            chairman = members.filter(roles__role="chairman").first()
            if chairman:
                self.initial.setdefault("chair", chairman)


class AttendanceForm(forms.Form):
    present = forms.BooleanField(label=_("Present"), required=False)
    written_opinion = forms.CharField(label=_("Written opinion"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))


class EndMeetingForm(VersionedForm, forms.Form):
    ends_at = forms.TimeField(label=_("Ends at"), widget=TimeInput(format="%H:%M"),
                              error_messages={"invalid": _("Enter the time as hh:mm, for example 14:00.")})
    conclusions = forms.CharField(label=_("Conclusions"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
