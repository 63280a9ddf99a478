"""Keeping a name the person was known by, so searches for it still find them."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import pytest
from django.urls import reverse

from tandem.people.models import PreviousName


@pytest.fixture
def url(person):
    return reverse("people:previous_name_add", args=[person.uuid])


def test_it_shows_an_empty_form(client, practitioner, person, url, open_page):
    page = open_page(client, practitioner, url, "Add a previous name")
    assert page.values == {
        "given_name": "",
        "family_name": "",
        "used_until-day": "",
        "used_until-month": "",
        "used_until-year": "",
    }


def test_bad_input_is_a_problem_and_keeps_what_was_typed(client, practitioner, person, url, problem, audit):
    client.force_login(practitioner)

    response = client.post(
        url,
        {
            "given_name": "Mary",
            "family_name": "",
            "used_until-day": "1",
            "used_until-month": "",
            "used_until-year": "1970",
        },
    )

    page = problem(
        response, "Add a previous name", ["Enter the previous last name", "Used until (optional) must include a month"]
    )
    assert page.values == {
        "given_name": "Mary",
        "family_name": "",
        "used_until-day": "1",
        "used_until-month": "",
        "used_until-year": "1970",
    }
    assert PreviousName.objects.count() == 0
    assert audit.actions() == []


def test_good_input_adds_the_name_and_writes_one_audit_event(client, practitioner, person, url, audit):
    client.force_login(practitioner)

    response = client.post(
        url,
        {
            "given_name": "Mary",
            "family_name": "Jones",
            "used_until-day": "1",
            "used_until-month": "6",
            "used_until-year": "1970",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("people:summary", args=[person.uuid])
    previous = PreviousName.objects.get()
    assert (previous.person, str(previous)) == (person, "Mary Jones")
    [event] = audit.events()
    assert (event.action, event.actor, event.summary) == (
        "people.previous_name.added",
        practitioner,
        "Added previous name Mary Jones",
    )
