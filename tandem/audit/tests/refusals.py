"""What every refused write must leave behind: its rows as they were, and no new audit event."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Model

from tandem.audit.models import AuditEvent
from tandem.core.errors import DomainError


def refused_unchanged(
    write: Callable[[], Any], *rows: Model, raises: type[DomainError] = DomainError, audited: int | None = None
) -> DomainError:
    """Run a write that must be refused with `raises`; check it changed none of `rows` and audited
    nothing (and, given `audited`, that the trail holds exactly that many events before and after);
    give the refusal, for its message and field."""
    before = [type(row).objects.values().get(pk=row.pk) for row in rows]
    events = AuditEvent.objects.count()
    if audited is not None:
        assert events == audited

    with pytest.raises(raises) as refused:
        write()

    assert [type(row).objects.values().get(pk=row.pk) for row in rows] == before
    assert AuditEvent.objects.count() == events
    return refused.value
