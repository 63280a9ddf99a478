"""Fixtures for the architecture, authorisation, journey and page tests.

Everything is built through the models and services directly, so these tests do not lean on the
unit tests' factories. The page tests under tandem/*/tests/views/ import these fixtures too.

Staff (all active, in `organisation`; every password is `PASSWORD`):

- `practitioner`      Role.PRACTITIONER, member of `team`
- `manager`           Role.TEAM_MANAGER, member of `team`
- `business_support`  Role.BUSINESS_SUPPORT, member of `team`
- `administrator`     Role.SYSTEM_ADMINISTRATOR, in no team
- `care_provider`     Role.CARE_PROVIDER, in `care_provider_organisation` (a care provider), in no team
- `outsider`          Role.PRACTITIONER, member of `other_team` only

People:

- `person`             Mary Smith: unrestricted, with an active hazard `warning` and a `network_member`
- `restricted_person`  Rowan Trelawney: only `team` may open the record
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest
from django.db.models import Max
from django.test import Client

from tandem.access.services import record_restrict
from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.identity.models import Membership, Organisation, OrganisationKind, Team, TeamKind, User
from tandem.identity.permissions import Role
from tandem.people.codes import Relationship, WarningCategory
from tandem.people.models import HazardWarning, NetworkMember, Person
from tandem.people.search_index import person_tokens_refresh

PASSWORD = "a-long-test-password-4821"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_second_factor_required(settings: Any) -> None:
    """Staff sign in without codes unless a test requires them of a role (even where the
    environment looks like production to config/settings.py)."""
    settings.TANDEM_SECOND_FACTOR_ROLES = frozenset()


def staff_make(
    *,
    username: str,
    role: str,
    organisation: Organisation,
    teams: Iterable[Team] = (),
    first_name: str = "",
    last_name: str = "",
) -> User:
    user = User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        organisation=organisation,
        first_name=first_name,
        last_name=last_name,
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


@pytest.fixture
def password() -> str:
    """Every member of staff's password."""
    return PASSWORD


@pytest.fixture(name="staff_make")
def staff_make_fixture(db: None) -> Callable[..., User]:
    """`staff_make(username=..., role=..., organisation=..., teams=[...])`: another member of staff."""
    return staff_make


@pytest.fixture(name="person_make")
def person_make_fixture(db: None) -> Callable[..., Person]:
    """`person_make(given_name=..., family_name=..., ...)`: another person, in the search index."""
    return person_make


@pytest.fixture(name="warning_make")
def warning_make_fixture(db: None) -> Callable[..., HazardWarning]:
    """`warning_make(person=..., raised_by=...)`: an active hazard warning, reviewed in 90 days."""
    return warning_make


@pytest.fixture(name="network_member_make")
def network_member_make_fixture(db: None) -> Callable[..., NetworkMember]:
    """`network_member_make(person=..., added_by=...)`: someone in the person's network."""
    return network_member_make


@pytest.fixture
def organisation(db: None) -> Organisation:
    return Organisation.objects.create(name="Wirral Council", kind=OrganisationKind.COUNCIL)


@pytest.fixture
def partner(db: None) -> Organisation:
    """A partner organisation a person may agree to share their record with."""
    return Organisation.objects.create(name="Wirral Community Health Trust", kind=OrganisationKind.NHS_TRUST)


@pytest.fixture
def team(organisation: Organisation) -> Team:
    return Team.objects.create(name="Birkenhead locality team", kind=TeamKind.LOCALITY, organisation=organisation)


@pytest.fixture
def other_team(organisation: Organisation) -> Team:
    return Team.objects.create(name="Wallasey locality team", kind=TeamKind.LOCALITY, organisation=organisation)


@pytest.fixture
def practitioner(organisation: Organisation, team: Team) -> User:
    return staff_make(
        username="practitioner",
        role=Role.PRACTITIONER,
        organisation=organisation,
        teams=[team],
        first_name="Priya",
        last_name="Shah",
    )


@pytest.fixture
def manager(organisation: Organisation, team: Team) -> User:
    return staff_make(
        username="manager",
        role=Role.TEAM_MANAGER,
        organisation=organisation,
        teams=[team],
        first_name="Martin",
        last_name="Hughes",
    )


@pytest.fixture
def business_support(organisation: Organisation, team: Team) -> User:
    return staff_make(
        username="support",
        role=Role.BUSINESS_SUPPORT,
        organisation=organisation,
        teams=[team],
        first_name="Bea",
        last_name="Walsh",
    )


@pytest.fixture
def administrator(organisation: Organisation) -> User:
    return staff_make(
        username="administrator",
        role=Role.SYSTEM_ADMINISTRATOR,
        organisation=organisation,
        first_name="Ade",
        last_name="Adams",
    )


@pytest.fixture
def care_provider_organisation(db: None) -> Organisation:
    return Organisation.objects.create(name="Wirral Home Care Ltd", kind=OrganisationKind.CARE_PROVIDER)


@pytest.fixture
def care_provider(care_provider_organisation: Organisation) -> User:
    return staff_make(
        username="provider",
        role=Role.CARE_PROVIDER,
        organisation=care_provider_organisation,
        first_name="Chloe",
        last_name="Dunn",
    )


@pytest.fixture
def outsider(organisation: Organisation, other_team: Team) -> User:
    return staff_make(
        username="outsider",
        role=Role.PRACTITIONER,
        organisation=organisation,
        teams=[other_team],
        first_name="Olu",
        last_name="Bakare",
    )


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
    return person_make(
        given_name="Mary",
        family_name="Smith",
        date_of_birth=date(1948, 3, 12),
        nhs_number="9434765919",
        address_line_1="12 Grange Road",
        town="Birkenhead",
        postcode="CH41 2AB",
    )


@pytest.fixture
def warning(person: Person, practitioner: User) -> HazardWarning:
    return warning_make(person=person, raised_by=practitioner)


@pytest.fixture
def network_member(person: Person, practitioner: User) -> NetworkMember:
    return network_member_make(person=person, added_by=practitioner)


@pytest.fixture
def restricted_person(team: Team, manager: User) -> Person:
    restricted = person_make(
        given_name="Rowan", family_name="Trelawney", date_of_birth=date(1971, 9, 2), nhs_number="9449307946"
    )
    record_restrict(person=restricted, teams=[team], reason="Works in the locality team", actor=manager)
    return restricted


@dataclass
class Page:
    """What a person sees on a page: its title, what the form holds and the error messages."""

    title: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    error_summary: list[str] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)
    text: str = ""


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._capture: list[str] | None = None
        self._into: str = ""
        self._textarea: str = ""
        self._select: str = ""
        self._depth: dict[str, int] = {}
        self._in_summary_list = False
        self._text: list[str] = []

    def _set(self, name: str, value: str, *, many: bool = False) -> None:
        if many:
            self.page.values.setdefault(name, []).append(value)
        else:
            self.page.values[name] = value

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "title" and not self.page.title:
            self._capture, self._into = [], "title"
        elif tag == "input" and a.get("name") and a.get("name") != "csrfmiddlewaretoken":
            kind = a.get("type", "text")
            if kind in {"radio", "checkbox"}:
                if "checked" in a:
                    self._set(a["name"], a.get("value", "on"), many=kind == "checkbox")
            else:
                self._set(a["name"], a.get("value", ""))
        elif tag == "textarea":
            self._textarea, self._capture, self._into = a.get("name", ""), [], "textarea"
        elif tag == "select":
            self._select = a.get("name", "")
            self.page.values.setdefault(self._select, "")
        elif tag == "option" and self._select and "selected" in a:
            self.page.values[self._select] = a.get("value", "")
        elif tag == "ul" and "govuk-error-summary__list" in classes:
            self._in_summary_list = True
        elif tag == "li" and self._in_summary_list:
            self._capture, self._into = [], "summary"
        elif tag == "p" and "govuk-error-message" in classes:
            self._capture, self._into = [], "field_error"

    def handle_endtag(self, tag: str) -> None:
        if self._capture is None:
            if tag == "ul":
                self._in_summary_list = False
            elif tag == "select":
                self._select = ""
            return
        text = "".join(self._capture)
        if tag == "title" and self._into == "title":
            self.page.title = " ".join(text.split())
        elif tag == "textarea" and self._into == "textarea":
            self._set(self._textarea, text.removeprefix("\n"))
        elif tag == "li" and self._into == "summary":
            self.page.error_summary.append(" ".join(text.split()))
        elif tag == "p" and self._into == "field_error":
            self.page.field_errors.append(" ".join(text.split()).removeprefix("Error: "))
        else:
            return
        self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._capture.append(data)
        self._text.append(data)

    def close(self) -> None:
        super().close()
        self.page.text = " ".join(unescape(" ".join(self._text)).split())


def page_read(response: Any) -> Page:
    reader = _PageReader()
    reader.feed(response.content.decode())
    reader.close()
    return reader.page


@pytest.fixture(name="read")
def read_fixture() -> Callable[[Any], Page]:
    """`read(response)`: the page's title, form values (by field name), error summary and field errors."""
    return page_read


class AuditWatch:
    """`audit.mark()` before the request, `audit.actions()` after: the audit events it wrote."""

    def __init__(self) -> None:
        self.mark()

    def mark(self) -> None:
        self.last = AuditEvent.objects.aggregate(last=Max("id"))["last"] or 0

    def events(self) -> list[AuditEvent]:
        return list(AuditEvent.objects.filter(id__gt=self.last).order_by("id"))

    def actions(self) -> list[str]:
        return [event.action for event in self.events()]


@pytest.fixture
def audit(db: None) -> AuditWatch:
    return AuditWatch()
