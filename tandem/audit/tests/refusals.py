"""What every refused review must leave behind: the entry as it was, and no audit event."""

from collections.abc import Callable
from typing import Any

import pytest

from tandem.audit.models import AuditEvent
from tandem.core.errors import DomainError


def refused_unchanged(review: Callable[[], Any], entry: Any, *, raises: type[DomainError] = DomainError) -> str:
    """Run a review that must be refused; check it changed nothing and audited nothing; give the message."""
    before = type(entry).objects.values().get(pk=entry.pk)
    events = AuditEvent.objects.count()

    with pytest.raises(raises) as refused:
        review()

    assert type(entry).objects.values().get(pk=entry.pk) == before
    assert AuditEvent.objects.count() == events
    return refused.value.message
