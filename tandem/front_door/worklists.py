"""What a front-door worker has to do, for the "my work" page (core.registry): their open contacts
and the keeping-in-touch calls they owe."""

from typing import Any

from django.urls import reverse
from django.utils import timezone

from tandem.core import clock, worklists
from tandem.core.presenters import format_date
from tandem.core.registry import WorkItem, WorkSection
from tandem.front_door import policies, selectors
from tandem.front_door.codes import ContactStatus, Urgency
from tandem.front_door.models import Contact, FollowUp
from tandem.identity.actors import Actor


def _who(contact: Contact) -> str:
    if contact.person is not None:
        return contact.person.full_name
    return f"Contact {contact.reference} (no person linked yet)"


def _contact(contact: Contact) -> WorkItem:
    received = timezone.localdate(contact.received_at)
    return WorkItem(
        title=_who(contact),
        url=reverse("front_door:contact", args=[contact.uuid]),
        detail=f"{Urgency(contact.urgency).label}, received {format_date(received)}: decide what happens next",
        age_days=(clock.today() - received).days,
    )


def _follow_up(follow_up: FollowUp) -> WorkItem:
    return WorkItem(
        title=_who(follow_up.contact),
        url=reverse("front_door:contact", args=[follow_up.contact.uuid]),
        detail=follow_up.note[:120] or "Keeping-in-touch call",
        due=follow_up.due_on,
        overdue=follow_up.due_on < clock.today(),
    )


def my_work(actor: Any) -> list[WorkSection]:
    user: Actor = actor
    if not policies.can_record_contacts(user):
        return []
    mine = (
        selectors.contacts_visible(user)
        .filter(status=ContactStatus.OPEN, allocated_to=user)
        .select_related("person")
        .order_by("received_at", "pk")
    )
    follow_ups = selectors.follow_ups_due(actor=user, filters=selectors.QueueFilter(team=None, allocated="me"))
    return [
        worklists.section(
            mine,
            key="front_door.contacts",
            title="Front-door contacts allocated to me",
            item=_contact,
            more_url=reverse("front_door:queue"),
            order=20,
            empty="No open contacts are allocated to you.",
        ),
        worklists.section(
            follow_ups,
            key="front_door.follow_ups",
            title="Follow-ups due",
            item=_follow_up,
            more_url=reverse("front_door:queue"),
            order=60,
            empty="You have no follow-up calls due today or overdue.",
        ),
    ]
