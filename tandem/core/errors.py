"""Domain errors: raised by services, shown to practitioners in plain words."""

from collections.abc import Sequence
from typing import Any


class DomainError(Exception):
    """A business rule refused the action; the message is for the person who asked."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotPermitted(DomainError):
    """The actor may see the object but is not allowed to do this to it (answers 403)."""


class StaleVersion(DomainError):
    """Someone else saved the document first; the editor must check it and re-apply.

    `current` is the version now saved: a form shown again with what was typed carries it, so
    saving again (having checked) applies the editor's answers on top of the other save.
    `changes` are the saves made since the editor's version (`core.versioned.ChangeSince`), for
    the page to show who changed what; empty where the document keeps no events.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        current: int | None = None,
        changes: Sequence[Any] = (),
    ) -> None:
        super().__init__(message, field=field)
        self.current = current
        self.changes = list(changes)


def require(allowed: bool, message: str = "You do not have permission to do that") -> None:
    """Refuse the action unless the policy allowed it."""
    if not allowed:
        raise NotPermitted(message)
