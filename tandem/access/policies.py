"""May this member of staff change who may open a record: small functions of the actor's standing.

A privileged action on a restricted record looks at the actor's role and the teams they belong
to, never at a break-glass grant: breaking the glass lets someone read a record, not decide who
else may (ADR 0003).
"""

from collections.abc import Collection

from tandem.access import scope
from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission


def can_restrict(actor: Actor) -> bool:
    """Restricting a record no one has restricted yet: a manager (the permission)."""
    return bool(actor.can(Permission.PERSON_RESTRICT))


def can_change_restriction(actor: Actor, held_by: Collection[int]) -> bool:
    """Changing or lifting a restriction: a manager who is a current member of a team holding it."""
    return can_restrict(actor) and bool(set(scope.team_ids(actor)) & set(held_by))
