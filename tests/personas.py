"""The test personas: one name, one persona, in every test (unit, page, matrix, journey).

The fixtures in the root conftest.py build these; tests that need more build through the same
factories (`staff_make`, `person_make`, `warning_make`, `network_member_make`, or factory_boy's
`UserFactory`, `TeamFactory`, `PersonFactory`). Every member of staff's password is `PASSWORD`.

Organisations: `organisation` (Wirral Council, a council), `partner` (an NHS trust a person may
share their record with), `care_provider_organisation` (a care provider).

Staff (all active, in `organisation` unless said):

- `practitioner`      Priya Shah, Role.PRACTITIONER, member of `team`
- `manager`           Martin Hughes, Role.TEAM_MANAGER, member of `team`
- `business_support`  Bea Walsh (username `support`), Role.BUSINESS_SUPPORT, member of `team`
- `administrator`     Ade Adams, Role.SYSTEM_ADMINISTRATOR, in no team (`admin_user` is the same
                      persona, so pytest-django's `admin_client` signs in as them)
- `care_provider`     Chloe Dunn (username `provider`), Role.CARE_PROVIDER, in
                      `care_provider_organisation`, in no team
- `outsider`          Olu Bakare, Role.PRACTITIONER, member of `other_team` only

Teams: `team` (Birkenhead locality team), `other_team` (Wallasey locality team), both in
`organisation`; `front_door_team` (Wirral front door, a front-door team, which `practitioner`,
`manager` and `business_support` work in too) and `safeguarding_unit` (Safeguarding Adults Unit, a
safeguarding team, with no one from `team` in it), both in `organisation`. The authorisation
matrix and the accessibility world put every member of staff in both.

People:

- `person`             Mary Smith, born 12 March 1948, NHS number 943 476 5919, of 12 Grange Road,
                       Birkenhead CH41 2AB: unrestricted, in the search index
- `restricted_person`  Rowan Trelawney: only `team` may open the record (restricted by `manager`)
- `warning`            an active hazard warning on `person` (two dogs), raised by `practitioner`,
                       reviewed in 90 days
- `network_member`     John Smith, `person`'s spouse, added by `practitioner`
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tandem.access.services import record_restrict
from tandem.core import clock
from tandem.identity.models import Membership, Organisation, OrganisationKind, Team, TeamKind, User
from tandem.identity.permissions import Role
from tandem.identity.tests.factories import PASSWORD
from tandem.people.codes import Relationship, WarningCategory
from tandem.people.models import HazardWarning, NetworkMember, Person
from tandem.people.search_index import person_tokens_refresh

__all__ = [
    "PASSWORD",
    "STAFF",
    "network_member_make",
    "organisation_persona",
    "person_make",
    "person_persona",
    "restricted_person_persona",
    "staff_make",
    "staff_persona",
    "team_persona",
    "warning_make",
]


@dataclass(frozen=True)
class Staff:
    username: str
    role: str
    first_name: str
    last_name: str
    organisation: str = "organisation"
    team: str | None = None


STAFF: dict[str, Staff] = {
    "practitioner": Staff("practitioner", Role.PRACTITIONER, "Priya", "Shah", team="team"),
    "manager": Staff("manager", Role.TEAM_MANAGER, "Martin", "Hughes", team="team"),
    "business_support": Staff("support", Role.BUSINESS_SUPPORT, "Bea", "Walsh", team="team"),
    "administrator": Staff("administrator", Role.SYSTEM_ADMINISTRATOR, "Ade", "Adams"),
    "care_provider": Staff("provider", Role.CARE_PROVIDER, "Chloe", "Dunn", organisation="care_provider_organisation"),
    "outsider": Staff("outsider", Role.PRACTITIONER, "Olu", "Bakare", team="other_team"),
}

ORGANISATIONS: dict[str, tuple[str, str]] = {
    "organisation": ("Wirral Council", OrganisationKind.COUNCIL),
    "partner": ("Wirral Community Health Trust", OrganisationKind.NHS_TRUST),
    "care_provider_organisation": ("Wirral Home Care Ltd", OrganisationKind.CARE_PROVIDER),
}

TEAMS: dict[str, tuple[str, str]] = {
    "team": ("Birkenhead locality team", TeamKind.LOCALITY),
    "other_team": ("Wallasey locality team", TeamKind.LOCALITY),
    "front_door_team": ("Wirral front door", TeamKind.FRONT_DOOR),
    "safeguarding_unit": ("Safeguarding Adults Unit", TeamKind.SAFEGUARDING),
}


def staff_make(
    *,
    username: str,
    role: str,
    organisation: Organisation,
    teams: Iterable[Team] = (),
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Another member of staff, signing in with `PASSWORD`."""
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
        email=f"{username}@example.org",
    )
    for member_of in teams:
        Membership.objects.create(user=user, team=member_of)
    return user


def person_make(**fields: Any) -> Person:
    """A person in the search index, as the create service would leave them."""
    person = Person.objects.create(**fields)
    person_tokens_refresh(person)
    return person


def warning_make(
    *,
    person: Person,
    raised_by: User,
    category: str = WarningCategory.ANIMALS,
    description: str = "Two large dogs: ask for them to be shut away before visiting",
) -> HazardWarning:
    today = clock.today()
    return HazardWarning.objects.create(
        person=person,
        category=category,
        description=description,
        raised_by=raised_by,
        starts_on=today,
        review_on=today + timedelta(days=90),
    )


def network_member_make(*, person: Person, added_by: User, name: str = "John Smith") -> NetworkMember:
    return NetworkMember.objects.create(
        person=person,
        name=name,
        relationship=Relationship.SPOUSE_OR_PARTNER,
        what_they_do="Shopping and meals",
        added_by=added_by,
    )


def organisation_persona(name: str) -> Organisation:
    """`organisation`, `partner` or `care_provider_organisation`."""
    title, kind = ORGANISATIONS[name]
    organisation, _ = Organisation.objects.get_or_create(name=title, defaults={"kind": kind})
    return organisation


def team_persona(name: str, organisation: Organisation, *, members: Iterable[User | None] = ()) -> Team:
    """`team`, `other_team`, `front_door_team` or `safeguarding_unit`, with these members of staff
    in it (None, the stranger of a role table, is passed over)."""
    title, kind = TEAMS[name]
    made = Team.objects.create(name=title, kind=kind, organisation=organisation)
    for user in members:
        if user is not None:
            Membership.objects.create(user=user, team=made)
    return made


def staff_persona(name: str, *, organisation: Organisation, team: Team | None = None) -> User:
    """One of STAFF, in that organisation and (for those who have one) that team."""
    persona = STAFF[name]
    assert (team is None) == (persona.team is None), f"{name} belongs to {persona.team or 'no team'}"
    return staff_make(
        username=persona.username,
        role=persona.role,
        organisation=organisation,
        teams=[team] if team is not None else [],
        first_name=persona.first_name,
        last_name=persona.last_name,
    )


def person_persona() -> Person:
    """Mary Smith."""
    return person_make(
        given_name="Mary",
        family_name="Smith",
        date_of_birth=date(1948, 3, 12),
        nhs_number="9434765919",
        address_line_1="12 Grange Road",
        town="Birkenhead",
        postcode="CH41 2AB",
    )


def restricted_person_persona(*, team: Team, manager: User) -> Person:
    """Rowan Trelawney, whose record only `team` may open."""
    restricted = person_make(
        given_name="Rowan", family_name="Trelawney", date_of_birth=date(1971, 9, 2), nhs_number="9449307946"
    )
    record_restrict(person=restricted, teams=[team], reason="Works in the locality team", actor=manager)
    return restricted
