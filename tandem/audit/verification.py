"""Checking the audit chain: every row's keyed hash must follow from its columns and the row before,
and the chain must reach the signed head (and an exported head, when one is given).

Verification only reads: it never seals or writes anything, so it can run on a replica or as a
database role that may only SELECT (ADR 0002).
"""

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from tandem.audit.hashing import GENESIS_HASH, HASHED_FIELDS, digests_equal, head_signature, row_hash
from tandem.audit.keys import DEVELOPMENT_KEY_ID, verifying_keys
from tandem.audit.models import AuditChainHead, AuditEvent
from tandem.core import clock

_HEX64 = re.compile(r"[0-9a-f]{64}")
_HEAD_FIELDS = ("last_hash", "last_event_id", "last_position", "key_id", "signature")


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None
    problem: str
    # Events written but not sealed yet: not checked, and not a fault (the sealer runs every minute).
    waiting: int = 0

    @property
    def intact(self) -> bool:
        return self.broken_at is None


@dataclass(frozen=True)
class ExportedHead:
    """The end of the chain as `tandem audit_head` exports it, to be kept where the database is not."""

    chain_position: int
    event_id: int
    hash: str
    at: str
    key_id: str
    exported_at: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"


class ChainHeadError(Exception):
    """The chain head cannot be exported: nothing is sealed, or it does not check out."""


def exported_head_read(text: str) -> ExportedHead:
    """Read an exported head; a clear ValueError for anything that is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"it is not JSON ({error.msg}, line {error.lineno})") from None
    except RecursionError:
        raise ValueError("it is not an exported chain head (nested too deeply)") from None
    if not isinstance(data, dict):
        raise ValueError("it is not an exported chain head (expected a JSON object)")
    position, event_id, digest = data.get("chain_position"), data.get("event_id"), data.get("hash")
    if type(position) is not int or position < 1:
        raise ValueError("its chain_position must be a whole number of 1 or more")
    if type(event_id) is not int or event_id < 1:
        raise ValueError("its event_id must be a whole number of 1 or more")
    if not isinstance(digest, str) or not _HEX64.fullmatch(digest):
        raise ValueError("its hash must be 64 lower-case hexadecimal characters")
    return ExportedHead(
        chain_position=position,
        event_id=event_id,
        hash=digest,
        at=str(data.get("at", "")),
        key_id=str(data.get("key_id", "")),
        exported_at=str(data.get("exported_at", "")),
    )


def _unknown_key_problem(key_id: str) -> str:
    if key_id == DEVELOPMENT_KEY_ID:
        return "it was sealed with the published development key, which a server with its own key never accepts"
    if not key_id:
        return "it carries no key id"
    return (
        f"it was sealed with the key {key_id!r}, which this server does not hold (keep old keys in TANDEM_AUDIT_KEYS)"
    )


def _head_signed(head: dict[str, Any], keys: dict[str, bytes]) -> bool:
    key = keys.get(head["key_id"])
    return key is not None and digests_equal(
        head["signature"],
        head_signature(
            position=head["last_position"], last_hash=head["last_hash"], last_event_id=head["last_event_id"], key=key
        ),
    )


@dataclass
class _Walk:
    """How far the walk along the chain got."""

    checked: int = 0
    position: int = 0
    last_id: int = 0
    previous: str = GENESIS_HASH
    # The event id and hash at the positions the heads name.
    seen: dict[int, tuple[int, str]] = field(default_factory=dict)


def _walk(walk: _Walk, *, keys: dict[str, bytes], wanted: set[int], batch_size: int) -> ChainReport | None:
    """Check every sealed row in chain order; the report of the first that does not fit, if any."""
    fields = (*HASHED_FIELDS, "hash")
    while rows := list(
        AuditEvent.objects.filter(chain_position__gt=walk.position)
        .order_by("chain_position")
        .values(*fields)[:batch_size]
    ):
        for row in rows:
            if row["chain_position"] != walk.position + 1 or row["previous_hash"] != walk.previous:
                return ChainReport(walk.checked, row["id"], "a row before it was removed or changed")
            key = keys.get(row["key_id"])
            if key is None:
                return ChainReport(walk.checked, row["id"], _unknown_key_problem(row["key_id"]))
            if not digests_equal(row_hash(row, key=key), row["hash"]):
                return ChainReport(walk.checked, row["id"], "its contents were changed after it was written")
            walk.previous, walk.position, walk.last_id = row["hash"], row["chain_position"], row["id"]
            walk.checked += 1
            if walk.position in wanted:
                walk.seen[walk.position] = (row["id"], row["hash"])
    return None


def _head_read() -> dict[str, Any] | None:
    head: dict[str, Any] | None = AuditChainHead.objects.filter(id=1).values(*_HEAD_FIELDS).first()
    return head


def _start_head_problem(head: dict[str, Any] | None, walk: _Walk, keys: dict[str, bytes]) -> ChainReport | None:
    """No head, or one at the start: it vouches for nothing (a sealer creates it before sealing)."""
    if not walk.checked:
        return None
    later = _head_read()
    if later is not None and later["last_position"] > 0 and _head_signed(later, keys):
        return None  # the very first events were sealed while we walked
    problem = "the chain head was removed" if head is None else "the chain head was altered"
    return ChainReport(walk.checked, walk.last_id, problem)


def _head_problem(head: dict[str, Any] | None, walk: _Walk, keys: dict[str, bytes]) -> ChainReport | None:
    if head is None or head["last_position"] == 0:
        return _start_head_problem(head, walk, keys)
    if not _head_signed(head, keys):
        return ChainReport(walk.checked, head["last_event_id"], "the chain head was altered")
    # With every row gone there is no last row checked: name the newest event the head expects.
    if walk.position < head["last_position"]:
        return ChainReport(
            walk.checked, walk.last_id or head["last_event_id"], "rows at the end of the log were removed"
        )
    event_id, digest = walk.seen[head["last_position"]]
    if (event_id, digest) != (head["last_event_id"], head["last_hash"]):
        return ChainReport(walk.checked, event_id, "the chain head was altered")
    return None


def _exported_problem(exported: ExportedHead, walk: _Walk) -> ChainReport | None:
    if walk.position < exported.chain_position:
        return ChainReport(
            walk.checked,
            walk.last_id or exported.event_id,
            f"the log ends at position {walk.position} but the exported head is at {exported.chain_position}: "
            "rows were removed",
        )
    event_id, digest = walk.seen[exported.chain_position]
    if event_id != exported.event_id or not digests_equal(digest, exported.hash):
        return ChainReport(
            walk.checked,
            event_id,
            f"it does not match the exported head at position {exported.chain_position}: the log was rewritten",
        )
    return None


def chain_verify(*, batch_size: int = 5000, exported: ExportedHead | None = None) -> ChainReport:
    """Walk the chain in order; the first row that does not fit is where the log was altered.

    The head is read before the rows: events sealed while we walk lie beyond it and are checked
    like the rest, so a sealer running alongside never makes an intact log look cut short.
    """
    keys = verifying_keys()
    head = _head_read()
    wanted = {p for p in (head and head["last_position"], exported and exported.chain_position) if p}
    walk = _Walk()
    problem = (
        _walk(walk, keys=keys, wanted=wanted, batch_size=batch_size)
        or _head_problem(head, walk, keys)
        or (_exported_problem(exported, walk) if exported is not None else None)
    )
    if problem is not None:
        return problem
    return ChainReport(walk.checked, None, "", waiting=AuditEvent.objects.filter(hash__isnull=True).count())


def chain_head_export() -> ExportedHead:
    """The end of the chain, checked against its signature and its last event, ready to keep."""
    keys = verifying_keys()
    head = _head_read()
    if head is None or head["last_position"] == 0:
        raise ChainHeadError("Nothing is sealed yet: run tandem audit_seal first.")
    last = AuditEvent.objects.filter(chain_position=head["last_position"]).values(*HASHED_FIELDS, "hash").first()
    key = keys.get(last["key_id"]) if last is not None else None
    if (
        not _head_signed(head, keys)
        or last is None
        or key is None
        or (last["id"], last["hash"]) != (head["last_event_id"], head["last_hash"])
        or not digests_equal(row_hash(last, key=key), last["hash"])
    ):
        raise ChainHeadError("The chain head does not check out: run tandem audit_verify to find where.")
    at: datetime = last["at"]
    return ExportedHead(
        chain_position=head["last_position"],
        event_id=head["last_event_id"],
        hash=head["last_hash"],
        at=at.isoformat(),
        key_id=head["key_id"],
        exported_at=clock.now().isoformat(),
    )
