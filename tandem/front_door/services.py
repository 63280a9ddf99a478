"""Every write at the front door: permission-checked, transactional and audited."""

import secrets
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from re import fullmatch
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F

from tandem.audit import services as audit
from tandem.core import clock, registry
from tandem.core.care_act import ADULT_BY_CODE, ADULT_OUTCOMES
from tandem.core.errors import DomainError, StaleVersion, require
from tandem.core.presenters import format_date
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
    FollowUp,
    Signposting,
    SupportRequest,
)
from tandem.identity.models import Membership, Team, TeamKind, User
from tandem.identity.permissions import Permission
from tandem.people.identifiers import postcode_clean
from tandem.safeguarding import services as safeguarding

# A reference the person can read down the phone: no 0/O, 1/I/L look-alikes.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
MAX_TEXT = 5000


def reference_new() -> str:
    raw = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def front_door_team_for(actor: Any | None) -> Team:
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
def contact_record(*, details: ContactDetails, person: Any | None, actor: Any) -> Contact:
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
def contact_link_person(*, contact: Contact, person: Any, actor: Any) -> Contact:
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
def conversation_record(*, contact: Contact, notes: ConversationNotes, actor: Any) -> Conversation:
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


@transaction.atomic
def outcomes_record(
    *, contact: Contact, choice: OutcomeChoice, version: int | None, actor: Any
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


def _request_create(*, contact: Contact, choice: OutcomeChoice, actor: Any) -> SupportRequest:
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
def support_request_allocate(*, request: SupportRequest, actor: Any) -> None:
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


@transaction.atomic
def contact_close(*, contact: Contact, version: int | None, actor: Any) -> Contact:
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
def contact_allocate(*, contact: Contact, worker: User, actor: Any) -> Contact:
    """Give a contact to a worker in its front-door team."""
    require(policies.can_allocate_to(actor, worker), "You may only take contacts yourself")
    contact = _contact_for_change(contact)
    if not worker.is_active or not worker.can(Permission.CONTACT_RECORD):
        raise DomainError("Choose someone who works at the front door", field="worker")
    current = Membership.objects.filter(user=worker, team_id=contact.team_id).exclude(ended_on__lte=clock.today())
    if not current.exists():
        raise DomainError(f"{worker.get_full_name() or worker.username} is not in {contact.team.name}", field="worker")
    before = contact.allocated_to_id
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
        changes={"allocated_to": [before, worker.pk]},
    )
    return contact


@transaction.atomic
def signposting_add(*, contact: Contact, services: list[Any], actor: Any) -> list[Signposting]:
    """Attach community services from the directory to a contact; each is on the person's timeline."""
    require(policies.can_record_contacts(actor), "You do not have permission to signpost")
    contact = _contact_for_change(contact)
    if not services:
        raise DomainError("Select at least one service", field="services")
    have = set(contact.signpostings.values_list("service_id", flat=True))
    now = clock.now()
    made = [
        Signposting.objects.create(contact=contact, service=s, service_name=s.name, given_at=now, given_by=actor)
        for s in services
        if s.pk not in have
    ]
    if not made:
        raise DomainError("Those services are already on the list for this contact", field="services")
    _touch(contact)
    audit.record(
        actor=actor,
        action="front_door.signposted",
        person=contact.person,
        target=contact,
        summary=f"Signposted to {', '.join(s.service_name for s in made)}"[:300],
        changes={"services": [str(s.service_id) for s in made]},
    )
    return made


@transaction.atomic
def signposting_remove(*, signposting: Signposting, actor: Any) -> None:
    """Take a service off the list before it is given (an outcome of signposting keeps it)."""
    require(policies.can_record_contacts(actor), "You do not have permission to signpost")
    contact = signposting.contact
    contact = _contact_for_change(contact)
    if contact.outcomes.filter(kind=OutcomeKind.SIGNPOSTED).exists():
        raise DomainError("The list has been given to the person: it stays on the record")
    signposting.delete()
    _touch(contact)
    audit.record(
        actor=actor,
        action="front_door.signposting.removed",
        person=contact.person,
        target=contact,
        summary=f"Took {signposting.service_name} off the list",
    )


def signposting_email(*, contact: Contact, to: str, body: str, actor: Any) -> None:
    """Send the list of services to the person by email (Django's mail backend)."""
    require(policies.can_record_contacts(actor), "You do not have permission to signpost")
    to = to.strip()
    if not to:
        raise DomainError("Enter an email address", field="email")
    if not contact.signpostings.exists():
        raise DomainError("There are no services on the list to send")
    service_name = getattr(settings, "TANDEM_SERVICE_NAME", "Tandem")
    send_mail(
        subject=f"Community services suggested for you ({service_name}, reference {contact.reference})",
        message=body,
        from_email=None,
        recipient_list=[to],
    )
    audit.record(
        actor=actor,
        action="front_door.signposting.emailed",
        person=contact.person,
        target=contact,
        summary=f"Emailed the list of {contact.signpostings.count()} services",
    )


@transaction.atomic
def follow_up_add(*, contact: Contact, due_on: date, note: str, assigned_to: User | None, actor: Any) -> FollowUp:
    """Plan a "keeping in touch" call."""
    require(policies.can_record_contacts(actor), "You do not have permission to plan follow-ups")
    today = clock.today()
    if due_on < today:
        raise DomainError("The follow-up must be due today or later", field="due_on")
    if due_on > today + timedelta(days=366):
        raise DomainError("The follow-up must be due within a year", field="due_on")
    follow_up = FollowUp.objects.create(
        contact=contact, due_on=due_on, note=_text(note, field="note"), assigned_to=assigned_to, created_by=actor
    )
    audit.record(
        actor=actor,
        action="front_door.follow_up.planned",
        person=contact.person,
        target=follow_up,
        summary=f"Planned a keeping-in-touch call for {due_on:%-d %B %Y}",
    )
    return follow_up


@transaction.atomic
def follow_up_done(*, follow_up: FollowUp, what_happened: str, actor: Any) -> FollowUp:
    require(policies.can_record_contacts(actor), "You do not have permission to record follow-ups")
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_at is not None:
        raise DomainError("This follow-up is already done")
    follow_up.what_happened = _text(
        what_happened, field="what_happened", required="Say how the person is and what happens next"
    )
    follow_up.done_at = clock.now()
    follow_up.done_by = actor
    follow_up.save(update_fields=["what_happened", "done_at", "done_by", "updated_at"])
    audit.record(
        actor=actor,
        action="front_door.follow_up.done",
        person=follow_up.contact.person,
        target=follow_up,
        summary="Kept in touch",
    )
    return follow_up


# ---------------------------------------------------------------------------------------------
# The public "ask for help" journey (self-referral and supported self-assessment).
# ---------------------------------------------------------------------------------------------


# What each answer may hold, in characters; the forms take their max_length from here.
SELF_REFERRAL_LIMITS = {
    "helper_name": 200,
    "helper_relationship": 100,
    "given_name": 100,
    "family_name": 100,
    "address_line_1": 200,
    "address_line_2": 200,
    "town": 100,
    "postcode": 10,
    "what_matters": 1500,
    "hard_in_own_words": 1500,
    "who_helps": 1500,
    "phone": 40,
    "email": 254,
    "best_time": 200,
}
# How the public pages name each answer, for a message about its length.
SELF_REFERRAL_ANSWER_NAMES = {
    "helper_name": "Your name",
    "helper_relationship": "Your relationship to the person",
    "given_name": "First name",
    "family_name": "Last name",
    "address_line_1": "Address line 1",
    "address_line_2": "Address line 2",
    "town": "Town or city",
    "postcode": "Postcode",
    "what_matters": "What matters",
    "hard_in_own_words": "What is hard, in your own words,",
    "who_helps": "Who helps now",
    "phone": "Phone number",
    "email": "Email address",
    "best_time": "Best time to contact you",
}
# All the answers together: the reason staff read and the JSON kept stay a sensible size.
SELF_REFERRAL_TOTAL_LIMIT = 5000
YES_NO_NOT_SURE = ("yes", "no", "not_sure")
_YES_NO_NOT_SURE_WORDS = {"yes": "Yes", "no": "No", "not_sure": "Not sure"}


@dataclass(frozen=True, kw_only=True)
class SelfReferral:
    """What someone typed in the public "ask for help" journey, for themselves or someone else."""

    for_self: bool
    helper_name: str = ""
    helper_relationship: str = ""
    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    no_fixed_address: bool = False
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""
    what_matters: str = ""
    hard_outcomes: tuple[str, ...] = ()  # codes of tandem.core.care_act.ADULT_OUTCOMES
    hard_in_own_words: str = ""
    who_helps: str = ""
    unpaid_carer: str = ""  # yes, no or not_sure
    self_funder: str = ""  # yes, no or not_sure
    self_assessment: bool = False
    phone: str = ""
    email: str = ""
    best_time: str = ""

    def text_length(self) -> int:
        return sum(len(getattr(self, name)) for name in SELF_REFERRAL_LIMITS)


def _referral_text(referral: SelfReferral, name: str, required: str | None = None) -> str:
    value, limit = getattr(referral, name).strip(), SELF_REFERRAL_LIMITS[name]
    if "\x00" in value:
        # PostgreSQL refuses NUL in text and JSON; only a hand-made request can send one.
        raise DomainError(f"{SELF_REFERRAL_ANSWER_NAMES[name]} must not contain null characters", field=name)
    if len(value) > limit:
        raise DomainError(f"{SELF_REFERRAL_ANSWER_NAMES[name]} must be {limit:,} characters or fewer", field=name)
    return _text(value, field=name, required=required, limit=limit)


def self_referral_phone_clean(raw: str) -> str:
    if not raw:
        return ""
    digits = sum(c.isdigit() for c in raw)
    if not fullmatch(r"[0-9+()\- ]+", raw) or not 10 <= digits <= 15:
        raise DomainError("Enter a telephone number, like 01632 960 001 or 07700 900 982", field="phone")
    return raw


def self_referral_email_clean(raw: str) -> str:
    if not raw:
        return ""
    try:
        validate_email(raw)
    except ValidationError:
        message = "Enter an email address in the correct format, like name@example.com"
        raise DomainError(message, field="email") from None
    return raw


def _referral_texts(referral: SelfReferral) -> dict[str, Any]:
    """Every text answer trimmed and within its limit; the required ones present; postcode, phone and email valid."""
    texts: dict[str, Any] = {name: _referral_text(referral, name) for name in SELF_REFERRAL_LIMITS}
    required = {
        "given_name": "Enter the first name of the person who needs help",
        "family_name": "Enter the last name of the person who needs help",
        "what_matters": "Say what matters to the person who needs help",
    }
    if referral.for_self:
        texts["helper_name"] = texts["helper_relationship"] = ""
    else:
        required["helper_name"] = "Enter your name"
        required["helper_relationship"] = "Enter your relationship to the person who needs help"
    if not referral.no_fixed_address:
        required["address_line_1"] = "Enter the first line of the address"
    for name, message in required.items():
        texts[name] = _referral_text(referral, name, message)
    if texts["postcode"] or not referral.no_fixed_address:
        texts["postcode"] = postcode_clean(texts["postcode"])
    texts["phone"] = self_referral_phone_clean(texts["phone"])
    texts["email"] = self_referral_email_clean(texts["email"])
    if not texts["phone"] and not texts["email"]:
        raise DomainError("Enter a phone number or an email address, or both", field="phone")
    return texts


def _referral_clean(referral: SelfReferral) -> SelfReferral:
    """The referral with every answer checked again and tidied, or a DomainError naming the answer."""
    texts = _referral_texts(referral)
    if referral.date_of_birth is not None:
        if referral.date_of_birth > clock.today():
            raise DomainError("Date of birth must be in the past", field="date_of_birth")
        if referral.date_of_birth.year < 1880:
            raise DomainError("Date of birth must be after 1880", field="date_of_birth")
    codes = set(referral.hard_outcomes)
    if not codes <= ADULT_BY_CODE.keys():
        raise DomainError("Select what is hard from the list", field="hard_outcomes")
    if not codes and not texts["hard_in_own_words"]:
        raise DomainError("Select what is hard, or describe it in your own words", field="hard_outcomes")
    if referral.unpaid_carer not in YES_NO_NOT_SURE:
        raise DomainError("Select whether someone is an unpaid carer", field="unpaid_carer")
    if referral.self_funder not in YES_NO_NOT_SURE:
        raise DomainError("Select whether they pay for their own care, or expect to", field="self_funder")
    if referral.self_assessment and referral.self_funder != "yes":
        raise DomainError("Only someone who pays for their own care can ask for a self-assessment here")
    # In the regulation's order, whatever order they arrived in.
    ordered = tuple(outcome.code for outcome in ADULT_OUTCOMES if outcome.code in codes)
    cleaned = replace(referral, hard_outcomes=ordered, **texts)
    if cleaned.text_length() > SELF_REFERRAL_TOTAL_LIMIT:
        raise DomainError(
            f"Your answers are too long altogether: shorten them to {SELF_REFERRAL_TOTAL_LIMIT:,} characters or fewer",
            field="answers",
        )
    return cleaned


def _referral_reason(referral: SelfReferral) -> str:
    """The reason for contact as staff read it in the queue: every answer, headed by its question."""
    name = f"{referral.given_name} {referral.family_name}"
    if referral.for_self:
        opening = f"{name} asked for help online for themselves."
    else:
        opening = f"{referral.helper_name} ({referral.helper_relationship}) asked for help online for {name}."
    lines = [opening]
    if referral.self_assessment:
        lines.append("They pay for their own care and asked for this to count as a self-assessment.")
    lines += ["", "What matters to them:", referral.what_matters, "", "What is hard:"]
    lines += [f"- {ADULT_BY_CODE[code].plain} ({ADULT_BY_CODE[code].statutory})" for code in referral.hard_outcomes]
    if referral.hard_in_own_words:
        lines += ["In their own words:", referral.hard_in_own_words]
    lines += [
        "",
        "Who helps now:",
        referral.who_helps or "(not answered)",
        f"Is someone an unpaid carer: {_YES_NO_NOT_SURE_WORDS[referral.unpaid_carer]}",
        f"Pays for their own care, or expects to: {_YES_NO_NOT_SURE_WORDS[referral.self_funder]}",
        "",
    ]
    born = f", born {format_date(referral.date_of_birth)}" if referral.date_of_birth else ""
    address = ", ".join(
        part for part in (referral.address_line_1, referral.address_line_2, referral.town, referral.postcode) if part
    )
    lines.append(f"About them: {name}{born}")
    if referral.no_fixed_address:
        lines.append(f"Address: no settled address{f' (staying at {address})' if address else ''}")
    else:
        lines.append(f"Address: {address}")
    contact = [f"phone {referral.phone}" if referral.phone else "", f"email {referral.email}" if referral.email else ""]
    lines.append(f"Contact: {', '.join(part for part in contact if part)}")
    if referral.best_time:
        lines.append(f"Best time to contact: {referral.best_time}")
    return "\n".join(lines)


def _referral_submission(referral: SelfReferral) -> dict[str, Any]:
    """The answers as plain JSON, kept on the contact exactly as they were sent."""
    answers = asdict(referral)
    answers["date_of_birth"] = referral.date_of_birth.isoformat() if referral.date_of_birth else None
    answers["hard_outcomes"] = list(referral.hard_outcomes)
    return {"form": "ask_for_help", "version": 1, "answers": answers}


@transaction.atomic
def self_referral_submit(*, referral: SelfReferral) -> Contact:
    """Put a request for help made online into the front-door queue (Care Act 2014 s9 and s2).

    Anyone may ask, with no sign-in: every answer is checked again here, never trusting the
    form. The contact is about no one yet; staff link it to a person's record once they know
    who it is. A self-funder may ask for it to count as a supported self-assessment.
    """
    referral = _referral_clean(referral)
    name = f"{referral.given_name} {referral.family_name}"
    details = ContactDetails(
        source=ContactSource.SELF if referral.for_self else ContactSource.FAMILY_OR_FRIEND,
        route=ContactRoute.ONLINE_FORM,
        reason=_referral_reason(referral),
        urgency=Urgency.ROUTINE,
        caller_name=name if referral.for_self else referral.helper_name,
        caller_relationship="" if referral.for_self else referral.helper_relationship,
        caller_phone=referral.phone,
        caller_email=referral.email,
    )
    contact = _create_contact(
        details=details,
        person=None,
        recorded_by=None,
        team=front_door_team_for(None),
        submission=_referral_submission(referral),
        is_self_assessment=referral.self_assessment,
    )
    kind = "self-assessment" if referral.self_assessment else "request for help"
    audit.record(
        actor=None,
        action="front_door.contact.submitted_online",
        target=contact,
        summary=f"Online {kind} {contact.reference} ({contact.get_source_display()})",
    )
    return contact
