"""May this member of staff do this at the front door: small pure functions."""

from typing import Any

from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission


def can_record_contacts(actor: Actor) -> bool:
    return bool(actor.can(Permission.CONTACT_RECORD))


def can_allocate_contacts(actor: Actor) -> bool:
    return bool(actor.can(Permission.CONTACT_ALLOCATE))


def can_see_figures(actor: Actor) -> bool:
    return bool(actor.can(Permission.FRONT_DOOR_FIGURES))


def can_allocate_to(actor: Actor, worker: Any) -> bool:
    """Managers allocate to anyone in the team; anyone who records contacts may take one themselves."""
    return can_allocate_contacts(actor) or (can_record_contacts(actor) and worker.pk == actor.pk)
