"""Every row of every table, before and after a request, compared in full: a refusal changes nothing.

`tables = Tables()` (or the `tables` fixture) photographs every row of every model of every
installed app: Tandem's own, the sessions, the second-factor devices, the sign-in lock-out
records, Django's users, groups and permissions, and the tables behind many-to-many fields.
After the request, `tables.assert_unchanged()` compares each row, column by column, and fails
naming every row added, removed or changed.

A refusal that is itself recorded says exactly what it wrote: `audited=["identity.user.sign_in_failed"]`
(the audit rows added, in order), `added={"axes.AccessAttempt": 1}` (rows another table gains).
A column that legitimately changes on a refusal is named with the reason, in `MAY_CHANGE` for
every request or in `may_change=` for one test; nothing is ignored silently.

Speed: one plain SELECT a table through the cursor (no model instances, no field conversion: the
ORM would cost ten times as much), rows keyed by primary key; about 90 queries a photograph.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import Model

AUDIT = "audit.AuditEvent"

# Columns that change on any signed-in request, refused or not, with the reason.
MAY_CHANGE: Mapping[str, Mapping[str, str]] = {
    "sessions.Session": {
        "session_data": "IdleTimeoutMiddleware notes in the session when it last slid the expiry (once a minute)",
        "expire_date": "saving the session slides its idle expiry forward (IdleTimeoutMiddleware)",
    },
}


def models() -> list[type[Model]]:
    """Every model with a table of its own: all installed apps, many-to-many tables included."""
    return [
        model for model in apps.get_models(include_auto_created=True) if model._meta.managed and not model._meta.proxy
    ]


def tables_not_covered() -> set[str]:
    """Tables in the database that no model describes (so a photograph cannot see them)."""
    described = {model._meta.db_table for model in models()}
    return set(connection.introspection.table_names()) - described


@dataclass(frozen=True)
class Photograph:
    columns: dict[str, tuple[str, ...]]
    rows: dict[str, dict[Any, tuple[Any, ...]]]


def _selects() -> list[tuple[str, tuple[str, ...], int, str]]:
    """For each table: its label, its columns, where its primary key is, and the SELECT of it all."""
    quote = connection.ops.quote_name
    selects = []
    for model in models():
        fields = model._meta.concrete_fields
        pk = model._meta.pk
        assert pk is not None
        names = tuple(field.attname for field in fields)
        # Only quoted table and column names from the models' own metadata go into the SQL.
        sql = f"SELECT {', '.join(quote(field.column) for field in fields)} FROM {quote(model._meta.db_table)}"  # noqa: S608
        selects.append((model._meta.label, names, names.index(pk.attname), sql))
    return selects


def photograph() -> Photograph:
    """Every row as the database holds it (raw column values: no model, no field conversion), so a
    photograph costs one plain SELECT a table and nothing else."""
    columns: dict[str, tuple[str, ...]] = {}
    rows: dict[str, dict[Any, tuple[Any, ...]]] = {}
    with connection.cursor() as cursor:
        for label, names, at, sql in _selects():
            cursor.execute(sql)
            columns[label] = names
            rows[label] = {row[at]: tuple(row) for row in cursor.fetchall()}
    return Photograph(columns=columns, rows=rows)


def differences(
    before: Photograph,
    after: Photograph,
    *,
    may_change: Mapping[str, Mapping[str, str]] = MAY_CHANGE,
    audited: Sequence[str] | None = None,
    added: Mapping[str, int] | None = None,
) -> list[str]:
    """What changed between two photographs, one line a row, less what the caller said would."""
    added = dict(added or {})
    found: list[str] = []
    for label, columns in after.columns.items():
        was, now = before.rows.get(label, {}), after.rows[label]
        allowed = may_change.get(label, {})
        masked = [i for i, name in enumerate(columns) if name in allowed]
        new = [key for key in now if key not in was]
        gone = [key for key in was if key not in now]
        if label == AUDIT and audited is not None:
            action = columns.index("action")
            actions = [now[key][action] for key in sorted(new)]
            if actions != list(audited):
                found.append(f"{label}: audited {actions}, expected {list(audited)}")
            new = []
        elif label in added:
            expected = added.pop(label)
            if len(new) != expected:
                found.append(f"{label}: {len(new)} rows added, expected {expected}: {new!r}")
            new = []
        found += [f"{label} added {now[key]!r}" for key in new]
        found += [f"{label} removed {was[key]!r}" for key in gone]
        for key, row in now.items():
            old = was.get(key)
            if old is None or old == row:
                continue
            changed = {name: (old[i], row[i]) for i, name in enumerate(columns) if old[i] != row[i] and i not in masked}
            if changed:
                found.append(f"{label} pk={key!r} changed {changed!r}")
    found += [f"{label}: expected rows added, table not photographed" for label in added]
    return found


class Tables:
    """`Tables()` before the request; `assert_unchanged(...)` after it."""

    def __init__(self) -> None:
        self.mark()

    def mark(self) -> None:
        self.before = photograph()

    def changes(self, **expected: Any) -> list[str]:
        return differences(self.before, photograph(), **expected)

    def assert_unchanged(
        self,
        *,
        audited: Sequence[str] | None = None,
        added: Mapping[str, int] | None = None,
        may_change: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        """Nothing changed in any table, but the audit rows `audited`, the rows `added` and the
        columns `may_change` (each with its reason) beside those of every request (MAY_CHANGE)."""
        allowed = {label: dict(columns) for label, columns in MAY_CHANGE.items()}
        for label, columns in (may_change or {}).items():
            allowed.setdefault(label, {}).update(columns)
        found = self.changes(may_change=allowed, audited=audited if audited is not None else [], added=added)
        assert not found, "A refused request changed the database:\n" + "\n".join(found)
