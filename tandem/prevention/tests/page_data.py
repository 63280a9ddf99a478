"""Records the prevention pages need in the authorisation matrix and the accessibility visits: a
health event on the world's person told to the practitioner, and an event waiting for a match."""

from datetime import date
from typing import Any

from tandem.core import clock
from tandem.prevention.codes import EventKind, MatchState, NhsNumberCheck, NoticeKind
from tandem.prevention.models import EventAwaitingMatch, EventNotice, HealthEvent
from tandem.workforce.codes import CaseStatus
from tandem.workforce.models import Case


def prevention_world(person: Any, staff: dict[Any, Any]) -> dict[str, Any]:
    practitioner = next(user for role, user in staff.items() if user is not None and role == "practitioner")
    now = clock.now()
    facts: dict[str, Any] = {
        "occurred_at": now,
        "resource_type": "Encounter",
        "source_organisation_name": "Arrowe Park Hospital",
        "summary": "Emergency admission (21)",
        "received_at": now,
    }
    event = HealthEvent.objects.create(
        person=person, kind=EventKind.EMERGENCY_ADMISSION, source_key="urn:world|1", **facts
    )
    notice = EventNotice.objects.create(
        event=event, person=person, kind=NoticeKind.WORKER, user=practitioner, created_at=now
    )
    waiting = EventAwaitingMatch.objects.create(
        kind=EventKind.FALL,
        source_key="urn:world|2",
        state=MatchState.WAITING,
        why="No NHS number was sent",
        nhs_number_check=NhsNumberCheck.MISSING,
        family_name="Quayle",
        given_name="Edith",
        birth_date=date(1938, 2, 11),
        **facts,
    )
    return {"prevention_notice_id": notice.pk, "prevention_waiting_uuid": waiting.uuid}


def allocate(person: Any, *, team: Any, worker: Any) -> Case:
    """Put the person on the worker's caseload (an allocated case), so their events are told to them."""
    now = clock.now()
    return Case.objects.create(
        person=person,
        team=team,
        summary="Review",
        status=CaseStatus.ALLOCATED,
        allocated_to=worker,
        opened_at=now,
        allocated_at=now,
    )
