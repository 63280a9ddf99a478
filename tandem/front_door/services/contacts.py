"""Writes about a contact at the front door: recorded, linked, talked through, decided, allocated, closed."""

import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from tandem.audit import services as audit
from tandem.core import clock, registry
from tandem.core.errors import DomainError, StaleVersion, require
from tandem.front_door import policies
from tandem.front_door.codes import (
    ContactRoute,
    ContactSource,
    ContactStatus,
    ConversationType,
    OutcomeKind,
    RequestStatus,
    Urgency,
)
from tandem.front_door.models import (
    Contact,
    ContactOutcome,
    Conversation,
    SupportRequest,
)
from tandem.identity.actors import Actor
from tandem.identity.models import Membership, Team, TeamKind, User
from tandem.identity.permissions import Permission
from tandem.safeguarding import services as safeguarding

# A reference the person can read down the phone: no 0/O, 1/I/L look-alikes.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
MAX_TEXT = 5000


def reference_new() -> str:
    raw = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def front_door_team_for(actor: Actor | None) -> Team:
    """The front-door team a contact lands in: the recorder's own, else the first there is."""
    teams = Team.objects.filter(kind=TeamKind.FRONT_DOOR).order_by("name")
    if actor is not None:
        own = teams.filter(memberships__user=actor).first()
        if own is not None:
            return own
    team = teams.first()
    if team is None:
        raise DomainError("There is no front-door team: ask a system administrator to set one up")
    return team


def _text(value: str, *, field: str, required: str | None = None, limit: int = MAX_TEXT) -> str:
    value = value.strip()
    if required and not value:
        raise DomainError(required, field=field)
    if len(value) > limit:
        raise DomainError(f"This must be {limit:,} characters or fewer", field=field)
    return value


@dataclass(frozen=True)
class ContactDetails:
    """What a worker types when someone gets in touch."""

    source: str
    route: str
    reason: str
    urgency: str = Urgency.ROUTINE
    caller_name: str = ""
    caller_relationship: str = ""
    caller_phone: str = ""
    caller_email: str = ""


def _check_contact(details: ContactDetails, person: Any | None) -> None:
    if details.source not in ContactSource.values:
        raise DomainError("Select who made contact", field="source")
    if details.route not in ContactRoute.values:
        raise DomainError("Select how they made contact", field="route")
    if details.urgency not in Urgency.values:
        raise DomainError("Select how urgent this is", field="urgency")
    _text(details.reason, field="reason", required="Write the reason for contact, in the caller's own words")
    if person is not None and person.merged_into_id is not None:
        raise DomainError("That record was merged into another: use the record kept")
    if details.source not in (ContactSource.SELF, ContactSource.ANONYMOUS) and not details.caller_name.strip():
        raise DomainError("Give the name of the person or organisation who made contact", field="caller_name")


def _create_contact(
    *, details: ContactDetails, person: Any | None, recorded_by: Any | None, team: Team, **extra: Any
) -> Contact:
    for _ in range(5):
        try:
            with transaction.atomic():
                return Contact.objects.create(
                    reference=reference_new(),
                    person=person,
                    source=details.source,
                    route=details.route,
                    reason=details.reason.strip(),
                    urgency=details.urgency,
                    caller_name=details.caller_name.strip()[:200],
                    caller_relationship=details.caller_relationship.strip()[:100],
                    caller_phone=details.caller_phone.strip()[:40],
                    caller_email=details.caller_email.strip(),
                    received_at=clock.now(),
                    recorded_by=recorded_by,
                    team=team,
                    **extra,
                )
        except IntegrityError:
            # Two references alike in 31^8: try another.
            continue
    raise DomainError("Could not give the contact a reference: please try again")


@transaction.atomic
def contact_record(*, details: ContactDetails, person: Any | None, actor: Actor) -> Contact:
    """Record that someone got in touch: about a known person, or not yet known (anonymous)."""
    require(policies.can_record_contacts(actor), "You do not have permission to record contacts")
    _check_contact(details, person)
    contact = _create_contact(details=details, person=person, recorded_by=actor, team=front_door_team_for(actor))
    audit.record(
        actor=actor,
        action="front_door.contact.recorded",
        person=person,
        target=contact,
        summary=f"Recorded contact {contact.reference} ({contact.get_source_display()}, {contact.get_route_display()})",
    )
    return contact


def _check_version(contact: Contact, version: int | None) -> None:
    if version is not None and contact.version != version:
        raise StaleVersion(
            "Someone else changed this contact while you were working. What you typed is kept below: check the"
            " contact as it is now, then save again to apply your changes",
            current=contact.version,
        )


def _touch(contact: Contact) -> None:
    Contact.objects.filter(pk=contact.pk).update(version=F("version") + 1)
    contact.refresh_from_db(fields=["version"])


def _contact_for_change(contact: Contact, version: int | None = None) -> Contact:
    """The contact, locked for the rest of the transaction, refused if closed or changed since
    `version` (when given). Every change to a contact starts here, so two changes made at once
    take turns and the second sees the first."""
    locked = Contact.objects.select_for_update().get(pk=contact.pk)
    if locked.status != ContactStatus.OPEN:
        raise DomainError("This contact is closed")
    _check_version(locked, version)
    return locked


@transaction.atomic
def contact_link_person(*, contact: Contact, person: Any, actor: Actor) -> Contact:
    """Say who a contact is about, once known (an online request, or a caller who gave no name)."""
    require(policies.can_record_contacts(actor), "You do not have permission to record contacts")
    if contact.person_id is not None:
        raise DomainError("This contact is already linked to a person")
    if person.merged_into_id is not None:
        raise DomainError("That record was merged into another: use the record kept")
    contact.person = person
    contact.save(update_fields=["person", "updated_at"])
    _touch(contact)
    audit.record(
        actor=actor,
        action="front_door.contact.linked",
        person=person,
        target=contact,
        summary=f"Linked contact {contact.reference} to this record",
    )
    return contact


@dataclass(frozen=True)
class ConversationNotes:
    conversation_type: int
    what_matters: str = ""
    what_is_working: str = ""
    who_is_around: str = ""
    what_would_help: str = ""


@transaction.atomic
def conversation_record(*, contact: Contact, notes: ConversationNotes, actor: Actor) -> Conversation:
    """Record a strengths-based conversation held with or about the person."""
    require(policies.can_record_contacts(actor), "You do not have permission to record conversations")
    contact = _contact_for_change(contact)
    if notes.conversation_type not in ConversationType.values:
        raise DomainError("Select the kind of conversation", field="conversation_type")
    texts = {
        name: _text(getattr(notes, name), field=name)
        for name in ("what_matters", "what_is_working", "who_is_around", "what_would_help")
    }
    if not any(texts.values()):
        raise DomainError("Write down at least what matters to the person", field="what_matters")
    conversation = Conversation.objects.create(
        contact=contact, conversation_type=notes.conversation_type, held_at=clock.now(), held_by=actor, **texts
    )
    _touch(contact)
    audit.record(
        actor=actor,
        action="front_door.conversation.recorded",
        person=contact.person,
        target=conversation,
        summary=f"Recorded {conversation.get_conversation_type_display().lower()} for contact {contact.reference}",
    )
    return conversation


@dataclass(frozen=True)
class OutcomeChoice:
    """The outcomes chosen for a contact, and what some of them need."""

    kinds: tuple[str, ...]
    note: str = ""
    team_id: int | None = None
    request_reason: str = ""
    concern_summary: str = ""
    close: bool = False
    transition: bool = False


@transaction.atomic
def outcomes_record(
    *, contact: Contact, choice: OutcomeChoice, version: int | None, actor: Actor
) -> list[ContactOutcome]:
    """Record what came of a contact: one or more outcomes, handing on to a team or safeguarding."""
    require(policies.can_record_contacts(actor), "You do not have permission to record outcomes")
    contact = _contact_for_change(contact, version)
    kinds = list(dict.fromkeys(choice.kinds))
    if not kinds:
        raise DomainError("Select at least one outcome", field="kinds")
    if any(kind not in OutcomeKind.values for kind in kinds):
        raise DomainError("Select outcomes from the list", field="kinds")
    if OutcomeKind.NO_FURTHER_ACTION in kinds and len(kinds) > 1:
        raise DomainError("No further action cannot be chosen with other outcomes", field="kinds")
    already = set(contact.outcomes.exclude(kind=OutcomeKind.CONNECTED_TO_TEAM).values_list("kind", flat=True))
    repeated = [OutcomeKind(kind).label for kind in kinds if kind in already]
    if repeated:
        raise DomainError(f"Already recorded for this contact: {', '.join(repeated)}", field="kinds")
    if OutcomeKind.SIGNPOSTED in kinds and not contact.signpostings.exists():
        raise DomainError("Pick the community services first: use \u2018Signpost to services\u2019", field="kinds")
    needs_person = {OutcomeKind.CONNECTED_TO_TEAM, OutcomeKind.SAFEGUARDING} & set(kinds)
    if needs_person and contact.person_id is None:
        raise DomainError("Link the contact to a person's record before connecting to a team or raising a concern")
    note = _text(choice.note, field="note")
    now = clock.now()
    made: list[ContactOutcome] = []
    for kind in kinds:
        outcome = ContactOutcome(contact=contact, kind=kind, note=note, recorded_at=now, recorded_by=actor)
        if kind == OutcomeKind.CONNECTED_TO_TEAM:
            outcome.support_request = _request_create(contact=contact, choice=choice, actor=actor)
        elif kind == OutcomeKind.SAFEGUARDING:
            summary = _text(
                choice.concern_summary,
                field="concern_summary",
                required="Describe the safeguarding concern: what happened, and any risk now",
            )
            concern = safeguarding.concern_raise(
                person=contact.person,
                summary=summary,
                source="front_door",
                source_reference=contact.reference,
                actor=actor,
            )
            outcome.concern_reference = concern.uuid
        outcome.save()
        made.append(outcome)
    _touch(contact)
    audit.record(
        actor=actor,
        action="front_door.outcomes.recorded",
        person=contact.person,
        target=contact,
        summary=f"Outcome of contact {contact.reference}: {'; '.join(OutcomeKind(k).label for k in kinds)}",
    )
    if choice.close:
        contact_close(contact=contact, version=contact.version, actor=actor)
    return made


def _request_create(*, contact: Contact, choice: OutcomeChoice, actor: Actor) -> SupportRequest:
    assert contact.person is not None  # outcomes_record checked
    team = Team.objects.filter(pk=choice.team_id).exclude(kind=TeamKind.FRONT_DOOR).first() if choice.team_id else None
    if team is None:
        raise DomainError("Select the team to connect the person to", field="team")
    reason = _text(
        choice.request_reason or contact.reason,
        field="request_reason",
        required="Say what the team is asked to do",
    )
    request = SupportRequest.objects.create(
        person=contact.person,
        team=team,
        contact=contact,
        reason=reason,
        urgency=contact.urgency,
        requested_at=clock.now(),
        requested_by=actor,
        transition=choice.transition,
    )
    audit.record(
        actor=actor,
        action="front_door.request.created",
        person=contact.person,
        target=request,
        summary=f"Asked {team.name} for support",
    )
    registry.request_made(request)
    return request


@transaction.atomic
def support_request_allocate(*, request: SupportRequest, actor: Actor) -> None:
    """Mark a waiting request allocated: a practitioner in its team now holds the work."""
    if request.status == RequestStatus.WAITING:
        request.status = RequestStatus.ALLOCATED
        request.save(update_fields=["status", "updated_at"])
        audit.record(
            actor=actor,
            action="front_door.request.allocated",
            person=request.person,
            target=request,
            summary=f"Request allocated in {request.team.name}",
        )


def support_request_move_on(step: registry.WorkStep) -> None:
    """Move the request a piece of work came from on with it (a listener of `core.registry`, told
    inside the writing transaction): a needs assessment started puts it in progress; an assessment
    authorised without eligible needs, or a care and support plan in force, closes it."""
    request = step.support_request
    if request is None or request.status == RequestStatus.CLOSED:
        return
    kind = registry.WorkStepKind
    closes = step.kind == kind.PLAN_IN_FORCE or (step.kind == kind.ASSESSMENT_AUTHORISED and step.eligible is False)
    if closes:
        status, summary = RequestStatus.CLOSED, f"Request closed: {step.detail or 'the work is done'}"
    elif step.kind in (kind.ASSESSMENT_STARTED, kind.ASSESSMENT_COMPLETED, kind.ASSESSMENT_AUTHORISED):
        if request.status == RequestStatus.IN_PROGRESS:
            return
        status, summary = RequestStatus.IN_PROGRESS, f"Request in progress: {step.detail or 'work has started'}"
    else:
        return
    before = request.status
    request.status = status
    request.closed_at = clock.now() if status == RequestStatus.CLOSED else None
    request.save(update_fields=["status", "closed_at", "updated_at"])
    audit.record(
        actor=step.actor,
        action="front_door.request.closed" if status == RequestStatus.CLOSED else "front_door.request.in_progress",
        person=request.person,
        target=request,
        summary=summary,
        changes={"status": [before, status]},
    )


@transaction.atomic
def contact_close(*, contact: Contact, version: int | None, actor: Actor) -> Contact:
    """Close a contact once its outcome is recorded; its follow-ups stay due."""
    require(policies.can_record_contacts(actor), "You do not have permission to close contacts")
    contact = _contact_for_change(contact, version)
    if not contact.outcomes.exists():
        raise DomainError("Record the outcome of the contact before closing it")
    contact.status = ContactStatus.CLOSED
    contact.closed_at = clock.now()
    contact.closed_by = actor
    contact.version += 1
    contact.save(update_fields=["status", "closed_at", "closed_by", "version", "updated_at"])
    audit.record(
        actor=actor,
        action="front_door.contact.closed",
        person=contact.person,
        target=contact,
        summary=f"Closed contact {contact.reference}",
    )
    return contact


@transaction.atomic
def contact_allocate(*, contact: Contact, worker: User, actor: Actor) -> Contact:
    """Give a contact to a worker in its front-door team."""
    require(policies.can_allocate_to(actor, worker), "You may only take contacts yourself")
    contact = _contact_for_change(contact)
    if not worker.is_active or not worker.can(Permission.CONTACT_RECORD):
        raise DomainError("Choose someone who works at the front door", field="worker")
    current = Membership.objects.filter(user=worker, team_id=contact.team_id).exclude(ended_on__lte=clock.today())
    if not current.exists():
        raise DomainError(f"{worker.get_full_name() or worker.username} is not in {contact.team.name}", field="worker")
    previous = contact.allocated_to
    before = (previous.get_full_name() or previous.username) if previous is not None else ""
    contact.allocated_to = worker
    contact.allocated_at = clock.now()
    contact.version += 1
    contact.save(update_fields=["allocated_to", "allocated_at", "version", "updated_at"])
    audit.record(
        actor=actor,
        action="front_door.contact.allocated",
        person=contact.person,
        target=contact,
        summary=f"Allocated contact {contact.reference} to {worker.get_full_name() or worker.username}",
        changes={"allocated_to": [before, worker.get_full_name() or worker.username]},
    )
    return contact
