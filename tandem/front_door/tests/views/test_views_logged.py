"""Every front-door page that shows a person's details logs a view of their record."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tandem.front_door.models import Contact
from tandem.identity.models import User
from tandem.people.models import Person


@pytest.mark.parametrize(
    "name", ["contact", "conversation_add", "outcome_add", "signpost", "services_list", "follow_up_add", "close"]
)
def test_each_page_of_a_contact_about_someone_logs_a_view_of_their_record(
    signed_in: Client, practitioner: User, contact: Contact, person: Person, audit, name: str
):
    audit.mark()

    response = signed_in.get(reverse(f"front_door:{name}", args=[contact.uuid]))

    assert response.status_code == 200
    [event] = audit.events()
    assert (event.action, event.actor, event.person_uuid) == ("people.person.viewed", practitioner, person.uuid)
    assert event.summary == f"Viewed front-door contact {contact.reference}"
    assert (event.target_type, event.target_id) == ("front_door.contact", str(contact.pk))


def test_a_contact_about_no_one_yet_logs_no_view_of_a_record(
    signed_in: Client, contact_make: Callable[..., Contact], audit
):
    contact = contact_make()
    audit.mark()

    signed_in.get(reverse("front_door:contact", args=[contact.uuid]))

    assert audit.actions() == []


def test_the_new_contact_form_for_a_person_logs_a_view_of_their_record(
    signed_in: Client, practitioner: User, person: Person, audit
):
    response = signed_in.get(reverse("front_door:contact_new"), {"person": str(person.uuid)})

    assert response.status_code == 200
    [event] = audit.events()
    assert (event.action, event.person_uuid, event.summary) == (
        "people.person.viewed",
        person.uuid,
        "Viewed record a contact",
    )


def test_finding_the_person_logs_the_search_and_who_it_listed(
    signed_in: Client, practitioner: User, person: Person, audit
):
    signed_in.get(reverse("front_door:contact_new"), {"q": "Mary Smith"})

    [event] = audit.events()
    assert (event.action, event.actor) == ("people.search.listed", practitioner)
    assert event.changes == {"terms": "Mary Smith", "where": "the front door", "total": 1, "listed": [str(person.uuid)]}
