"""Who may do what: every named URL, for every role and for a stranger, by GET and by POST.

The tables state the answer each cell must give; each app writes the rows of its own URLs in its
tests/matrix.py (tests/authorisation/matrix.py says how), and they are collected here from every
installed app. A URL missing from a table fails, so a new page cannot ship without someone
deciding who may use it. A refused POST must change nothing.

Outcomes:
  200, 400, 403, 404, 405   that status
  "sign_in"                 302 to the sign-in page, coming back to this URL afterwards
  "moved:<url name>"        302 to that page, and nothing written
  "saved:<url name>"        302 to that page after the write the form asks for
"""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.urls import resolve, reverse

from tandem.access.models import BreakGlass
from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.directory import postcodes, search_index
from tandem.identity.models import User
from tandem.people.codes import Relationship, WarningCategory
from tandem.people.models import HazardWarning, NetworkMember, Person
from tests import personas
from tests.authorisation.matrix import ROLES, URLS, A, B, C, M, P, S, World, app_matrices
from tests.tables import Tables
from tests.world import world_build

# Each installed app declares the rows of its own URLs in its tests/matrix.py.
MATRICES = app_matrices()
GET = {name: outcomes for matrix in MATRICES.values() for name, outcomes in matrix.GET.items()}
POST = {name: outcomes for matrix in MATRICES.values() for name, outcomes in matrix.POST.items()}


# The world takes about a second to build and the matrix has nearly two thousand cells, so it is
# built once for the module, inside a transaction rolled back when the module ends. Each test still
# runs in its own savepoint inside it (pytest-django's `db`), so whatever a test writes is undone
# before the next one starts: every cell sees exactly the world a fresh build would give it.
_SHARED = (
    "organisation",
    "team",
    "other_team",
    "partner",
    "practitioner",
    "manager",
    "business_support",
    "administrator",
    "care_provider_organisation",
    "care_provider",
    "person",
    "warning",
    "network_member",
    "restricted_person",
    "world",
)


def _world_build() -> dict[str, Any]:
    """What the root fixtures would make for one test (tests/personas.py), in the same order, and the world."""
    organisation = personas.organisation_persona("organisation")
    team = personas.team_persona("team", organisation)
    made: dict[str, Any] = {"organisation": organisation, "team": team}
    for key in ("practitioner", "manager", "business_support"):
        made[key] = personas.staff_persona(key, organisation=organisation, team=team)
    made["administrator"] = personas.staff_persona("administrator", organisation=organisation)
    made["care_provider_organisation"] = personas.organisation_persona("care_provider_organisation")
    made["care_provider"] = personas.staff_persona("care_provider", organisation=made["care_provider_organisation"])
    staff = {
        A: None,
        P: made["practitioner"],
        M: made["manager"],
        B: made["business_support"],
        S: made["administrator"],
        C: made["care_provider"],
    }
    person = personas.person_persona()
    made |= {
        "person": person,
        "warning": personas.warning_make(person=person, raised_by=staff[P]),
        "network_member": personas.network_member_make(person=person, added_by=staff[P]),
        "restricted_person": personas.restricted_person_persona(team=team, manager=made["manager"]),
        "other_team": personas.team_persona("other_team", organisation),
        "partner": personas.organisation_persona("partner"),
    }
    made["world"] = world_build(
        person=person,
        warning=made["warning"],
        network_member=made["network_member"],
        restricted_person=made["restricted_person"],
        team=team,
        other_team=made["other_team"],
        partner=made["partner"],
        staff=staff,
    )
    return made


@pytest.fixture(scope="module")
def _built(django_db_setup: None, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            # As the autouse fixtures would have it for a test: fast hashing, no cached directory words.
            postcodes.place_cache_clear()
            search_index.vocabulary_cache_clear()
            with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
                made = _world_build()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield made
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def _shared_fixture(name: str) -> Any:
    @pytest.fixture(name=name)
    def shared(_built: dict[str, Any], db: None) -> Any:
        return _built[name]

    return shared


for _name in _SHARED:
    globals()[f"_{_name}_shared"] = _shared_fixture(_name)


# Refusals that write, with the rows they add and why (tests/tables.py compares every other row).
WRITES_ON_REFUSAL: dict[tuple[str, int], dict[str, int]] = {
    # A wrong code shows the set-up page again with the QR code of the unconfirmed device it keeps
    # (made on the first visit), so the next code is checked against the key the person scanned.
    ("identity:second_factor_setup", 400): {"otp_totp.TOTPDevice": 1},
}


def check(response: Any, outcome: Any, path: str) -> None:
    if isinstance(outcome, int):
        assert response.status_code == outcome
    elif outcome == "sign_in":
        assert response.status_code == 302
        assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?next={path}"
    else:
        _, target = outcome.split(":", 1)
        assert response.status_code == 302
        assert resolve(urlsplit(response["Location"]).path).view_name == target


def cells(table: dict[str, dict[str, Any]]) -> list[Any]:
    return [
        pytest.param(name, role, outcome, id=f"{name}-{role}")
        for name, outcomes in table.items()
        for role, outcome in outcomes.items()
    ]


def test_each_app_declares_the_rows_of_its_own_urls_once():
    declared = Counter(name for matrix in MATRICES.values() for name in {*matrix.GET, *matrix.POST})
    assert [name for name, times in declared.items() if times > 1] == []
    for label, matrix in MATRICES.items():
        assert {name.split(":")[0] for name in {*matrix.GET, *matrix.POST}} == {label}


def test_the_get_table_has_a_row_for_every_url_and_a_cell_for_every_role():
    assert sorted(GET) == sorted(URLS)
    assert all(list(outcomes) == list(ROLES) for outcomes in GET.values())


def test_the_post_table_has_a_row_for_every_url_and_a_cell_for_every_role():
    assert sorted(POST) == sorted(URLS)
    assert all(list(outcomes) == list(ROLES) for outcomes in POST.values())


@pytest.mark.parametrize(("name", "role", "outcome"), cells(GET))
def test_get(name: str, role: str, outcome: Any, world: World, client_for: Callable[[str], Client]):
    path = world.url(name)

    response = client_for(role).get(path)

    check(response, outcome, path)


@pytest.mark.parametrize(("name", "role", "outcome"), cells(POST))
def test_post(name: str, role: str, outcome: Any, world: World, client_for: Callable[[str], Client]):
    path = world.url(name)
    client = client_for(role)
    saved = isinstance(outcome, str) and outcome.startswith("saved:")
    audited = AuditEvent.objects.count()
    tables = None if saved else Tables()

    response = client.post(path, world.form(name))

    check(response, outcome, path)
    if tables is None:
        assert AuditEvent.objects.count() > audited
    else:
        tables.assert_unchanged(added=WRITES_ON_REFUSAL.get((name, response.status_code)))


PERSON_URLS = [name for name, arguments in URLS.items() if "person_uuid" in arguments and name != "people:break_glass"]
POSTABLE_PERSON_URLS = [name for name in PERSON_URLS if str(POST[name][P]).startswith("saved:")]


@pytest.fixture
def restricted_world(world: World, restricted_person: Person, practitioner: User) -> World:
    """The same world, but every person URL names the restricted record (its warning and network member too)."""
    warning = HazardWarning.objects.create(
        person=restricted_person,
        category=WarningCategory.OTHER,
        description="Lone working",
        raised_by=practitioner,
        starts_on=clock.today(),
        review_on=clock.today() + timedelta(days=30),
    )
    member = NetworkMember.objects.create(
        person=restricted_person, name="Sam Trelawney", relationship=Relationship.SIBLING, added_by=practitioner
    )
    return replace(world, person=restricted_person, warning=warning, network_member=member)


def _to_break_glass(response: Any, person: Person, path: str) -> None:
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('people:break_glass', args=[person.uuid])}?next={path}"


@pytest.mark.parametrize("name", PERSON_URLS)
def test_get_a_restricted_record_from_outside_its_teams_is_sent_to_break_the_glass(
    name: str, restricted_world: World, outsider: User, client: Client
):
    client.force_login(outsider)
    path = restricted_world.url(name)

    response = client.get(path)

    _to_break_glass(response, restricted_world.person, path)


@pytest.mark.parametrize("name", POSTABLE_PERSON_URLS)
def test_post_to_a_restricted_record_from_outside_its_teams_changes_nothing(
    name: str, restricted_world: World, outsider: User, client: Client
):
    client.force_login(outsider)
    path = restricted_world.url(name)
    tables = Tables()

    response = client.post(path, restricted_world.form(name))

    _to_break_glass(response, restricted_world.person, path)
    tables.assert_unchanged()


@pytest.mark.parametrize("name", PERSON_URLS)
def test_get_a_restricted_record_as_a_member_of_its_team(
    name: str, restricted_world: World, manager: User, client: Client
):
    client.force_login(manager)

    response = client.get(restricted_world.url(name))

    assert response.status_code == 200


def test_the_break_glass_page_refuses_until_a_reason_is_given(
    restricted_person: Person, outsider: User, client: Client
):
    client.force_login(outsider)
    summary = reverse("people:summary", args=[restricted_person.uuid])
    path = f"{reverse('people:break_glass', args=[restricted_person.uuid])}?next={summary}"

    shown = client.get(path)
    without_reason = client.post(path, {"reason": ""})
    still_closed = client.get(summary)

    assert shown.status_code == 403
    assert without_reason.status_code == 400
    assert BreakGlass.objects.filter(user=outsider).count() == 0
    _to_break_glass(still_closed, restricted_person, summary)


def test_the_record_opens_once_a_reason_is_given(restricted_person: Person, outsider: User, client: Client):
    client.force_login(outsider)
    summary = reverse("people:summary", args=[restricted_person.uuid])
    path = f"{reverse('people:break_glass', args=[restricted_person.uuid])}?next={summary}"

    response = client.post(path, {"reason": "Hospital discharge planning today"})
    opened = client.get(summary)

    assert response.status_code == 302
    assert response["Location"] == summary
    assert opened.status_code == 200
    assert BreakGlass.objects.get(user=outsider).reason == "Hospital discharge planning today"
    assert AuditEvent.objects.filter(actor=outsider, action="access.glass.broken").count() == 1


def test_a_system_administrator_cannot_break_the_glass(restricted_person: Person, administrator: User, client: Client):
    client.force_login(administrator)
    tables = Tables()

    response = client.post(
        reverse("people:break_glass", args=[restricted_person.uuid]), {"reason": "Hospital discharge planning today"}
    )

    assert response.status_code == 404
    tables.assert_unchanged()
