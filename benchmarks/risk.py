"""Scoring every adult's risk, and the proactive worklist, measured in their own process by benchmarks.run.

    python -m benchmarks.risk --people 300000 --events 5000000 --requests 200

Builds into the (empty, migrated) PostgreSQL database DATABASE_URL names, in SQL (generate_series),
so five million events take a minute rather than an hour: `--people` adults (ages 18 to 100), one
in 25 of them in one neighbourhood, a locality team aligned to it with a practitioner, and
`--events` health events spread over the last 400 days (falls, emergency admissions, A&E
attendances, GP contacts, telecare alerts, discharges), a twentieth of them carrying a diagnosis
the score counts as a condition. Then it times `prevention.risk.services.scores_refresh()` (the
nightly batch: one statement scores and writes everyone) twice, the first writing every row, the
second rewriting them as a night does, and asks the worklist page `--requests` times as the
practitioner (server time: view, middleware, rendering). Prints one JSON object as its last line;
progress goes to standard error.
"""

import argparse
import json
import os
import secrets
import sys
import time
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("TANDEM_SECRET_KEY", secrets.token_urlsafe(50))
django.setup()

from django.db import connection, transaction  # noqa: E402 - after setup
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from tandem.identity.models import Membership, Organisation, OrganisationKind, Team, TeamKind, User  # noqa: E402
from tandem.identity.permissions import Role  # noqa: E402
from tandem.people.models import Neighbourhood, Person  # noqa: E402
from tandem.prevention.models import HealthEvent, RiskCondition, RiskScore  # noqa: E402
from tandem.prevention.risk import services  # noqa: E402

HOOD = "Benchmark Neighbourhood"
KINDS = ["fall", "emergency_admission", "ae_attendance", "gp_contact", "gp_contact", "telecare_alert", "discharge"]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _defaults(model: Any, given: dict[str, str]) -> tuple[list[str], list[str], list[Any]]:
    """Columns, SQL expressions and parameters for every concrete column: the given expressions,
    else the field's default, else NULL."""
    columns, expressions, params = [], [], []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.name in given:
            expressions.append(given[field.name])
        elif field.has_default():
            expressions.append("%s")
            params.append(field.get_db_prep_save(field.get_default(), connection))
        elif field.null:
            expressions.append("NULL")
        else:
            expressions.append("''")
    return columns, expressions, params


def build(*, people: int, events: int) -> dict[str, Any]:
    if Person.objects.exists():
        _log("  the database already holds people: reusing them")
        return {"people": Person.objects.count(), "events": HealthEvent.objects.count()}
    hood = Neighbourhood.objects.create(name=HOOD)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        columns, expressions, params = _defaults(
            Person,
            {
                "uuid": "gen_random_uuid()",
                "created_at": "now()",
                "updated_at": "now()",
                "given_name": "'Given' || g",
                "family_name": "'Family' || g",
                "date_of_birth": (
                    "(current_date - ((18 * 365 + 1 + (g * 7919) %% (82 * 365)) || ' days')::interval)::date"
                ),
                "neighbourhood": f"CASE WHEN g %% 25 = 0 THEN {hood.pk} ELSE NULL END",
                "nhs_number": "NULL",
            },
        )
        cursor.execute(
            f"INSERT INTO {Person._meta.db_table} ({', '.join(columns)})"  # noqa: S608 - our table
            f" SELECT {', '.join(expressions)} FROM generate_series(1::bigint, %s::bigint) g",
            [*params, people],
        )
        first = Person.objects.order_by("pk").values_list("pk", flat=True).first()
        _log(f"  {people:,} people in {time.perf_counter() - started:.0f} s")
        columns, expressions, params = _defaults(
            HealthEvent,
            {
                "uuid": "gen_random_uuid()",
                "created_at": "now()",
                "updated_at": "now()",
                "kind": f"(ARRAY[{', '.join(repr(k) for k in KINDS)}])[1 + (g * 31) %% {len(KINDS)}]",
                "occurred_at": "now() - ((g * 104729) %% (400 * 1440) || ' minutes')::interval",
                "source_key": "'urn:bench|' || g",
                # Falls and telecare alerts come as Observations (as partners send them), the rest as Encounters.
                "resource_type": (
                    f"CASE WHEN (ARRAY[{', '.join(repr(k) for k in KINDS)}])[1 + (g * 31) %% {len(KINDS)}]"
                    " IN ('fall', 'telecare_alert') THEN 'Observation' ELSE 'Encounter' END"
                ),
                "codes": (
                    "CASE WHEN g %% 20 = 0 THEN jsonb_build_array(jsonb_build_object('element', 'diagnosis',"
                    " 'system', 'http://hl7.org/fhir/sid/icd-10', 'code',"
                    " (ARRAY['I50', 'E11', 'J44', 'F03', 'H54', 'M81'])[1 + (g / 20) %% 6])) ELSE '[]'::jsonb END"
                ),
                "received_at": "now()",
                # Skewed: a person in every seven carries most events, as frailty does.
                "person": (
                    f"{first} + CASE WHEN g %% 3 = 0 THEN (g * 7) %% {people} ELSE ((g * 13) %% ({people} / 7)) * 7 END"
                ),
            },
        )
        started = time.perf_counter()
        cursor.execute(
            f"INSERT INTO {HealthEvent._meta.db_table} ({', '.join(columns)})"  # noqa: S608 - our table
            f" SELECT {', '.join(expressions)} FROM generate_series(1::bigint, %s::bigint) g",
            [*params, events],
        )
        _log(f"  {events:,} events in {time.perf_counter() - started:.0f} s")
        # The conditions the score counts, as the listener notes them on arrival (first event each).
        cursor.execute(
            f"INSERT INTO {RiskCondition._meta.db_table} (person_id, condition, event_id, first_sent_at)"  # noqa: S608
            " SELECT DISTINCT ON (person_id, c) person_id, c, id, occurred_at FROM ("
            " SELECT person_id, id, occurred_at, CASE codes->0->>'code' WHEN 'I50' THEN 'heart_failure'"
            " WHEN 'E11' THEN 'diabetes' WHEN 'J44' THEN 'copd' WHEN 'F03' THEN 'dementia'"
            " WHEN 'H54' THEN 'visual_impairment' ELSE 'osteoporosis' END AS c"
            f" FROM {HealthEvent._meta.db_table} WHERE codes <> '[]'::jsonb) x ORDER BY person_id, c, occurred_at"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    organisation = Organisation.objects.create(name="Benchmark Council", kind=OrganisationKind.COUNCIL)
    team = Team.objects.create(
        name="Benchmark Locality Team", kind=TeamKind.LOCALITY, organisation=organisation, neighbourhood=HOOD
    )
    user = User.objects.create_user(
        username="bench.practitioner",
        password=secrets.token_urlsafe(16),
        role=Role.PRACTITIONER,
        organisation=organisation,
    )
    Membership.objects.create(user=user, team=team)
    return {"people": people, "events": events}


def measure(*, people: int, events: int, requests: int) -> dict[str, Any]:
    made = build(people=people, events=events)
    timings = []
    for label in ("first", "again"):
        started = time.perf_counter()
        run = services.scores_refresh()
        timings.append(time.perf_counter() - started)
        _log(f"  scoring ({label}): {run.people:,} adults in {timings[-1]:.1f} s, {run.changed:,} changed band")
    from tandem.audit import services as audit_services

    audit_services.SEAL_EVERY = 10**9
    user = User.objects.get(username="bench.practitioner")
    client = Client()
    client.force_login(user)
    url = reverse("prevention:risk_worklist")
    for _ in range(3):
        page = client.get(url)
        if page.status_code != 200:
            return {"missing": f"{url} answered {page.status_code}"}
    pages = [url, url + "?sort=changed", url + "?page=2", url + "?sort=name&page=3"]
    worklist_ms = []
    for n in range(requests):
        start = time.perf_counter()
        client.get(pages[n % len(pages)])
        worklist_ms.append((time.perf_counter() - start) * 1000)
    listed = RiskScore.objects.filter(points__gte=4, person__neighbourhood__name=HOOD).count()
    return {
        **made,
        "scored": RiskScore.objects.count(),
        "score_first_s": timings[0],
        "score_again_s": timings[1],
        "worklist_ms": worklist_ms,
        "worklist_people": listed,
        "load_average": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=300_000)
    parser.add_argument("--events", type=int, default=5_000_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("The risk benchmark runs on PostgreSQL (DATABASE_URL)")
    print(json.dumps(measure(people=args.people, events=args.events, requests=args.requests)))


if __name__ == "__main__":
    main()
