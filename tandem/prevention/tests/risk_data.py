"""Records the risk score's tests build: adults, health events on given days, conditions sent."""

from datetime import date, datetime, time, timedelta
from itertools import count
from typing import Any

from django.utils import timezone

from tandem.core import clock
from tandem.prevention.models import HealthEvent
from tandem.prevention.risk import services
from tests.conftest import person_make

_keys = count(1)


def adult_make(**fields: Any) -> Any:
    fields.setdefault("given_name", "Edna")
    fields.setdefault("family_name", f"Pryce{next(_keys)}")
    fields.setdefault("date_of_birth", date(1940, 5, 1))
    return person_make(**fields)


def days_ago(days: int, at: time = time(12, 0)) -> datetime:
    return timezone.make_aware(datetime.combine(clock.today() - timedelta(days=days), at))


def event_make(
    person: Any, kind: str, days: int, *, codes: list[dict[str, str]] | None = None, at: time = time(12, 0)
) -> HealthEvent:
    when = days_ago(days, at)
    event = HealthEvent.objects.create(
        person=person,
        kind=kind,
        occurred_at=when,
        source_key=f"urn:risk-test|{next(_keys)}",
        resource_type="Encounter",
        received_at=when,
        codes=codes or [],
    )
    services.conditions_note([event])
    return event


def diagnosis(code: str, system: str = "http://hl7.org/fhir/sid/icd-10") -> dict[str, str]:
    return {"element": "diagnosis", "system": system, "code": code, "display": ""}
