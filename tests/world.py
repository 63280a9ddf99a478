"""The one world the authorisation matrix and the accessibility check are asked in.

Built from the personas (tests/personas.py) and, for each installed app, the records its pages
name: `world(person, staff)` in the app's `tests/world.py`, kept in the world's `apps[<label>]`
and, merged, in `extra` (ids by URL keyword, such as `contact_uuid`, and what forms need). The
matrix (tests/authorisation/test_matrix.py) builds it once for its module; the accessibility
check (tests/journeys/test_accessibility.py) once in each test process, then puts a copy of the
database back for each visit (tests/journeys/snapshot.py). Both see the same records.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from types import ModuleType
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.access.models import BreakGlass, RestrictionChange, RestrictionChangeKind
from tandem.access.services import glass_break
from tandem.core import clock
from tandem.identity.models import Organisation, Team, User
from tandem.identity.permissions import Role
from tandem.people.codes import ConsentDecision
from tandem.people.models import ConsentToShare, HazardWarning, NetworkMember, Person, PreviousName
from tests.apps_collected import app_test_modules
from tests.personas import PASSWORD, person_make, staff_make, warning_make


@cache
def app_worlds() -> dict[str, ModuleType]:
    """Every installed app's `tests/world.py`, by app label."""
    return app_test_modules("world")


@cache
def app_matrices() -> dict[str, ModuleType]:
    """Every installed app's `tests/matrix.py`, by app label."""
    return app_test_modules("matrix")


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
    """Mary Smith's full record (two warnings, one due for review; a network member; consent to
    share; a previous name), a duplicate of her to merge, the restricted record with the glass
    broken on it and a change to its restriction to review, a manager with sign-in codes, and
    each app's records."""

    person: Person
    warning: HazardWarning
    network_member: NetworkMember
    restricted: Person
    duplicate: Person
    grant: BreakGlass
    team_id: int
    partner_id: int
    password: str
    # What each app's `world(person, staff)` made, by app label, and all of it merged.
    apps: dict[str, dict[str, Any]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def url(self, name: str) -> str:
        """The URL `name` with the world's records as its arguments."""
        values: dict[str, Any] = {
            "person_uuid": self.person.uuid,
            "member_uuid": self.network_member.uuid,
            "warning_uuid": self.warning.uuid,
            "grant_id": self.grant.pk,
        }
        for matrix in app_matrices().values():
            if hasattr(matrix, "url_values"):
                values |= matrix.url_values(self)
        values |= self.extra
        return reverse(name, kwargs={argument: values[argument] for argument in URLS[name]})

    def form(self, name: str) -> dict[str, Any]:
        """A POST body the page would accept, so a refusal is about who asks, never what they sent."""
        forms: dict[str, dict[str, Any]] = {}
        for matrix in app_matrices().values():
            if hasattr(matrix, "forms"):
                forms |= matrix.forms(self)
        return forms.get(name, {})


def world_build(
    *,
    person: Person,
    warning: HazardWarning,
    network_member: NetworkMember,
    restricted_person: Person,
    team: Team,
    other_team: Team,
    partner: Organisation,
    staff: dict[str, User | None],
) -> World:
    """The world, around the personas the root fixtures made (`staff` maps each role to its persona)."""
    practitioner, manager = staff[Role.PRACTITIONER], staff[Role.TEAM_MANAGER]
    assert practitioner is not None
    assert manager is not None
    today = clock.today()
    due = warning_make(person=person, raised_by=practitioner, description="Lives alone: call ahead")
    HazardWarning.objects.filter(pk=due.pk).update(
        starts_on=today - timedelta(days=100), review_on=today - timedelta(days=1)
    )
    ConsentToShare.objects.create(
        person=person, organisation=partner, decision=ConsentDecision.GIVEN, decided_on=today, recorded_by=practitioner
    )
    PreviousName.objects.create(person=person, given_name="Mary", family_name="Jones")
    duplicate = person_make(given_name="Mary", family_name="Smith", date_of_birth=person.date_of_birth)
    visitor = staff_make(
        username="visitor", role=Role.PRACTITIONER, organisation=other_team.organisation, teams=[other_team]
    )
    grant = glass_break(person=restricted_person, reason="Hospital discharge planning today", actor=visitor)
    # A change to the restriction made by someone other than the manager, so the manager may review it.
    change = RestrictionChange.objects.create(
        person=restricted_person,
        kind=RestrictionChangeKind.CHANGED,
        teams_before=team.name,
        teams_after=team.name,
        reason="Still works in the locality team",
        changed_by=visitor,
        changed_at=clock.now(),
    )
    TOTPDevice.objects.create(user=manager, name="Authenticator app", confirmed=True)
    apps = {label: module.world(person, staff) for label, module in app_worlds().items()}
    extra: dict[str, Any] = {"change_id": change.pk}
    for label, made in apps.items():
        assert not extra.keys() & made.keys(), f"{label}'s world names {extra.keys() & made.keys()} again"
        extra |= made
    return World(
        person=person,
        warning=warning,
        network_member=network_member,
        restricted=restricted_person,
        duplicate=duplicate,
        grant=grant,
        team_id=team.pk,
        partner_id=partner.pk,
        password=PASSWORD,
        apps=apps,
        extra=extra,
    )
