"""What the authorisation matrix's rows are written with, and the world every row is asked in.

Each app declares its rows in its own `tests/matrix.py`: `GET` and `POST` (URL name to a `row`),
and, where its rows need them, `world(person, staff)` (records its pages name, added to the
world's `extra`), `forms(world)` (a POST body each page accepts) and `url_values(world)` (values
of its URL arguments). tests/authorisation/test_matrix.py collects them from every installed app.
"""

from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tandem.access.models import BreakGlass
from tandem.identity.permissions import Role
from tandem.people.models import HazardWarning, NetworkMember, Person
from tests.apps_collected import app_test_modules

A, P, M, B, S = "anonymous", Role.PRACTITIONER, Role.TEAM_MANAGER, Role.BUSINESS_SUPPORT, Role.SYSTEM_ADMINISTRATOR
C = Role.CARE_PROVIDER


ROLES = [A, *Role.values]


def row(
    anonymous: Any,
    practitioner: Any,
    team_manager: Any,
    business_support: Any,
    system_administrator: Any,
    care_provider: Any = None,
) -> dict[str, Any]:
    """A care provider's staff, like system administrators, work with no one's record (no person.view):
    a page answers them as it answers an administrator unless the row names their answer."""
    provider = system_administrator if care_provider is None else care_provider
    return {A: anonymous, P: practitioner, M: team_manager, B: business_support, S: system_administrator, C: provider}


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
