"""Whether rows of several kinds exist, answered by one small hand-written query.

The person summary asks each app whether the person has any of its work before composing the
query that reads it (most people have none). Through the ORM every such `.exists()` costs Django
far more to compose than the database to answer: a summary made eleven of them. Here the checks
of one app become one `SELECT EXISTS (…), EXISTS (…)`, written from the models' own table and
column names, with each value prepared by its field as the ORM prepares it.

Only what the callers need: equality, inequality on a column that cannot be NULL (so that it
means what `.exclude()` means), membership, and being NULL. `tandem/core/tests/test_probes.py` holds every
form to `.filter(...).exclude(...).exists()`. See docs/adr/0008-hand-written-reads-on-every-request.md.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Model


@dataclass(frozen=True)
class Rows:
    """Rows of `model` whose fields equal `equal`, differ from `unequal`, are among `among` and
    are NULL for every field in `missing`."""

    model: type[Model]
    equal: Mapping[str, Any] = field(default_factory=dict)
    unequal: Mapping[str, Any] = field(default_factory=dict)
    among: Mapping[str, Collection[Any]] = field(default_factory=dict)
    missing: Collection[str] = ()


def _column(model: type[Model], name: str, *, nullable: bool = True) -> tuple[str, Any]:
    found = model._meta.get_field(name)
    column = getattr(found, "column", None)
    if column is None:
        raise ValueError(f"{model.__name__}.{name} is not a column")
    if not nullable and getattr(found, "null", True):
        # `NOT (x = v)` leaves out NULLs, which `.exclude()` would keep: only for NOT NULL columns.
        raise ValueError(f"{model.__name__}.{name} may be NULL: compare it with the ORM")
    return f"{connection.ops.quote_name(model._meta.db_table)}.{connection.ops.quote_name(column)}", found


def _check(rows: Rows) -> tuple[str, list[Any]]:
    conditions: list[str] = []
    values: list[Any] = []
    for name, value in rows.equal.items():
        column, found = _column(rows.model, name)
        conditions.append(f"{column} = %s")
        values.append(found.get_db_prep_value(value, connection))
    for name, value in rows.unequal.items():
        column, found = _column(rows.model, name, nullable=False)
        conditions.append(f"NOT ({column} = %s)")
        values.append(found.get_db_prep_value(value, connection))
    for name, options in rows.among.items():
        column, found = _column(rows.model, name)
        if not options:
            conditions.append("1 = 0")  # an empty IN matches nothing, as the ORM's does
            continue
        conditions.append(f"{column} IN ({', '.join(['%s'] * len(options))})")
        values.extend(found.get_db_prep_value(option, connection) for option in options)
    for name in rows.missing:
        column, _ = _column(rows.model, name)
        conditions.append(f"{column} IS NULL")
    table = connection.ops.quote_name(rows.model._meta.db_table)
    where = " AND ".join(conditions) or "1 = 1"
    return f"EXISTS (SELECT 1 FROM {table} WHERE {where})", values  # noqa: S608 (names from the models)


def exist(*checks: Rows) -> list[bool]:
    """For each check, whether any such row exists: one query for them all."""
    if not checks:
        return []
    values: list[Any] = []
    parts: list[str] = []
    for rows in checks:
        part, part_values = _check(rows)
        parts.append(part)
        values.extend(part_values)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), values)
        answer = cursor.fetchone()
    return [bool(value) for value in answer]
