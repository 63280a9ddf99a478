"""Checking the audit chain: every row's hash must follow from its fields and the row before."""

from dataclasses import dataclass

from tandem.audit.models import AuditChainHead, AuditEvent
from tandem.audit.services import GENESIS_HASH, event_hash


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None
    problem: str

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def chain_verify(*, batch_size: int = 5000) -> ChainReport:
    """Walk the whole log in order; the first row that does not fit is where it was altered."""
    previous = GENESIS_HASH
    checked = 0
    last_id = 0
    fields = (
        "id",
        "at",
        "actor_id",
        "actor_name",
        "action",
        "person_uuid",
        "target_type",
        "target_id",
        "summary",
        "changes",
        "reason",
        "ip_address",
        "previous_hash",
        "hash",
    )
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id").values(*fields)[:batch_size])
        if not rows:
            break
        for row in rows:
            if row["previous_hash"] != previous:
                return ChainReport(checked, row["id"], "a row before it was removed or changed")
            expected = event_hash(
                previous_hash=previous,
                at=row["at"],
                actor_id=row["actor_id"],
                actor_name=row["actor_name"],
                action=row["action"],
                person_uuid=str(row["person_uuid"]) if row["person_uuid"] else None,
                target_type=row["target_type"],
                target_id=row["target_id"],
                summary=row["summary"],
                changes=row["changes"],
                reason=row["reason"],
                ip_address=row["ip_address"],
            )
            if expected != row["hash"]:
                return ChainReport(checked, row["id"], "its contents were changed after it was written")
            previous = row["hash"]
            checked += 1
            last_id = row["id"]
    head = AuditChainHead.objects.filter(id=1).first()
    if head is not None and head.last_hash != previous:
        # With every row gone there is no last row checked: name the newest event the head expects.
        return ChainReport(checked, last_id or head.last_event_id, "rows at the end of the log were removed")
    return ChainReport(checked, None, "")
