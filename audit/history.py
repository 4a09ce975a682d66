"""The audit trail: one mechanism (django-simple-history) for every model whose state users change.

Models declare `history = AuditedHistory()`. Service functions are decorated with `@audited("reason")`: while one
runs, every history row it writes (also through nested services, bulk helpers or m2m changes) carries its `by=` user
and the reason, in a request, a Celery task, a management command or a test alike. Outside a service the request's
user (HistoryRequestMiddleware) is recorded, as simple-history does by default.
"""

import functools
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history


@dataclass(frozen=True)
class Acting:
    user: object
    reason: str | None


_acting: ContextVar[Acting | None] = ContextVar("audit_acting", default=None)


def _user(by):
    """A saved user, or None (anonymous visitors and residents are recorded as nobody)."""
    return by if by is not None and getattr(by, "is_authenticated", False) and by.pk else None


def current_user():
    acting = _acting.get()
    return acting.user if acting else None


def current_reason() -> str | None:
    acting = _acting.get()
    return acting.reason if acting else None


@contextmanager
def acting(by, reason: str | None = None):
    """Record `by` (and `reason`) on every history row written inside the block."""
    token = _acting.set(Acting(_user(by), reason))
    try:
        yield
    finally:
        _acting.reset(token)


def audited(reason: str):
    """Decorate a service function taking `by=`: its history rows carry that user and `reason`."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with acting(kwargs.get("by"), reason):
                return func(*args, **kwargs)

        wrapper.audit_reason = reason
        return wrapper

    return decorate


class AuditedHistory(HistoricalRecords):
    """simple-history's records, with the actor and reason of the running service (see `audited`)."""

    def get_history_user(self, instance):
        if hasattr(instance, "_history_user"):
            return instance._history_user
        return current_user() or super().get_history_user(instance)

    def get_change_reason_for_object(self, instance, history_type, using):
        return super().get_change_reason_for_object(instance, history_type, using) or current_reason()


def bulk_create(model, objs, **kwargs) -> list:
    """bulk_create that also writes one history row per object, with the running service's actor and reason."""
    return bulk_create_with_history(list(objs), model, default_user=current_user(),
                                    default_change_reason=current_reason(), **kwargs)


def bulk_update(model, objs, fields, **kwargs) -> int:
    """bulk_update that also writes one history row per object, with the running service's actor and reason."""
    return bulk_update_with_history(list(objs), model, fields, default_user=current_user(),
                                    default_change_reason=current_reason(), **kwargs)


def insert_with_history(model, objs) -> list:
    """Insert many new objects and one history row each ("+", the running service's actor and reason), as plain rows
    (xuanson_tdkt.bulk.insert_rows: one statement per table on PostgreSQL, no model instance per history row): for
    imports of thousands of rows. Nothing of save() runs: the caller sets what save() would (e.g. a sort key); auto_now
    fields are set here. Returns the objects, with their primary keys."""
    from django.utils import timezone

    from xuanson_tdkt.bulk import concrete_columns, insert_rows

    objs = list(objs)
    now = timezone.now()
    fields = concrete_columns(model)
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objs:
                setattr(obj, field.attname, now)
    ids = insert_rows(model, [{field.attname: getattr(obj, field.attname) for field in fields} for obj in objs],
                      returning=model._meta.pk.attname)
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, "default"
    history = model.history.model
    user, reason = current_user(), current_reason()
    extra = {"history_date": now, "history_user_id": user.pk if user else None, "history_change_reason": reason,
             "history_type": "+"}
    rows = []
    for obj in objs:
        row = {field.attname: getattr(obj, field.attname) for field in history.tracked_fields}
        if hasattr(history, "history_relation"):
            row["history_relation_id"] = obj.pk
        rows.append({**row, **extra})
    insert_rows(history, rows)
    return objs
