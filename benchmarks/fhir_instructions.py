"""Instructions the server spends on a partner's FHIR searches, counted by callgrind: `Patient`
by NHS number and `Flag` for a patient (the Python side of each request; the database works in
its own process and is not counted). On a shared machine whose times wander, the count does not.

    python -m benchmarks.fhir_instructions --database-url postgres://.../tandem_bench_quick

It needs valgrind and a seeded borough; the partner and its consents are made as by
`benchmarks.fhir_api` (run `python -m benchmarks.run --only fhir` once, or let this make them).
"""

import argparse
import os
import sys

from benchmarks.instructions import _counting, counted

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tandem_load_bench"
NHS = "https://fhir.nhs.uk/Id/nhs-number"


def inner(what: str, requests: int) -> None:
    """Run inside callgrind: warm up, then count `requests` searches of one kind."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.test import Client

    from benchmarks.fhir_api import _trust, consents_ensure, token_issue
    from tandem.audit import services as audit_services
    from tandem.people.models import ConsentToShare, Person

    audit_services.SEAL_EVERY = 10**9  # sealing is a worker's job, counted on its own
    trust = _trust()
    consents_ensure(trust=trust)
    token = token_issue(trust, name=f"Benchmark EPR (callgrind, {what})")
    shared = ConsentToShare.objects.filter(organisation=trust, withdrawn_on__isnull=True).values("person_id")
    if what == "patient":
        numbers = Person.objects.filter(pk__in=shared, nhs_number__gt="").order_by("pk")
        rounds = [("/fhir/Patient", {"identifier": f"{NHS}|{n}"}) for n in numbers.values_list("nhs_number", flat=True)]
    else:
        warned = Person.objects.filter(pk__in=shared, warnings__isnull=False).distinct().order_by("pk")
        rounds = [("/fhir/Flag", {"patient": f"Patient/{u}"}) for u in warned.values_list("uuid", flat=True)]
    rounds = rounds[: requests + 4]
    if len(rounds) < requests + 4:
        sys.exit(f"Only {len(rounds)} people to search for")
    client = Client()
    for path, params in rounds[:4]:  # warm templates, caches and prepared statements
        client.get(path, params, HTTP_AUTHORIZATION=f"Bearer {token}")
    _counting(True)
    for path, params in rounds[4:]:
        client.get(path, params, HTTP_AUTHORIZATION=f"Bearer {token}")
    _counting(False)


def outer(requests: int, database_url: str) -> dict[str, float]:
    return counted("benchmarks.fhir_instructions", ("patient", "flag"), requests, database_url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_FHIR_URL", DEFAULT_URL))
    parser.add_argument("--inner", choices=("patient", "flag"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(args.inner, args.requests)
        return
    for what, millions in outer(args.requests, args.database_url).items():
        print(f"FHIR {what} search: {millions:.1f} million instructions a request ({args.requests} requests)")


if __name__ == "__main__":
    main()
