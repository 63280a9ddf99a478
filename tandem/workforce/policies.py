"""Who may do what in the workforce app: small pure rules over the actor and the team."""

from tandem.access import scope
from tandem.identity.actors import Actor
from tandem.identity.models import Profession
from tandem.identity.permissions import Permission


def in_team(actor: Actor, team_id: int) -> bool:
    return team_id in scope.team_ids(actor)


def can_view(actor: Actor) -> bool:
    return bool(actor.can(Permission.WORKFORCE_VIEW))


def can_view_team(actor: Actor, team_id: int) -> bool:
    return can_view(actor) and in_team(actor, team_id)


def can_work_waiting_list(actor: Actor, team_id: int) -> bool:
    return bool(actor.can(Permission.WAITING_LIST_WORK)) and in_team(actor, team_id)


def can_allocate(actor: Actor, team_id: int) -> bool:
    return bool(actor.can(Permission.CASE_ALLOCATE)) and in_team(actor, team_id)


def can_manage(actor: Actor) -> bool:
    return bool(actor.can(Permission.WORKFORCE_MANAGE))


def can_manage_team(actor: Actor, team_id: int) -> bool:
    return can_manage(actor) and in_team(actor, team_id)


def can_edit_rules(actor: Actor) -> bool:
    """The weighting rules belong to the principal social worker (the role's permission is not enough)."""
    return bool(actor.can(Permission.WORKFORCE_RULES)) and actor.profession == Profession.PRINCIPAL_SOCIAL_WORKER
