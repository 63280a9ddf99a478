"""Reseal the events sealed before the audit key existed (ADR 0002, addendum of 2026-12-07).

Until now a seal was a plain SHA-256 that anyone with the database could recompute. This checks
the old chain first, exactly as the old `audit_verify` did, and stops (changing nothing) if it
does not hold; then it seals the same events again, in the same order, with HMAC-SHA256 under
TANDEM_AUDIT_KEY over every column, and signs the chain head. The events themselves are not
touched: only their seals. The hashing is frozen here as it was on the day, so later changes to
the app cannot change what this migration did.
"""

import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

GENESIS_HASH = "0" * 64
BATCH = 5000
_LEGACY_FIELDS = (
    "id", "at", "actor_id", "actor_name", "action", "person_uuid", "target_type", "target_id", "summary",
    "changes", "reason", "ip_address",
)  # fmt: skip
_KEYED_FIELDS = (*_LEGACY_FIELDS, "user_agent", "chain_position", "previous_hash", "key_id")


def _legacy_hash(row: dict[str, Any], previous_hash: str) -> str:
    payload = json.dumps(
        [
            previous_hash,
            row["id"],
            row["at"].isoformat(timespec="microseconds"),
            row["actor_id"],
            row["actor_name"],
            row["action"],
            str(row["person_uuid"]) if row["person_uuid"] else None,
            row["target_type"],
            row["target_id"],
            row["summary"],
            row["changes"],
            row["reason"],
            row["ip_address"],
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, UUID):
        return str(value)
    return value


def _mac(key: bytes, domain: bytes, content: Any) -> str:
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(key, domain + text.encode("utf-8"), hashlib.sha256).hexdigest()


def _keyed_hash(row: dict[str, Any], key: bytes) -> str:
    return _mac(key, b"tandem.audit.event.v2\n", {name: _canonical(row[name]) for name in _KEYED_FIELDS})


def _head_signature(position: int, last_hash: str, last_event_id: int, key: bytes) -> str:
    content = {"last_event_id": last_event_id, "last_hash": last_hash, "last_position": position}
    return _mac(key, b"tandem.audit.head.v1\n", content)


def _sealed(event_model: Any) -> Iterator[dict[str, Any]]:
    position = 0
    while True:
        rows = list(
            event_model.objects.filter(chain_position__gt=position)
            .order_by("chain_position")
            .values(*_KEYED_FIELDS, "hash")[:BATCH]
        )
        if not rows:
            return
        yield from rows
        position = rows[-1]["chain_position"]


def _seals_write(schema_editor: BaseDatabaseSchemaEditor, table: str, seals: list[tuple[str, str, str, int]]) -> None:
    quoted = schema_editor.connection.ops.quote_name(table)
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quoted} SET previous_hash = %s, key_id = %s, hash = %s WHERE id = %s",  # noqa: S608 - our table
            seals,
        )


def reseal_with_key(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from tandem.audit.keys import signing_key  # the key lives in the settings, outside the database

    event_model = apps.get_model("audit", "AuditEvent")
    head_model = apps.get_model("audit", "AuditChainHead")
    head = head_model.objects.filter(id=1).first()
    if head is None or head.last_position == 0:
        return
    # First the old chain, as the old verification walked it: resealing a broken chain would hide the break.
    previous, position = GENESIS_HASH, 0
    for row in _sealed(event_model):
        if (
            row["chain_position"] != position + 1
            or row["previous_hash"] != previous
            or _legacy_hash(row, previous) != row["hash"]
        ):
            raise RuntimeError(
                f"The audit log does not verify (event {row['id']} does not fit), so it was not resealed with "
                "the audit key: find out what happened before migrating. Nothing was changed."
            )
        previous, position = row["hash"], row["chain_position"]
    if (previous, position) != (head.last_hash, head.last_position):
        raise RuntimeError(
            "The audit log does not verify (rows at the end of the log were removed), so it was not resealed "
            "with the audit key: find out what happened before migrating. Nothing was changed."
        )
    key = signing_key()
    previous, last_id = GENESIS_HASH, 0
    seals: list[tuple[str, str, str, int]] = []
    for row in _sealed(event_model):
        row.update(previous_hash=previous, key_id=key.id)
        previous, last_id = _keyed_hash(row, key.secret), row["id"]
        seals.append((row["previous_hash"], key.id, previous, last_id))
    _seals_write(schema_editor, event_model._meta.db_table, seals)
    head_model.objects.filter(id=1).update(
        last_hash=previous,
        key_id=key.id,
        signature=_head_signature(head.last_position, previous, last_id, key.secret),
    )


def reseal_without_key(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Back to the old plain SHA-256 seals, for the code before the audit key."""
    event_model = apps.get_model("audit", "AuditEvent")
    head_model = apps.get_model("audit", "AuditChainHead")
    previous = GENESIS_HASH
    seals: list[tuple[str, str, str, int]] = []
    for row in _sealed(event_model):
        digest = _legacy_hash(row, previous)
        seals.append((previous, "", digest, row["id"]))
        previous = digest
    if seals:
        _seals_write(schema_editor, event_model._meta.db_table, seals)
        head_model.objects.filter(id=1).update(last_hash=previous, key_id="", signature="")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_keyed_seals")]

    operations = [migrations.RunPython(reseal_with_key, reseal_without_key)]
