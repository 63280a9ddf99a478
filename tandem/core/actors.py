"""The actor as the platform's own code sees it, without importing the identity app.

Core holds no model of staff (it depends on nothing else in Tandem), so the registries and the
versioned-document helpers type their actor with this protocol; `identity.models.User` meets it,
and feature apps use `tandem.identity.actors.Actor` (the user itself).
"""

from typing import Any, Protocol

__all__ = ["ActorLike", "NamedActor"]


class NamedActor(Protocol):
    """Anything the audit log can name as having acted: a member of staff, or a partner's system."""

    @property
    def pk(self) -> Any: ...

    @property
    def username(self) -> str: ...

    def get_full_name(self) -> str: ...


class ActorLike(NamedActor, Protocol):
    """Anything that can act on records: named, and asked the permission check."""

    def can(self, permission: Any, /) -> bool: ...
