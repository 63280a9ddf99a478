"""Every write of the prevention app: health events received, matched to people, and told to staff."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.actors import NamedActor
from tandem.core.errors import DomainError, require
from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission
from tandem.people import partner_selectors as people_partner_selectors
from tandem.people.identifiers import nhs_number_is_valid
from tandem.prevention.codes import EventKind, MatchState, NhsNumberCheck, NoticeKind
from tandem.prevention.models import EventAwaitingMatch, EventNotice, HealthEvent
from tandem.prevention.risk import services as risk_services
from tandem.support_plans import partner_selectors as plan_selectors
from tandem.workforce import selectors as workforce_selectors


@dataclass(frozen=True)
class PatientFacts:
    """Who the partner said the event is about (used to match, never written to the person's record)."""

    nhs_number: str = ""
    family_name: str = ""
    given_name: str = ""
    birth_date: date | None = None
    postcode: str = ""


@dataclass(frozen=True)
class IncomingEvent:
    """One health event as a partner sent it, already read from its FHIR resource."""

    kind: EventKind
    occurred_at: datetime
    source_key: str
    resource_type: str
    patient: PatientFacts
    ended_at: datetime | None = None
    codes: list[dict[str, str]] = field(default_factory=list)
    summary: str = ""
    source_organisation_code: str = ""
    source_organisation_name: str = ""


@dataclass
class Receipt:
    """What became of a batch: events on people's records, events waiting for a match, and events
    already received before (sent again, kept once)."""

    recorded: list[HealthEvent] = field(default_factory=list)
    waiting: list[EventAwaitingMatch] = field(default_factory=list)
    already: int = 0
    # What became of each event of the batch, in its order: the event, the queue's row, or None
    # when it had been received before.
    each: list[HealthEvent | EventAwaitingMatch | None] = field(default_factory=list)


def _nhs_check(number: str) -> NhsNumberCheck:
    if not number:
        return NhsNumberCheck.MISSING
    return NhsNumberCheck.VALID if nhs_number_is_valid(number) else NhsNumberCheck.INVALID


def _why_not_matched(patient: PatientFacts, person: Any | None) -> str:
    """Why an event cannot join a record with certainty; empty when it can (NHS number valid and
    held by one record, and no date of birth that says otherwise)."""
    check = _nhs_check(patient.nhs_number)
    if check == NhsNumberCheck.MISSING:
        return "No NHS number was sent"
    if check == NhsNumberCheck.INVALID:
        return f"The NHS number sent ({patient.nhs_number}) fails its check digit"
    if person is None:
        return f"No record in Tandem has the NHS number {patient.nhs_number}"
    if patient.birth_date and person.date_of_birth and patient.birth_date != person.date_of_birth:
        return "The date of birth sent differs from the record with this NHS number"
    return ""


def _facts(incoming: IncomingEvent, *, received_from: Any, now: datetime) -> dict[str, Any]:
    return {
        "kind": incoming.kind,
        "occurred_at": incoming.occurred_at,
        "ended_at": incoming.ended_at,
        "source_key": incoming.source_key[:500],
        "resource_type": incoming.resource_type,
        "received_from": received_from,
        "source_organisation_code": incoming.source_organisation_code[:20],
        "source_organisation_name": incoming.source_organisation_name[:200],
        "codes": incoming.codes,
        "summary": incoming.summary[:300],
        "received_at": now,
    }


def _already_received(batch: Sequence[IncomingEvent]) -> set[tuple[str, str]]:
    keys = {incoming.source_key[:500] for incoming in batch}
    known: set[tuple[str, str]] = set()
    for model in (HealthEvent, EventAwaitingMatch):
        known.update(model.objects.filter(source_key__in=keys).values_list("source_key", "kind"))
    return known


@transaction.atomic
def events_receive(*, batch: Sequence[IncomingEvent], received_from: Any = None, actor: NamedActor | None) -> Receipt:
    """Keep a partner's health events, all or none: each on the record its valid NHS number names,
    or waiting in the matching queue when that is not certain; an event sent again is kept once."""
    now = clock.now()
    receipt = Receipt()
    known = _already_received(batch)
    people = people_partner_selectors.people_by_nhs_number(
        incoming.patient.nhs_number for incoming in batch if _nhs_check(incoming.patient.nhs_number) == "valid"
    )
    for incoming in batch:
        key = (incoming.source_key[:500], str(incoming.kind))
        if key in known:
            receipt.already += 1
            receipt.each.append(None)
            continue
        known.add(key)
        person = people.get(incoming.patient.nhs_number)
        why = _why_not_matched(incoming.patient, person)
        facts = _facts(incoming, received_from=received_from, now=now)
        row: HealthEvent | EventAwaitingMatch
        if why:
            row = _waiting(incoming, facts=facts, why=why)
            receipt.waiting.append(row)
        else:
            row = HealthEvent(person=person, **facts)
            receipt.recorded.append(row)
        receipt.each.append(row)
    # One statement for each table, and one audit event a person (not one an event): a hospital's
    # feed sends thousands an hour.
    HealthEvent.objects.bulk_create(receipt.recorded)
    EventAwaitingMatch.objects.bulk_create(receipt.waiting)
    _audit_batch(receipt, actor=actor)
    _notices_give(receipt.recorded, now=now)
    risk_services.events_recorded(receipt.recorded)
    return receipt


def _waiting(incoming: IncomingEvent, *, facts: dict[str, Any], why: str) -> EventAwaitingMatch:
    patient = incoming.patient
    return EventAwaitingMatch(
        **facts,
        why=why[:300],
        nhs_number_sent=patient.nhs_number[:40],
        nhs_number_check=_nhs_check(patient.nhs_number),
        family_name=patient.family_name[:200],
        given_name=patient.given_name[:200],
        birth_date=patient.birth_date,
        postcode=patient.postcode[:20],
    )


def _audit_batch(receipt: Receipt, *, actor: NamedActor | None) -> None:
    by_person: dict[int, list[HealthEvent]] = {}
    for event in receipt.recorded:
        by_person.setdefault(event.person_id, []).append(event)
    for events in by_person.values():
        kinds = ", ".join(event.get_kind_display() for event in events)
        audit.record(
            actor=actor,
            action="prevention.event.received",
            person=events[0].person,
            target=events[0] if len(events) == 1 else None,
            summary=f"Received from health, matched by NHS number: {kinds}"[:300],
            changes={"events": [{"uuid": str(e.uuid), "kind": e.kind, "source_key": e.source_key} for e in events]},
        )
    if receipt.waiting:
        audit.record(
            actor=actor,
            action="prevention.event.queued",
            target=receipt.waiting[0] if len(receipt.waiting) == 1 else None,
            summary=f"{len(receipt.waiting)} health events waiting for a person to match them",
            changes={"events": [{"uuid": str(w.uuid), "kind": w.kind, "why": w.why} for w in receipt.waiting]},
        )


def _audit_received(event: HealthEvent, *, actor: NamedActor | None, how: str) -> None:
    audit.record(
        actor=actor,
        action="prevention.event.received",
        person=event.person,
        target=event,
        summary=f"{event.get_kind_display()} on {event.occurred_at:%d %B %Y} received from health, {how}"[:300],
        changes={"kind": event.kind, "source_key": event.source_key},
    )


def _notices_give(events: Sequence[HealthEvent], *, now: datetime) -> None:
    """Tell each event's allocated workers; and tell the team holding a care package in force that an
    emergency admission may mean pausing it (the care and support plan, Care Act 2014 s25)."""
    if not events:
        return
    person_ids = sorted({event.person_id for event in events})
    workers = workforce_selectors.allocated_workers(person_ids=person_ids)
    admitted = [event.person_id for event in events if event.kind == EventKind.EMERGENCY_ADMISSION]
    plan_teams = plan_selectors.plan_teams_in_force(person_ids=admitted) if admitted else {}
    notices = []
    for event in events:
        notices += [
            EventNotice(event=event, person_id=event.person_id, kind=NoticeKind.WORKER, user=user, created_at=now)
            for user in workers.get(event.person_id, [])
        ]
        if event.kind == EventKind.EMERGENCY_ADMISSION:
            notices += [
                EventNotice(
                    event=event, person_id=event.person_id, kind=NoticeKind.PACKAGE_PAUSE, team=team, created_at=now
                )
                for team in plan_teams.get(event.person_id, [])
            ]
    EventNotice.objects.bulk_create(notices)


def _waiting_check(waiting: EventAwaitingMatch) -> None:
    if waiting.state != MatchState.WAITING:
        raise DomainError(f"This event was already {waiting.get_state_display().lower()}")


@transaction.atomic
def match_confirm(*, waiting: EventAwaitingMatch, person: Any, actor: Actor) -> HealthEvent:
    """Join an event from the matching queue to the record a member of staff checked it belongs to."""
    require(actor.can(Permission.PERSON_EDIT), "Only practitioners and managers can match health events")
    waiting = EventAwaitingMatch.objects.select_for_update().get(pk=waiting.pk)
    _waiting_check(waiting)
    facts = {name: getattr(waiting, name) for name in _FACT_FIELDS}
    event = HealthEvent.objects.create(person=person, matched_by=actor, **facts)
    waiting.state = MatchState.CONFIRMED
    waiting.event = event
    waiting.decided_by = actor
    waiting.decided_at = clock.now()
    waiting.save(update_fields=["state", "event", "decided_by", "decided_at", "updated_at"])
    audit.record(
        actor=actor,
        action="prevention.match.confirmed",
        person=person,
        target=waiting,
        summary=f"{event.get_kind_display()} from health matched to this record by hand ({waiting.why})"[:300],
    )
    _audit_received(event, actor=actor, how="matched by a member of staff")
    _notices_give([event], now=waiting.decided_at)
    risk_services.events_recorded([event])
    return event


@transaction.atomic
def match_reject(*, waiting: EventAwaitingMatch, reason: str, actor: Actor) -> EventAwaitingMatch:
    """Reject an event from the matching queue (no record in Tandem is this person): it joins no record."""
    require(actor.can(Permission.PERSON_EDIT), "Only practitioners and managers can match health events")
    reason = reason.strip()
    if not reason:
        raise DomainError("Enter why no record matches", field="reason")
    waiting = EventAwaitingMatch.objects.select_for_update().get(pk=waiting.pk)
    _waiting_check(waiting)
    waiting.state = MatchState.REJECTED
    waiting.decided_by = actor
    waiting.decided_at = clock.now()
    waiting.reason = reason
    waiting.save(update_fields=["state", "decided_by", "decided_at", "reason", "updated_at"])
    audit.record(
        actor=actor,
        action="prevention.match.rejected",
        target=waiting,
        summary=f"{waiting.get_kind_display()} from health rejected: no record matches",
        reason=reason,
    )
    return waiting


@transaction.atomic
def notice_seen(*, notice: EventNotice, actor: Actor) -> EventNotice:
    """Mark a notice of a health event as seen: it leaves the "my work" page."""
    if notice.seen_at is not None:
        return notice
    notice.seen_at = clock.now()
    notice.seen_by = actor
    notice.save(update_fields=["seen_at", "seen_by"])
    audit.record(
        actor=actor,
        action="prevention.notice.seen",
        person=notice.person,
        target=notice,
        summary=f"{notice.get_kind_display()}: {notice.event} marked as seen",
    )
    return notice


_FACT_FIELDS = (
    "kind",
    "occurred_at",
    "ended_at",
    "source_key",
    "resource_type",
    "received_from",
    "source_organisation_code",
    "source_organisation_name",
    "codes",
    "summary",
    "received_at",
)
