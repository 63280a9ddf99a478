"""Creating a person record, after checking the possible duplicates."""

from django.urls import reverse

from tandem.people.codes import Ethnicity, Gender
from tandem.people.models import Person

CREATE = reverse("people:create")


def form(**changes: object) -> dict[str, object]:
    return {
        "given_name": "Zebedee",
        "family_name": "Quartermaine",
        "gender": Gender.MALE,
        "ethnicity": Ethnicity.NOT_KNOWN,
        "date_of_birth-day": "4",
        "date_of_birth-month": "7",
        "date_of_birth-year": "1939",
        "postcode": "ch41 2ab",
    } | changes


def test_it_shows_an_empty_form(client, business_support, open_page):
    page = open_page(client, business_support, CREATE, "Create a person record")
    assert page.values["given_name"] == ""
    assert page.values["gender"] == Gender.UNKNOWN
    assert page.error_summary == []


def test_bad_input_is_a_problem_and_keeps_what_was_typed(client, business_support, read, audit):
    client.force_login(business_support)

    response = client.post(CREATE, form(family_name="", postcode="not a postcode"))

    page = read(response)
    assert response.status_code == 400
    assert page.title == "Error: Create a person record – Tandem"
    assert "There is a problem" in page.text
    assert page.error_summary[0] == "Enter a last name"
    assert page.field_errors[0] == "Enter a last name"
    assert len(page.error_summary) == 2
    assert (page.values["given_name"], page.values["postcode"], page.values["date_of_birth-year"]) == (
        "Zebedee",
        "not a postcode",
        "1939",
    )
    assert Person.objects.count() == 0
    assert audit.actions() == []


def test_good_input_creates_the_record_and_writes_one_audit_event(client, business_support, audit):
    client.force_login(business_support)

    response = client.post(CREATE, form())

    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:summary", args=[person.uuid])
    assert (person.given_name, person.family_name, person.postcode) == ("Zebedee", "Quartermaine", "CH41 2AB")
    [event] = audit.events()
    assert (event.action, event.actor, event.person_uuid, event.summary) == (
        "people.person.created",
        business_support,
        person.uuid,
        "Created the record of Zebedee Quartermaine",
    )


def test_a_possible_duplicate_is_shown_before_anything_is_created(client, business_support, person, read, audit):
    client.force_login(business_support)

    response = client.post(
        CREATE,
        form(
            given_name="Mary",
            family_name="Smith",
            **{"date_of_birth-day": "12", "date_of_birth-month": "3", "date_of_birth-year": "1948"},
        ),
    )

    page = read(response)
    assert response.status_code == 200
    assert "This person may already have a record" in page.text
    assert "SMITH, Mary" in page.text
    assert page.values["confirmed"] == "yes"
    assert Person.objects.count() == 1
    # Nothing is created; the possible duplicates listed are logged like any search's results.
    assert audit.actions() == ["people.search.listed"]


def test_confirming_there_is_no_duplicate_creates_the_record(client, business_support, person, audit):
    client.force_login(business_support)

    response = client.post(CREATE, form(given_name="Mary", family_name="Smith", confirmed="yes"))

    assert response.status_code == 302
    assert Person.objects.count() == 2
    assert audit.actions() == ["people.person.created"]
