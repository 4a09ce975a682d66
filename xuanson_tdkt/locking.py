"""Optimistic locking for every edit form: no save silently overwrites a colleague's.

Three parts, shared by all apps:

- `Versioned`, an abstract model with a `lock_version` number. Every save of an existing row bumps it in the same UPDATE
  (also saves with `update_fields`, e.g. a service's state change). A save that carries the version its form was
  opened at adds `WHERE lock_version = <opened>` to that UPDATE: 0 rows means someone saved in between, and `StaleEdit`
  is raised, so two saves at the same moment can never both succeed.
- `VersionedForm`, a form mixin adding two hidden fields: the version the user opened and a signed snapshot of the
  values shown. A post carrying an older version is invalid: the form says, field by field, what the other person
  changed ("what you opened → what is saved now"), who and when if known, keeps the user's input, and now carries
  the current version, so submitting again, having seen the change, is accepted.
- `StaleEditMiddleware` handles the race the form check cannot see (both posts checked before either saved): the
  losing request's transaction is rolled back and its view runs once more, where the form check now reports it.

Formsets and child rows ride on their parent's version: the parent form checks it and the save bumps it.
"""

import datetime
import os
from decimal import Decimal

from django import forms
from django.core import signing
from django.db import models
from django.db.models import F
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _, gettext_lazy

VERSION_FIELD = "lock_version"
OPENED_FIELD = "lock_opened"
_SALT = "xuanson_tdkt.locking"


class StaleEdit(Exception):
    """A conditional save found the row changed (or deleted) since its form was opened."""

    def __init__(self, obj):
        super().__init__(f"{type(obj).__name__} {obj.pk} changed since version {obj.lock_version - 1}")
        self.obj = obj


class Versioned(models.Model):
    # Not "version": a report already has one (its edition); this one counts saves.
    lock_version = models.PositiveIntegerField(gettext_lazy("edit version"), default=1, editable=False)

    # Saves of only these fields are no edit of the object: reordering rows must not make open forms stale.
    lock_ignored_fields = frozenset({"position"})

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= self.lock_ignored_fields:
            return super().save(*args, **kwargs)
        if update_fields:  # a state change saving a few fields still bumps the version
            kwargs["update_fields"] = {*update_fields, "lock_version"}
        expected = self.__dict__.pop("_expected_version", None)
        previous = self.lock_version
        if not self._state.adding and self.pk is not None:
            self._version_check = expected
            self.lock_version = (previous if expected is None else expected) + 1
        try:
            super().save(*args, **kwargs)
        except BaseException:
            self.lock_version = previous
            raise
        finally:
            self.__dict__.pop("_version_check", None)

    def expect_version(self, version: int) -> None:
        """The next save of this object succeeds only if the row is still at `version` (set by VersionedForm)."""
        self._expected_version = version

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update, *args, **kwargs):
        expected = self.__dict__.get("_version_check")
        if expected is None:
            # Unchecked saves (services) add one to whatever the row holds, so no form opened before them can win.
            values = [(f, m, F("lock_version") + 1 if f.attname == "lock_version" else v) for f, m, v in values]
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update, *args, **kwargs)
        updated = super()._do_update(base_qs.filter(lock_version=expected), using, pk_val, values, update_fields,
                                     forced_update, *args, **kwargs)
        if not updated:
            raise StaleEdit(self)
        return updated


def bump_version(obj: Versioned) -> None:
    """Record a change made below `obj` (its child rows) as a change of `obj`, checked if its form asked for it."""
    obj.save(update_fields=["lock_version"])


# Display of values, the same way for "what you opened" and "what is saved now" --------------------------------------


def _display_value(field: forms.Field | None, value) -> str:
    if callable(value):
        value = value()
    if value is None or value == "" or value == []:
        return ""
    if isinstance(field, forms.ModelChoiceField):  # ModelMultipleChoiceField too
        values = value if isinstance(value, list | tuple | set | models.QuerySet) else [value]
        keys = [getattr(item, "pk", item) for item in values]
        objects = field.queryset.model._base_manager.filter(pk__in=keys)
        # The field's joins too (a person's unit in its label): a query per value otherwise.
        objects.query.select_related = field.queryset.query.select_related
        labels = {obj.pk: field.label_from_instance(obj) for obj in objects}
        return ", ".join(sorted(str(labels.get(key, key)) for key in keys))
    if isinstance(field, forms.BooleanField) or isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(field, forms.ChoiceField):
        choices = {}
        for key, label in field.choices:
            if isinstance(label, list | tuple):
                choices.update({str(k): v for k, v in label})
            else:
                choices[str(key)] = label
        values = value if isinstance(value, list | tuple) else [value]
        return ", ".join(str(choices.get(str(item), item)) for item in values)
    if isinstance(value, FieldFile):
        return os.path.basename(value.name or "")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(value) else \
            value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value).strip()


def _attribute_display(obj, name: str) -> tuple[str, str]:
    model_field = obj._meta.get_field(name)
    value = getattr(obj, f"get_{name}_display")() if model_field.choices else getattr(obj, name)
    return str(model_field.verbose_name).capitalize(), _display_value(None, value)


def _last_change(obj) -> tuple[str, str]:
    """Who saved `obj` last and when, as far as the object knows (its history once it has one, else updated_at)."""
    who, when = "", getattr(obj, "updated_at", None)
    history = getattr(obj, "history", None)
    try:
        record = history.order_by("-history_date").first() if history is not None else None
    except Exception:  # noqa: BLE001 - a history table not migrated yet must not hide the conflict itself
        record = None
    if record is not None:
        when = record.history_date
        user = getattr(record, "history_user", None)
        if user is not None:
            person = getattr(user, "person", None)
            who = getattr(person, "full_name", "") or user.get_full_name() or user.get_username()
    return who, _display_value(None, when) if when else ""


class VersionedForm:
    """Mixin for a form editing an existing object (first base, before forms.Form / forms.ModelForm).

    The object is the ModelForm's instance, or `locked=obj` for a plain form editing `obj`. Unsaved objects (create
    pages) are not locked. `riders` are [(row label, form)] saved with the object and riding on its version (a
    formset's rows, the plan's register entry): their values are part of "what you opened". `lock_also` (a class
    attribute, or a keyword to override it) names attributes of the object shown in the conflict message besides
    the form's own fields, e.g. the status a service changes.
    """

    lock_also: tuple[str, ...] = ()

    def __init__(self, *args, locked=None, riders=(), lock_also=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.riders = list(riders)
        if lock_also is not None:
            self.lock_also = tuple(lock_also)
        obj = locked if locked is not None else getattr(self, "instance", None)
        self.locked = obj if obj is not None and obj.pk is not None and isinstance(obj, Versioned) else None
        self.stale = False
        if self.locked is None:
            return
        self.fields[VERSION_FIELD] = forms.IntegerField(
            required=False, widget=forms.HiddenInput, initial=lambda: self.locked.lock_version)
        self.fields[OPENED_FIELD] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=lambda: self._signed_snapshot())

    def lock_snapshot(self) -> dict[str, tuple[str, str]]:
        """{key: (label, shown value)} of what the form shows for the object as it is now (unbound values)."""
        shown = {}
        for name, field in self.fields.items():
            if name in (VERSION_FIELD, OPENED_FIELD) or isinstance(field.widget, forms.HiddenInput):
                continue
            label = field.label if field.label is not None else name.replace("_", " ").capitalize()
            shown[name] = (str(label), _display_value(field, self.get_initial_for_field(field, name)))
        for name in self.lock_also:
            if any(f.name == name for f in self.locked._meta.get_fields()):
                shown[f"@{name}"] = _attribute_display(self.locked, name)
        for row_label, form in self.riders:
            for name, field in form.fields.items():
                if isinstance(field.widget, forms.HiddenInput):
                    continue
                label = field.label if field.label is not None else name.replace("_", " ").capitalize()
                label = f"{row_label} – {label}" if row_label else str(label)
                shown[form.add_prefix(name)] = (label, _display_value(field, form.get_initial_for_field(field, name)))
        shown.update(self.lock_extra())
        return shown

    def lock_extra(self) -> dict[str, tuple[str, str]]:
        """More {key: (label, shown value)} for the conflict message, e.g. rows of a formset riding on the object."""
        return {}

    def claim(self) -> None:
        """Take the object's next version now (conditional UPDATE; StaleEdit if someone saved first).

        For a service that saves a fresh copy of the object or only its child rows: call it inside the service's
        transaction, before the service. A form whose instance the service saves needs no claim.
        """
        if self.locked is not None and "_expected_version" in self.locked.__dict__:
            bump_version(self.locked)

    def _signed_snapshot(self, snapshot=None) -> str:
        snapshot = self.lock_snapshot() if snapshot is None else snapshot
        return signing.dumps({key: value for key, (_label, value) in snapshot.items()}, salt=_SALT, compress=True)

    def full_clean(self):
        super().full_clean()
        if self.locked is None or not self.is_bound:
            return
        for name in (VERSION_FIELD, OPENED_FIELD):  # not data of the object: views pass cleaned_data to services
            getattr(self, "cleaned_data", {}).pop(name, None)
        try:
            opened_version = int(self.data.get(self.add_prefix(VERSION_FIELD), ""))
        except (TypeError, ValueError):
            return  # a post without a version (a script, an old page): saved as before, unchecked
        if opened_version == self.locked.lock_version:
            self.locked.expect_version(opened_version)
            return
        self._report_conflict()

    def _report_conflict(self):
        try:
            opened = signing.loads(self.data.get(self.add_prefix(OPENED_FIELD), ""), salt=_SALT)
        except signing.BadSignature:
            opened = {}
        now = self.lock_snapshot()
        who, when = _last_change(self.locked)
        if who and when:
            headline = _("%(who)s saved this record at %(when)s, after you opened it.") % {"who": who, "when": when}
        elif when:
            headline = _("Someone else saved this record at %(when)s, after you opened it.") % {"when": when}
        else:
            headline = _("Someone else saved this record after you opened it.")
        kept = _("Your changes have not been saved yet; they are kept below.")
        self.add_error(None, f"{headline} {kept}")
        changes = [(label, opened[key], value) for key, (label, value) in now.items()
                   if key in opened and opened[key] != value]
        empty = _("(empty)")
        for label, before, after in changes:
            self.add_error(None, _("%(field)s: “%(before)s” → “%(after)s”") % {
                "field": label, "before": before or empty, "after": after or empty})
        if not changes:
            self.add_error(None, _("Their change is not among the fields of this form."))
        self.add_error(None, _("Check the form, then save again to keep your version."))
        # The page now carries the current version: a second, deliberate submit is accepted.
        data = self.data.copy()
        data[self.add_prefix(VERSION_FIELD)] = str(self.locked.lock_version)
        data[self.add_prefix(OPENED_FIELD)] = self._signed_snapshot(now)
        self.data = data
        self.stale = True


def lock_form(obj, data=None, *, riders=()) -> "LockOnlyForm":
    """A form of only the lock fields, for a page of row forms riding on `obj`'s version.

    `riders` is [(row label, row form)]: their values are part of "what you opened" in the conflict message.
    """
    return LockOnlyForm(data, locked=obj, riders=riders, prefix="lock")


class LockOnlyForm(VersionedForm, forms.Form):
    pass


class StaleEditMiddleware:
    """A save that lost a race (StaleEdit) runs its view once more: its form then shows the other person's change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, StaleEdit) or request.method != "POST" or getattr(request, "_stale_retry", False):
            return None
        request._stale_retry = True
        for upload in request.FILES.values():
            upload.seek(0)
        match = request.resolver_match
        return match.func(request, *match.args, **match.kwargs)
