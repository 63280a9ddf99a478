"""May this member of staff do this to the directory: small pure functions."""

from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission


def can_curate_directory(actor: Actor) -> bool:
    """Staff who signpost people keep the directory right; system administrators do not curate it."""
    return bool(actor.is_authenticated and actor.can(Permission.DIRECTORY_CURATE))
