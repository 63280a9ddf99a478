"""Finding a person: one box for a name, date of birth, NHS number or postcode."""

from datetime import date

from django.urls import reverse

SEARCH = reverse("people:search")


def test_the_empty_page_shows_the_search_box_and_no_results(client, practitioner, person, open_page):
    page = open_page(client, practitioner, SEARCH, "Find a person")
    assert page.values == {"q": ""}
    assert page.error_summary == []
    assert "people match" not in page.text
    assert "No one matches your search" not in page.text


def test_a_search_that_matches_no_one_says_so(client, practitioner, person, read):
    client.force_login(practitioner)

    response = client.get(SEARCH, {"q": "Zebedee Quartermaine"})

    page = read(response)
    assert response.status_code == 200
    assert "No one matches your search" in page.text
    assert "SMITH, Mary" not in page.text
    assert page.values == {"q": "Zebedee Quartermaine"}


def test_a_misspelt_name_finds_the_person_and_shows_their_warning(client, practitioner, person, warning, read):
    client.force_login(practitioner)

    response = client.get(SEARCH, {"q": "Mary Smtih"})

    page = read(response)
    assert response.status_code == 200
    assert "1 person matches." in page.text
    assert "SMITH, Mary Warning: Animals" in page.text
    assert "943 476 5919" in page.text
    assert reverse("people:summary", args=[person.uuid]) in response.content.decode()


def test_a_restricted_result_shows_only_that_it_exists(client, outsider, restricted_person, warning_make, read):
    warning_make(person=restricted_person, raised_by=outsider)
    client.force_login(outsider)

    response = client.get(SEARCH, {"q": "Rowan Trelawney"})

    page = read(response)
    assert response.status_code == 200
    assert "A restricted record Restricted Restricted Restricted Restricted" in page.text
    # Neither the name nor anything else about the person: only a way to break the glass.
    assert "TRELAWNEY" not in page.text
    assert "Warning:" not in page.text
    assert "1971" not in page.text
    assert "944 930 7946" not in page.text
    assert "9449307946" not in page.text
    assert reverse("people:summary", args=[restricted_person.uuid]) in response.content.decode()


def test_a_member_of_the_named_team_sees_the_restricted_result_in_full(client, practitioner, restricted_person, read):
    client.force_login(practitioner)

    response = client.get(SEARCH, {"q": "Rowan Trelawney"})

    page = read(response)
    assert "944 930 7946" in page.text
    assert "TRELAWNEY, Rowan Restricted" not in page.text


def test_an_invalid_nhs_number_is_a_problem_and_stays_in_the_box(client, practitioner, person, problem):
    client.force_login(practitioner)

    response = client.get(SEARCH, {"q": "943 476 5918"})

    page = problem(response, "Find a person", ["943 476 5918 is not a valid NHS number: check each digit"])
    assert page.values == {"q": "943 476 5918"}


def test_an_empty_search_asks_for_something_to_search_for(client, practitioner, read):
    client.force_login(practitioner)

    response = client.get(SEARCH, {"q": ""})

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Enter a name, date of birth, NHS number or postcode"]


def test_a_search_is_logged_with_who_searched_for_what_and_which_records_were_listed(
    client, practitioner, person, restricted_person, person_make, audit
):
    namesake = person_make(given_name="Mary", family_name="Smith", date_of_birth=date(1950, 1, 1))
    client.force_login(practitioner)

    client.get(SEARCH, {"q": "  Mary   Smith "})

    [event] = audit.events()
    assert (event.action, event.actor, event.person_uuid) == ("people.search.listed", practitioner, None)
    assert event.summary == "Searched for “Mary Smith” (find a person): 2 listed"
    assert event.changes == {
        "terms": "Mary Smith",
        "where": "find a person",
        "total": 2,
        "listed": [str(person.uuid), str(namesake.uuid)],
    }


def test_a_search_that_lists_no_one_is_logged_too(client, practitioner, person, audit):
    client.force_login(practitioner)

    client.get(SEARCH, {"q": "Zebedee Quartermaine"})

    [event] = audit.events()
    assert event.changes["listed"] == []
    assert event.changes["terms"] == "Zebedee Quartermaine"


def test_a_search_that_is_not_understood_is_not_logged(client, practitioner, person, audit):
    client.force_login(practitioner)

    client.get(SEARCH, {"q": "943 476 5918"})

    assert audit.actions() == []


def test_a_records_access_log_shows_the_searches_that_listed_it(
    client, practitioner, manager, person, person_make, read
):
    namesake = person_make(given_name="Mary", family_name="Smith", date_of_birth=date(1950, 1, 1))
    client.force_login(practitioner)
    client.get(SEARCH, {"q": "Mary Smith"})
    client.get(SEARCH, {"q": "Zebedee Quartermaine"})
    client.force_login(manager)

    log = read(client.get(reverse("people:access_log", args=[person.uuid]))).text

    assert "Searched for “Mary Smith” (find a person): 2 listed" in log
    assert "Zebedee" not in log
    # The other records listed are not shown (a list of two is not a change from one to the other).
    assert str(namesake.uuid) not in log
