"""What matters to the person and their strengths, in their own words."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import pytest
from django.urls import reverse

from tandem.people.services import person_voice_update

STALE = "Someone else changed this record while you were editing it. Check their changes and try again."


@pytest.fixture
def url(person):
    return reverse("people:voice_edit", args=[person.uuid])


def test_it_shows_the_form_with_the_current_words(client, practitioner, person, url, open_page):
    person_voice_update(person=person, what_matters_to_me="My garden", strengths="", version=1, actor=practitioner)
    page = open_page(client, practitioner, url, "What matters to Mary")
    assert page.values == {"version": "2", "what_matters_to_me": "My garden", "strengths": ""}


def test_a_stale_version_is_a_problem_and_keeps_what_was_typed(client, practitioner, manager, person, url, read, audit):
    client.force_login(practitioner)
    person_voice_update(
        person=person, what_matters_to_me="Seeing my grandchildren", strengths="", version=1, actor=manager
    )
    audit.mark()

    response = client.post(url, {"what_matters_to_me": "My garden", "strengths": "Cooking", "version": "1"})

    page = read(response)
    assert response.status_code == 400
    assert "There is a problem" in page.text
    assert page.error_summary == [STALE]
    assert (page.values["what_matters_to_me"], page.values["strengths"]) == ("My garden", "Cooking")
    person.refresh_from_db()
    assert (person.what_matters_to_me, person.strengths, person.version) == ("Seeing my grandchildren", "", 2)
    assert audit.actions() == []


def test_good_input_saves_and_writes_one_audit_event(client, practitioner, person, url, audit):
    client.force_login(practitioner)

    response = client.post(url, {"what_matters_to_me": " My garden ", "strengths": "Cooking", "version": "1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("people:summary", args=[person.uuid])
    person.refresh_from_db()
    assert (person.what_matters_to_me, person.strengths, person.version) == ("My garden", "Cooking", 2)
    [event] = audit.events()
    assert (event.action, event.actor, event.person_uuid) == ("people.voice.updated", practitioner, person.uuid)
    assert event.changes == {"what_matters_to_me": ["", "My garden"], "strengths": ["", "Cooking"]}
