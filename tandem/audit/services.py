"""Writing to the audit log: the only way rows get into it."""

import hashlib
import json
from datetime import datetime
from typing import Any

from django.db import transaction

from tandem.audit.context import current_origin
from tandem.audit.models import AuditChainHead, AuditEvent
from tandem.core import clock

GENESIS_HASH = "0" * 64


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def event_hash(
    *,
    previous_hash: str,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    action: str,
    person_uuid: str | None,
    target_type: str,
    target_id: str,
    summary: str,
    changes: dict[str, Any],
    reason: str,
    ip_address: str | None,
) -> str:
    """The chain hash: SHA-256 over the previous hash and every field that says what happened."""
    payload = json.dumps(
        [
            previous_hash,
            at.isoformat(timespec="microseconds"),
            actor_id,
            actor_name,
            action,
            person_uuid,
            target_type,
            target_id,
            summary,
            changes,
            reason,
            ip_address,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def record(
    *,
    actor: Any,
    action: str,
    person: Any = None,
    target: Any = None,
    summary: str = "",
    changes: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event to the tamper-evident log; call it inside the service's transaction."""
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1, defaults={"last_hash": GENESIS_HASH})
        origin = current_origin()
        at = clock.now()
        actor_id = actor.pk if actor is not None else None
        actor_name = (actor.get_full_name() or actor.username) if actor is not None else "System"
        person_uuid = str(person.uuid) if person is not None else None
        target_type = target._meta.label_lower if target is not None else ""
        target_id = str(target.pk) if target is not None else ""
        safe_changes = _json_safe(changes or {})
        # Hash what is stored: the column holds 300 characters, and a longer summary hashed in
        # full would never verify.
        summary = summary[:300]
        ip_address = origin.ip_address if origin else None
        digest = event_hash(
            previous_hash=head.last_hash,
            at=at,
            actor_id=actor_id,
            actor_name=actor_name,
            action=action,
            person_uuid=person_uuid,
            target_type=target_type,
            target_id=target_id,
            summary=summary,
            changes=safe_changes,
            reason=reason,
            ip_address=ip_address,
        )
        event = AuditEvent.objects.create(
            at=at,
            actor_id=actor_id,
            actor_name=actor_name,
            action=action,
            person_uuid=person_uuid,
            target_type=target_type,
            target_id=target_id,
            summary=summary,
            changes=safe_changes,
            reason=reason,
            ip_address=ip_address,
            user_agent=origin.user_agent if origin else "",
            previous_hash=head.last_hash,
            hash=digest,
        )
        AuditChainHead.objects.filter(id=1).update(last_hash=digest, last_event_id=event.id)
    return event
