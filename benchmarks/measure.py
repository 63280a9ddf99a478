"""One measurement against the database DATABASE_URL names, run in its own process by benchmarks.run.

Prints one JSON object as its last line of output; progress goes to standard error.

    python -m benchmarks.measure marker
    python -m benchmarks.measure search --seed 2026 --passes 2
    python -m benchmarks.measure summary --requests 500
    python -m benchmarks.measure contact --requests 60
    python -m benchmarks.measure assessment --requests 60
    python -m benchmarks.measure triage --requests 60
    python -m benchmarks.measure workforce --requests 60
    python -m benchmarks.measure fhir_bulk [--shared N]
"""

import argparse
import json
import os
import sys
import time
from typing import Any

import django
from django.db import connection

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from tandem.audit.models import AuditEvent  # noqa: E402 - Django must be set up first
from tandem.core.errors import DomainError  # noqa: E402
from tandem.demo.borough import SEEDED_ACTION  # noqa: E402
from tandem.identity.models import User  # noqa: E402
from tandem.people.models import Person  # noqa: E402
from tandem.people.search import people_search  # noqa: E402


def marker() -> dict[str, Any]:
    """What the last seed run wrote in its audit event, and whether the people are still all there."""
    event = AuditEvent.objects.filter(action=SEEDED_ACTION).order_by("-id").first()
    if event is None:
        return {}
    return {**event.changes, "people_now": Person.objects.count()}


def search(*, seed: int, passes: int, jit_off: bool) -> dict[str, Any]:
    """Each query as the service answers it and as the page does (view, middleware, rendering).

    A search that is refused or finds no one is not a fast search: it is reported as a failure
    and left out of the times (the query set is built from people who are there to be found).
    """
    from django.test import Client

    from benchmarks.queries import query_set_build
    from tandem.audit import services as audit_services

    audit_services.SEAL_EVERY = 10**9  # sealing the audit chain is a worker's job, not the page's
    if jit_off and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
    actor = User.objects.get(username="practitioner")
    client = Client()
    client.force_login(actor)
    queries = query_set_build(seed=seed)
    print(f"{len(queries)} queries; warming up", file=sys.stderr)
    errors: list[str] = []

    def service(text: str) -> tuple[float, int]:
        start = time.perf_counter()
        try:
            results = people_search(actor=actor, text=text)
            found = len(results.people)
        except DomainError as error:
            errors.append(f"{text}: {error.message}")
            found = -1
        return (time.perf_counter() - start) * 1000, found

    def page(text: str) -> tuple[float, bool]:
        start = time.perf_counter()
        response = client.get("/people/", {"q": text})
        ms = (time.perf_counter() - start) * 1000
        listed = response.status_code == 200 and b"No one matches your search" not in response.content
        if not listed:
            errors.append(f"{text}: the page answered {response.status_code} with no one listed")
        return ms, listed

    for query in queries:
        service(query.text)
        page(query.text)
    errors.clear()
    samples: list[dict[str, Any]] = []
    failed = 0
    for _ in range(passes):
        for query in queries:
            ms, found = service(query.text)
            page_ms, listed = page(query.text)
            if found <= 0 or not listed:
                failed += 1
                continue
            samples.append({"kind": query.kind, "text": query.text, "ms": ms, "page_ms": page_ms, "found": found})
    audit_services.chain_seal()  # leave no backlog of unsealed events for the next benchmark to seal
    return {"samples": samples, "errors": errors, "failed": failed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "what",
        choices=(
            "marker",
            "search",
            "summary",
            "contact",
            "assessment",
            "triage",
            "workforce",
            "fhir",
            "hub",
            "fhir_bulk",
        ),
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--shared", type=int, default=0, help="fhir_bulk: people sharing with the trust (0: all)")
    parser.add_argument("--jit-off", action="store_true", help="PostgreSQL: turn off JIT compilation first")
    args = parser.parse_args()
    if args.what == "marker":
        result = marker()
    elif args.what == "search":
        result = search(seed=args.seed, passes=args.passes, jit_off=args.jit_off)
    elif args.what == "summary":
        from benchmarks.summary_page import summary_measure

        result = summary_measure(requests=args.requests)
    elif args.what == "contact":
        from benchmarks.front_door import contact_measure

        result = contact_measure(requests=args.requests)
    elif args.what == "assessment":
        from benchmarks.assessment_page import assessment_measure

        result = assessment_measure(requests=args.requests)
    elif args.what == "fhir":
        from benchmarks.fhir_api import fhir_measure

        result = fhir_measure(requests=args.requests, seed=args.seed)
    elif args.what == "fhir_bulk":
        from benchmarks.fhir_bulk import bulk_measure

        result = bulk_measure(shared=args.shared, seed=args.seed)
    elif args.what == "triage":
        from benchmarks.triage_queue import queue_measure

        result = queue_measure(requests=args.requests)
    elif args.what == "hub":
        from benchmarks.hub_board import hub_measure

        result = hub_measure(requests=args.requests)
    else:
        from benchmarks.workforce import workforce_measure

        result = workforce_measure(requests=args.requests)
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
