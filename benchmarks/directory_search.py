"""Directory search over 5,000 synthetic services, measured in its own process by benchmarks.run.

    python -m benchmarks.directory_search --services 5000 --passes 5
    python -m benchmarks.directory_search --reuse      # measure again what a run built

Builds the services into the (empty, migrated) database DATABASE_URL names: organisations, a
location at a real Wirral postcode for each service, Tandem categories, weekly schedules, a
contact with a phone; indexes them with the app's own `service_terms_refresh`; then times
`service_search` with keywords (some misspelt), a category and a postcode together, the
combination the target is set for, as the public page answers it (view, middleware, rendering) with
the service's own time beside it. Prints one JSON object as its last line; progress goes to
standard error.
"""

import argparse
import json
import os
import random
import sys
import time
import uuid
from datetime import time as clock_time
from typing import Any

import django
from django.db import connection, transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from tandem.directory import postcodes, search_index  # noqa: E402
from tandem.directory.categories import CATEGORIES, TAXONOMY_ID, TAXONOMY_NAME  # noqa: E402 - after setup
from tandem.directory.models import (  # noqa: E402
    Attribute,
    Contact,
    Location,
    Organization,
    Phone,
    PostcodeCentroid,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from tandem.directory.search import ServiceQuery, service_search  # noqa: E402
from tandem.directory.search_index import service_terms_refresh  # noqa: E402

PLACES = (
    "Birkenhead", "Bidston", "Tranmere", "Rock Ferry", "Oxton", "Prenton", "Claughton", "Woodchurch",
    "Wallasey", "Liscard", "Seacombe", "New Brighton", "Moreton", "Leasowe", "Hoylake", "Meols",
    "West Kirby", "Upton", "Greasby", "Heswall", "Irby", "Pensby", "Bromborough", "Bebington",
    "Port Sunlight", "Eastham", "New Ferry", "Spital",
)  # fmt: skip
# Per category: names (with {place}) and phrases its descriptions are made of.
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "lunch-clubs": (
        ("{place} Lunch Club", "{place} Luncheon Club", "Friendship Lunch at {place}", "{place} Community Lunch"),
        ("a hot two-course lunch", "company and a chat", "transport can be arranged", "for older people"),
    ),
    "carers-support": (
        ("{place} Carers' Group", "Carers' Café {place}", "{place} Carers Centre", "Young Carers {place}"),
        ("support for unpaid carers", "a break from caring", "advice on carers' assessments", "peer support"),
    ),
    "befriending": (
        ("{place} Befriending Service", "Telephone Befriending {place}", "{place} Good Neighbours"),
        ("weekly visits from a volunteer", "a friendly phone call", "for people who feel lonely or isolated"),
    ),
    "falls-prevention": (
        ("{place} Strength and Balance", "Steady Steps {place}", "{place} Falls Prevention Class"),
        ("exercises to prevent falls", "strength and balance training", "led by a physiotherapist"),
    ),
    "benefits-advice": (
        ("{place} Benefits Advice", "Money Matters {place}", "{place} Debt and Benefits Clinic"),
        ("help with benefits claims", "debt advice", "attendance allowance and pension credit forms"),
    ),
    "dementia": (
        ("{place} Dementia Café", "Memory Lane {place}", "{place} Singing for the Brain"),
        ("for people living with dementia", "and the people who care for them", "music and reminiscence"),
    ),
    "transport": (
        ("{place} Dial-a-Ride", "{place} Community Transport", "Shopper Bus {place}"),
        ("door-to-door transport", "volunteer drivers", "accessible minibus for shopping trips"),
    ),
    "home-adaptations": (
        ("{place} Handyperson Service", "Safe at Home {place}", "{place} Care and Repair"),
        ("grab rails and small repairs", "home safety checks", "minor adaptations"),
    ),
    "physical-activity": (
        ("{place} Walking Group", "Chair Exercise {place}", "{place} Tea Dance", "Walking Football {place}"),
        ("gentle exercise", "keeping active", "a walk and a cup of tea afterwards"),
    ),
    "mental-wellbeing": (
        ("{place} Talking Group", "Men's Shed {place}", "{place} Wellbeing Course"),
        ("peer support for low mood", "a place to talk", "mindfulness and wellbeing"),
    ),
    "digital-skills": (
        ("{place} Digital Drop-in", "Get Online {place}", "{place} Tablet Club"),
        ("help with phones and tablets", "getting online", "video calls with family"),
    ),
    "shopping-meals": (
        ("{place} Meals on Wheels", "Shopping Help {place}", "{place} Good Food Delivery"),
        ("hot meals delivered", "a volunteer does your shopping", "prescription collection"),
    ),
}
FILLER = (
    "everyone welcome", "free of charge", "small donation", "wheelchair accessible", "run by volunteers",
    "refreshments provided", "booking essential", "drop in any time", "hearing loop", "near the bus stop",
)  # fmt: skip
# Misspellings people make, with the category they mean.
QUERIES: tuple[tuple[str, str], ...] = (
    ("lunch club", "lunch-clubs"),
    ("lunch clubs", "lunch-clubs"),
    ("luncheon", "lunch-clubs"),
    ("carers support", "carers-support"),
    ("carer", "carers-support"),
    ("befriending", "befriending"),
    ("befreinding", "befriending"),
    ("falls", "falls-prevention"),
    ("balance class", "falls-prevention"),
    ("benefits advice", "benefits-advice"),
    ("debt", "benefits-advice"),
    ("dementia cafe", "dementia"),
    ("dementa cafe", "dementia"),
    ("transport", "transport"),
    ("dial a ride", "transport"),
    ("grab rails", "home-adaptations"),
    ("walking group", "physical-activity"),
    ("exercise", "physical-activity"),
    ("talking", "mental-wellbeing"),
    ("online", "digital-skills"),
    ("meals", "shopping-meals"),
    ("shoping", "shopping-meals"),
)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _category_terms() -> dict[str, uuid.UUID]:
    taxonomy, _ = Taxonomy.objects.get_or_create(
        pk=TAXONOMY_ID, defaults={"name": TAXONOMY_NAME, "description": "Tandem's categories"}
    )
    for category in CATEGORIES:
        TaxonomyTerm.objects.get_or_create(
            pk=category.term_id,
            defaults={"name": category.name, "description": category.description, "taxonomy": taxonomy},
        )
    return {category.code: category.term_id for category in CATEGORIES}


@transaction.atomic
def build(*, count: int, seed: int) -> dict[str, Any]:
    """`count` active services (and a few closed ones), indexed as the app indexes them."""
    rng = random.Random(seed)
    started = time.perf_counter()
    terms = _category_terms()
    known_postcodes = list(PostcodeCentroid.objects.order_by("postcode").values_list("postcode", flat=True))
    if not known_postcodes:
        raise SystemExit("No postcode centroids: run the migrations first (they load the Wirral postcodes).")
    organizations = [
        Organization(name=f"{place} {kind}", description="A local charity.")
        for place in PLACES
        for kind in ("Age Concern", "Community Trust", "Volunteer Centre", "Churches Together")
    ]
    Organization.objects.bulk_create(organizations)
    services: list[Service] = []
    locations: list[Location] = []
    links: list[ServiceAtLocation] = []
    attributes: list[Attribute] = []
    schedules: list[Schedule] = []
    contacts: list[Contact] = []
    phones: list[Phone] = []
    codes = list(KINDS)
    for number in range(count):
        code = codes[number % len(codes)]
        names, phrases = KINDS[code]
        place = rng.choice(PLACES)
        description = ", ".join([*rng.sample(phrases, 2), *rng.sample(FILLER, 2)]).capitalize() + "."
        service = Service(
            name=rng.choice(names).format(place=place),
            description=description,
            status="active" if rng.random() > 0.03 else "inactive",
            organization=rng.choice(organizations),
        )
        services.append(service)
        postcode = rng.choice(known_postcodes)
        location = Location(name=f"{place} Community Centre", address_id=uuid.uuid4(), address_1="Church Road",
                            city=place, postal_code=postcode)  # fmt: skip
        locations.append(location)
        links.append(ServiceAtLocation(service=service, location=location))
        attributes.append(Attribute(service=service, taxonomy_term_id=terms[code]))
        if rng.random() < 0.2:
            attributes.append(Attribute(service=service, taxonomy_term_id=terms[rng.choice(codes[:-1])]))
        for day in rng.sample(["MO", "TU", "WE", "TH", "FR", "SA"], rng.randint(1, 3)):
            opens = rng.choice([9, 10, 12, 13, 14])
            schedules.append(Schedule(service=service, freq="WEEKLY", byday=day, opens_at=clock_time(opens),
                                      closes_at=clock_time(opens + rng.choice([1, 2, 3]))))  # fmt: skip
        contact = Contact(service=service, name="Enquiries")
        contacts.append(contact)
        phones.append(Phone(contact=contact, number=f"0151 555 {rng.randint(0, 9999):04d}"))
    # Attributes unique per (service, term): drop a second category that repeats the first.
    unique: dict[tuple[uuid.UUID, uuid.UUID], Attribute] = {}
    for attribute in attributes:
        unique.setdefault((attribute.service.pk, attribute.taxonomy_term_id), attribute)
    attributes = list(unique.values())
    Service.objects.bulk_create(services, batch_size=1_000)
    Location.objects.bulk_create(locations, batch_size=1_000)
    ServiceAtLocation.objects.bulk_create(links, batch_size=1_000)
    Attribute.objects.bulk_create(attributes, batch_size=1_000)
    Schedule.objects.bulk_create(schedules, batch_size=1_000)
    Contact.objects.bulk_create(contacts, batch_size=1_000)
    Phone.objects.bulk_create(phones, batch_size=1_000)
    built = time.perf_counter()
    ids = [service.pk for service in services]
    for start in range(0, len(ids), 500):
        service_terms_refresh(ids[start : start + 500])
    indexed = time.perf_counter()
    return {"services": len(services), "build_s": built - started, "index_s": indexed - built}


def _analyse() -> None:
    """Vacuum and analyse after the bulk load, as the seed does: a directory in use is long since
    vacuumed, and a freshly loaded table without its visibility map set reads every row's heap."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")


def searches(*, seed: int) -> list[ServiceQuery]:
    """Each of QUERIES three times, each time near a random Wirral postcode (the same for a seed)."""
    rng = random.Random(seed + 1)
    known = list(PostcodeCentroid.objects.order_by("postcode").values_list("postcode", flat=True))
    return [
        ServiceQuery(keywords=keywords, category=category, postcode=rng.choice(known))
        for _ in range(3)
        for keywords, category in QUERIES
    ]


def measure(*, passes: int, seed: int) -> dict[str, Any]:
    """Time each query near a random postcode as the page answers it (view, middleware, rendering)
    and as `service_search` does, after one warm-up pass. A search that finds nothing or is
    refused is a failure, not a fast search: it is counted and left out of the times."""
    from django.test import Client

    queries = searches(seed=seed)
    client = Client()  # the public page: no one signed in

    def run_once(query: ServiceQuery, *, cold: bool = False) -> tuple[float, int]:
        if cold:  # forget the postcodes and words this process has looked up
            postcodes.place_cache_clear()
            search_index.vocabulary_cache_clear()
        start = time.perf_counter()
        results = service_search(query, page=1, per_page=20)
        return (time.perf_counter() - start) * 1000, results.total

    def page(query: ServiceQuery) -> tuple[float, bool]:
        asked = {"keywords": query.keywords, "category": query.category, "postcode": query.postcode}
        start = time.perf_counter()
        response = client.get("/directory/", asked)
        ms = (time.perf_counter() - start) * 1000
        return ms, response.status_code == 200 and b"tandem-directory-results" in response.content

    for query in queries:
        run_once(query)
        page(query)
    samples = []
    cold = []
    failed: list[str] = []
    for _ in range(passes):
        for query in queries:
            ms, total = run_once(query)
            page_ms, listed = page(query)
            if total <= 0 or not listed:
                failed.append(f"{query.keywords} / {query.category} near {query.postcode}")
                continue
            samples.append(
                {"keywords": query.keywords, "category": query.category, "ms": ms, "page_ms": page_ms, "found": total}
            )
            cold.append(run_once(query, cold=True)[0])
    return {"samples": samples, "cold_ms": cold, "failed": failed, "vendor": connection.vendor}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=5_000)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reuse", action="store_true", help="measure the services a previous run built")
    args = parser.parse_args()
    if args.reuse:
        made: dict[str, Any] = {"services": Service.objects.count(), "build_s": None, "index_s": None}
    elif Service.objects.exists():
        raise SystemExit("The database already holds services: give the benchmark an empty, migrated database.")
    else:
        _log(f"building {args.services} services")
        made = build(count=args.services, seed=args.seed)
        _log(f"  built in {made['build_s']:.1f} s, indexed in {made['index_s']:.1f} s")
        _analyse()
    found = measure(passes=args.passes, seed=args.seed)
    # Other work on the machine inflates every figure: say how busy it was.
    print(json.dumps(made | found | {"load_average": os.getloadavg()[0]}))


if __name__ == "__main__":
    main()
