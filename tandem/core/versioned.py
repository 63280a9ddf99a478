"""Versioned documents: one pattern for assessments, plans, reviews, cases and safeguarding documents.

A versioned document carries a `version` that every save increments, and an `events` relation
(rows of a `core.models.DocumentEvent` subclass). Saving takes the version the editor started
from: if someone saved in between, `check_version` refuses with one `StaleVersion` that carries
the version now saved and what changed since, so the page can show both and keep what was typed
(compare-and-swap, never last-writer-wins).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar

from django.db import models

from tandem.core import clock
from tandem.core.actors import ActorLike
from tandem.core.errors import StaleVersion

__all__ = ["ChangeSince", "changes_since", "check_version", "locked", "record_event"]


class Versioned(Protocol):
    pk: Any
    version: int


D = TypeVar("D", bound=models.Model)


@dataclass(frozen=True)
class ChangeSince:
    """A save someone made after the version an editor started from: who, when, and what they changed."""

    by: str
    at: datetime
    changes: dict[str, list[str]]
    kind: str


def record_event(
    events: Any,
    document: Versioned,
    *,
    kind: str,
    actor: ActorLike,
    changes: dict[str, Any] | None = None,
    **fields: Any,
) -> None:
    """Write the event of a save or transition at the document's (new) version.

    `events` is the document's related manager (`assessment.events`), so the row belongs to it;
    `fields` fills what a concrete event model adds (a case event's worker and reason).
    """
    events.create(kind=kind, version=document.version, at=clock.now(), by=actor, changes=changes or {}, **fields)


def changes_since(events: Any, *, version: int, kinds: type[models.TextChoices]) -> list[ChangeSince]:
    """The saves made after `version`, oldest first, with the kind in words."""
    rows = events.filter(version__gt=version).select_related("by").order_by("version", "id")
    return [
        ChangeSince(
            by=row.by.get_full_name() or row.by.username,
            at=row.at,
            changes=row.changes,
            kind=kinds(row.kind).label,
        )
        for row in rows
    ]


def check_version(
    document: Versioned,
    version: int | None,
    *,
    events: Any = None,
    kinds: type[models.TextChoices] | None = None,
    what: str,
) -> None:
    """Refuse a save made from an older version than the one saved now (`version` None: no check).

    `what` names the document in the message ("this assessment"). A document that keeps no events
    of its own (its changes are in the audit trail) passes none: the refusal then lists no changes.
    """
    if version is None or document.version == version:
        return
    raise StaleVersion(
        f"Someone else saved {what} while you were working on it. Your answers have not been saved: "
        "check what they changed, then save again.",
        current=document.version,
        changes=changes_since(events, version=version, kinds=kinds) if events is not None and kinds else [],
    )


def locked[D: models.Model](document: D, *, keep: tuple[str, ...] = ("person",)) -> D:
    """The document read again under a row lock (inside the caller's transaction).

    Related objects already loaded on the page's copy (`keep`, such as its person) are carried
    over, so locking costs one query and not a second read of each.
    """
    model = type(document)
    fresh = model._default_manager.select_for_update().get(pk=document.pk)
    for name in keep:
        field = model._meta.get_field(name)
        if field.is_relation and field.is_cached(document):  # type: ignore[union-attr]
            setattr(fresh, name, getattr(document, name))
    return fresh
