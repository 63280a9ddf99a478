"""Seeding a whole synthetic borough: staff, places, people, networks, warnings and the search index.

Synthetic data only: names come from Faker's pools, postcodes are real but streets and house
numbers are not, and NHS numbers are from the 9 range that is never issued to patients.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction

from tandem.access.models import RecordRestriction
from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError
from tandem.demo.bulk import TableWriter, analyse, next_id, sequences_reset, tables_empty
from tandem.demo.geography import NEIGHBOURHOODS, geography_build
from tandem.demo.names import name_pools_build
from tandem.demo.population import REFERENCE_DAY, BoroughGenerator
from tandem.demo.rows import (
    NETWORK_COLUMNS,
    PERSON_COLUMNS,
    PREVIOUS_NAME_COLUMNS,
    TERM_COLUMNS,
    TOKEN_COLUMNS,
    VARIANT_COLUMNS,
    WARNING_COLUMNS,
)
from tandem.demo.search_tokens import TermIndex
from tandem.demo.staff import DEMO_PASSWORD, DemoLogin, Staffing, staffing_build
from tandem.identity.models import Membership, Profession, User
from tandem.identity.permissions import Role
from tandem.people.models import (
    GPPractice,
    HazardWarning,
    Neighbourhood,
    NetworkMember,
    Person,
    PersonNameToken,
    PreviousName,
    SearchTerm,
    SearchTermVariant,
)

SIZES = {"small": 5_000, "medium": 320_000, "large": 1_000_000}
DEFAULT_SEED = 2026
SEEDED_ACTION = "demo.borough.seeded"
# Bump when the generator changes what it makes, so saved benchmark boroughs are rebuilt.
GENERATOR_VERSION = 1
CHUNK_PEOPLE = 50_000

_LOADED = (SearchTerm, SearchTermVariant, Person, PreviousName, NetworkMember, HazardWarning, PersonNameToken)


@dataclass
class SeedReport:
    size: str
    seed: int
    seconds: float
    counts: dict[str, int]
    demo_logins: list[DemoLogin]
    password: str
    restricted_person: str
    restricted_team: str
    staff_member: str
    phases: dict[str, float] = field(default_factory=dict)


def _writers() -> dict[str, TableWriter]:
    return {
        "terms": TableWriter(SearchTerm, TERM_COLUMNS),
        "variants": TableWriter(SearchTermVariant, VARIANT_COLUMNS),
        "people": TableWriter(Person, PERSON_COLUMNS),
        "previous_names": TableWriter(PreviousName, PREVIOUS_NAME_COLUMNS),
        "network": TableWriter(NetworkMember, NETWORK_COLUMNS),
        "warnings": TableWriter(HazardWarning, WARNING_COLUMNS),
        "tokens": TableWriter(PersonNameToken, TOKEN_COLUMNS),
    }


def _restrict_a_staff_member(
    seed: int, staffing: Staffing, first_person_id: int, last_person_id: int
) -> tuple[str, str]:
    """Make one adult a member of staff too, and restrict their record to the safeguarding unit.

    This is the record a practitioner outside that team can find in search but opens only by
    breaking the glass.
    """
    rng = random.Random(seed * 7 + 5)
    born_after = REFERENCE_DAY.replace(year=REFERENCE_DAY.year - 60)
    born_before = REFERENCE_DAY.replace(year=REFERENCE_DAY.year - 25)
    candidates = Person.objects.filter(
        date_of_death__isnull=True, date_of_birth__range=(born_after, born_before), nhs_number__isnull=False
    ).order_by("pk")
    start = rng.randint(first_person_id, max(first_person_id, last_person_id))
    person = candidates.filter(pk__gte=start).first() or candidates.first()
    if person is None:
        raise DomainError("The borough has no adult of working age to make a member of staff")
    team = staffing.teams["Hospital Discharge Team"]
    username = f"{person.given_name}.{person.family_name}.{person.pk}".lower().replace("'", "").replace(" ", "")
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": person.given_name,
            "last_name": person.family_name,
            "password": staffing.password_hash,
            "profession": Profession.CARE_NAVIGATOR,
            "role": Role.PRACTITIONER,
            "job_title": "Care Navigator",
            "organisation_id": team.organisation_id,
            "email": f"{username}@example.org",
        },
    )
    Membership.objects.get_or_create(user=user, team=team)
    restriction = RecordRestriction.objects.create(
        person=person,
        reason=f"Works for us as a care navigator in the {team.name}: only the safeguarding unit may open this record.",
        restricted_by_id=staffing.safeguarding_manager_id,
    )
    restriction.teams.set([staffing.safeguarding_team])
    return person.full_name, username


def borough_seed(
    *,
    size: str,
    seed: int = DEFAULT_SEED,
    reset: bool = False,
    people: int | None = None,
    log: Callable[[str], None] = lambda _: None,
) -> SeedReport:
    """Create the synthetic borough in one transaction; refuses to add a second borough on top of one."""
    if size not in SIZES:
        raise DomainError(f"Size must be one of {', '.join(SIZES)}")
    target = people if people is not None else SIZES[size]
    started = time.perf_counter()
    phases: dict[str, float] = {}
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # A bigger page cache keeps the indexes being built in memory: minutes become seconds.
            cursor.execute("PRAGMA cache_size = -1000000")
    with transaction.atomic():
        if reset:
            emptied = tables_empty([Person, SearchTerm, GPPractice, Neighbourhood])
            log(f"Emptied {len(emptied)} tables")
        elif Person.objects.exists():
            raise DomainError("People are already recorded in this database: use --reset to replace them")
        pools = name_pools_build(seed)
        geography = geography_build(seed, pools)
        staffing = staffing_build(seed, pools, list(NEIGHBOURHOODS), scale=3 if size == "large" else 1)
        phases["reference data"] = time.perf_counter() - started
        now = clock.now()
        first_ids = {
            "person": next_id(Person),
            "previous": next_id(PreviousName),
            "network": next_id(NetworkMember),
            "warning": next_id(HazardWarning),
            "token": next_id(PersonNameToken),
        }
        generator = BoroughGenerator(
            seed=seed,
            pools=pools,
            geography=geography,
            staff_ids=staffing.practitioner_ids,
            first_ids=first_ids,
            now=now,
            terms=TermIndex.from_database(),
        )
        writers = _writers()
        generate_seconds = 0.0
        mark = time.perf_counter()
        for chunk in generator.chunks(target, CHUNK_PEOPLE):
            generate_seconds += time.perf_counter() - mark
            # Terms before tokens and people before anything about them, so foreign keys hold.
            for name in ("terms", "variants", "people", "previous_names", "network", "warnings", "tokens"):
                writers[name].write(getattr(chunk, name))
            log(f"  {generator.people_made:>9,} people")
            mark = time.perf_counter()
        phases["generate"] = generate_seconds
        phases["write"] = time.perf_counter() - started - phases["reference data"] - generate_seconds
        sequences_reset(_LOADED)
        restricted, staff_member = _restrict_a_staff_member(
            seed, staffing, first_ids["person"], generator.ids["person"] - 1
        )
        counts = {name: w.rows_written for name, w in writers.items()}
        counts["staff"] = User.objects.count()
        audit.record(
            actor=None,
            action=SEEDED_ACTION,
            summary=f"Seeded the synthetic borough ({size}, seed {seed}): {counts['people']:,} people",
            changes={"size": size, "seed": seed, "generator": GENERATOR_VERSION, **counts},
        )
        mark = time.perf_counter()
    phases["commit"] = time.perf_counter() - mark
    mark = time.perf_counter()
    analyse([*_LOADED, RecordRestriction, User, Membership])
    phases["analyse"] = time.perf_counter() - mark
    return SeedReport(
        size=size,
        seed=seed,
        seconds=time.perf_counter() - started,
        counts=counts,
        demo_logins=staffing.demo_logins,
        password=DEMO_PASSWORD,
        restricted_person=restricted,
        restricted_team=staffing.safeguarding_team.name,
        staff_member=staff_member,
        phases=phases,
    )
