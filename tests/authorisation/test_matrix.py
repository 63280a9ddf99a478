"""Who may do what: every named URL, for every role and for a stranger, by GET and by POST.

The tables state the answer each cell must give; a URL missing from a table fails, so a new page
cannot ship without someone deciding who may use it. A refused POST must change nothing.

Outcomes:
  200, 400, 403, 404, 405   that status
  "sign_in"                 302 to the sign-in page, coming back to this URL afterwards
  "moved:<url name>"        302 to that page, and nothing written
  "saved:<url name>"        302 to that page after the write the form asks for
"""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tandem.access.models import BreakGlass, RecordRestriction
from tandem.access.services import glass_break
from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.identity.models import User
from tandem.identity.permissions import Role
from tandem.people.codes import ConsentDecision, Ethnicity, Gender, Relationship, WarningCategory
from tandem.people.models import HazardWarning, NetworkMember, Person

A, P, M, B, S = "anonymous", Role.PRACTITIONER, Role.TEAM_MANAGER, Role.BUSINESS_SUPPORT, Role.SYSTEM_ADMINISTRATOR


ROLES = [A, *Role.values]


def row(
    anonymous: Any, practitioner: Any, team_manager: Any, business_support: Any, system_administrator: Any
) -> dict[str, Any]:
    return {A: anonymous, P: practitioner, M: team_manager, B: business_support, S: system_administrator}


# System administrators run the system, not people's records: person pages answer 404 to them
# (they cannot see that the record exists), and the search and warnings lists refuse them (403).
GET = {
    "identity:sign_in": row(
        200, "moved:people:search", "moved:people:search", "moved:people:search", "moved:identity:account"
    ),
    "identity:verify": row(
        "sign_in", "moved:people:search", "moved:people:search", "moved:people:search", "moved:identity:account"
    ),
    "identity:sign_out": row("sign_in", 405, 405, 405, 405),
    "identity:account": row("sign_in", 200, 200, 200, 200),
    "identity:second_factor_setup": row("sign_in", 200, 200, 200, 200),
    "identity:accessibility": row(200, 200, 200, 200, 200),
    "people:search": row("sign_in", 200, 200, 200, 403),
    "people:create": row("sign_in", 200, 200, 200, 403),
    "people:warnings_due": row("sign_in", 200, 200, 200, 403),
    "people:summary": row("sign_in", 200, 200, 200, 404),
    "people:details_edit": row("sign_in", 200, 200, 200, 404),
    "people:voice_edit": row("sign_in", 200, 200, 200, 404),
    "people:previous_name_add": row("sign_in", 200, 200, 200, 404),
    "people:network": row("sign_in", 200, 200, 200, 404),
    "people:network_add": row("sign_in", 200, 200, 200, 404),
    "people:network_end": row("sign_in", 200, 200, 200, 404),
    "people:consent_add": row("sign_in", 200, 200, 200, 404),
    "people:warning_raise": row("sign_in", 200, 200, 403, 404),
    "people:warning_end": row("sign_in", 200, 200, 403, 404),
    "people:warning_review": row("sign_in", 200, 200, 403, 404),
    "people:history": row("sign_in", 200, 200, 403, 404),
    "people:access_log": row("sign_in", 403, 200, 403, 404),
    "people:merge": row("sign_in", 403, 200, 403, 404),
    "people:restrict": row("sign_in", 403, 200, 403, 404),
    # The record is not restricted, so there is no glass to break: straight to the record.
    "people:break_glass": row("sign_in", "moved:people:summary", "moved:people:summary", "moved:people:summary", 404),
    "access:break_glass_list": row("sign_in", 403, 200, 403, 403),
    "access:break_glass_review": row("sign_in", 405, 405, 405, 405),
    # The ORUK directory API is public by the standard: the same answer for everyone, signed in
    # or not. The world has no directory entries, so an id names nothing (404).
    "directory:oruk_root": row(200, 200, 200, 200, 200),
    "directory:oruk_services": row(200, 200, 200, 200, 200),
    "directory:oruk_service": row(404, 404, 404, 404, 404),
    "directory:oruk_taxonomies": row(200, 200, 200, 200, 200),
    "directory:oruk_taxonomy": row(404, 404, 404, 404, 404),
    "directory:oruk_taxonomy_terms": row(200, 200, 200, 200, 200),
    "directory:oruk_taxonomy_term": row(404, 404, 404, 404, 404),
}

POST = {
    "identity:sign_in": row(
        "saved:people:search",
        "moved:people:search",
        "moved:people:search",
        "moved:people:search",
        "moved:identity:account",
    ),
    "identity:verify": row(
        "sign_in", "moved:people:search", "moved:people:search", "moved:people:search", "moved:identity:account"
    ),
    "identity:sign_out": row(
        "sign_in",
        "saved:identity:sign_in",
        "saved:identity:sign_in",
        "saved:identity:sign_in",
        "saved:identity:sign_in",
    ),
    # Read-only pages refuse other methods.
    "identity:account": row("sign_in", 405, 405, 405, 405),
    # The code is wrong, so the form answers 400 (setting up a device writes only django-otp's table).
    "identity:second_factor_setup": row("sign_in", 400, 400, 400, 400),
    "identity:accessibility": row(405, 405, 405, 405, 405),
    "people:search": row("sign_in", 405, 405, 405, 405),
    "people:create": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 403),
    "people:warnings_due": row("sign_in", 405, 405, 405, 405),
    "people:summary": row("sign_in", 405, 405, 405, 405),
    "people:details_edit": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:voice_edit": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:previous_name_add": row(
        "sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404
    ),
    "people:network": row("sign_in", 405, 405, 405, 405),
    "people:network_add": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:network_end": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:consent_add": row("sign_in", "saved:people:summary", "saved:people:summary", "saved:people:summary", 404),
    "people:warning_raise": row("sign_in", "saved:people:summary", "saved:people:summary", 403, 404),
    "people:warning_end": row("sign_in", "saved:people:summary", "saved:people:summary", 403, 404),
    "people:warning_review": row("sign_in", "saved:people:warnings_due", "saved:people:warnings_due", 403, 404),
    "people:history": row("sign_in", 405, 405, 405, 405),
    "people:access_log": row("sign_in", 405, 405, 405, 405),
    "people:merge": row("sign_in", 403, "saved:people:summary", 403, 404),
    "people:restrict": row("sign_in", 403, "saved:people:summary", 403, 404),
    "people:break_glass": row("sign_in", "moved:people:summary", "moved:people:summary", "moved:people:summary", 404),
    "access:break_glass_list": row("sign_in", 405, 405, 405, 405),
    # Only reviewers can find a grant at all, so for everyone else it does not exist.
    "access:break_glass_review": row("sign_in", 404, "saved:access:break_glass_list", 404, 404),
    # The ORUK API is read-only.
    "directory:oruk_root": row(405, 405, 405, 405, 405),
    "directory:oruk_services": row(405, 405, 405, 405, 405),
    "directory:oruk_service": row(405, 405, 405, 405, 405),
    "directory:oruk_taxonomies": row(405, 405, 405, 405, 405),
    "directory:oruk_taxonomy": row(405, 405, 405, 405, 405),
    "directory:oruk_taxonomy_terms": row(405, 405, 405, 405, 405),
    "directory:oruk_taxonomy_term": row(405, 405, 405, 405, 405),
}


def _walk(patterns: list[Any], namespace: str = "") -> dict[str, list[str]]:
    """Every named URL and the names of its arguments."""
    found: dict[str, list[str]] = {}
    for entry in patterns:
        if isinstance(entry, URLResolver):
            found.update(_walk(entry.url_patterns, f"{namespace}{entry.namespace}:" if entry.namespace else namespace))
        elif isinstance(entry, URLPattern):
            found[f"{namespace}{entry.name}"] = list(entry.pattern.converters)
    return found


URLS = _walk(get_resolver().url_patterns)


@dataclass(frozen=True)
class World:
    """One unrestricted person with a warning and a network member, and what the forms need."""

    person: Person
    warning: HazardWarning
    network_member: NetworkMember
    duplicate: Person
    grant: BreakGlass
    team_id: int
    partner_id: int
    password: str

    def url(self, name: str) -> str:
        values = {
            "person_uuid": self.person.uuid,
            "member_uuid": self.network_member.uuid,
            "warning_uuid": self.warning.uuid,
            "grant_id": self.grant.pk,
            # Directory ids nobody has: the world holds no directory entries.
            "service_id": uuid.uuid4(),
            "taxonomy_id": uuid.uuid4(),
            "taxonomy_term_id": uuid.uuid4(),
        }
        return reverse(name, kwargs={argument: values[argument] for argument in URLS[name]})

    def form(self, name: str) -> dict[str, Any]:
        """A POST body the page would accept, so a refusal is about who asks, never what they sent."""
        today = clock.today()
        later = today + timedelta(days=30)
        return {
            "identity:sign_in": {"username": "practitioner", "password": self.password},
            "identity:verify": {"token": "123456"},
            "identity:second_factor_setup": {"token": "000000"},
            "people:create": {
                "given_name": "Zebedee",
                "family_name": "Quartermaine",
                "gender": Gender.UNKNOWN,
                "ethnicity": Ethnicity.NOT_KNOWN,
            },
            "people:details_edit": {
                "given_name": "Mary",
                "family_name": "Smyth",
                "gender": Gender.FEMALE,
                "ethnicity": Ethnicity.NOT_KNOWN,
                "version": "1",
            },
            "people:voice_edit": {"what_matters_to_me": "My garden", "strengths": "", "version": "1"},
            "people:previous_name_add": {"family_name": "Jones"},
            "people:network_add": {"name": "Hoylake lunch club", "relationship": Relationship.COMMUNITY_GROUP},
            "people:consent_add": {
                "organisation": str(self.partner_id),
                "decision": ConsentDecision.GIVEN,
                "decided_on-day": today.day,
                "decided_on-month": today.month,
                "decided_on-year": today.year,
            },
            "people:warning_raise": {
                "category": WarningCategory.VIOLENCE,
                "description": "Shouts at visitors",
                "starts_on-day": today.day,
                "starts_on-month": today.month,
                "starts_on-year": today.year,
                "review_on-day": later.day,
                "review_on-month": later.month,
                "review_on-year": later.year,
            },
            "people:warning_end": {"reason": "The dogs have been rehomed"},
            "people:warning_review": {
                "review_on-day": later.day,
                "review_on-month": later.month,
                "review_on-year": later.year,
            },
            "people:merge": {"duplicate": self.duplicate.local_id, "reason": "Same date of birth and address"},
            "people:restrict": {"teams": [str(self.team_id)], "reason": "A member of staff"},
            "people:break_glass": {"reason": "Hospital discharge planning today"},
        }.get(name, {})


@pytest.fixture
def world(
    staff,
    person,
    warning,
    network_member,
    restricted_person,
    other_team,
    team,
    partner,
    person_make,
    staff_make,
    password,
) -> World:
    duplicate = person_make(given_name="Mary", family_name="Smith", date_of_birth=person.date_of_birth)
    visitor = staff_make(
        username="visitor", role=Role.PRACTITIONER, organisation=other_team.organisation, teams=[other_team]
    )
    grant = glass_break(person=restricted_person, reason="Hospital discharge planning today", actor=visitor)
    return World(
        person=person,
        warning=warning,
        network_member=network_member,
        duplicate=duplicate,
        grant=grant,
        team_id=team.pk,
        partner_id=partner.pk,
        password=password,
    )


def snapshot() -> dict[str, Any]:
    """Row counts of every Tandem table, and the rows a refused write would touch."""
    tandem_apps = {"identity", "audit", "access", "people"}
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in tandem_apps
    }
    rows = {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in (Person, HazardWarning, NetworkMember, RecordRestriction, BreakGlass, User)
    }
    return {"counts": counts, "rows": rows}


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
    before = snapshot()

    response = client.post(path, world.form(name))

    check(response, outcome, path)
    after = snapshot()
    if isinstance(outcome, str) and outcome.startswith("saved:"):
        assert after["counts"]["audit.AuditEvent"] > before["counts"]["audit.AuditEvent"]
    else:
        assert after == before


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
    return World(
        person=restricted_person,
        warning=warning,
        network_member=member,
        duplicate=world.duplicate,
        grant=world.grant,
        team_id=world.team_id,
        partner_id=world.partner_id,
        password=world.password,
    )


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
    before = snapshot()

    response = client.post(path, restricted_world.form(name))

    _to_break_glass(response, restricted_world.person, path)
    assert snapshot() == before


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
    before = snapshot()

    response = client.post(
        reverse("people:break_glass", args=[restricted_person.uuid]), {"reason": "Hospital discharge planning today"}
    )

    assert response.status_code == 404
    assert snapshot() == before
