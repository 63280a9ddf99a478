"""Finding a person: one box for a name, date of birth, NHS number or postcode."""

from django.urls import reverse

SEARCH = reverse("people:search")


def test_the_empty_page_shows_the_search_box_and_no_results(client, practitioner, person, read):
    client.force_login(practitioner)

    response = client.get(SEARCH)

    page = read(response)
    assert response.status_code == 200
    assert page.title == "Find a person – Tandem"
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


def test_a_restricted_result_shows_only_that_it_exists(client, outsider, restricted_person, read):
    client.force_login(outsider)

    response = client.get(SEARCH, {"q": "Rowan Trelawney"})

    page = read(response)
    assert response.status_code == 200
    assert "TRELAWNEY, Rowan Restricted" in page.text
    assert "Restricted record" in page.text
    assert "944 930 7946" not in page.text
    assert "9449307946" not in page.text


def test_a_member_of_the_named_team_sees_the_restricted_result_in_full(client, practitioner, restricted_person, read):
    client.force_login(practitioner)

    response = client.get(SEARCH, {"q": "Rowan Trelawney"})

    page = read(response)
    assert "944 930 7946" in page.text
    assert "TRELAWNEY, Rowan Restricted" not in page.text


def test_an_invalid_nhs_number_is_a_problem_and_stays_in_the_box(client, practitioner, person, read):
    client.force_login(practitioner)

    response = client.get(SEARCH, {"q": "943 476 5918"})

    page = read(response)
    assert response.status_code == 400
    assert page.title == "Error: Find a person – Tandem"
    assert "There is a problem" in page.text
    assert page.error_summary == ["943 476 5918 is not a valid NHS number: check each digit"]
    assert page.field_errors == ["943 476 5918 is not a valid NHS number: check each digit"]
    assert page.values == {"q": "943 476 5918"}


def test_an_empty_search_asks_for_something_to_search_for(client, practitioner, read):
    client.force_login(practitioner)

    response = client.get(SEARCH, {"q": ""})

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Enter a name, date of birth, NHS number or postcode"]


def test_searching_writes_nothing_to_the_audit_log(client, practitioner, person, audit):
    client.force_login(practitioner)

    client.get(SEARCH, {"q": "Mary Smith"})

    assert audit.actions() == []
