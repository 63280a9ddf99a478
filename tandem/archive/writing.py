"""`tandem export`: the whole record written to a directory, in open formats (docs/export-format.md).

The files are written from one read-only snapshot of the database (REPEATABLE READ on
PostgreSQL; one read transaction on SQLite), so the archive is one moment's record even while
staff work. The manifest is written last: a directory without one is an export that did not finish.
"""

import hashlib
import json
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction

from tandem.archive import fhir_rows, manifest, tables
from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError

CHUNK = 5000


class HashingWriter:
    """A file written line by line, counting the lines and hashing the bytes as they go."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()
        self.rows = 0

    def line(self, data: Any) -> None:
        encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        self.handle.write(encoded)
        self.digest.update(encoded)
        self.rows += 1


@dataclass(frozen=True)
class Written:
    directory: Path
    manifest: dict[str, Any]
    seconds: float


def _file(directory: Path, name: str, write: Callable[[HashingWriter], None]) -> dict[str, Any]:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        writer = HashingWriter(handle)
        write(writer)
    return {"rows": writer.rows, "sha256": writer.digest.hexdigest()}


def _many_to_many_values(model: type[models.Model]) -> dict[str, dict[Any, list[Any]]]:
    """For each many-to-many of the model, the targets of each row (natural keys for permissions)."""
    permissions: dict[int, list[str]] | None = None
    found: dict[str, dict[Any, list[Any]]] = {}
    for field in tables.many_to_many(model):
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        pairs = through._default_manager.order_by(f"{target}_id").values_list(f"{source}_id", f"{target}_id")
        natural = field.related_model._meta.label_lower in tables.natural_key_targets()
        if natural and permissions is None:
            permissions = dict(tables.permission_keys())
        rows: dict[Any, list[Any]] = defaultdict(list)
        for owner, related in pairs.iterator(chunk_size=CHUNK):
            rows[owner].append(permissions[related] if natural and permissions else tables.encode(related))
        found[field.name] = rows
    return found


def _table_writer(model: type[models.Model], *, credentials: bool) -> Callable[[HashingWriter], None]:
    label = model._meta.label_lower

    def write(writer: HashingWriter) -> None:
        if not credentials and label in tables.SECOND_FACTOR:
            return
        fields = tables.columns(model)
        keys = [tables.key_of(field) for field in fields]
        related = _many_to_many_values(model)
        pk_name = model._meta.pk.attname if model._meta.pk else "id"
        pk_index = keys.index(pk_name)
        values = model._default_manager.order_by(pk_name).values_list(*keys)
        for row in values.iterator(chunk_size=CHUNK):
            data = {key: tables.encode(value) for key, value in zip(keys, row, strict=True)}
            for name, targets in related.items():
                data[name] = targets.get(row[pk_index], [])
            if not credentials and label in tables.PASSWORDS:
                data[tables.PASSWORDS[label]] = make_password(None)  # unusable, as set_unusable_password
            writer.line(data)

    return write


def _resources_writer(resource: fhir_rows.ResourceRows) -> Callable[[HashingWriter], None]:
    def write(writer: HashingWriter) -> None:
        for row in resource.rows():
            try:
                rendered = resource.render(row)
            except Exception as error:  # any fault of a renderer: name the row, not a traceback
                raise DomainError(
                    f"The export stopped: {resource.resource_type} of {row._meta.label_lower} {row.pk} "
                    f"cannot be written as FHIR ({type(error).__name__}: {error}). Nothing was finished: "
                    "the directory has no manifest."
                ) from error
            writer.line(rendered)

    return write


def _snapshot(*, outermost: bool) -> None:
    """One moment's record: PostgreSQL reads every table at the transaction's first snapshot (a
    transaction already under way, as in a test, keeps its own level)."""
    if outermost and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _empty_directory(directory: Path) -> None:
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise DomainError(f"{directory} is not an empty directory: give a new one, so no archive is overwritten")
    directory.mkdir(parents=True, exist_ok=True)


def archive_write(*, directory: Path, credentials: bool = True, log: Callable[[str], None] = lambda _: None) -> Written:
    """Write every person's record as FHIR NDJSON and every table as JSON lines, with a manifest of
    counts and SHA-256 hashes. The export is itself recorded in the audit log (UK GDPR Article 30).

    Without `credentials`, staff password hashes are written as unusable and second-factor devices
    are left out: after a restore every member of staff sets a password and enrols again."""
    _empty_directory(directory)
    started = time.perf_counter()
    with transaction.atomic():
        audit.record(actor=None, action="archive.exported", summary=f"The whole record exported to {directory}")
    files: dict[str, dict[str, Any]] = {}
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        _snapshot(outermost=outermost)
        taken_at = clock.now()
        migrations = manifest.applied_migrations()
        for resource in fhir_rows.RESOURCES:
            name = fhir_rows.fhir_file_name(resource.resource_type)
            files[name] = _file(directory, name, _resources_writer(resource))
            log(f"{name}: {files[name]['rows']:,} resources")
        for model in tables.archived_models():
            name = tables.file_name(model)
            files[name] = _file(directory, name, _table_writer(model, credentials=credentials))
            log(f"{name}: {files[name]['rows']:,} rows")
    written = manifest.manifest_build(taken_at=taken_at, migrations=migrations, files=files, credentials=credentials)
    (directory / manifest.MANIFEST).write_text(json.dumps(written, indent=2) + "\n", encoding="utf-8")
    return Written(directory=directory, manifest=written, seconds=time.perf_counter() - started)
