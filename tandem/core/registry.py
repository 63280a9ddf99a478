"""Contributions to the person summary from any app, without reaching into each other's tables.

A feature app registers a provider in its AppConfig.ready(); the people app asks every provider
for the open work and timeline entries of one person. Each provider must answer with a bounded
number of queries whatever the length of the person's history (it is given a limit).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tandem.core.actors import ActorLike


@dataclass(frozen=True)
class OpenWorkItem:
    title: str
    team: str
    status: str
    started: datetime | None
    url: str | None = None


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    title: str
    detail: str
    by: str
    url: str | None = None


# A provider receives the person (any object with `.pk`), the acting user and a limit. The
# providers' parameters stay `Any` here: each app types its own actor as `identity.actors.Actor`,
# which core cannot name, and a callable typed for a narrower actor is not a provider of ActorLike.
OpenWorkProvider = Callable[[Any, Any], Sequence[OpenWorkItem]]
TimelineProvider = Callable[[Any, Any, int], Sequence[TimelineEntry]]

# A listener receives a request for support just made (inside the transaction that made it).
RequestListener = Callable[[Any], None]

_open_work: dict[str, OpenWorkProvider] = {}
_timeline: dict[str, TimelineProvider] = {}
_request_listeners: dict[str, RequestListener] = {}


def register_open_work(name: str, provider: OpenWorkProvider) -> None:
    _open_work[name] = provider


def register_timeline(name: str, provider: TimelineProvider) -> None:
    _timeline[name] = provider


def open_work_for(person: Any, actor: ActorLike) -> list[OpenWorkItem]:
    items: list[OpenWorkItem] = []
    for provider in _open_work.values():
        items.extend(provider(person, actor))
    return items


def timeline_for(person: Any, actor: ActorLike, *, limit: int) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for provider in _timeline.values():
        entries.extend(provider(person, actor, limit))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]


def register_request_listener(name: str, listener: RequestListener) -> None:
    """Be told of every request for support as it is made (the workforce puts it on a waiting list)."""
    _request_listeners[name] = listener


def request_made(request: Any) -> None:
    for listener in _request_listeners.values():
        listener(request)
