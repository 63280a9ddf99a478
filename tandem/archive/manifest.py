"""The archive's manifest: what it holds, from which version and migrations, and each file's hash.

A restore reads the manifest first and refuses an archive whose files do not match their hashes
(a file changed, cut short or swapped since the export), or whose migrations are not the ones the
database it is restored into has (the columns would not be the same).
"""

import hashlib
import importlib.metadata
import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from tandem.core.errors import DomainError

MANIFEST = "manifest.json"
FORMAT = "tandem-archive"
# Raised when the shape of the files changes; docs/export-format.md says what each version holds.
FORMAT_VERSION = 1
NOTICE = (
    "Personal data (special category health and social care data) of everyone the council's adult social "
    "care service knows. Keep it encrypted, where only those who run the service can reach it, and destroy "
    "it when the retention schedule says (UK GDPR Articles 5(1)(f) and 32)."
)
HASH_BLOCK = 1 << 20


class ArchiveRefused(DomainError):
    """The archive cannot be restored here; the message says why and what to do."""


def tandem_version() -> str:
    try:
        return importlib.metadata.version("tandem")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def applied_migrations() -> dict[str, list[str]]:
    """The migrations this database has applied, by app (empty for a database built without them)."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    applied: dict[str, list[str]] = defaultdict(list)
    for app, name in sorted(recorder.applied_migrations()):
        applied[app].append(name)
    return dict(applied)


def manifest_build(
    *, taken_at: datetime, migrations: dict[str, list[str]], files: dict[str, Any], credentials: bool
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "tandem_version": tandem_version(),
        "taken_at": taken_at.isoformat(),
        "database": connection.vendor,
        "notice": NOTICE,
        "credentials": "included" if credentials else "left out",
        "migrations": migrations,
        "files": dict(sorted(files.items())),
    }


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def manifest_read(directory: Path) -> dict[str, Any]:
    """The manifest of the archive in `directory`, checked for shape; ArchiveRefused if it is not one."""
    path = directory / MANIFEST
    if not directory.is_dir():
        raise ArchiveRefused(f"{directory} is not a directory holding an archive")
    if not path.is_file():
        raise ArchiveRefused(f"{directory} has no {MANIFEST}: it is not an archive, or its export did not finish")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ArchiveRefused(f"{MANIFEST} is not readable JSON ({error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ArchiveRefused(f"{MANIFEST} is not the manifest of a Tandem archive")
    if data.get("format_version") != FORMAT_VERSION:
        raise ArchiveRefused(
            f"the archive is format version {data.get('format_version')!r}; this Tandem reads version {FORMAT_VERSION}"
        )
    files = data.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(entry, dict) and isinstance(entry.get("sha256"), str) and isinstance(entry.get("rows"), int)
        for entry in files.values()
    ):
        raise ArchiveRefused(f"{MANIFEST} lists its files wrongly (each needs rows and sha256)")
    migrations = data.get("migrations")
    if not isinstance(migrations, dict) or not all(
        isinstance(names, list) and all(isinstance(name, str) for name in names) for names in migrations.values()
    ):
        raise ArchiveRefused(f"{MANIFEST} does not say which migrations the archive was taken at")
    outside = [name for name in files if Path(name).is_absolute() or ".." in Path(name).parts]
    if outside:
        raise ArchiveRefused(f"{MANIFEST} names files outside the archive: {', '.join(sorted(outside))}")
    return data


def hashes_check(directory: Path, data: dict[str, Any]) -> None:
    """Every file the manifest lists is there with its hash, and no other file is."""
    problems: list[str] = []
    listed = set(data["files"])
    for name, entry in sorted(data["files"].items()):
        path = directory / name
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif file_hash(path) != entry["sha256"]:
            problems.append(
                f"{name} does not match its SHA-256 in the manifest (changed or cut short since the export)"
            )
    found = {str(path.relative_to(directory)) for path in directory.rglob("*") if path.is_file()}
    problems += [f"{name} is not listed in the manifest" for name in sorted(found - listed - {MANIFEST})]
    if problems:
        raise ArchiveRefused("The archive's files do not match its manifest:\n  " + "\n  ".join(problems))


def migrations_check(data: dict[str, Any]) -> None:
    """The database's migrations are the archive's, app by app."""
    here = applied_migrations()
    archived = {app: list(names) for app, names in data["migrations"].items()}
    differing = []
    for app in sorted(set(here) | set(archived)):
        ours, theirs = set(here.get(app, [])), set(archived.get(app, []))
        if ours != theirs:
            missing = sorted(theirs - ours)
            extra = sorted(ours - theirs)
            detail = "; ".join(
                part
                for part in (
                    f"the archive has {', '.join(missing)} and this database does not" if missing else "",
                    f"this database has {', '.join(extra)} and the archive does not" if extra else "",
                )
                if part
            )
            differing.append(f"{app}: {detail}")
    if differing:
        raise ArchiveRefused(
            "The archive was taken at other migrations than this database's: install the Tandem version it "
            f"was taken with ({data.get('tandem_version', 'unknown')}), run migrate, and restore again.\n  "
            + "\n  ".join(differing)
        )
