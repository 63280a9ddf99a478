"""Loading rows fast: COPY on PostgreSQL, one prepared INSERT run many times on SQLite.

Rows arrive as plain tuples in a column order the caller names; any other column of the model
gets its field default, so a column added to a model later does not break seeding.
"""

import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models

Row = tuple[Any, ...]
_Convert = Callable[[Any], Any]


def _sqlite_converter(field: "models.Field[Any, Any]") -> _Convert | None:
    # SQLite's own date adapters are deprecated (Python 3.12), and Django stores UUIDs as hex.
    if isinstance(field, models.DateTimeField):
        adapt = connection.ops.adapt_datetimefield_value
        return lambda v: None if v is None else adapt(v)
    if isinstance(field, models.DateField):
        return lambda v: None if v is None else v.isoformat()
    if isinstance(field, models.UUIDField):
        return lambda v: None if v is None else v.hex
    if isinstance(field, models.BooleanField):
        return lambda v: None if v is None else int(v)
    return None


class TableWriter:
    """Writes tuples to one model's table, in whatever way is fastest on this database."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]) -> None:
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(columns) - fields.keys()
        if unknown:
            raise ValueError(f"{model.__name__} has no column {', '.join(sorted(unknown))}")
        self.model = model
        self.table = model._meta.db_table
        position = {name: i for i, name in enumerate(columns)}
        # For each table column: where its value sits in the incoming tuple, or its default.
        self.plan: list[tuple[int | None, Any]] = []
        self.converters: list[_Convert | None] = []
        names = []
        for attname, field in fields.items():
            names.append(connection.ops.quote_name(field.column or attname))
            if attname in position:
                self.plan.append((position[attname], None))
            else:
                self.plan.append((None, field.get_default()))
            self.converters.append(_sqlite_converter(field) if connection.vendor == "sqlite" else None)
        self.column_sql = ", ".join(names)
        self.identity = [p for p, _ in self.plan] == list(range(len(columns))) and len(columns) == len(fields)
        self.rows_written = 0

    def _full(self, rows: Iterable[Row]) -> Iterable[Row]:
        if self.identity and not any(self.converters):
            yield from rows
            return
        plan = self.plan
        converters = list(enumerate(self.converters))
        for row in rows:
            values = [row[i] if i is not None else default for i, default in plan]
            for i, convert in converters:
                if convert is not None:
                    values[i] = convert(values[i])
            yield tuple(values)

    def write(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        table = connection.ops.quote_name(self.table)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({self.column_sql}) FROM STDIN") as copy:
                for row in self._full(rows):
                    copy.write_row(row)
        else:
            marks = ", ".join("?" if connection.vendor == "sqlite" else "%s" for _ in self.plan)
            sql = f"INSERT INTO {table} ({self.column_sql}) VALUES ({marks})"  # noqa: S608 - names come from models
            connection.ensure_connection()
            raw = connection.connection.cursor()  # the DB-API cursor: Django's wrapper costs a call per row
            try:
                raw.executemany(sql, self._full(rows))
            finally:
                raw.close()
        self.rows_written += len(rows)


def _referencing_closure(roots: Iterable[type[models.Model]]) -> list[type[models.Model]]:
    """The root models and every model that (through any chain of foreign keys) points at them."""
    found = {m._meta.label_lower: m for m in roots}
    changed = True
    all_models = apps.get_models(include_auto_created=True)
    while changed:
        changed = False
        for model in all_models:
            if model._meta.label_lower in found or model._meta.proxy or not model._meta.managed:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                if isinstance(target, type) and target._meta.label_lower in found:
                    found[model._meta.label_lower] = model
                    changed = True
                    break
    return list(found.values())


def tables_empty(roots: Iterable[type[models.Model]]) -> list[str]:
    """Empty these tables and everything that refers to them; return the tables emptied."""
    models_ = _referencing_closure(roots)
    tables = sorted({m._meta.db_table for m in models_})
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            quoted = ", ".join(connection.ops.quote_name(t) for t in tables)
            cursor.execute(f"TRUNCATE {quoted} CASCADE")
        else:
            # Foreign keys are deferred to commit, so within the transaction order does not matter.
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608 - model tables
    return tables


def sequences_reset(model_list: Sequence[type[models.Model]]) -> None:
    """After rows were written with explicit ids, move PostgreSQL's sequences past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def next_id(model: type[models.Model]) -> int:
    """The first free integer id above everything already in the table."""
    top = model._default_manager.aggregate(top=models.Max("pk"))["top"]
    return int(top or 0) + 1


def analyse(model_list: Sequence[type[models.Model]]) -> None:
    """Refresh the planner's statistics so the first queries after a load pick the right plans.

    On PostgreSQL a VACUUM as well: it sets the visibility map of the freshly written pages,
    without which index-only scans of the search tokens fall back to reading the table.
    Inside a transaction (the test suite wraps each test in one) VACUUM is not allowed, so
    only ANALYZE runs there.
    """
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    command = "VACUUM (ANALYZE)" if vacuum else "ANALYZE"
    with connection.cursor() as cursor:
        for model in model_list:
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")


def uuid_from(bits: int) -> uuid.UUID:
    """A version 4 UUID from 128 seeded random bits, so a reseed gives every row the same public id."""
    return uuid.UUID(int=bits, version=4)
