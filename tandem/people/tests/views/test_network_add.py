"""Adding someone from the person's informal network."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import pytest
from django.urls import reverse

from tandem.people.codes import Relationship
from tandem.people.models import NetworkMember


@pytest.fixture
def url(person):
    return reverse("people:network_add", args=[person.uuid])


def test_it_shows_an_empty_form(client, practitioner, person, url, open_page):
    page = open_page(client, practitioner, url, "Add someone to Mary's network")
    assert page.values == {"name": "", "linked_person": "", "relationship": "", "what_they_do": "", "contact": ""}


def test_bad_input_is_a_problem_and_keeps_what_was_typed(client, practitioner, person, url, problem, audit):
    client.force_login(practitioner)

    response = client.post(
        url,
        {
            "name": "Hoylake lunch club",
            "relationship": "",
            "what_they_do": "Lunch on Tuesdays",
            "contact": "0151 000 0000",
            "is_unpaid_carer": "on",
        },
    )

    page = problem(response, "Add someone to Mary's network", ["Select their relationship to the person"])
    assert page.values == {
        "name": "Hoylake lunch club",
        "linked_person": "",
        "relationship": "",
        "what_they_do": "Lunch on Tuesdays",
        "contact": "0151 000 0000",
        "is_unpaid_carer": ["on"],
    }
    assert NetworkMember.objects.count() == 0
    assert audit.actions() == []


def test_an_unknown_linked_person_is_a_problem(client, practitioner, person, url, read):
    client.force_login(practitioner)

    response = client.post(url, {"linked_person": "99999999", "relationship": Relationship.CHILD})

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["No record has that local person ID: check the number"]
    assert page.values["linked_person"] == "99999999"
    assert page.values["relationship"] == Relationship.CHILD


def test_good_input_adds_them_and_writes_one_audit_event(client, practitioner, person, url, audit):
    client.force_login(practitioner)

    response = client.post(
        url,
        {
            "name": "Hoylake lunch club",
            "relationship": Relationship.COMMUNITY_GROUP,
            "what_they_do": "Lunch on Tuesdays",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("people:summary", args=[person.uuid])
    member = NetworkMember.objects.get()
    assert (member.person, member.name, member.added_by) == (person, "Hoylake lunch club", practitioner)
    [event] = audit.events()
    assert (event.action, event.summary) == (
        "people.network_member.added",
        "Added Hoylake lunch club (Community group) to the network",
    )
