"""Suspected duplicate records: a manager's list of records that may be the same person."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.people.tests.factories import nhs_number_for

URL = reverse("people:duplicates")
BORN = date(1951, 4, 2)


@pytest.fixture
def twin(person_make):
    """Make a record without an NHS number: how a duplicate is usually created."""

    def make(given_name: str, family_name: str, **details):
        return person_make(given_name=given_name, family_name=family_name, **details)

    return make


def test_records_with_the_same_name_and_date_of_birth_are_listed_with_a_link_to_compare(client, manager, twin, read):
    older = twin("Ada", "Quennell", date_of_birth=BORN, postcode="CH41 5LH")
    newer = twin("ada", "QUENNELL", date_of_birth=BORN, postcode="CH44 5UR")
    client.force_login(manager)

    response = client.get(URL)

    page = read(response)
    assert response.status_code == 200
    assert page.title == "Suspected duplicate records – Tandem"
    assert "1 suspected pair." in page.text
    assert "Same name and date of birth" in page.text
    merge = reverse("people:merge", args=[older.uuid])
    assert f'href="{merge}?duplicate={newer.local_id}"' in response.content.decode()


def test_a_close_name_with_the_same_date_of_birth_and_postcode_is_suspected(client, manager, twin, read):
    twin("Jon", "Quennell", date_of_birth=BORN, postcode="CH41 5LH")
    twin("John", "Quenell", date_of_birth=BORN, postcode="CH41 5LH")
    client.force_login(manager)

    page = read(client.get(URL))

    assert "Similar name, same date of birth and postcode" in page.text


@pytest.mark.parametrize(
    ("second", "why"),
    [
        ({"given_name": "John", "family_name": "Quenell", "postcode": "CH44 5UR"}, "a close name elsewhere"),
        ({"given_name": "Patrick", "family_name": "Quennell", "postcode": "CH41 5LH"}, "a different first name"),
        ({"given_name": "Jon", "family_name": "Quennell", "postcode": "CH41 5LH", "born": date(1951, 4, 3)}, "born"),
    ],
)
def test_records_that_differ_are_not_suspected(client, manager, twin, read, second, why):
    twin("Jon", "Quennell", date_of_birth=BORN, postcode="CH41 5LH")
    born = second.pop("born", BORN)
    twin(second.pop("given_name"), second.pop("family_name"), date_of_birth=born, **second)
    client.force_login(manager)

    page = read(client.get(URL))

    assert "No records are suspected of being duplicates." in page.text, why


def test_two_records_with_different_nhs_numbers_are_different_people(client, manager, person_make, read):
    person_make(given_name="Ada", family_name="Quennell", date_of_birth=BORN, nhs_number=nhs_number_for(1))
    person_make(given_name="Ada", family_name="Quennell", date_of_birth=BORN, nhs_number=nhs_number_for(2))
    client.force_login(manager)

    page = read(client.get(URL))

    assert "No records are suspected of being duplicates." in page.text


def test_a_merged_record_is_no_longer_suspected(client, manager, twin, read):
    older = twin("Ada", "Quennell", date_of_birth=BORN)
    newer = twin("Ada", "Quennell", date_of_birth=BORN)
    client.force_login(manager)
    client.post(reverse("people:merge", args=[older.uuid]), {"duplicate": newer.local_id, "reason": "Same person"})

    page = read(client.get(URL))

    assert "No records are suspected of being duplicates." in page.text


def test_the_list_is_paged(client, manager, twin, read):
    for n in range(26):
        born = date(1940, 1, 1 + n)
        twin("Ada", "Quennell", date_of_birth=born)
        twin("Ada", "Quennell", date_of_birth=born)
    client.force_login(manager)

    first = read(client.get(URL))
    second = read(client.get(URL, {"page": 2}))

    assert "26 suspected pairs." in first.text
    assert first.text.count("Compare and merge") == 25
    assert second.text.count("Compare and merge") == 1


def test_the_records_listed_are_logged_as_a_search(client, manager, twin, audit):
    older = twin("Ada", "Quennell", date_of_birth=BORN)
    newer = twin("Ada", "Quennell", date_of_birth=BORN)
    client.force_login(manager)

    client.get(URL)

    event = next(e for e in audit.events() if e.action == "people.search.listed")
    assert event.changes["listed"] == [str(older.uuid), str(newer.uuid)]


def test_a_practitioner_may_not_see_the_list(client, practitioner, twin):
    twin("Ada", "Quennell", date_of_birth=BORN)
    twin("Ada", "Quennell", date_of_birth=BORN)
    client.force_login(practitioner)

    response = client.get(URL)

    assert response.status_code == 403
    assert "Quennell" not in response.content.decode()


def test_the_page_reads_the_same_number_of_queries_however_many_pairs(client, manager, twin):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    client.force_login(manager)
    twin("Ada", "Quennell", date_of_birth=BORN)
    twin("Ada", "Quennell", date_of_birth=BORN)
    twin("Bea", "Quennell", date_of_birth=date(1939, 1, 1), postcode="CH41 5LH")
    twin("Bee", "Quennell", date_of_birth=date(1939, 1, 1), postcode="CH41 5LH")
    client.get(URL)
    few = queries_for_page()
    for n in range(12):
        born = date(1940, 1, 1 + n)
        twin("Bea", "Quennell", date_of_birth=born, postcode="CH41 5LH")
        twin("Bee", "Quennell", date_of_birth=born, postcode="CH41 5LH")

    assert queries_for_page() == few
