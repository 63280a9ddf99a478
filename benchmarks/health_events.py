"""Importing partner bundles of health events, measured in its own process by benchmarks.run.

    python -m benchmarks.health_events --bundles 100 --encounters 3000

Builds into the (empty, migrated) database DATABASE_URL names: a partner organisation and its
system with the event scopes, 1,000 synthetic people with valid NHS numbers (a third of them on a
practitioner's caseload, so their events give notices), then POSTs the bundles to /fhir/ one after
another with the partner's bearer token, as a hospital's system would: each a transaction Bundle
of 30 Encounters (emergency admissions with their discharges, A&E attendances, GP contacts) and
the Patients they are about, one in twenty with an NHS number no record holds (those wait for a
match). The figure is the wall-clock seconds for all bundles: reading, matching, storing, notices
and audit. Prints one JSON object as its last line; progress goes to standard error.
"""

import argparse
import base64
import json
import os
import random
import secrets
import sys
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# The token endpoint signs nothing kept, but Django will not start without a key.
os.environ.setdefault("TANDEM_SECRET_KEY", secrets.token_urlsafe(50))
django.setup()

from django.test import Client  # noqa: E402 - after setup

from tandem.core import clock  # noqa: E402
from tandem.identity.models import Organisation, OrganisationKind, Team, TeamKind, User  # noqa: E402
from tandem.interop.services import partner_register  # noqa: E402
from tandem.people.identifiers import nhs_number_check_digit  # noqa: E402
from tandem.people.models import Person  # noqa: E402
from tandem.prevention.models import EventAwaitingMatch, HealthEvent  # noqa: E402
from tandem.workforce.codes import CaseStatus  # noqa: E402
from tandem.workforce.models import Case  # noqa: E402

PEOPLE = 1_000
SCOPES = ["system/Encounter.write", "system/Condition.write", "system/Observation.write"]
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
NHS = "https://fhir.nhs.uk/Id/nhs-number"
ADMISSION_METHOD = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AdmissionMethod"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def nhs_numbers(count: int, start: int = 999_000_000) -> list[str]:
    """Valid NHS numbers in the 999 range (never issued to anyone)."""
    found: list[str] = []
    stem = start
    while len(found) < count:
        check = nhs_number_check_digit(f"{stem:09d}")
        if check is not None:
            found.append(f"{stem:09d}{check}")
        stem += 1
    return found


def people_make(rng: random.Random) -> list[tuple[str, date]]:
    numbers = nhs_numbers(PEOPLE)
    have = set(Person.objects.filter(nhs_number__in=numbers).values_list("nhs_number", flat=True))
    rows = []
    for n, number in enumerate(numbers):
        if number not in have:
            born = date(1930, 1, 1) + timedelta(days=rng.randrange(20_000))
            rows.append(Person(given_name=f"Given{n}", family_name=f"Family{n}", nhs_number=number, date_of_birth=born))
    Person.objects.bulk_create(rows, batch_size=1_000)
    people = list(Person.objects.filter(nhs_number__in=numbers).order_by("pk"))
    organisation, _ = Organisation.objects.get_or_create(name="Benchmark Council", kind=OrganisationKind.COUNCIL)
    team, _ = Team.objects.get_or_create(
        name="Benchmark Locality Team", kind=TeamKind.LOCALITY, organisation=organisation
    )
    worker = User.objects.create(username=f"bench-worker-{rng.randrange(10**9)}", organisation=organisation)
    now = clock.now()
    Case.objects.bulk_create(
        Case(person=person, team=team, summary="Benchmark", status=CaseStatus.ALLOCATED, allocated_to=worker,
             opened_at=now, allocated_at=now)
        for person in people[::3]
    )  # fmt: skip
    return [(person.nhs_number or "", person.date_of_birth or date(1940, 1, 1)) for person in people]


def _encounter(n: int, patient_ref: str, rng: random.Random) -> dict[str, Any]:
    start = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(400_000))
    klass = rng.choice(["IMP", "IMP", "EMER", "AMB"])
    resource: dict[str, Any] = {
        "resourceType": "Encounter",
        "id": f"enc-{n}",
        "identifier": [{"system": "https://fhir.benchmark-trust.example/Id/encounter", "value": str(n)}],
        "status": "finished",
        "class": {"system": ACT_CODE, "code": klass},
        "subject": {"reference": patient_ref},
        "period": {"start": start.isoformat(), "end": (start + timedelta(hours=rng.randrange(2, 200))).isoformat()},
        "serviceProvider": {
            "identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "RBL"},
            "display": "Arrowe Park Hospital",
        },
    }
    if klass == "IMP":
        method = rng.choice(["21", "22", "11", "12"])
        code = {"system": "https://fhir.hl7.org.uk/CodeSystem/UKCore-AdmissionMethodEngland", "code": method}
        resource["hospitalization"] = {
            "extension": [{"url": ADMISSION_METHOD, "valueCodeableConcept": {"coding": [code]}}]
        }
    return resource


def bundles_make(people: list[tuple[str, date]], *, bundles: int, encounters: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    each = encounters // bundles
    made = []
    n = 0
    for b in range(bundles):
        chosen = rng.sample(people, 10)
        entries = []
        for p, (number, born) in enumerate(chosen):
            unknown = rng.random() < 0.05
            patient = {
                "resourceType": "Patient",
                "id": f"b{b}p{p}",
                "identifier": [{"system": NHS, "value": "9990000000" if unknown else number}],
                "birthDate": born.isoformat(),
            }
            entries.append({"fullUrl": f"urn:uuid:b{b}p{p}", "resource": patient, "request": {"method": "POST"}})
        for _ in range(each):
            n += 1
            ref = f"urn:uuid:b{b}p{rng.randrange(10)}"
            entries.append({"resource": _encounter(seed * 100_000 + n, ref, rng), "request": {"method": "POST"}})
        made.append(json.dumps({"resourceType": "Bundle", "type": "transaction", "entry": entries}))
    return made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundles", type=int, default=100)
    parser.add_argument("--encounters", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    _log(f"  {PEOPLE} people, a third on a caseload")
    people = people_make(rng)
    partner = Organisation.objects.create(
        name=f"Benchmark Trust {rng.randrange(10**6)}", kind=OrganisationKind.NHS_TRUST, ods_code="RBL"
    )
    issued = partner_register(name="Benchmark PAS", organisation=partner, scopes=SCOPES, actor=None)
    credentials = base64.b64encode(f"{issued.client_id}:{issued.client_secret}".encode()).decode()
    client = Client()
    token = client.post(
        "/fhir/auth/token", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {credentials}"
    ).json()["access_token"]
    bodies = bundles_make(people, bundles=args.bundles, encounters=args.encounters, seed=args.seed)
    events_before = HealthEvent.objects.count() + EventAwaitingMatch.objects.count()
    _log(f"  posting {args.bundles} bundles of {args.encounters // args.bundles} encounters")
    times = []
    start = time.perf_counter()
    for body in bodies:
        began = time.perf_counter()
        response = client.post(
            "/fhir/", body, content_type="application/fhir+json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        times.append(time.perf_counter() - began)
        if response.status_code != 200:
            raise SystemExit(f"bundle refused: {response.status_code} {response.content[:500]!r}")
    seconds = time.perf_counter() - start
    events = HealthEvent.objects.count() + EventAwaitingMatch.objects.count() - events_before
    print(
        json.dumps(
            {
                "seconds": seconds,
                "bundles": args.bundles,
                "encounters": args.encounters,
                "events": events,
                "waiting": EventAwaitingMatch.objects.count(),
                "slowest_bundle_s": max(times),
                "load_average": os.getloadavg()[0],
            }
        )
    )


if __name__ == "__main__":
    main()
