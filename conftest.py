"""Fixtures every test may use: staff in each role, their teams, and people.

Staff (all active, all in the organisation `organisation`):

- `practitioner`      Role.PRACTITIONER, member of `team`
- `manager`           Role.TEAM_MANAGER, member of `team`
- `business_support`  Role.BUSINESS_SUPPORT, member of `team`
- `admin_user`        Role.SYSTEM_ADMINISTRATOR, in no team; replaces pytest-django's superuser
                      `admin_user`, so `admin_client` signs in as this system administrator
- `outsider`          Role.PRACTITIONER, member of `other_team` only

People:

- `person`             an ordinary, unrestricted person with a valid NHS number, in the search index
- `restricted_person`  a person whose record only `team` may open (restricted by `manager`)

Builders, for tests that need more (platform-app tests use these rather than importing the people
app, which the import-linter contracts forbid): `user_factory`, `team_factory`, `person_factory`.

Time: `set_clock(moment)` pins `tandem.core.clock.now()` (and `today()`) for the rest of the test.

Every factory-made user's password is `tandem.identity.tests.factories.PASSWORD`; passwords are
hashed with a fast hasher in tests. Sign in with `client.force_login(user)`.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from django.utils import timezone
from pytest_django.fixtures import Settings

from tandem.access.services import record_restrict
from tandem.core import clock
from tandem.directory import postcodes, search_index
from tandem.identity.models import Organisation, Team, User
from tandem.identity.permissions import Role
from tandem.identity.tests.factories import OrganisationFactory, TeamFactory, UserFactory
from tandem.people.models import Person
from tandem.people.tests.factories import PersonFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _directory_caches_cleared() -> None:
    """Each test starts with no postcode or vocabulary remembered from another test's database."""
    postcodes.place_cache_clear()
    search_index.vocabulary_cache_clear()


@pytest.fixture
def organisation(db: None) -> Organisation:
    """The council every fixture member of staff works for."""
    return OrganisationFactory(name="Wirral Council")


@pytest.fixture
def team(organisation: Organisation) -> Team:
    """The team `practitioner`, `manager` and `business_support` belong to."""
    return TeamFactory(name="Birkenhead locality team", organisation=organisation)


@pytest.fixture
def other_team(organisation: Organisation) -> Team:
    """A second team; only `outsider` belongs to it."""
    return TeamFactory(name="Wallasey locality team", organisation=organisation)


@pytest.fixture
def practitioner(organisation: Organisation, team: Team) -> User:
    """A practitioner in `team`."""
    return UserFactory(
        username="practitioner",
        first_name="Priya",
        last_name="Shah",
        role=Role.PRACTITIONER,
        organisation=organisation,
        teams=[team],
    )


@pytest.fixture
def manager(organisation: Organisation, team: Team) -> User:
    """The team manager of `team`."""
    return UserFactory(
        username="manager",
        first_name="Martin",
        last_name="Hughes",
        role=Role.TEAM_MANAGER,
        organisation=organisation,
        teams=[team],
    )


@pytest.fixture
def business_support(organisation: Organisation, team: Team) -> User:
    """Business support staff in `team`."""
    return UserFactory(
        username="support",
        first_name="Bea",
        last_name="Walsh",
        role=Role.BUSINESS_SUPPORT,
        organisation=organisation,
        teams=[team],
    )


@pytest.fixture
def admin_user(organisation: Organisation) -> User:
    """A system administrator: runs the system and its staff accounts, never people's records."""
    return UserFactory(
        username="admin", first_name="Ade", last_name="Adams", role=Role.SYSTEM_ADMINISTRATOR, organisation=organisation
    )


@pytest.fixture
def outsider(organisation: Organisation, other_team: Team) -> User:
    """A practitioner in `other_team` only, so outside `team`'s restricted records."""
    return UserFactory(
        username="outsider",
        first_name="Olu",
        last_name="Bakare",
        role=Role.PRACTITIONER,
        organisation=organisation,
        teams=[other_team],
    )


@pytest.fixture
def person(db: None) -> Person:
    """An ordinary person whose record anyone permitted to view people may open."""
    return PersonFactory(
        given_name="Margaret",
        family_name="Okafor",
        date_of_birth=date(1948, 3, 12),
        nhs_number="9434765919",
        postcode="CH41 1AA",
    )


@pytest.fixture
def restricted_person(team: Team, manager: User) -> Person:
    """A person whose record only members of `team` may open."""
    restricted = PersonFactory(
        given_name="Rowan", family_name="Trelawney", date_of_birth=date(1971, 9, 2), nhs_number="9449307946"
    )
    record_restrict(person=restricted, teams=[team], reason="Works in the locality team", actor=manager)
    return restricted


@pytest.fixture
def user_factory(db: None) -> type[UserFactory]:
    """`user_factory(role=Role.TEAM_MANAGER, teams=[team])` makes another member of staff."""
    return UserFactory


@pytest.fixture
def team_factory(db: None) -> type[TeamFactory]:
    """`team_factory(name="...")` makes another team."""
    return TeamFactory


@pytest.fixture
def person_factory(db: None) -> type[PersonFactory]:
    """`person_factory(given_name="...", family_name="...")` makes another person, in the search index."""
    return PersonFactory


@pytest.fixture
def set_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime], datetime]:
    """Pin the time every service sees; returns the moment, in UTC as `timezone.now()` gives it."""

    def pin(moment: datetime) -> datetime:
        in_utc = moment.astimezone(UTC)
        monkeypatch.setattr(clock, "now", lambda: in_utc)
        monkeypatch.setattr(clock, "today", lambda: timezone.localdate(in_utc))
        return in_utc

    return pin
