"""Fixtures every test may use: the personas of tests/personas.py (one name, one persona, in
every test), builders for more, and the clock.

Staff: `practitioner`, `manager`, `business_support` (in `team`), `administrator` (also
`admin_user`, so pytest-django's `admin_client` signs in as them), `care_provider` (in
`care_provider_organisation`), `outsider` (in `other_team`); `staff` maps each role (and
"anonymous") to its persona, `client_for(role)` is a client signed in as it. Teams: `team`,
`other_team`, `front_door_team` (with `team`'s three staff in it too) and `safeguarding_unit` (no
one from `team`). People: `person` (Mary Smith), `restricted_person`, with `warning` and `network_member` on `person`.

Builders, for tests that need more (platform-app tests use these rather than importing the people
app, which the import-linter contracts forbid): `user_factory`, `team_factory`, `person_factory`.

Time: `set_clock(moment)` pins `tandem.core.clock.now()` (and `today()`) for the rest of the test.

Every member of staff's password is `tests.personas.PASSWORD` (the `password` fixture); passwords
are hashed with a fast hasher in tests. Sign in with `client.force_login(user)`.
"""

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.fixtures import Settings

from tandem.core import clock
from tandem.directory import postcodes, search_index
from tandem.identity.models import Organisation, Team, User
from tandem.identity.permissions import Role
from tandem.identity.tests.factories import TeamFactory, UserFactory
from tandem.people.models import HazardWarning, NetworkMember, Person
from tandem.people.tests.factories import PersonFactory
from tests.personas import (
    PASSWORD,
    network_member_make,
    organisation_persona,
    person_persona,
    restricted_person_persona,
    staff_persona,
    team_persona,
    warning_make,
)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _directory_caches_cleared() -> None:
    """Each test starts with no postcode or vocabulary remembered from another test's database."""
    postcodes.place_cache_clear()
    search_index.vocabulary_cache_clear()


@pytest.fixture
def password() -> str:
    """Every member of staff's password."""
    return PASSWORD


@pytest.fixture
def organisation(db: None) -> Organisation:
    """The council every persona but `care_provider` works for."""
    return organisation_persona("organisation")


@pytest.fixture
def partner(db: None) -> Organisation:
    """A partner organisation a person may agree to share their record with."""
    return organisation_persona("partner")


@pytest.fixture
def care_provider_organisation(db: None) -> Organisation:
    return organisation_persona("care_provider_organisation")


@pytest.fixture
def team(organisation: Organisation) -> Team:
    """The team `practitioner`, `manager` and `business_support` belong to."""
    return team_persona("team", organisation)


@pytest.fixture
def other_team(organisation: Organisation) -> Team:
    """A second team; only `outsider` belongs to it."""
    return team_persona("other_team", organisation)


@pytest.fixture
def front_door_team(organisation: Organisation, practitioner: User, manager: User, business_support: User) -> Team:
    """The front door: `practitioner`, `manager` and `business_support` work in it too."""
    return team_persona("front_door_team", organisation, members=[practitioner, manager, business_support])


@pytest.fixture
def safeguarding_unit(organisation: Organisation) -> Team:
    """The Safeguarding Adults Unit, with no one from `team` in it (safeguarding tests give it its own staff)."""
    return team_persona("safeguarding_unit", organisation)


@pytest.fixture
def practitioner(organisation: Organisation, team: Team) -> User:
    return staff_persona("practitioner", organisation=organisation, team=team)


@pytest.fixture
def manager(organisation: Organisation, team: Team) -> User:
    return staff_persona("manager", organisation=organisation, team=team)


@pytest.fixture
def business_support(organisation: Organisation, team: Team) -> User:
    return staff_persona("business_support", organisation=organisation, team=team)


@pytest.fixture
def administrator(organisation: Organisation) -> User:
    """A system administrator: runs the system and its staff accounts, never people's records."""
    return staff_persona("administrator", organisation=organisation)


@pytest.fixture
def admin_user(administrator: User) -> User:
    """The same persona as `administrator` (pytest-django's `admin_client` signs in as this user)."""
    return administrator


@pytest.fixture
def care_provider(care_provider_organisation: Organisation) -> User:
    return staff_persona("care_provider", organisation=care_provider_organisation)


@pytest.fixture
def outsider(organisation: Organisation, other_team: Team) -> User:
    """A practitioner in `other_team` only, so outside `team`'s restricted records."""
    return staff_persona("outsider", organisation=organisation, team=other_team)


@pytest.fixture
def staff(
    practitioner: User, manager: User, business_support: User, administrator: User, care_provider: User
) -> dict[str, User | None]:
    """One member of staff for each role, and no one for `anonymous`."""
    return {
        "anonymous": None,
        Role.PRACTITIONER: practitioner,
        Role.TEAM_MANAGER: manager,
        Role.BUSINESS_SUPPORT: business_support,
        Role.SYSTEM_ADMINISTRATOR: administrator,
        Role.CARE_PROVIDER: care_provider,
    }


@pytest.fixture
def client_for(staff: dict[str, User | None]) -> Callable[[str], Client]:
    """`client_for("practitioner")`: a test client signed in with that role (`anonymous`: not signed in)."""

    def make(role: str) -> Client:
        client = Client()
        user = staff[role]
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def person(db: None) -> Person:
    """Mary Smith, whose record anyone permitted to view people may open."""
    return person_persona()


@pytest.fixture
def restricted_person(team: Team, manager: User) -> Person:
    """Rowan Trelawney, whose record only members of `team` may open."""
    return restricted_person_persona(team=team, manager=manager)


@pytest.fixture
def warning(person: Person, practitioner: User) -> HazardWarning:
    return warning_make(person=person, raised_by=practitioner)


@pytest.fixture
def network_member(person: Person, practitioner: User) -> NetworkMember:
    return network_member_make(person=person, added_by=practitioner)


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
