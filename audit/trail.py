"""Reading the audit trail: an object's history rows, newest first, each with who, when, why and what changed (old →
new, labels not ids). A fixed number of queries whatever the number of rows: the users in one join, the many-to-many
snapshots prefetched, and each related model's labels in one query."""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .reasons import reason_label

# Bookkeeping fields nobody edits (lock_version counts saves for xuanson_tdkt/locking.py), and "made by" fields the
# row's own user already says: not listed as changes.
HIDDEN_FIELDS = {"sort_key", "frozen", "pdf_sha256", "lock_version", "created_at", "updated_at", "created_by",
                 "submitted_by", "uploaded_by", "requested_by", "issued_by"}
EMPTY = "—"


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Row:
    record: object
    who: str
    when: datetime.datetime
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _shown_fields(history_model) -> list[models.Field]:
    return [f for f in history_model.tracked_fields
            if f.name not in HIDDEN_FIELDS and not f.primary_key and not getattr(f, "auto_now", False)
            and not getattr(f, "auto_now_add", False)]


def _label_select(model) -> list[str]:
    """The foreign keys a model's label may follow, two levels deep (a plan's label is its document's code, which
    needs the document's series)."""
    paths = []
    for first in model._meta.fields:
        if first.is_relation and first.related_model is not None:
            paths.append(first.name)
            paths += [f"{first.name}__{second.name}" for second in first.related_model._meta.fields
                      if second.is_relation and second.related_model is not None and not second.null]
    return paths


def _labels(wanted: dict) -> dict:
    """{model: {pk: label}} for {model: set of pks}, one query per model."""
    labels = {}
    for model, pks in wanted.items():
        pks = {pk for pk in pks if pk is not None}
        queryset = model._default_manager.select_related(*_label_select(model)).filter(pk__in=pks)
        labels[model] = {obj.pk: str(obj) for obj in queryset}
    return labels


def _plain(field, value) -> str:
    if value is None or value == "":
        return EMPTY
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d/m/Y")
    if isinstance(field, models.FileField) or hasattr(value, "name"):
        return str(getattr(value, "name", value)).rsplit("/", 1)[-1] or EMPTY
    return str(value)


def _joined(names: dict, ids) -> str:
    return "; ".join(sorted(names.get(pk, f"#{pk}") for pk in ids)) or EMPTY


def _m2m_snapshots(obj, history_model, m2m_field) -> dict[int, set]:
    """{history id: ids of the related objects then} for one many-to-many field, in one query."""
    m2m_model = getattr(history_model, m2m_field.name).model
    target = m2m_field.m2m_reverse_field_name()
    rows = m2m_model.objects.filter(**{f"history__{obj._meta.pk.attname}": obj.pk}).values_list(
        "history_id", f"{target}_id")
    snapshots: dict[int, set] = {}
    for history_id, target_id in rows:
        snapshots.setdefault(history_id, set()).add(target_id)
    return snapshots


def _who(user) -> str:
    if user is None:
        return _("the system")
    person = getattr(user, "person", None)
    return person.full_name if person is not None else user.get_username()


def history_rows(obj) -> list[Row]:
    """The object's history, newest first, each row compared with the one before it."""
    history = obj.history.select_related("history_user__person").order_by("-history_date", "-history_id")
    records = list(history)
    if not records:
        return []
    history_model = type(records[0])
    fields = _shown_fields(history_model)
    m2m_fields = list(history_model._history_m2m_fields)
    snapshots = {m2m_field.name: _m2m_snapshots(obj, history_model, m2m_field) for m2m_field in m2m_fields}

    def m2m_ids(record, m2m_field):
        return snapshots[m2m_field.name].get(record.history_id, set())

    # Collect every related id first, so each related model is read once.
    wanted: dict = {}
    for record in records:
        for f in fields:
            if f.is_relation:
                wanted.setdefault(f.related_model, set()).add(getattr(record, f.attname))
        for m2m_field in m2m_fields:
            wanted.setdefault(m2m_field.related_model, set()).update(m2m_ids(record, m2m_field))
    labels = _labels(wanted)

    def show(f, record):
        value = getattr(record, f.attname)
        if f.is_relation:
            return EMPTY if value is None else labels[f.related_model].get(value, f"#{value}")
        return _plain(f, value)

    actions = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
    rows = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        row = Row(record=record, who=_who(record.history_user), when=record.history_date,
                  action=actions.get(record.history_type, record.history_type),
                  reason=reason_label(record.history_change_reason))
        if record.history_type != "-":
            for f in fields:
                old = getattr(previous, f.attname) if previous is not None else None
                new = getattr(record, f.attname)
                if old != new and not (previous is None and new in (None, "", False)):
                    row.changes.append(Change(str(f.verbose_name), show(f, previous) if previous else EMPTY,
                                              show(f, record)))
            for m2m_field in m2m_fields:
                old_ids = m2m_ids(previous, m2m_field) if previous is not None else set()
                new_ids = m2m_ids(record, m2m_field)
                if old_ids != new_ids:
                    names = labels[m2m_field.related_model]
                    row.changes.append(Change(str(m2m_field.verbose_name), _joined(names, old_ids),
                                              _joined(names, new_ids)))
        rows.append(row)
    return rows
