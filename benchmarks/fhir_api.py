"""The FHIR API for health partners: `Patient` search by NHS number and `Flag` search for a
patient, server time of each request as a partner's system sees it (view, middleware, token check,
the search and the audit of the read).

A partner organisation ("Benchmark Community Trust") is made once, and consent to share with it is
recorded for a sample of the borough's people with NHS numbers and of those with hazard warnings
(written in bulk: they are the setting, not what is measured). Each run issues the partner a new
client (the previous one is revoked) and takes a token through the OAuth 2.0 endpoint.
"""

import base64
import random
import time
from typing import Any

from django.db import connection, transaction
from django.test import Client

from tandem.core import clock
from tandem.identity.models import Organisation, OrganisationKind, User
from tandem.interop.models import Partner
from tandem.interop.services import partner_register, partner_revoke
from tandem.people.codes import ConsentDecision
from tandem.people.models import ConsentToShare, HazardWarning, Person

TRUST = "Benchmark Community Trust"
SHARED = 20_000  # people who consented to share with the trust
NHS = "https://fhir.nhs.uk/Id/nhs-number"


def _trust() -> Organisation:
    trust, _ = Organisation.objects.get_or_create(
        name=TRUST, defaults={"kind": OrganisationKind.NHS_TRUST, "ods_code": "RBENCH"}
    )
    return trust


def consents_ensure(*, trust: Organisation, seed: int = 2026, shared: int = SHARED) -> int:
    """Consent to share with the trust for `shared` people (every one with a warning among them);
    returns how many have it. A rerun reuses them."""
    have = ConsentToShare.objects.filter(organisation=trust).count()
    if have >= shared:
        return have
    recorder = User.objects.filter(is_active=True).order_by("pk").first()
    assert recorder is not None, "seed the borough first"
    warned = list(HazardWarning.objects.order_by("person_id").values_list("person_id", flat=True).distinct()[:5_000])
    rng = random.Random(seed)
    numbered = list(
        Person.objects.filter(merged_into__isnull=True, nhs_number__gt="")
        .order_by("pk")
        .values_list("pk", flat=True)[: shared * 4]
    )
    chosen = list(dict.fromkeys([*warned, *rng.sample(numbered, min(len(numbered), shared))]))[:shared]
    done = set(ConsentToShare.objects.filter(organisation=trust).values_list("person_id", flat=True))
    today = clock.today()
    rows = [
        ConsentToShare(
            person_id=pk, organisation=trust, decision=ConsentDecision.GIVEN, decided_on=today, recorded_by=recorder
        )
        for pk in chosen
        if pk not in done
    ]
    with transaction.atomic():
        ConsentToShare.objects.bulk_create(rows, batch_size=2_000)
    return ConsentToShare.objects.filter(organisation=trust).count()


class Tokens:
    """Bearer tokens for one client, a fresh one taken (untimed) once the last is a minute old:
    tokens last five minutes, and on a busy machine a run of requests takes longer than that."""

    def __init__(self, credentials: str) -> None:
        self.credentials = credentials
        self.value = ""
        self.taken = 0.0

    def __call__(self) -> str:
        if not self.value or time.monotonic() - self.taken > 60:
            response = Client().post(
                "/fhir/auth/token", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {self.credentials}"
            )
            assert response.status_code == 200, response.content
            self.value, self.taken = response.json()["access_token"], time.monotonic()
        return self.value


def client_issue(
    trust: Organisation,
    name: str = "Benchmark EPR",
    scopes: tuple[str, ...] = ("system/Patient.read", "system/Flag.read"),
) -> Tokens:
    """A new client for the trust's benchmark system `name` (revoking its last one), and its tokens."""
    for old in Partner.objects.filter(organisation=trust, name=name, revoked_at__isnull=True):
        partner_revoke(partner=old, actor=None)
    issued = partner_register(name=name, organisation=trust, scopes=list(scopes), actor=None)
    return Tokens(base64.b64encode(f"{issued.client_id}:{issued.client_secret}".encode()).decode())


def token_issue(
    trust: Organisation,
    name: str = "Benchmark EPR",
    scopes: tuple[str, ...] = ("system/Patient.read", "system/Flag.read"),
) -> str:
    """A new client for the trust's benchmark system `name` (revoking its last one), and a token from it."""
    return client_issue(trust, name, scopes)()


def _timed(client: Client, token: str, path: str, params: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(path, params, HTTP_AUTHORIZATION=f"Bearer {token}")
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 200, response.content[:500]
    total: int = response.json()["total"]
    return elapsed, total


def _statements(client: Client, token: str, path: str, params: dict[str, str]) -> int:
    """How many SQL statements one request sends (counted as they go to the database)."""
    sent = 0

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal sent
        sent += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        _timed(client, token, path, params)
    return sent


def fhir_measure(*, requests: int, seed: int = 2026) -> dict[str, Any]:
    """`requests` Patient searches by NHS number and as many Flag searches by patient, each for
    a different person shared with the trust, after a few to warm up."""
    trust = _trust()
    shared = consents_ensure(trust=trust, seed=seed)
    tokens = client_issue(trust)
    consented = ConsentToShare.objects.filter(organisation=trust, withdrawn_on__isnull=True).values("person_id")
    rng = random.Random(seed)
    people = list(
        Person.objects.filter(pk__in=consented, nhs_number__gt="")
        .order_by("pk")
        .values_list("nhs_number", flat=True)[: requests * 4]
    )
    warned = list(
        Person.objects.filter(pk__in=consented, warnings__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("uuid", flat=True)[: requests * 4]
    )
    if len(people) < requests + 5 or len(warned) < requests + 5:
        return {"missing": f"{len(people)} shared people with NHS numbers, {len(warned)} with warnings"}
    numbers = rng.sample(people, requests + 5)
    subjects = rng.sample(warned, requests + 5)
    client = Client()
    for number, subject in zip(numbers[:5], subjects[:5], strict=True):  # warm caches and prepared statements
        _timed(client, tokens(), "/fhir/Patient", {"identifier": f"{NHS}|{number}"})
        _timed(client, tokens(), "/fhir/Flag", {"patient": f"Patient/{subject}"})
    patient_queries = _statements(client, tokens(), "/fhir/Patient", {"identifier": f"{NHS}|{numbers[0]}"})
    flag_queries = _statements(client, tokens(), "/fhir/Flag", {"patient": f"Patient/{subjects[0]}"})
    patient_ms, flag_ms, found = [], [], 0
    for number in numbers[5:]:
        elapsed, total = _timed(client, tokens(), "/fhir/Patient", {"identifier": f"{NHS}|{number}"})
        patient_ms.append(elapsed)
        found += total
    flags = 0
    for subject in subjects[5:]:
        elapsed, total = _timed(client, tokens(), "/fhir/Flag", {"patient": f"Patient/{subject}"})
        flag_ms.append(elapsed)
        flags += total
    return {
        "patient_ms": patient_ms,
        "flag_ms": flag_ms,
        "shared": shared,
        "patients_found": found,
        "flags_found": flags,
        "people": Person.objects.count(),
        # Statements a request sends, audit insert included (the same whatever the machine's load).
        "patient_queries": patient_queries,
        "flag_queries": flag_queries,
    }
