"""Changing who a person is or where they live, saved with compare-and-swap on the record's version."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import date

import pytest
from django.urls import reverse

from tandem.people.codes import Ethnicity, Gender
from tandem.people.models import Person
from tandem.people.services import PersonDetails, person_details_update

STALE = "Someone else changed this record while you were editing it. Check their changes and try again."


def form_of(person: Person, **changes: object) -> dict[str, object]:
    """What the form posts for this person, as the page first shows it, with some fields changed."""
    born = person.date_of_birth
    return {
        "title": person.title,
        "given_name": person.given_name,
        "other_given_names": "",
        "family_name": person.family_name,
        "preferred_name": "",
        "date_of_birth-day": born.day if born else "",
        "date_of_birth-month": born.month if born else "",
        "date_of_birth-year": born.year if born else "",
        "nhs_number": person.nhs_number or "",
        "gender": person.gender,
        "ethnicity": person.ethnicity,
        "address_line_1": person.address_line_1,
        "address_line_2": "",
        "town": person.town,
        "postcode": person.postcode,
        "gp_practice": "",
        "preferred_language": "English",
        "communication_needs": "",
        "date_of_death-day": "",
        "date_of_death-month": "",
        "date_of_death-year": "",
        "version": person.version,
    } | changes


@pytest.fixture
def url(person):
    return reverse("people:details_edit", args=[person.uuid])


def test_it_shows_the_form_filled_with_the_record(client, practitioner, person, warning, url, open_page):
    page = open_page(client, practitioner, url, "Change personal details")
    assert page.values["version"] == "1"
    assert (page.values["given_name"], page.values["family_name"]) == ("Mary", "Smith")
    assert (
        page.values["date_of_birth-day"],
        page.values["date_of_birth-month"],
        page.values["date_of_birth-year"],
    ) == ("12", "3", "1948")
    assert page.values["nhs_number"] == "9434765919"
    assert page.values["gender"] == Gender.UNKNOWN
    assert "1 active hazard warning" in page.text


def test_bad_input_is_a_problem_and_keeps_what_was_typed(client, practitioner, person, url, problem, audit):
    client.force_login(practitioner)

    response = client.post(
        url,
        form_of(
            person,
            family_name="",
            given_name="Marie",
            nhs_number="943 476 5918",
            **{"date_of_birth-day": "31", "date_of_birth-month": "2"},
        ),
    )

    page = problem(
        response,
        "Change personal details",
        [
            "Enter a last name",
            "Date of birth must be a real date",
            "NHS number is not valid: check each digit (the last digit does not match the others)",
        ],
    )
    assert page.values["given_name"] == "Marie"
    assert page.values["nhs_number"] == "943 476 5918"
    assert (page.values["date_of_birth-day"], page.values["date_of_birth-month"]) == ("31", "2")
    person.refresh_from_db()
    assert (person.given_name, person.family_name, person.version) == ("Mary", "Smith", 1)
    assert audit.actions() == []


def test_good_input_saves_and_writes_one_audit_event(client, practitioner, person, url, audit):
    client.force_login(practitioner)

    response = client.post(url, form_of(person, family_name="Smyth", ethnicity=Ethnicity.WHITE_IRISH))

    assert response.status_code == 302
    assert response["Location"] == reverse("people:summary", args=[person.uuid])
    person.refresh_from_db()
    assert (person.family_name, person.ethnicity, person.version) == ("Smyth", Ethnicity.WHITE_IRISH, 2)
    [event] = audit.events()
    assert (event.action, event.actor, event.person_uuid, event.summary) == (
        "people.person.updated",
        practitioner,
        person.uuid,
        "Changed personal details",
    )
    assert event.changes == {
        "family_name": ["Smith", "Smyth"],
        "ethnicity": [Ethnicity.NOT_KNOWN, Ethnicity.WHITE_IRISH],
    }


def test_a_stale_version_shows_the_message_and_saves_nothing(client, practitioner, manager, person, url, read, audit):
    client.force_login(practitioner)
    typed = form_of(person, family_name="Smyth")
    person_details_update(
        person=person,
        version=1,
        actor=manager,
        details=PersonDetails(
            given_name="Mary",
            family_name="Smith-Jones",
            date_of_birth=date(1948, 3, 12),
            nhs_number="9434765919",
        ),
    )
    audit.mark()

    response = client.post(url, typed)

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == [STALE]
    assert page.values["family_name"] == "Smyth"
    person.refresh_from_db()
    assert (person.family_name, person.version) == ("Smith-Jones", 2)
    assert audit.actions() == []


@pytest.mark.parametrize("version", ["abc", "1.5", "1e400", "99999999999999999999", "-1", "0"])
def test_a_version_that_is_not_a_version_is_a_stale_edit_not_an_error(
    client, practitioner, person, url, read, audit, version
):
    client.force_login(practitioner)

    response = client.post(url, form_of(person, family_name="Smyth") | {"version": version})

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == [STALE]
    assert page.values["family_name"] == "Smyth"
    person.refresh_from_db()
    assert (person.family_name, person.version) == ("Smith", 1)
    assert audit.actions() == []
