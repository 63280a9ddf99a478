"""May this member of staff do this to an assessment: small pure functions."""

from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission


def can_record(actor: Actor) -> bool:
    return bool(actor.can(Permission.ASSESSMENT_RECORD))


def can_authorise(actor: Actor) -> bool:
    return bool(actor.can(Permission.ASSESSMENT_AUTHORISE))


def can_see(actor: Actor) -> bool:
    """Those who assess or authorise; business support and administrators do not see assessments."""
    return can_record(actor) or can_authorise(actor)
