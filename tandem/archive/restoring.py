"""`tandem import`: an archive restored into an empty, migrated database, all or nothing.

Before a row is written the archive is checked: its manifest, every file's SHA-256, the migrations
it was taken at against the database's, and that the database holds no records. The rows are then
written exactly as they were (the same ids, the same date-times to the microsecond), so every
reference between records and the audit log's hash chain hold as before, in one transaction: a
fault in any row leaves the database as it was, and says which file, line and column.
"""

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, models, transaction

from tandem.archive import manifest, tables
from tandem.archive.manifest import ArchiveRefused
from tandem.audit import services as audit

BATCH = 1000
MOST_FAULTS = 20


@dataclass(frozen=True)
class Restored:
    rows: dict[str, int]
    seconds: float


class _Faults:
    """Row faults found while reading; the restore stops after MOST_FAULTS of them."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def add(self, message: str) -> None:
        self.found.append(message)
        if len(self.found) >= MOST_FAULTS:
            self.stop()

    def stop(self) -> None:
        if self.found:
            more = " (stopped there)" if len(self.found) >= MOST_FAULTS else ""
            raise ArchiveRefused(
                "Nothing was restored: some rows cannot be read" + more + ":\n  " + "\n  ".join(self.found)
            )


def _tables_check(data: dict[str, Any]) -> None:
    expected = {tables.file_name(model) for model in tables.archived_models()}
    listed = {name for name in data["files"] if name.startswith("tandem/")}
    problems = [f"{name} is not in the archive" for name in sorted(expected - listed)]
    problems += [f"{name} holds a table this version of Tandem does not have" for name in sorted(listed - expected)]
    if problems:
        raise ArchiveRefused("The archive's tables are not this version's:\n  " + "\n  ".join(problems))


def _empty_check() -> None:
    holding = [
        f"{model._meta.label_lower} ({count:,} {'row' if count == 1 else 'rows'})"
        for model in tables.archived_models()
        if model._meta.label_lower not in tables.MIGRATION_FILLED
        and (count := model._default_manager.count())  # the target is small or this refuses anyway
    ]
    if holding:
        shown = ", ".join(holding[:8]) + (f" and {len(holding) - 8} more" if len(holding) > 8 else "")
        raise ArchiveRefused(
            "The database is not empty, and an archive is only ever restored into an empty one (a new database, "
            f"migrated): it holds {shown}"
        )


def _lines(path: Path, name: str, faults: _Faults) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                data = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                message = getattr(error, "msg", str(error))
                faults.add(f"{name} line {number}: not a complete JSON object ({message})")
                continue
            if not isinstance(data, dict):
                faults.add(f"{name} line {number}: not a JSON object")
                continue
            yield number, data


def _insert_sql(table: str, columns: list[str]) -> str:
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(columns))
    return f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES ({marks})"  # noqa: S608 - names are the models'


def _write(sql: str, rows: list[tuple[Any, ...]], where: str) -> None:
    if not rows:
        return
    try:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)
    except DatabaseError as error:
        raise ArchiveRefused(f"Nothing was restored: the database refused {where}: {error}") from None


def _natural_permissions() -> dict[tuple[str, ...], int]:
    return {tuple(key): pk for pk, key in tables.permission_keys()}


def _shape_fault(data: dict[str, Any], keys: set[str]) -> str:
    unknown = sorted(set(data) - keys)
    missing = sorted(keys - set(data))
    parts = [
        f"no such column {', '.join(unknown)}" if unknown else "",
        f"no value for {', '.join(missing)}" if missing else "",
    ]
    return "; ".join(part for part in parts if part)


class _TableLoader:
    """One table's file read, checked row by row and written in batches."""

    def __init__(self, model: type[models.Model], name: str, faults: _Faults) -> None:
        self.name = name
        self.faults = faults
        # The connection itself, not the `connection` proxy: it is asked once a value.
        self.db = connections[DEFAULT_DB_ALIAS]
        self.fields = tables.columns(model)
        self.keys = {tables.key_of(field): field for field in self.fields}
        self.related = {field.name: field for field in tables.many_to_many(model)}
        self.row_sql = _insert_sql(model._meta.db_table, [str(field.column) for field in self.fields])
        self.through_sql: dict[str, str] = {}
        for field_name, field in self.related.items():
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name()).column
            target = through._meta.get_field(field.m2m_reverse_field_name()).column
            self.through_sql[field_name] = _insert_sql(through._meta.db_table, [source, target])
        self.pk_index = self.fields.index(model._meta.pk) if model._meta.pk in self.fields else 0
        self.permissions: dict[tuple[str, ...], int] | None = None
        self.links: dict[str, list[tuple[Any, Any]]] = {field_name: [] for field_name in self.related}

    def _row(self, number: int, data: dict[str, Any]) -> tuple[Any, ...] | None:
        problem = _shape_fault(data, set(self.keys) | set(self.related))
        if problem:
            self.faults.add(f"{self.name} line {number}: {problem}")
            return None
        values: list[Any] = []
        for key, field in self.keys.items():
            try:
                values.append(field.get_db_prep_save(tables.decode(field, data[key]), self.db))
            except (ValueError, TypeError) as error:
                self.faults.add(f"{self.name} line {number}: {key} {json.dumps(data[key])[:60]} {error}")
        return tuple(values) if len(values) == len(self.keys) else None

    def _target(self, field: Any, target: Any) -> Any:
        """A many-to-many target as the through table holds it; None when it names nothing."""
        if field.related_model._meta.label_lower in tables.natural_key_targets():
            if self.permissions is None:
                self.permissions = _natural_permissions()
            return self.permissions.get(tuple(target)) if isinstance(target, list) else None
        target_pk = field.related_model._meta.pk
        try:
            return target_pk.get_db_prep_save(target_pk.to_python(target), self.db)
        except Exception:  # Django's ValidationError and the parsers' errors alike
            return None

    def _link(self, number: int, data: dict[str, Any], owner: Any) -> None:
        for field_name, field in self.related.items():
            targets = data[field_name]
            if not isinstance(targets, list):
                self.faults.add(f"{self.name} line {number}: {field_name} should be a list")
                continue
            for target in targets:
                found = self._target(field, target)
                if found is None:
                    self.faults.add(f"{self.name} line {number}: {field_name} holds {target!r}, which names no row")
                else:
                    self.links[field_name].append((owner, found))

    def load(self, path: Path, expected_rows: int) -> int:
        rows: list[tuple[Any, ...]] = []
        count = 0
        for number, data in _lines(path, self.name, self.faults):
            count += 1
            row = self._row(number, data)
            if row is None:
                continue
            self._link(number, data, row[self.pk_index])
            rows.append(row)
            if len(rows) >= BATCH:
                if not self.faults.found:
                    _write(self.row_sql, rows, f"a row of {self.name} near line {number}")
                rows = []
        self.faults.stop()
        _write(self.row_sql, rows, f"a row of {self.name} near its end")
        for field_name, pairs in self.links.items():
            for start in range(0, len(pairs), BATCH):
                _write(self.through_sql[field_name], pairs[start : start + BATCH], f"{field_name} of {self.name}")
        if count != expected_rows:
            self.faults.add(f"{self.name}: the manifest says {expected_rows:,} rows, the file holds {count:,}")
        return count


def _constraints_check(models_loaded: list[type[models.Model]]) -> None:
    names = [model._meta.db_table for model in models_loaded]
    names += [
        field.remote_field.through._meta.db_table for model in models_loaded for field in tables.many_to_many(model)
    ]
    try:
        connection.check_constraints(table_names=names)
    except DatabaseError as error:
        raise ArchiveRefused(
            f"Nothing was restored: a record points at one the archive does not hold: {error}"
        ) from None


def _sequences_reset(models_loaded: list[type[models.Model]]) -> None:
    """Move each table's id sequence past the restored ids (PostgreSQL; SQLite follows by itself)."""
    through = [field.remote_field.through for model in models_loaded for field in tables.many_to_many(model)]
    statements = connection.ops.sequence_reset_sql(no_style(), [*models_loaded, *through])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def archive_restore(*, directory: Path, log: Callable[[str], None] = lambda _: None) -> Restored:
    """Restore the archive in `directory` into this empty, migrated database, or refuse and change nothing."""
    started = time.perf_counter()
    data = manifest.manifest_read(directory)
    manifest.hashes_check(directory, data)
    log(f"Checked the SHA-256 of {len(data['files'])} files.")
    manifest.migrations_check(data)
    _tables_check(data)
    _empty_check()
    loaded = tables.archived_models()
    counts: dict[str, int] = {}
    faults = _Faults()
    with transaction.atomic(), connection.constraint_checks_disabled():
        for model in loaded:
            if model._meta.label_lower in tables.MIGRATION_FILLED:
                model._default_manager.all().delete()
        for model in loaded:
            name = tables.file_name(model)
            counts[name] = _TableLoader(model, name, faults).load(directory / name, data["files"][name]["rows"])
            log(f"{name}: {counts[name]:,} rows")
        faults.stop()
        _constraints_check(loaded)
        _sequences_reset(loaded)
        audit.record(
            actor=None,
            action="archive.restored",
            summary=f"Restored from the archive taken at {data.get('taken_at', 'an unknown time')}",
        )
    return Restored(rows=counts, seconds=time.perf_counter() - started)
