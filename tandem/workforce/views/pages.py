"""What every workforce page shares: the permission to use them, the team scope and team choices."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from tandem.core.errors import require
from tandem.identity.actors import StaffRequest
from tandem.workforce import policies, selectors

if TYPE_CHECKING:
    from tandem.identity.models import Team

NO_WORKFORCE = "Your role does not use the workforce pages"
NOT_MANAGER = "Only a manager of the team can do that"


def can_view(request: StaffRequest) -> None:
    require(policies.can_view(request.user), NO_WORKFORCE)


def team_of(request: StaffRequest, team_uuid: UUID) -> Team:
    can_view(request)
    return selectors.team_get(actor=request.user, uuid=team_uuid)


def team_choices(teams: list[Team]) -> list[tuple[str, str]]:
    return [(str(t.uuid), t.name) for t in teams]
