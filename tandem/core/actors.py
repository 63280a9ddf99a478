"""The actor as the platform's own code sees it, without importing the identity app.

Core holds no model of staff (it depends on nothing else in Tandem), so the registries and the
versioned-document helpers type their actor with this protocol; `identity.models.User` meets it,
and feature apps use `tandem.identity.actors.Actor` (the user itself).
"""

from typing import Any, Protocol

__all__ = ["ActorLike"]


class ActorLike(Protocol):
    """Anything that can act: a primary key and a name to record it by, and the permission check."""

    pk: Any
    username: str

    def get_full_name(self) -> str: ...

    def can(self, permission: Any, /) -> bool: ...
