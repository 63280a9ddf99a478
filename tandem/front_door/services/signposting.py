"""Signposting to community services, and keeping-in-touch calls, from a contact."""

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.front_door import policies
from tandem.front_door.codes import (
    OutcomeKind,
)
from tandem.front_door.models import (
    Contact,
    FollowUp,
    Signposting,
)
from tandem.front_door.services.contacts import _contact_for_change, _text, _touch
from tandem.identity.actors import Actor
from tandem.identity.models import User


@transaction.atomic
def signposting_add(*, contact: Contact, services: list[Any], actor: Actor) -> list[Signposting]:
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
def signposting_remove(*, signposting: Signposting, actor: Actor) -> None:
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


def signposting_email(*, contact: Contact, to: str, body: str, actor: Actor) -> None:
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
def follow_up_add(*, contact: Contact, due_on: date, note: str, assigned_to: User | None, actor: Actor) -> FollowUp:
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
def follow_up_done(*, follow_up: FollowUp, what_happened: str, actor: Actor) -> FollowUp:
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
