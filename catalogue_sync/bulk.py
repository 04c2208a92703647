"""Bulk inserts and updates that stay fast at registry size (20,000 certificates a night).

On PostgreSQL, inserts go through COPY (primary keys drawn from the table's sequence first,
so callers get them back) and updates through one ``UPDATE … FROM (VALUES …)`` per batch.
Django's ``bulk_create`` / ``bulk_update`` do the same job elsewhere (SQLite in tests and
development); on PostgreSQL they quote every value in Python, which costs a minute at this size.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _adapt(field: models.Field, value: Any) -> Any:
    if isinstance(field, models.JSONField):
        return field.get_db_prep_save(value, connection)  # psycopg's Jsonb wrapper
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return field.get_db_prep_save(value, connection)


def _needs_pre_save(field: models.Field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def insert(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    batch_size: int = 1000,
    ignore_conflicts: bool = False,
) -> None:
    """Insert ``objs``; afterwards each has its primary key (unless ignore_conflicts)."""
    if not objs:
        return
    if not _is_postgresql() or ignore_conflicts:
        model.objects.bulk_create(objs, batch_size=batch_size, ignore_conflicts=ignore_conflicts)
        return
    meta = model._meta
    pk = meta.pk
    table = connection.ops.quote_name(meta.db_table)
    missing = [obj for obj in objs if obj.pk is None]
    with connection.cursor() as cursor:
        if missing:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, pk.column, len(missing)],
            )
            for obj, (value,) in zip(missing, cursor.fetchall(), strict=True):
                setattr(obj, pk.attname, value)
        fields = list(meta.concrete_fields)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        pre_save = [f for f in fields if _needs_pre_save(f)]
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                obj._state.adding = False
                obj._state.db = connection.alias
                for field in pre_save:
                    field.pre_save(obj, add=True)
                copy.write_row([_adapt(f, getattr(obj, f.attname)) for f in fields])


def update(
    model: type[models.Model],
    objs: Sequence[models.Model],
    field_names: Sequence[str],
    *,
    batch_size: int = 1000,
) -> None:
    """Write ``field_names`` of ``objs`` (which have primary keys) back to the database."""
    if not objs:
        return
    if not _is_postgresql():
        model.objects.bulk_update(objs, field_names, batch_size=batch_size)
        return
    meta = model._meta
    fields = [meta.pk, *(meta.get_field(name) for name in field_names)]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    casts = [f"%s::{f.cast_db_type(connection) or f.db_type(connection)}" for f in fields]
    row = f"({', '.join(casts)})"
    alias = ", ".join(quote(f"v_{f.column}") for f in fields)
    assignments = ", ".join(f"{quote(f.column)} = v.{quote('v_' + f.column)}" for f in fields[1:])
    with connection.cursor() as cursor:
        for start in range(0, len(objs), batch_size):
            batch = objs[start : start + batch_size]
            params: list[Any] = []
            for obj in batch:
                for field in fields:
                    if _needs_pre_save(field) and getattr(field, "auto_now", False):
                        field.pre_save(obj, add=False)
                    params.append(_adapt(field, getattr(obj, field.attname)))
            values = ", ".join([row] * len(batch))
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM (VALUES {values}) AS v({alias}) "  # noqa: S608
                f"WHERE {table}.{quote(meta.pk.column)} = v.{quote('v_' + meta.pk.column)}",
                params,
            )


def insert_values(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> None:
    """Insert plain rows (``{attname: value}``, the same keys in every row) without building
    model instances, for link tables where nobody needs the new primary keys."""
    if not rows:
        return
    if not _is_postgresql():
        model.objects.bulk_create([model(**row) for row in rows], batch_size=1000)
        return
    meta = model._meta
    by_attname = {f.attname: f for f in meta.concrete_fields}
    fields = [by_attname[name] for name in rows[0]]
    # Columns the rows leave out get what Django would have put there: now for auto_now
    # fields, the field's default otherwise (the database has no defaults of its own).
    now = timezone.now()
    stamped = [
        f
        for f in meta.concrete_fields
        if f.attname not in rows[0] and not (f.primary_key and f.db_returning)
    ]
    tail = [now if _needs_pre_save(f) else _adapt(f, f.get_default()) for f in stamped]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in [*fields, *stamped])
    table = quote(meta.db_table)
    json_fields = [isinstance(f, models.JSONField) for f in fields]
    has_json = any(json_fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                values = list(row.values())
                if has_json:
                    values = [
                        _adapt(f, v) if is_json else v
                        for f, v, is_json in zip(fields, values, json_fields, strict=True)
                    ]
                copy.write_row(values + tail)
