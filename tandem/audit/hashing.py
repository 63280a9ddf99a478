"""The seal of an audit event and the signature of the chain head: HMAC-SHA256 (RFC 2104, FIPS
198-1) with a key held outside the database (ADR 0002), so rewriting a sealed event, or cutting
events off the end of the chain, needs the key as well as the database.
"""

import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from tandem.audit.models import AuditEvent

GENESIS_HASH = "0" * 64

# Every column of an event except the seal itself, named in the hashed text, so a column added to
# the model is covered from the day it exists (the tests change each one and expect a failure).
HASHED_FIELDS = tuple(field.attname for field in AuditEvent._meta.concrete_fields if field.attname != "hash")

# The seal's own columns: the only ones sealing writes, once, into an event that has none.
SEAL_FIELDS = ("chain_position", "previous_hash", "key_id", "hash")

_EVENT_DOMAIN = b"tandem.audit.event.v2\n"
_HEAD_DOMAIN = b"tandem.audit.head.v1\n"


def _canonical(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, UUID):
        return str(value)
    return value


def _mac(key: bytes, domain: bytes, content: Any) -> str:
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(key, domain + text.encode("utf-8"), hashlib.sha256).hexdigest()


def row_hash(row: Mapping[str, Any], *, key: bytes) -> str:
    """The seal of one event: HMAC-SHA256 over every column but the seal itself, by name."""
    return _mac(key, _EVENT_DOMAIN, {name: _canonical(row[name]) for name in HASHED_FIELDS})


def head_signature(*, position: int, last_hash: str, last_event_id: int, key: bytes) -> str:
    """The signature of the chain head: where the chain ends, so cutting events off the end shows."""
    return _mac(key, _HEAD_DOMAIN, {"last_event_id": last_event_id, "last_hash": last_hash, "last_position": position})


def digests_equal(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and hmac.compare_digest(a, b)
