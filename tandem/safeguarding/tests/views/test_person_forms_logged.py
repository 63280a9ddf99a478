"""Raising a concern or receiving a DoLS application for a person shows their record: each view is logged,
and so is the search that found them."""

import pytest
from django.test import Client
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.identity.models import User
from tandem.people.models import Person


@pytest.fixture
def signed_in(client: Client, worker: User) -> Client:
    client.force_login(worker)
    return client


@pytest.mark.parametrize(
    ("name", "page"),
    [("concern_new", "Viewed raise a safeguarding concern"), ("dols_receive", "Viewed receive a DoLS application")],
)
def test_the_form_for_a_person_logs_a_view_of_their_record(
    signed_in: Client, worker: User, person: Person, name: str, page: str
):
    response = signed_in.get(reverse(f"safeguarding:{name}"), {"person": str(person.uuid)})

    assert response.status_code == 200
    [event] = AuditEvent.objects.all()
    assert (event.action, event.actor, event.person_uuid, event.summary) == (
        "people.person.viewed",
        worker,
        person.uuid,
        page,
    )


@pytest.mark.parametrize(
    ("name", "where"),
    [("concern_new", "Raise a safeguarding concern"), ("dols_receive", "Receive a DoLS application")],
)
def test_finding_the_person_logs_the_search_and_who_it_listed(
    signed_in: Client, worker: User, person: Person, name: str, where: str
):
    signed_in.get(reverse(f"safeguarding:{name}"), {"q": "Mary Smith"})

    [event] = AuditEvent.objects.all()
    assert (event.action, event.actor, event.person_uuid) == ("people.search.listed", worker, None)
    assert event.changes == {"terms": "Mary Smith", "where": where, "total": 1, "listed": [str(person.uuid)]}
