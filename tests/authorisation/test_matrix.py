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
from dataclasses import dataclass, field
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
from tandem.directory.models import Service, ServiceStatus
from tandem.directory.tests.curation_data import curated_service_make
from tandem.front_door import services as front_door_services
from tandem.front_door.codes import ContactRoute, ContactSource
from tandem.front_door.models import Contact
from tandem.identity.models import Membership, Team, TeamKind, User
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
    "directory:oruk_service_at_locations": row(200, 200, 200, 200, 200),
    "directory:oruk_service_at_location": row(404, 404, 404, 404, 404),
    # The public directory search is open to everyone, like the API; with nothing asked, the
    # printable list goes back to the search form, and the filled-in service id names nothing.
    "directory:public_search": row(200, 200, 200, 200, 200),
    "directory:public_print": row(
        "moved:directory:public_search",
        "moved:directory:public_search",
        "moved:directory:public_search",
        "moved:directory:public_search",
        "moved:directory:public_search",
    ),
    "directory:public_service": row(404, 404, 404, 404, 404),
    # Staff curation of the directory: everyone who signposts people; not system administrators.
    "directory:manage": row("sign_in", 200, 200, 200, 403),
    "directory:manage_stale": row("sign_in", 200, 200, 200, 403),
    "directory:manage_service_add": row("sign_in", 200, 200, 200, 403),
    "directory:manage_service": row("sign_in", 200, 200, 200, 403),
    "directory:manage_service_edit": row("sign_in", 200, 200, 200, 403),
    "directory:manage_service_check": row("sign_in", 405, 405, 405, 405),
    "directory:manage_service_status": row("sign_in", 200, 200, 200, 403),
    # The front door: staff who record contacts (not system administrators, who never see people).
    "front_door:queue": row("sign_in", 200, 200, 200, 403),
    "front_door:contact_new": row("sign_in", 200, 200, 200, 403),
    "front_door:contact": row("sign_in", 200, 200, 200, 403),
    # The world's contact is already about a person: back to the contact.
    "front_door:contact_link_person": row(
        "sign_in", "moved:front_door:contact", "moved:front_door:contact", "moved:front_door:contact", 403
    ),
    "front_door:conversation_add": row("sign_in", 200, 200, 200, 403),
    "front_door:outcome_add": row("sign_in", 200, 200, 200, 403),
    "front_door:signpost": row("sign_in", 200, 200, 200, 403),
    "front_door:signposting_remove": row("sign_in", 405, 405, 405, 405),
    "front_door:services_list": row("sign_in", 200, 200, 200, 403),
    "front_door:follow_up_add": row("sign_in", 200, 200, 200, 403),
    "front_door:follow_up_done": row("sign_in", 200, 200, 200, 403),
    "front_door:allocate": row("sign_in", 200, 200, 200, 403),
    "front_door:close": row("sign_in", 200, 200, 200, 403),
    # Front-door figures, and the contacts behind each: team managers only.
    "front_door:figures": row("sign_in", 403, 200, 403, 403),
    "front_door:figures_contacts": row("sign_in", 403, 200, 403, 403),
    # The public "ask for help" journey: no sign-in, the same for everyone. A fresh session has
    # no answers, so a later question sends the visitor to the first one, and the confirmation
    # (nothing sent yet) back to the start page.
    "front_door:ask_start": row(200, 200, 200, 200, 200),
    "front_door:ask_who": row(200, 200, 200, 200, 200),
    **{
        f"front_door:ask_{name}": row(*["moved:front_door:ask_who"] * 5)
        for name in ("helper", "about", "matters", "hard", "help", "money", "self_assessment", "contact", "check")
    },
    "front_door:ask_done": row(*["moved:front_door:ask_start"] * 5),
    "front_door:ask_privacy": row(200, 200, 200, 200, 200),
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
    "directory:oruk_service_at_locations": row(405, 405, 405, 405, 405),
    "directory:oruk_service_at_location": row(405, 405, 405, 405, 405),
    "directory:public_search": row(405, 405, 405, 405, 405),
    "directory:public_print": row(405, 405, 405, 405, 405),
    "directory:public_service": row(405, 405, 405, 405, 405),
    "directory:manage": row("sign_in", 405, 405, 405, 405),
    "directory:manage_stale": row("sign_in", 405, 405, 405, 405),
    "directory:manage_service_add": row(
        "sign_in",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        403,
    ),
    "directory:manage_service": row("sign_in", 405, 405, 405, 405),
    "directory:manage_service_edit": row(
        "sign_in",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        403,
    ),
    "directory:manage_service_check": row(
        "sign_in",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        403,
    ),
    # The form confirms the change (confirm=yes), so it saves straight away.
    "directory:manage_service_status": row(
        "sign_in",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        403,
    ),
    "front_door:queue": row("sign_in", 405, 405, 405, 405),
    # The person is chosen first (?person=...): a bare POST has nothing to record.
    "front_door:contact_new": row("sign_in", 405, 405, 405, 403),
    "front_door:contact": row("sign_in", 405, 405, 405, 405),
    "front_door:contact_link_person": row(
        "sign_in", "moved:front_door:contact", "moved:front_door:contact", "moved:front_door:contact", 403
    ),
    "front_door:conversation_add": row(
        "sign_in", "saved:front_door:contact", "saved:front_door:contact", "saved:front_door:contact", 403
    ),
    "front_door:outcome_add": row(
        "sign_in", "saved:front_door:contact", "saved:front_door:contact", "saved:front_door:contact", 403
    ),
    "front_door:signpost": row(
        "sign_in", "saved:front_door:signpost", "saved:front_door:signpost", "saved:front_door:signpost", 403
    ),
    "front_door:signposting_remove": row(
        "sign_in", "saved:front_door:signpost", "saved:front_door:signpost", "saved:front_door:signpost", 403
    ),
    "front_door:services_list": row(
        "sign_in",
        "saved:front_door:services_list",
        "saved:front_door:services_list",
        "saved:front_door:services_list",
        403,
    ),
    "front_door:follow_up_add": row(
        "sign_in", "saved:front_door:contact", "saved:front_door:contact", "saved:front_door:contact", 403
    ),
    "front_door:follow_up_done": row(
        "sign_in", "saved:front_door:contact", "saved:front_door:contact", "saved:front_door:contact", 403
    ),
    # Managers allocate to anyone in the team; others may only take a contact themselves, so
    # business support naming the practitioner is refused by the form.
    "front_door:allocate": row("sign_in", "saved:front_door:contact", "saved:front_door:contact", 400, 403),
    # The contact has no outcome yet, so it cannot be closed: the form says why.
    "front_door:close": row("sign_in", 400, 400, 400, 403),
    # The figures are read-only.
    "front_door:figures": row("sign_in", 405, 405, 405, 405),
    "front_door:figures_contacts": row("sign_in", 405, 405, 405, 405),
    # The public journey, posted with an empty body: the first question answers 400 (nothing
    # chosen); a later question, and sending, go back to the first question (no earlier answers);
    # nothing is ever written to the database before sending. Start, confirmation and privacy
    # notice are read-only.
    "front_door:ask_start": row(405, 405, 405, 405, 405),
    "front_door:ask_who": row(400, 400, 400, 400, 400),
    **{
        f"front_door:ask_{name}": row(*["moved:front_door:ask_who"] * 5)
        for name in ("helper", "about", "matters", "hard", "help", "money", "self_assessment", "contact", "check")
    },
    "front_door:ask_done": row(405, 405, 405, 405, 405),
    "front_door:ask_privacy": row(405, 405, 405, 405, 405),
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
    # Ids and form values other apps' rows need: {"contact_uuid": ..., ...}.
    extra: dict[str, Any] = field(default_factory=dict)

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
            "service_at_location_id": uuid.uuid4(),
            **self.extra,
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
            "front_door:conversation_add": {"conversation_type": "1", "what_matters": "Seeing my grandchildren"},
            "front_door:outcome_add": {"kinds": ["advice"], "version": "1"},
            "front_door:signpost": {"services": [self.extra.get("befriending_id", "")]},
            "front_door:services_list": {"email": "ann@example.com"},
            "front_door:follow_up_add": {
                "due_on-day": later.day,
                "due_on-month": later.month,
                "due_on-year": later.year,
            },
            "front_door:follow_up_done": {"what_happened": "Alarm fitted; she feels safer"},
            "front_door:allocate": {"worker": self.extra.get("practitioner_uuid", "")},
            "front_door:close": {"version": "1"},
            **self._directory_forms(),
        }.get(name, {})

    def _directory_forms(self) -> dict[str, dict[str, Any]]:
        """Curation forms the pages accept: a new service, a changed one, a status confirmed."""
        service = {
            "organisation": self.extra.get("directory_organization_id", ""),
            "name": "Friday Lunch Club",
            "description": "A hot lunch on Fridays",
            "cost": "free",
            "categories": ["lunch-clubs"],
        }
        return {
            "directory:manage_service_add": service | {"status": "active"},
            "directory:manage_service_edit": service,
            "directory:manage_service_status": {"status": "defunct", "confirm": "yes"},
        }


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
    extra = _front_door_world(person, staff)
    extra |= _directory_world(staff)
    return World(
        person=person,
        warning=warning,
        network_member=network_member,
        duplicate=duplicate,
        grant=grant,
        team_id=team.pk,
        partner_id=partner.pk,
        password=password,
        extra=extra,
    )


def _directory_world(staff: dict[str, User | None]) -> dict[str, Any]:
    """A directory entry staff curate, added through the curation service."""
    service = curated_service_make(staff[P])
    return {"service_uuid": service.id, "directory_organization_id": str(service.organization_id)}


def _front_door_world(person: Person, staff: dict[str, User | None]) -> dict[str, Any]:
    """A contact about the person, with a service on its list and a call planned."""
    practitioner = staff[P]
    assert practitioner is not None
    front_door = Team.objects.create(
        name="Wirral front door", kind=TeamKind.FRONT_DOOR, organisation=practitioner.organisation
    )
    for user in staff.values():
        if user is not None:
            Membership.objects.create(user=user, team=front_door)
    contact = front_door_services.contact_record(
        details=front_door_services.ContactDetails(
            source=ContactSource.SELF, route=ContactRoute.PHONE, reason="Struggling with the stairs"
        ),
        person=person,
        actor=practitioner,
    )
    lunch_club = Service.objects.create(name="Hoylake lunch club", status=ServiceStatus.ACTIVE)
    befriending = Service.objects.create(name="Wirral befriending", status=ServiceStatus.ACTIVE)
    [signposting] = front_door_services.signposting_add(contact=contact, services=[lunch_club], actor=practitioner)
    follow_up = front_door_services.follow_up_add(
        contact=contact, due_on=clock.today(), note="", assigned_to=None, actor=practitioner
    )
    Contact.objects.filter(pk=contact.pk).update(version=1)
    return {
        "contact_uuid": contact.uuid,
        "signposting_uuid": signposting.uuid,
        "follow_up_uuid": follow_up.uuid,
        "befriending_id": str(befriending.id),
        "practitioner_uuid": str(practitioner.uuid),
    }


def snapshot() -> dict[str, Any]:
    """Row counts of every Tandem table, and the rows a refused write would touch."""
    tandem_apps = {"identity", "audit", "access", "people", "directory", "front_door", "safeguarding"}
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
        extra=world.extra,
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
