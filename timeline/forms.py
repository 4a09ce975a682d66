from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_celery_beat import validators as cron
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from audit.history import bulk_create
from directory.models import Person, Unit
from xuanson_tdkt.fields import VietDateField
from xuanson_tdkt.locking import VersionedForm

from .enums import TaskRole, TaskStatus
from .models import ReminderSettings, TaskAssignment, TimelineTask

# (role, label of its units field, label of its people field); the printed text column stays beside them.
ROLE_FIELDS = [
    (TaskRole.DIRECTS, _("Directing units"), _("Directing people")),
    (TaskRole.DOES, _("Units that do it"), _("People who do it")),
    (TaskRole.SUPPORTS, _("Coordinating units"), _("Coordinating people")),
]


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.unit})" if obj.unit_id else obj.full_name


class TimelineTaskForm(VersionedForm, forms.ModelForm):
    """An appendix row: the printed columns, and who is responsible in each role (for reminders and updates)."""

    lock_also = ("status",)  # a progress report saves the task too

    starts_on = VietDateField(label=_("starts on"), required=False)
    due_on = VietDateField(label=_("due on"))

    class Meta:
        model = TimelineTask
        fields = ["content", "directs", "does", "supports", "starts_on", "due_on", "due_text"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, commune, **kwargs):
        super().__init__(*args, **kwargs)
        current = list(self.instance.assignments.all()) if self.instance.pk else []
        # Units that have ended stay selectable while the task still names them.
        units = Unit.objects.filter(commune=commune).filter(
            Q(pk__in=[a.unit_id for a in current if a.unit_id]) | Q(pk__in=Unit.objects.active_on())
        )
        people = Person.objects.filter(commune=commune).select_related("unit").in_vietnamese_order()
        order = ["content"]
        for role, units_label, people_label in ROLE_FIELDS:
            self.fields[f"{role.value}_units"] = forms.ModelMultipleChoiceField(
                label=units_label, queryset=units, required=False,
                initial=[a.unit_id for a in current if a.role == role and a.unit_id],
                widget=forms.SelectMultiple(attrs={"size": 4}),
            )
            self.fields[f"{role.value}_people"] = PersonChoiceField(
                label=people_label, queryset=people, required=False,
                initial=[a.person_id for a in current if a.role == role and a.person_id],
                widget=forms.SelectMultiple(attrs={"size": 4}),
            )
            order += [role.value, f"{role.value}_units", f"{role.value}_people"]
        self.fields[f"{TaskRole.DOES.value}_units"].help_text = _(
            "Those who do the task report its progress; everyone responsible is reminded of the deadline."
        )
        self.order_fields(order + ["starts_on", "due_on", "due_text"])

    def clean(self):
        cleaned = super().clean()
        starts, due = cleaned.get("starts_on"), cleaned.get("due_on")
        if starts and due and due < starts:
            self.add_error("due_on", _("The due date is before the start date."))
        return cleaned

    def _save_m2m(self):
        """Bring the task's TaskAssignment rows in line with the chosen units and people (also after commit=False)."""
        super()._save_m2m()
        task = self.instance
        wanted = set()
        for role, _units_label, _people_label in ROLE_FIELDS:
            wanted |= {(role.value, unit.pk, None) for unit in self.cleaned_data[f"{role.value}_units"]}
            wanted |= {(role.value, None, person.pk) for person in self.cleaned_data[f"{role.value}_people"]}
        existing = {(a.role, a.unit_id, a.person_id): a.pk for a in task.assignments.all()}
        stale = [pk for key, pk in existing.items() if key not in wanted]
        if stale:
            TaskAssignment.objects.filter(pk__in=stale).delete()
        bulk_create(TaskAssignment, (
            TaskAssignment(task=task, role=role, unit_id=unit_id, person_id=person_id)
            for role, unit_id, person_id in sorted(wanted - existing.keys(), key=str)
        ))


class TaskStatusForm(forms.Form):
    """A progress report: the new status and/or a short note."""

    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices,
                               widget=forms.Select(attrs={"class": "form-select"}))
    note = forms.CharField(label=_("Progress note"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))

    def __init__(self, *args, task, **kwargs):
        # Several of these forms share the "my tasks" page: ids carry the task's pk.
        kwargs.setdefault("auto_id", f"id_%s_{task.pk}")
        kwargs.setdefault("initial", {"status": task.status})
        super().__init__(*args, **kwargs)
        self.task = task

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == self.task.status and not cleaned.get("note", "").strip():
            raise ValidationError(_("Change the status or write a note."))
        return cleaned


class ReminderSettingsForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ["days_before", "overdue_lookback_days", "remind_directors"]

    def clean_days_before(self):
        parts = [part.strip() for part in self.cleaned_data["days_before"].split(",") if part.strip()]
        if not parts or not all(part.isdigit() and 0 < int(part) <= 365 for part in parts):
            raise ValidationError(_("Enter whole numbers of days from 1 to 365 separated by commas, e.g. 7,3,1."))
        return ",".join(str(days) for days in sorted({int(part) for part in parts}, reverse=True))


def _cron_field(label, validator, example):
    def validate(value):
        try:
            validator(value)
        except (ValidationError, ValueError) as exc:
            raise ValidationError(_("Not a valid cron value (e.g. %(example)s).") % {"example": example}) from exc

    return forms.CharField(label=label, max_length=60, validators=[validate],
                           widget=forms.TextInput(attrs={"class": "font-monospace", "autocomplete": "off"}))


class ScheduleForm(forms.Form):
    """When beat runs one periodic task: enabled, and its crontab (minute, hour, days of the week)."""

    enabled = forms.BooleanField(label=_("Enabled"), required=False)
    minute = _cron_field(_("Minute"), cron.minute_validator, "0, 30, */15")
    hour = _cron_field(_("Hour"), cron.hour_validator, "7, 7-17, */2")
    day_of_week = _cron_field(_("Days of the week"), cron.day_of_week_validator, "*, 1, 1-5, mon")

    def __init__(self, *args, periodic_task: PeriodicTask, **kwargs):
        crontab = periodic_task.crontab
        kwargs.setdefault("prefix", f"beat-{periodic_task.pk}")
        kwargs.setdefault("initial", {
            "enabled": periodic_task.enabled,
            "minute": crontab.minute if crontab else "0",
            "hour": crontab.hour if crontab else "7",
            "day_of_week": crontab.day_of_week if crontab else "*",
        })
        super().__init__(*args, **kwargs)
        self.periodic_task = periodic_task

    def save(self) -> PeriodicTask:
        """Point the task at a crontab with these values (shared crontabs are never edited in place)."""
        task, data, old = self.periodic_task, self.cleaned_data, self.periodic_task.crontab
        values = {
            "minute": data["minute"].strip(), "hour": data["hour"].strip(), "day_of_week": data["day_of_week"].strip(),
            "day_of_month": old.day_of_month if old else "*", "month_of_year": old.month_of_year if old else "*",
        }
        timezone = old.timezone if old else settings.CELERY_TIMEZONE
        same = old is not None and all(getattr(old, name) == value for name, value in values.items())
        if same and task.enabled == data["enabled"]:
            return task
        if not same:
            crontab = CrontabSchedule.objects.filter(timezone=timezone, **values).first()
            task.crontab = crontab or CrontabSchedule.objects.create(timezone=timezone, **values)
            task.interval = task.solar = task.clocked = None
        task.enabled = data["enabled"]
        task.save()  # PeriodicTask.save() tells beat that the schedule changed
        return task
