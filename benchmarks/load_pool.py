"""What the load test's staff work on, read from the seeded borough: run by benchmarks.load.

    DATABASE_URL=... python -m benchmarks.load_pool --seed 2026 --out pool.json

Writes one JSON file: the demo logins that sign in (and which of them may record a contact), the
mixed person-search texts of the search benchmark, people whose summaries any of those logins may
open, and directory searches (a keyword with a Wirral postcode, or a category). The load
generator reads it and never touches the database itself.
"""

import argparse
import json
import os
import random
import sys
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from benchmarks.queries import query_set_build  # noqa: E402 - Django must be set up first
from tandem.demo.staff import DEMO_PASSWORD  # noqa: E402
from tandem.directory.categories import CATEGORIES  # noqa: E402
from tandem.identity.models import Membership, TeamKind, User  # noqa: E402
from tandem.identity.permissions import Permission  # noqa: E402
from tandem.people.models import Person  # noqa: E402

# Staff who sign in: practitioners in three teams and the front door's business support.
LOGINS = ("practitioner", "nurse", "safeguarding", "support")
# What people type into the directory's search (the words its services are described with).
KEYWORDS = (
    "lunch club", "carers", "falls", "dementia cafe", "befriending", "walking group", "memory",
    "transport", "benefits advice", "exercise", "day centre", "luncheon", "carer support", "hearing",
)  # fmt: skip
POSTCODES = ("CH41 5LH", "CH44 1AA", "CH46 7UQ", "CH49 0TD", "CH60 0DA", "CH62 5BB", "CH45", "CH47", "CH63")


def pool_build(*, seed: int, people: int) -> dict[str, object]:
    rng = random.Random(seed)
    logins: list[dict[str, object]] = []
    for username in LOGINS:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None or not user.can(Permission.PERSON_VIEW):
            continue
        front_door = Membership.objects.filter(user=user, team__kind=TeamKind.FRONT_DOOR).exists()
        logins.append({"username": username, "records_contacts": front_door and user.can(Permission.CONTACT_RECORD)})
    bounds = Person.objects.order_by("pk").values_list("pk", flat=True)
    low, high = bounds.first() or 0, bounds.last() or 0
    chosen: set[str] = set()
    for _ in range(people * 20):
        if len(chosen) >= people:
            break
        found = (
            Person.objects.filter(
                pk__gte=rng.randint(low, high),
                merged_into__isnull=True,
                date_of_death__isnull=True,
                restriction__isnull=True,
            )
            .order_by("pk")
            .values_list("uuid", flat=True)
            .first()
        )
        if found is not None:
            chosen.add(str(found))
    directory: list[dict[str, str]] = []
    for keyword in KEYWORDS:
        directory.append({"keywords": keyword, "postcode": rng.choice(POSTCODES)})
    for category in CATEGORIES:
        directory.append({"category": category.code, "postcode": rng.choice(POSTCODES)})
    return {
        "password": DEMO_PASSWORD,
        "logins": logins,
        "searches": [query.text for query in query_set_build(seed=seed)],
        "people": sorted(chosen),
        "directory": directory,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    pool = pool_build(seed=args.seed, people=args.people)
    args.out.write_text(json.dumps(pool), encoding="utf-8")
    print(
        f"{len(pool['logins'])} logins, {len(pool['searches'])} searches, "  # type: ignore[arg-type]
        f"{len(pool['people'])} people, {len(pool['directory'])} directory searches",  # type: ignore[arg-type]
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
