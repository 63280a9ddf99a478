"""Merging a duplicate record into the one kept: find it, compare them, give a reason."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import date

import pytest
from django.urls import reverse

from tandem.people.models import Person


@pytest.fixture
def url(person):
    return reverse("people:merge", args=[person.uuid])


@pytest.fixture
def duplicate(person_make):
    return person_make(given_name="Mary", family_name="Smyth", date_of_birth=date(1948, 3, 12))


def test_it_asks_for_the_duplicate(client, manager, url, open_page):
    page = open_page(client, manager, url, "Merge a duplicate record")
    assert page.values == {"duplicate": ""}


def test_an_unknown_record_is_a_problem_and_keeps_what_was_typed(client, manager, url, problem):
    client.force_login(manager)

    response = client.get(url, {"duplicate": "99999999"})

    page = problem(
        response, "Merge a duplicate record", ["No record you can open has that local person ID or NHS number"]
    )
    assert page.values == {"duplicate": "99999999"}


def test_finding_the_duplicate_shows_both_records(client, manager, url, duplicate, read):
    client.force_login(manager)

    response = client.get(url, {"duplicate": duplicate.local_id})

    page = read(response)
    assert response.status_code == 200
    assert "Keep this record" in page.text
    assert "Merge and close this record Name Mary Smyth" in page.text
    assert page.values == {"duplicate": duplicate.local_id, "reason": ""}


def test_no_reason_is_a_problem_and_merges_nothing(client, manager, url, duplicate, read, audit):
    client.force_login(manager)

    response = client.post(url, {"duplicate": duplicate.local_id, "reason": ""})

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Give a reason"]
    duplicate.refresh_from_db()
    assert duplicate.merged_into is None
    assert audit.actions() == []


def test_a_reason_merges_the_records_and_writes_both_audit_events(client, manager, person, url, duplicate, audit):
    client.force_login(manager)

    response = client.post(url, {"duplicate": duplicate.local_id, "reason": "Same date of birth and address"})

    assert response.status_code == 302
    assert response["Location"] == reverse("people:summary", args=[person.uuid])
    assert Person.objects.get(pk=duplicate.pk).merged_into == person
    assert [(event.action, event.person_uuid) for event in audit.events()] == [
        ("people.person.merged", person.uuid),
        ("people.person.merged_away", duplicate.uuid),
    ]


def test_the_preview_logs_a_view_of_both_records(client, manager, person, url, duplicate, audit):
    client.force_login(manager)

    client.get(url, {"duplicate": duplicate.local_id})

    viewed = [(e.action, e.person_uuid, e.summary) for e in audit.events()]
    assert viewed == [
        ("people.person.viewed", duplicate.uuid, "Viewed merge records (the duplicate)"),
        ("people.person.viewed", person.uuid, "Viewed merge records"),
    ]


def test_after_a_merge_the_kept_record_has_the_duplicates_access_log_and_history(
    client, manager, practitioner, person, url, duplicate, read
):
    client.force_login(practitioner)
    client.get(reverse("people:summary", args=[duplicate.uuid]))
    client.post(
        reverse("people:previous_name_add", args=[duplicate.uuid]), {"given_name": "Mary", "family_name": "Jones"}
    )
    client.force_login(manager)
    client.post(url, {"duplicate": duplicate.local_id, "reason": "Same date of birth and address"})

    log = read(client.get(reverse("people:access_log", args=[person.uuid]))).text
    history = read(client.get(reverse("people:history", args=[person.uuid]))).text
    summary = read(client.get(reverse("people:summary", args=[person.uuid]))).text

    assert "Viewed the summary" in log
    assert "Added previous name Mary Jones" in log
    assert "Added previous name Mary Jones" in history
    assert "Merged into record" in history
    assert "Added previous name Mary Jones" in summary


def test_a_manager_who_broke_the_glass_cannot_merge_a_restricted_record(
    client, user_factory, other_team, person, restricted_person, audit
):
    visiting = user_factory(username="visiting.manager", role="team_manager", teams=[other_team])
    client.force_login(visiting)
    client.post(
        reverse("people:break_glass", args=[restricted_person.uuid]), {"reason": "Covering the duty desk today"}
    )
    audit.mark()

    response = client.post(
        reverse("people:merge", args=[person.uuid]),
        {"duplicate": restricted_person.local_id, "reason": "Same date of birth and address"},
    )

    assert response.status_code == 400
    assert "A restricted record can be merged only by a manager in a team that holds its restriction" in (
        response.content.decode()
    )
    assert Person.objects.get(pk=restricted_person.pk).merged_into is None
    assert audit.actions() == []


def test_find_the_duplicate_searches_by_name_as_person_search_does(client, manager, person, url, person_make, read):
    """Not only an ID: a name, date of birth or postcode lists the records it finds (ADR 0006),
    each with a link to compare it with this one; this record itself is not offered."""
    smyth = person_make(given_name="Mary", family_name="Smyth", date_of_birth=date(1948, 3, 12), nhs_number=None)
    client.force_login(manager)

    response = client.get(url, {"duplicate": "mary smyth 12/03/1948"})

    page = read(response)
    assert response.status_code == 200
    assert "1 record matches: compare one with this record before merging." in page.text
    assert "SMYTH, Mary" in page.text
    assert "SMITH, Mary" not in page.text
    assert f'href="{url}?duplicate={smyth.local_id}"' in response.content.decode()


def test_find_the_duplicate_logs_the_search_with_the_records_it_listed(client, manager, person, url, duplicate, audit):
    client.force_login(manager)

    client.get(url, {"duplicate": "Mary Smyth"})

    event = next(e for e in audit.events() if e.action == "people.search.listed")
    assert event.changes["where"] == "merge records (find the duplicate)"
    assert event.changes["listed"] == [str(duplicate.uuid)]


def test_a_name_no_other_record_has_is_a_problem_keeping_what_was_typed(client, manager, url, read):
    client.force_login(manager)

    response = client.get(url, {"duplicate": "Zebedee"})

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["No other record you can open matches “Zebedee”"]
    assert page.values == {"duplicate": "Zebedee"}


def test_a_search_it_cannot_understand_is_a_problem_not_an_error(client, manager, url, read):
    client.force_login(manager)

    response = client.get(url, {"duplicate": "Mary 31/02/1948"})

    assert response.status_code == 400
    assert read(response).error_summary == ["31/02/1948 is not a real date: use day/month/year, like 12/03/1948"]


def test_find_the_duplicate_does_not_offer_a_restricted_record_the_manager_cannot_open(
    client, user_factory, other_team, person, restricted_person, read
):
    visiting = user_factory(username="visiting.manager", role="team_manager", teams=[other_team])
    client.force_login(visiting)

    response = client.get(
        reverse("people:merge", args=[person.uuid]),
        {"duplicate": f"{restricted_person.given_name} {restricted_person.family_name}"},
    )

    assert response.status_code == 400
    assert restricted_person.family_name.upper() not in read(response).text
