"""May this member of staff do this to this person's record: small pure functions."""

from typing import Any

from tandem.access import policies as access_policies
from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission


def can_view_people(actor: Actor) -> bool:
    return bool(actor.can(Permission.PERSON_VIEW))


def can_create_person(actor: Actor) -> bool:
    return bool(actor.can(Permission.PERSON_CREATE))


def can_edit_person(actor: Actor, person: Any) -> bool:
    return bool(actor.can(Permission.PERSON_EDIT)) and person.merged_into_id is None


def can_raise_warning(actor: Actor, person: Any) -> bool:
    return bool(actor.can(Permission.WARNING_RAISE)) and person.merged_into_id is None


def can_end_warning(actor: Actor, warning: Any) -> bool:
    return bool(actor.can(Permission.WARNING_END)) and warning.ends_on is None


def can_merge_people(actor: Actor) -> bool:
    return bool(actor.can(Permission.PERSON_MERGE))


def can_restrict_person(actor: Actor, held_by: list[int]) -> bool:
    """Restrict an unrestricted record (a manager), or change or lift a restriction (a manager in
    a team holding it, by standing membership: never by having broken the glass)."""
    if not held_by:
        return access_policies.can_restrict(actor)
    return access_policies.can_change_restriction(actor, held_by)


def can_view_history(actor: Actor) -> bool:
    return bool(actor.can(Permission.HISTORY_VIEW))


def can_view_access_log(actor: Actor) -> bool:
    return bool(actor.can(Permission.ACCESS_LOG_VIEW))
