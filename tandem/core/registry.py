"""Contributions to the person summary from any app, without reaching into each other's tables.

A feature app registers a provider in its AppConfig.ready(); the people app asks every provider
for the open work and timeline entries of one person. Each provider must answer with a bounded
number of queries whatever the length of the person's history (it is given a limit).

Most people have no work in most apps. A provider may say, with `when=`, which rows (core.probes)
must exist for it to have anything to show: `summary_for` asks every provider's question in one
query and calls only the providers with an answer, so a person with no social care work costs
one small query, not one or two an app. A provider still answers correctly when called alone.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tandem.core import probes
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

# Which rows must exist for a provider to have anything for this person (any of them will do).
Precondition = Callable[[Any], Sequence[probes.Rows]]

_open_work: dict[str, OpenWorkProvider] = {}
_timeline: dict[str, TimelineProvider] = {}
_when: dict[tuple[str, str], Precondition] = {}
_request_listeners: dict[str, RequestListener] = {}


def register_open_work(name: str, provider: OpenWorkProvider, *, when: Precondition | None = None) -> None:
    _open_work[name] = provider
    if when is not None:
        _when["work", name] = when


def register_timeline(name: str, provider: TimelineProvider, *, when: Precondition | None = None) -> None:
    _timeline[name] = provider
    if when is not None:
        _when["timeline", name] = when


@dataclass(frozen=True)
class Contributions:
    open_work: list[OpenWorkItem]
    timeline: list[TimelineEntry]
    also: list[bool]  # the answers to the caller's own checks, in order


def summary_for(person: Any, actor: ActorLike, *, limit: int, also: Sequence[probes.Rows] = ()) -> Contributions:
    """The person's open work and timeline from every provider: the providers' preconditions, and
    the caller's own checks (`also`), are asked in one query, and a provider whose rows do not
    exist is not called."""
    asked = [(key, when(person)) for key, when in _when.items()]
    answers = probes.exist(*also, *(rows for _, checks in asked for rows in checks))
    own, answers = answers[: len(also)], answers[len(also) :]
    skipped: set[tuple[str, str]] = set()
    at = 0
    for key, checks in asked:
        if not any(answers[at : at + len(checks)]):
            skipped.add(key)
        at += len(checks)
    items: list[OpenWorkItem] = []
    for name, provider in _open_work.items():
        if ("work", name) not in skipped:
            items.extend(provider(person, actor))
    entries: list[TimelineEntry] = []
    for name, timeline in _timeline.items():
        if ("timeline", name) not in skipped:
            entries.extend(timeline(person, actor, limit))
    entries.sort(key=lambda e: e.at, reverse=True)
    return Contributions(items, entries[:limit], own)


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


# "My work": each app lists what one member of staff has to do in it (cases with their next step,
# drafts, reviews due, sign-offs waiting, notifications). The home page asks every provider; a
# provider answers for the actor alone, in a bounded number of queries, and returns no section at
# all when it has nothing for this actor's roles.


@dataclass(frozen=True)
class WorkItem:
    title: str
    url: str | None = None
    detail: str = ""
    due: date | None = None
    overdue: bool = False
    age_days: int | None = None  # how long it has been open, where that is what matters (an enquiry)


@dataclass(frozen=True)
class WorkSection:
    key: str  # unique across apps, such as "assessments.drafts"
    title: str  # "Assessments in draft"
    items: Sequence[WorkItem]
    count: int  # the whole count; `items` may be the first few
    more_url: str | None = None
    order: int = 100  # lower comes first on the page
    audience: str = "mine"  # "mine", "team" (a manager's) or "unit" (the Safeguarding Adults Unit)
    empty: str = "Nothing here at the moment."  # what the page says when there is nothing


MyWorkProvider = Callable[[Any], Sequence[WorkSection]]

_my_work: dict[str, MyWorkProvider] = {}


def register_my_work(name: str, provider: MyWorkProvider) -> None:
    _my_work[name] = provider


def my_work_for(actor: ActorLike) -> list[WorkSection]:
    sections: list[WorkSection] = []
    for provider in _my_work.values():
        sections.extend(provider(actor))
    sections.sort(key=lambda s: (s.order, s.title))
    return sections


# Work moving on: when an app finishes a step of someone's work (an assessment started, completed
# or authorised, a plan in force, a review done), the apps that hold the work it came from move it
# on (the workforce case, the front door's request for support). The step is told inside the
# transaction that made it, so the whole hand-off stands or falls together.


class WorkStepKind:
    ASSESSMENT_STARTED = "assessment_started"
    ASSESSMENT_COMPLETED = "assessment_completed"
    ASSESSMENT_AUTHORISED = "assessment_authorised"
    PLAN_IN_FORCE = "plan_in_force"
    REVIEW_COMPLETED = "review_completed"


@dataclass(frozen=True)
class WorkStep:
    kind: str  # a WorkStepKind
    person: Any
    team_id: int
    actor: Any
    support_request: Any | None = None  # the front door's request the work came from, if any
    eligible: bool | None = None  # for an assessment authorised: did it find eligible needs
    detail: str = ""  # in plain words, for the case's history ("Care and support plan in force")


WorkStepListener = Callable[[WorkStep], None]

_work_listeners: dict[str, WorkStepListener] = {}


def register_work_listener(name: str, listener: WorkStepListener) -> None:
    """Be told of every step of work done in another app (the workforce moves its case on)."""
    _work_listeners[name] = listener


def work_moved_on(step: WorkStep) -> None:
    for listener in _work_listeners.values():
        listener(step)


# Risk changing: prevention scores every adult from health events and what the record says, and
# tells these listeners whose band changed (inside the transaction that scored them); the workforce
# re-prioritises anyone waiting on a list. Prevention sits above the workforce in the order of the
# apps, so the workforce learns of the score here rather than by importing prevention.


@dataclass(frozen=True)
class RiskChange:
    person_id: int
    band: str  # "fit", "mild", "moderate" or "severe" (the electronic frailty index's categories)
    previous_band: str  # "" when the person had no score before
    points: int
    reasons: str  # the score's explanation in plain words


RiskListener = Callable[[Sequence[RiskChange]], None]

_risk_listeners: dict[str, RiskListener] = {}


def register_risk_listener(name: str, listener: RiskListener) -> None:
    """Be told of every change of risk band (the workforce re-prioritises its waiting lists)."""
    _risk_listeners[name] = listener


def risk_changed(changes: Sequence[RiskChange]) -> None:
    if not changes:
        return
    for listener in _risk_listeners.values():
        listener(changes)
