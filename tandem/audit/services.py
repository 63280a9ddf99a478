"""Writing to the audit log: the only way rows get into it."""

import functools
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from tandem.audit.context import current_origin
from tandem.audit.hashing import GENESIS_HASH, HASHED_FIELDS, head_signature, row_hash
from tandem.audit.keys import signing_key
from tandem.audit.models import AuditChainHead, AuditEvent
from tandem.core import clock
from tandem.core.actors import NamedActor


def _json_safe(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


# Sealing runs after every SEAL_EVERY-th event commits, from `tandem audit_seal` and the
# scheduled task; so at most a few dozen recent events wait unsealed. Verification never seals.
SEAL_EVERY = 50


def record(
    *,
    actor: NamedActor | None,
    action: str,
    person: Any = None,
    target: Any = None,
    summary: str = "",
    changes: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one event to the log, inside the calling service's transaction (ADR 0002).

    Writing takes no lock: the hash chain is built afterwards by chain_seal, in the order events
    are sealed, so page views never queue behind one another.
    """
    origin = current_origin()
    values: dict[str, Any] = {
        "at": clock.now(),
        "actor_id": actor.pk if actor is not None else None,
        "actor_name": ((actor.get_full_name() or actor.username) if actor is not None else "System")[:200],
        "action": action,
        "person_uuid": person.uuid if person is not None else None,
        "target_type": target._meta.label_lower if target is not None else "",
        "target_id": str(target.pk) if target is not None else "",
        # The column holds 300 characters; what is hashed later is what is stored.
        "summary": summary[:300],
        "changes": _json_safe(changes or {}),
        "reason": reason,
        "ip_address": origin.ip_address if origin else None,
        "user_agent": origin.user_agent if origin else "",
    }
    values |= _EMPTY_SEAL
    event_id = _event_insert(values)
    if event_id % SEAL_EVERY == 0:
        transaction.on_commit(_seal_soon)
    return _event_loaded(event_id, values)


# A new event's seal is empty until chain_seal fills it, once.
_EMPTY_SEAL = {"chain_position": None, "previous_hash": "", "key_id": "", "hash": None}


@functools.cache
def _insert_sql(vendor: str) -> tuple[str, tuple[Any, ...]]:
    """The one INSERT of an event, written once a process from the model's own table and columns."""
    fields = tuple(field for field in AuditEvent._meta.concrete_fields if not field.primary_key)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(AuditEvent._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608 - our own names
    if connection.features.can_return_columns_from_insert:
        sql += f" RETURNING {quote(_ID_COLUMN)}"
    return sql, fields


_ID_COLUMN = "id"  # AuditEvent.id, a BigAutoField with its default column


def _event_insert(values: dict[str, Any]) -> int:
    """Insert one event with a fixed statement and return its id.

    `AuditEvent.objects.create` composed the same INSERT through the ORM on every page view, about
    a million instructions each time; each value still goes through its field's own conversion
    for the database (`get_db_prep_save`, as the ORM's insert does), so what is stored, and
    therefore what is sealed, is the same. The model's refusal of updates and deletes is untouched.
    """
    sql, fields = _insert_sql(connection.vendor)
    params = [field.get_db_prep_save(values[field.attname], connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if connection.features.can_return_columns_from_insert:
            row = cursor.fetchone()
            return int(row[0])
        return int(connection.ops.last_insert_id(cursor, AuditEvent._meta.db_table, _ID_COLUMN))


def _event_loaded(event_id: int, values: dict[str, Any]) -> AuditEvent:
    """The event as the ORM would read it back (an existing row: saving it again is refused)."""
    row = {"id": event_id, **values}
    names = [field.attname for field in AuditEvent._meta.concrete_fields]
    return AuditEvent.from_db(connection.alias, names, [row[name] for name in names])


def record_many(
    *,
    actor: NamedActor | None,
    action: str,
    people: Iterable[Any],
    target: Any = None,
    summary: str = "",
    changes: dict[str, Any] | None = None,
) -> int:
    """Append one event a person, alike but for the person, in one INSERT (inside the calling
    service's transaction, as `record`): for work that reads many records at once, such as a
    partner's bulk export. Returns how many were written."""
    origin = current_origin()
    at = clock.now()
    safe = _json_safe(changes or {})
    events = [
        AuditEvent(
            at=at,
            actor_id=actor.pk if actor is not None else None,
            actor_name=((actor.get_full_name() or actor.username) if actor is not None else "System")[:200],
            action=action,
            person_uuid=str(person.uuid),
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            summary=summary[:300],
            changes=safe,
            ip_address=origin.ip_address if origin else None,
            user_agent=origin.user_agent if origin else "",
        )
        for person in people
    ]
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    if len(events) >= SEAL_EVERY:
        transaction.on_commit(_seal_soon)
    return len(events)


def _seals_write(seals: list[tuple[int, str, str, str, int]]) -> None:
    """One parameterised UPDATE a row, sent as a batch (pipelined on PostgreSQL): `bulk_update`
    builds a CASE expression per field whose compilation cost a millisecond an event."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            # The database guard (migration 0004) lets exactly this through: an empty seal filled once.
            f"UPDATE {table} SET chain_position = %s, previous_hash = %s, key_id = %s, hash = %s WHERE id = %s",  # noqa: S608 - the table name is ours
            seals,
        )


def _seal_soon() -> None:
    """Hand sealing to a worker (in-process when tasks run eagerly, as in the demo and tests)."""
    from tandem.audit.tasks import chain_seal_task  # the task module imports this one

    chain_seal_task.delay()


def chain_seal(*, batch_size: int = 1000) -> int:
    """Seal every committed, unsealed event into the hash chain, oldest first; return how many.

    The chain head is locked while sealing, so two sealers never fork the chain. An event whose
    transaction commits late is simply sealed in a later batch: its place in the chain is the
    order of sealing, not its id.
    """
    key = signing_key()
    sealed = 0
    while True:
        with transaction.atomic():
            head, _ = AuditChainHead.objects.select_for_update().get_or_create(
                id=1, defaults={"last_hash": GENESIS_HASH}
            )
            rows = list(AuditEvent.objects.filter(hash__isnull=True).order_by("id").values(*HASHED_FIELDS)[:batch_size])
            if not rows:
                return sealed
            previous, position = head.last_hash, head.last_position
            seals: list[tuple[int, str, str, str, int]] = []
            for row in rows:
                position += 1
                row.update(chain_position=position, previous_hash=previous, key_id=key.id)
                digest = row_hash(row, key=key.secret)
                seals.append((position, previous, key.id, digest, row["id"]))
                previous = digest
            # The only write to existing events: filling their empty seals, once, under the head's lock.
            _seals_write(seals)
            AuditChainHead.objects.filter(id=1).update(
                last_hash=previous,
                last_event_id=rows[-1]["id"],
                last_position=position,
                key_id=key.id,
                signature=head_signature(
                    position=position, last_hash=previous, last_event_id=rows[-1]["id"], key=key.secret
                ),
            )
            sealed += len(rows)
