"""Reads of safeguarding records that other apps and pages share."""

from typing import Any

from tandem.core import registry
from tandem.safeguarding.codes import ConcernStatus
from tandem.safeguarding.models import Concern


def open_work_for_person(person: Any, actor: Any) -> list[registry.OpenWorkItem]:
    """Concerns not yet closed. (Raising one shows on the timeline through the front door's outcome;
    the safeguarding app adds its own timeline entries when triage and enquiries exist.)"""
    concerns = Concern.objects.filter(person_id=person.pk).exclude(status=ConcernStatus.CLOSED)[:10]
    return [
        registry.OpenWorkItem(
            title="Safeguarding concern", team="Safeguarding", status=c.get_status_display(), started=c.raised_at
        )
        for c in concerns
    ]
