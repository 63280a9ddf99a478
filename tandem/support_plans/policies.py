"""May this member of staff do this to a care and support plan: small pure functions."""

from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission


def can_record(actor: Actor) -> bool:
    return bool(actor.can(Permission.PLAN_RECORD))


def can_sign_off(actor: Actor) -> bool:
    return bool(actor.can(Permission.PLAN_SIGN_OFF))


def can_see(actor: Actor) -> bool:
    """Those who write or sign off plans; business support and administrators do not see them."""
    return can_record(actor) or can_sign_off(actor)


def can_submit_provider_review(actor: Actor) -> bool:
    """Staff of a trusted care provider, who review the packages their organisation delivers."""
    return bool(actor.can(Permission.PROVIDER_REVIEW_SUBMIT)) and actor.organisation_id is not None
