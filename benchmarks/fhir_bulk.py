"""FHIR Bulk Data export of a borough: a partner's `GET /fhir/Patient/$export` of every resource type
about a person, as the partner's system sees it (kick-off with its bearer token, the job writing the
NDJSON files, polling the status URL, then fetching every file with the token).

A trust of its own ("Benchmark Bulk Trust (N people)") is given consent to share by `shared`
people (0: everyone with an NHS number), every one with a hazard warning among them, written in
bulk (benchmarks/fhir_api.py): that is the setting, not what is measured. The job runs in the process, as tasks
do when eager (ADR 0004), so the kick-off's time is the job's; a worker would run the same code.
Sealing the audit chain is left to its own worker, as in the other benchmarks.
"""

import time
from typing import Any

from django.test import Client

from benchmarks.fhir_api import client_issue, consents_ensure
from tandem.audit import services as audit_services
from tandem.identity.models import Organisation, OrganisationKind
from tandem.interop import bulk
from tandem.people.models import Person

SCOPES = tuple(f"system/{kind}.read" for kind in bulk.PATIENT_TYPES)


def bulk_measure(*, shared: int = 0, seed: int = 2026) -> dict[str, Any]:
    """Seconds from kick-off to the manifest, and to fetch every file; what the files held."""
    audit_services.SEAL_EVERY = 10**9  # sealing the audit chain is a worker's job
    people = Person.objects.count()
    wanted = shared or people
    trust, _ = Organisation.objects.get_or_create(
        name=f"Benchmark Bulk Trust ({'everyone' if not shared else wanted})",
        defaults={"kind": OrganisationKind.NHS_TRUST},
    )
    have = consents_ensure(trust=trust, seed=seed, shared=wanted)
    tokens = client_issue(trust, name="Benchmark bulk client", scopes=SCOPES)
    client = Client()

    def auth() -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens()}"}  # a fresh token once the last is a minute old

    start = time.perf_counter()
    asking = {**auth(), "Prefer": "respond-async", "Accept": "application/fhir+json"}
    kick_off = client.get("/fhir/Patient/$export", headers=asking)
    assert kick_off.status_code == 202, kick_off.content[:500]
    status = client.get(kick_off["Content-Location"], headers=auth())
    while status.status_code == 202:  # a worker runs the job: poll as a partner would
        time.sleep(float(status.get("Retry-After", "1")))
        status = client.get(kick_off["Content-Location"], headers=auth())
    assert status.status_code == 200, status.content[:500]
    export_seconds = time.perf_counter() - start

    manifest = status.json()
    start = time.perf_counter()
    counts: dict[str, int] = {}
    size = 0
    for item in manifest["output"]:
        response = client.get(item["url"], headers=auth())
        assert response.status_code == 200
        content = response.getvalue()  # the whole file, streamed to the client
        size += len(content)
        lines = content.count(b"\n")
        assert lines == item["count"], (item, lines)
        counts[item["type"]] = lines
    download_seconds = time.perf_counter() - start
    return {
        "export_seconds": export_seconds,
        "download_seconds": download_seconds,
        "people": people,
        "shared": have,
        "resources": counts,
        "total_resources": sum(counts.values()),
        "megabytes": size / 1_000_000,
    }
