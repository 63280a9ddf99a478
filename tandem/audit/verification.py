"""Checking the audit chain: every row's hash must follow from its fields and the row before."""

from dataclasses import dataclass
from datetime import timedelta

from tandem.audit.models import AuditChainHead, AuditEvent
from tandem.audit.services import GENESIS_HASH, HASHED_FIELDS, chain_seal, row_hash
from tandem.core import clock


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None
    problem: str

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def chain_verify(*, batch_size: int = 5000) -> ChainReport:
    """Seal what is waiting, then walk the chain in order; the first row that does not fit is
    where the log was altered."""
    chain_seal()
    previous = GENESIS_HASH
    checked = 0
    position = 0
    last_id = 0
    fields = (*HASHED_FIELDS, "chain_position", "previous_hash", "hash")
    while True:
        rows = list(
            AuditEvent.objects.filter(chain_position__gt=position)
            .order_by("chain_position")
            .values(*fields)[:batch_size]
        )
        if not rows:
            break
        for row in rows:
            if row["chain_position"] != position + 1 or row["previous_hash"] != previous:
                return ChainReport(checked, row["id"], "a row before it was removed or changed")
            if row_hash(row, previous_hash=previous) != row["hash"]:
                return ChainReport(checked, row["id"], "its contents were changed after it was written")
            previous = row["hash"]
            position = row["chain_position"]
            checked += 1
            last_id = row["id"]
    head = AuditChainHead.objects.filter(id=1).first()
    if head is not None and (head.last_hash != previous or head.last_position != position):
        # With every row gone there is no last row checked: name the newest event the head expects.
        return ChainReport(checked, last_id or head.last_event_id, "rows at the end of the log were removed")
    # Sealing has just run, so an unsealed row older than any transaction lasts had its seal wiped.
    stale = clock.now() - timedelta(minutes=5)
    unsealed = AuditEvent.objects.filter(hash__isnull=True, at__lt=stale).order_by("id").first()
    if unsealed is not None:
        return ChainReport(checked, unsealed.id, "its seal was removed")
    return ChainReport(checked, None, "")
