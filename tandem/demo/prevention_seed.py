"""Health events from partners for the demo borough, received through the prevention app's own
service (so they reach timelines, the allocated workers' "my work" and the teams holding care
packages as a hospital's feed would): the last 90 days of admissions, discharges, A&E attendances,
falls, GP contacts and telecare alerts for people on caseloads and a sample of the rest, and a few
events without an NHS number waiting in the matching queue. Everything is synthetic.
"""

import random
from datetime import timedelta

from tandem.core import clock
from tandem.prevention.codes import EventKind
from tandem.prevention.models import EventAwaitingMatch, HealthEvent
from tandem.prevention.services import IncomingEvent, PatientFacts, events_receive
from tandem.workforce.codes import CaseStatus
from tandem.workforce.models import Case

PLACES = [("RBL", "Arrowe Park Hospital"), ("RBL", "Clatterbridge Hospital"), ("N81001", "Riverside Surgery")]
KIND_WEIGHTS = {
    EventKind.GP_CONTACT: 40,
    EventKind.AE_ATTENDANCE: 15,
    EventKind.EMERGENCY_ADMISSION: 10,
    EventKind.ELECTIVE_ADMISSION: 5,
    EventKind.DISCHARGE: 10,
    EventKind.FALL: 12,
    EventKind.TELECARE_ALERT: 8,
}
WAITING = [("Quayle", "Edith"), ("Gorst", "Albert"), ("Maddock", "Ivy"), ("Tushingham", "Stanley")]


def prevention_seed(*, seed: int, most: int = 1_500) -> dict[str, int]:
    """Receive the demo's health events; the borough and its workforce must be seeded first."""
    rng = random.Random(seed * 7919 + 17)
    EventAwaitingMatch.objects.filter(source_key__startswith="urn:demo|").delete()
    HealthEvent.objects.filter(source_key__startswith="urn:demo|").delete()
    held = list(
        Case.objects.filter(status=CaseStatus.ALLOCATED, person__nhs_number__isnull=False)
        .order_by("pk")
        .values_list("person__nhs_number", flat=True)[: most // 3]
    )
    now = clock.now()
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    batch = []
    for n, number in enumerate(held * 3):
        code, place = rng.choice(PLACES if n % 4 else PLACES[2:])
        kind = rng.choices(kinds, weights)[0]
        batch.append(
            IncomingEvent(
                kind=kind,
                occurred_at=now - timedelta(minutes=rng.randrange(90 * 24 * 60)),
                source_key=f"urn:demo|{n}",
                resource_type="Observation" if kind in (EventKind.FALL, EventKind.TELECARE_ALERT) else "Encounter",
                patient=PatientFacts(nhs_number=number or ""),
                source_organisation_code=code,
                source_organisation_name=place,
            )
        )
    for n, (family, given) in enumerate(WAITING):
        batch.append(
            IncomingEvent(
                kind=rng.choice([EventKind.AE_ATTENDANCE, EventKind.FALL]),
                occurred_at=now - timedelta(hours=rng.randrange(1, 72)),
                source_key=f"urn:demo|waiting-{n}",
                resource_type="Encounter",
                patient=PatientFacts(family_name=family, given_name=given, postcode="CH41 2XY"),
                source_organisation_code="RBL",
                source_organisation_name="Arrowe Park Hospital",
            )
        )
    receipt = events_receive(batch=batch, actor=None)
    return {"health events": len(receipt.recorded), "waiting for a match": len(receipt.waiting)}
