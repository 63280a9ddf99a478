"""What the authorisation matrix's rows are written with.

Each app declares its rows in its own `tests/matrix.py`: `GET` and `POST` (URL name to a `row`),
and, where its rows need them, `forms(world)` (a POST body each page accepts) and
`url_values(world)` (values of its URL arguments). The records its pages name are made by its
`tests/world.py` (`world(person, staff)`, in the world's `extra`), in the one world tests/world.py
builds for the matrix and the accessibility check alike. tests/authorisation/test_matrix.py
collects the rows from every installed app.
"""

from typing import Any

from tandem.identity.permissions import Role
from tests.world import URLS, World, app_matrices

__all__ = ["ROLES", "URLS", "A", "B", "C", "M", "P", "S", "World", "app_matrices", "row"]

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
