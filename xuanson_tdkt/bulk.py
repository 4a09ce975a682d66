"""Bulk inserts of many plain rows (the reminder sweep's claims, notifications and e-mails), cheaper than bulk_create.

bulk_create builds a model instance per row and, on PostgreSQL, quotes every value of its UNNEST arrays in Python
(Django's cursors bind parameters on the client): for tens of thousands of rows that costs more than the database's
own work. On PostgreSQL `insert_rows` sends one `INSERT … SELECT FROM unnest(…)` whose arrays psycopg sends in binary
(a server-side binding cursor on the same connection, so in the same transaction); elsewhere it is bulk_create. Values
are what the model's fields would save (defaults and auto_now_add filled in); nothing else of save() runs (no signals,
no history): for models that keep none.
"""

from django.db import connection, models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

# Fields whose Python values psycopg sends as they are (texts, numbers, ids, UUIDs, aware datetimes, booleans).
PLAIN = (models.CharField, models.TextField, models.IntegerField, models.ForeignKey, models.UUIDField,
         models.DateTimeField, models.BooleanField)


def concrete_columns(model) -> list[models.Field]:
    """The fields written by an insert: every concrete field but an auto-incremented primary key."""
    return [field for field in model._meta.concrete_fields if not isinstance(field, models.fields.AutoFieldMixin)]


def _value(field: models.Field, row: dict, now):
    if field.attname in row or field.name in row:
        value = row[field.attname] if field.attname in row else row[field.name]
        return value.name or "" if isinstance(value, FieldFile) else value
    if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
        return now
    return field.get_default()


def insert_rows(model, rows: list[dict], *, ignore_conflicts: bool = False, returning: str | None = None) -> list:
    """Insert `rows` (field name or attname → value; the other fields take their defaults) in one statement on
    PostgreSQL, with bulk_create elsewhere; returns the values of the field `returning` of the rows inserted (in
    order; not with ignore_conflicts), else []."""
    if not rows:
        return []
    now = timezone.now()
    fields = concrete_columns(model)
    if connection.vendor != "postgresql":
        objects = model._default_manager.bulk_create(
            [model(**{field.attname: _value(field, row, now) for field in fields}) for row in rows],
            ignore_conflicts=ignore_conflicts, batch_size=2000)
        return [getattr(obj, returning) for obj in objects] if returning else []

    import psycopg
    from django.db.backends.utils import CursorWrapper

    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    # %b: the arrays go in binary (with %s psycopg would write them as text, in Python).
    arrays = ", ".join(f"%b::{field.db_type(connection)}[]" for field in fields)
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) SELECT * FROM unnest({arrays})"
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    if returning:
        sql += f" RETURNING {connection.ops.quote_name(model._meta.get_field(returning).column)}"
    params = [[_value(field, row, now) for row in rows] if isinstance(field, PLAIN) else
              [field.get_db_prep_save(_value(field, row, now), connection) for row in rows] for field in fields]
    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    raw.format = psycopg.pq.Format.BINARY
    # Django's wrapper around it: the connection's execute wrappers (query counts, logging) see the statement too.
    with CursorWrapper(raw, connection) as cursor:
        cursor.execute(sql, params)
        return [value for (value,) in cursor.fetchall()] if returning else []
