"""Writes to safeguarding records. `concern_raise` is the hand-over point for other apps."""

from typing import Any

from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.identity.permissions import Permission
from tandem.safeguarding.models import Concern

MAX_SUMMARY = 5000


@transaction.atomic
def concern_raise(*, person: Any, summary: str, source: str, source_reference: str = "", actor: Any) -> Concern:
    """Raise a safeguarding concern about a person; it waits for triage by the safeguarding team."""
    require(actor.can(Permission.CONCERN_RAISE), "You do not have permission to raise safeguarding concerns")
    summary = summary.strip()
    if not summary:
        raise DomainError(
            "Describe the safeguarding concern: what happened, to whom, and any risk now", field="summary"
        )
    if len(summary) > MAX_SUMMARY:
        raise DomainError(f"The concern must be {MAX_SUMMARY:,} characters or fewer", field="summary")
    if person.merged_into_id is not None:
        raise DomainError("That record was merged into another: raise the concern on the record kept")
    concern = Concern.objects.create(
        person=person,
        summary=summary,
        raised_at=clock.now(),
        raised_by=actor,
        source=source,
        source_reference=source_reference,
    )
    audit.record(
        actor=actor,
        action="safeguarding.concern.raised",
        person=person,
        target=concern,
        summary="Raised a safeguarding concern",
        changes={"source": source, "source_reference": source_reference},
    )
    return concern
