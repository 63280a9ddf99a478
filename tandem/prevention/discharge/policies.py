"""May this member of staff use the discharge hub: small pure functions."""

from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission


def can_see(actor: Actor) -> bool:
    """The board and the figures: staff who work with people's records."""
    return bool(actor.can(Permission.PERSON_VIEW))


def can_work(actor: Actor) -> bool:
    """Refer, update the board, seek packages, record offers, discharge: staff who edit records."""
    return bool(actor.can(Permission.PERSON_EDIT))


def can_add_to_plan(actor: Actor) -> bool:
    """Putting an accepted package into a care and support plan is writing the plan."""
    return bool(actor.can(Permission.PLAN_RECORD))
