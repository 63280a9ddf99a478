"""Health histories and what happened next, for the risk score's evaluation to find something real.

Each sampled resident aged 65 or over is given a hidden frailty band with the shares the
electronic frailty index found among people aged 65 and over (Clegg A, Bates C, Young J, et al.
Development and validation of an electronic frailty index using routine primary care electronic
health record data. Age and Ageing 2016;45(3):353-60): fit 50%, mild 35%, moderate 12%, severe 3%.
The year before a baseline a year ago carries health events and coded conditions that accumulate
with the band (deficit accumulation, the index's premise; the rates are this generator's own
assumptions, in `HISTORY`). The year after the baseline carries emergency admissions drawn with the
paper's one-year hazard ratios for unplanned hospitalisation by band against fit (mild 1.93,
moderate 3.04, severe 4.73), on an assumed one-year risk of 6% for the fit: with a constant hazard,
P(band) = 1 - (1 - P(fit)) ** HR. Nothing else in the record depends on the hidden band, so the
evaluation page measures how well the score, which never sees the band, recovers it from the events.
Everything is synthetic.
"""

import math
import random
from datetime import date, timedelta
from typing import Any

from tandem.core import clock
from tandem.people.models import Person
from tandem.prevention.codes import EventKind
from tandem.prevention.models import HealthEvent, RiskCondition
from tandem.prevention.risk import services as risk_services
from tandem.prevention.risk.conditions import CONDITIONS, ICD10, SNOMED

BANDS = ("fit", "mild", "moderate", "severe")
SHARES = (0.50, 0.35, 0.12, 0.03)  # Clegg et al. 2016, people aged 65 and over
HOSPITALISATION_HR = {"fit": 1.0, "mild": 1.93, "moderate": 3.04, "severe": 4.73}  # Clegg et al. 2016
FIT_ADMISSION_RISK = 0.06  # an assumption: one-year risk of an emergency admission for the fit

# Mean events in the year before the baseline, and mean coded conditions, by band (assumptions).
HISTORY = {
    EventKind.FALL: (0.05, 0.3, 0.8, 1.5),
    EventKind.EMERGENCY_ADMISSION: (0.05, 0.2, 0.5, 1.0),
    EventKind.AE_ATTENDANCE: (0.1, 0.3, 0.6, 1.0),
    EventKind.GP_CONTACT: (2.0, 4.0, 7.0, 10.0),
    EventKind.TELECARE_ALERT: (0.0, 0.1, 0.4, 1.0),
}
CONDITIONS_MEAN = (0.5, 1.5, 3.0, 4.5)
SAMPLE = {"small": 2_000, "medium": 30_000, "large": 60_000}
PREFIX = "urn:demo-risk|"


# Falls and telecare alerts arrive as Observations, the rest as Encounters, as partners send them
# (interop/events.py serves each event as the resource type it came as).
_RESOURCE_TYPE: dict[str, str] = {EventKind.FALL: "Observation", EventKind.TELECARE_ALERT: "Observation"}


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _band(rng: random.Random) -> int:
    draw, total = rng.random(), 0.0
    for n, share in enumerate(SHARES):
        total += share
        if draw < total:
            return n
    return len(SHARES) - 1


def _coding(rng: random.Random, condition: Any) -> dict[str, str]:
    if condition.snomed and rng.random() < 0.3:
        return {"element": "diagnosis", "system": SNOMED, "code": condition.snomed[0], "display": condition.label}
    return {"element": "diagnosis", "system": ICD10, "code": condition.icd10[0], "display": condition.label}


def risk_seed(*, seed: int, size: str) -> dict[str, int]:
    """Give a sample of residents 65 and over health histories and outcomes, then score everyone."""
    rng = random.Random(seed * 104_729 + 3)
    HealthEvent.objects.filter(source_key__startswith=PREFIX).delete()
    now = clock.now()
    today = clock.today()
    baseline = now - timedelta(days=365)
    born_by = date(today.year - 66, today.month, min(today.day, 28))  # 65 or over at the baseline
    people = list(
        Person.objects.filter(date_of_birth__lte=born_by, date_of_death__isnull=True, merged_into__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[: SAMPLE.get(size, SAMPLE["small"])]
    )
    events: list[HealthEvent] = []
    bands = [0, 0, 0, 0]
    admitted = 0
    n = 0

    def add(person_id: int, kind: str, at: Any, codes: list[dict[str, str]] | None = None) -> None:
        nonlocal n
        n += 1
        events.append(
            HealthEvent(
                person_id=person_id,
                kind=kind,
                occurred_at=at,
                source_key=f"{PREFIX}{n}",
                resource_type=_RESOURCE_TYPE.get(kind, "Encounter"),
                source_organisation_code="RBL",
                source_organisation_name="Arrowe Park Hospital",
                codes=codes or [],
                summary="Synthetic history",
                received_at=at,
            )
        )

    for person_id in people:
        band = _band(rng)
        bands[band] += 1
        for kind, means in HISTORY.items():
            for _ in range(_poisson(rng, means[band])):
                add(person_id, kind, baseline - timedelta(minutes=rng.randrange(1, 365 * 24 * 60)))
        conditions = rng.sample(CONDITIONS, min(len(CONDITIONS), _poisson(rng, CONDITIONS_MEAN[band])))
        if conditions:
            when = baseline - timedelta(days=rng.randrange(30, 700))
            add(person_id, EventKind.ELECTIVE_ADMISSION, when, [_coding(rng, c) for c in conditions])
        risk = 1 - (1 - FIT_ADMISSION_RISK) ** HOSPITALISATION_HR[BANDS[band]]
        if rng.random() < risk:
            admitted += 1
            add(person_id, EventKind.EMERGENCY_ADMISSION, baseline + timedelta(minutes=rng.randrange(1, 364 * 24 * 60)))
    RiskCondition.objects.filter(event__source_key__startswith=PREFIX).delete()
    for start in range(0, len(events), 5_000):
        chunk = HealthEvent.objects.bulk_create(events[start : start + 5_000])
        risk_services.conditions_note(chunk)
    run = risk_services.scores_nightly()
    return {
        "people given health histories": len(people),
        "of them fit": bands[0],
        "mild": bands[1],
        "moderate": bands[2],
        "severe": bands[3],
        "health events": len(events),
        "admitted in the year after": admitted,
        "adults scored": run.people,
    }
