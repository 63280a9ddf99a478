"""Reads of health events: a person's timeline and open work, staff's "my work", the matching queue,
and the events partners may read through the FHIR API."""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import reverse

from tandem.access import scope
from tandem.core import probes, registry
from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission
from tandem.people import selectors as people_selectors
from tandem.prevention.codes import EventKind, MatchState, NoticeKind
from tandem.prevention.models import EventAwaitingMatch, EventNotice, HealthEvent

SHOWN = 5  # items a "my work" section lists before "see all"


# --- The person summary ---------------------------------------------------------------------------


def timeline_rows(person: Any) -> list[probes.Rows]:
    return [probes.Rows(HealthEvent, equal={"person_id": person.pk})]


def timeline_for_person(person: Any, actor: Actor, limit: int) -> list[registry.TimelineEntry]:
    """Health events received from partners, newest first (one query)."""
    events = HealthEvent.objects.filter(person_id=person.pk).order_by("-occurred_at", "-id")[:limit]
    return [
        registry.TimelineEntry(
            at=event.occurred_at,
            title=event.get_kind_display(),
            detail=_detail(event),
            by=event.source_organisation_name or "A health partner",
        )
        for event in events
    ]


def _detail(event: HealthEvent) -> str:
    parts = [event.summary] if event.summary else []
    if event.ended_at:
        parts.append(f"until {event.ended_at:%d %B %Y}")
    return "; ".join(parts) or "Received from health"


def open_work_rows(person: Any) -> list[probes.Rows]:
    return [
        probes.Rows(
            EventNotice,
            equal={"person_id": person.pk, "kind": NoticeKind.PACKAGE_PAUSE},
            missing=("seen_at",),
        )
    ]


def open_work_for_person(person: Any, actor: Actor) -> list[registry.OpenWorkItem]:
    """An emergency admission while a care package is in force, until the team marks it seen."""
    notices = (
        EventNotice.objects.filter(person_id=person.pk, kind=NoticeKind.PACKAGE_PAUSE, seen_at__isnull=True)
        .select_related("event", "team")
        .order_by("-created_at")[:10]
    )
    return [
        registry.OpenWorkItem(
            title=f"{notice.event.get_kind_display()}: the care package may need pausing",
            team=notice.team.name if notice.team else "",
            status="Not yet seen",
            started=notice.event.occurred_at,
        )
        for notice in notices
    ]


# --- My work --------------------------------------------------------------------------------------


def notices_for(actor: Actor) -> QuerySet[EventNotice]:
    """The notices not yet seen that are the actor's: theirs as allocated worker, their teams' of a
    care package that may need pausing; never about a record they may not open."""
    mine = Q(user=actor) | Q(team_id__in=scope.team_ids(actor), kind=NoticeKind.PACKAGE_PAUSE)
    notices = EventNotice.objects.filter(mine, seen_at__isnull=True)
    return scope.visible(notices, actor, person_field="person").select_related("event", "person")


def my_work(actor: Any) -> list[registry.WorkSection]:
    """The "my work" sections: health events about people the actor works with, and the matching
    queue for those who may match events."""
    if not actor.can(Permission.PERSON_VIEW):
        return []
    sections = []
    notices = notices_for(actor).order_by("-created_at", "-id")
    shown = list(notices[:SHOWN])
    if shown:
        count = notices.count() if len(shown) == SHOWN else len(shown)
        sections.append(
            registry.WorkSection(
                key="prevention.events",
                title="Health events",
                items=[_work_item(notice) for notice in shown],
                count=count,
                more_url=reverse("prevention:notices"),
                order=20,
            )
        )
    if actor.can(Permission.PERSON_EDIT):
        waiting = EventAwaitingMatch.objects.filter(state=MatchState.WAITING)
        count = waiting.count()
        if count:
            sections.append(
                registry.WorkSection(
                    key="prevention.matching",
                    title="Health events waiting for a match",
                    items=[_queue_item(row) for row in waiting.order_by("received_at", "id")[:SHOWN]],
                    count=count,
                    more_url=reverse("prevention:matching_queue"),
                    order=80,
                    audience="team",
                )
            )
    return sections


def _work_item(notice: EventNotice) -> registry.WorkItem:
    person = notice.person
    name = f"{person.given_name} {person.family_name}"
    if notice.kind == NoticeKind.PACKAGE_PAUSE:
        title = f"{name}: emergency admission, the care package may need pausing"
    else:
        title = f"{name}: {notice.event.get_kind_display().lower()}"
    return registry.WorkItem(
        title=title,
        url=reverse("people:summary", args=[person.uuid]),
        detail=f"{notice.event.occurred_at:%d %B %Y}, {notice.event.source_organisation_name or 'a health partner'}",
        due=notice.event.occurred_at.date(),
    )


def _queue_item(row: EventAwaitingMatch) -> registry.WorkItem:
    return registry.WorkItem(
        title=f"{row.get_kind_display()}: {row.given_name} {row.family_name}".strip(),
        url=reverse("prevention:match", args=[row.uuid]),
        detail=row.why,
    )


def notice_get(*, actor: Actor, notice_id: int) -> EventNotice:
    found = notices_for(actor).filter(pk=notice_id).first()
    if found is None:
        raise Http404
    return found


# --- The matching queue ---------------------------------------------------------------------------


def matching_queue(*, actor: Actor, show_all: bool = False) -> QuerySet[EventAwaitingMatch]:
    if not actor.can(Permission.PERSON_EDIT):
        raise Http404
    rows = EventAwaitingMatch.objects.select_related("received_from", "decided_by", "event__person")
    if not show_all:
        rows = rows.filter(state=MatchState.WAITING)
    return rows.order_by("received_at", "id")


def awaiting_get(*, actor: Actor, uuid: UUID | str) -> EventAwaitingMatch:
    if not actor.can(Permission.PERSON_EDIT):
        raise Http404
    found = EventAwaitingMatch.objects.select_related("received_from").filter(uuid=uuid).first()
    if found is None:
        raise Http404
    return found


def candidates_for(*, actor: Actor, waiting: EventAwaitingMatch) -> list[Any]:
    """Records that may be the person the partner meant, among those the actor may open."""
    number = waiting.nhs_number_sent if waiting.nhs_number_check == "valid" else ""
    found = people_selectors.possible_duplicates(
        actor=actor,
        given_name=waiting.given_name,
        family_name=waiting.family_name,
        date_of_birth=waiting.birth_date,
        nhs_number=number,
    )
    return [person for person in found if scope.may_open(actor, person)]


def person_chosen(*, actor: Actor, value: str) -> Any | None:
    """The record a member of staff named to match (its id or NHS number), if they may open it."""
    return people_selectors.person_by_local_id_or_nhs(actor=actor, value=value)


# --- For partners (the FHIR API) ------------------------------------------------------------------

# Which resource type each kind is read back as.
ENCOUNTER_KINDS = (
    EventKind.EMERGENCY_ADMISSION,
    EventKind.ELECTIVE_ADMISSION,
    EventKind.OTHER_ADMISSION,
    EventKind.DISCHARGE,
    EventKind.AE_ATTENDANCE,
    EventKind.GP_CONTACT,
)


def events_about(*, people: QuerySet[Any], resource_types: Sequence[str]) -> QuerySet[HealthEvent]:
    """The health events of these people (a queryset of person ids) received as these resource types."""
    return (
        HealthEvent.objects.filter(person__in=people, resource_type__in=list(resource_types))
        .select_related("person")
        .order_by("-occurred_at", "pk")
    )
