"""Restricting a record to named teams, and lifting the restriction."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import pytest
from django.urls import reverse

from tandem.access.models import RecordRestriction


@pytest.fixture
def url(person):
    return reverse("people:restrict", args=[person.uuid])


def test_it_lists_the_teams(client, manager, team, other_team, url, read):
    client.force_login(manager)

    response = client.get(url)

    page = read(response)
    assert response.status_code == 200
    assert page.title == "Restrict this record – Tandem"
    assert "Birkenhead locality team" in page.text
    assert "Wallasey locality team" in page.text
    assert page.values == {"reason": ""}


def test_no_team_is_a_problem_and_keeps_what_was_typed(client, manager, person, url, read, audit):
    client.force_login(manager)

    response = client.post(url, {"reason": "A member of staff"})

    page = read(response)
    assert response.status_code == 400
    assert "There is a problem" in page.text
    assert page.error_summary == ["Select at least one team that may open the record"]
    assert page.field_errors == ["Select at least one team that may open the record"]
    assert page.values == {"reason": "A member of staff"}
    assert RecordRestriction.objects.count() == 0
    assert audit.actions() == []


def test_teams_and_a_reason_restrict_the_record_with_one_audit_event(client, manager, person, team, url, audit):
    client.force_login(manager)

    response = client.post(url, {"teams": [str(team.pk)], "reason": "A member of staff"})

    assert response.status_code == 302
    restriction = RecordRestriction.objects.get(person=person)
    assert list(restriction.teams.all()) == [team]
    assert audit.actions() == ["access.record.restricted"]


def test_lifting_the_restriction_writes_one_audit_event(client, manager, restricted_person, audit):
    client.force_login(manager)

    response = client.post(reverse("people:restrict", args=[restricted_person.uuid]), {"action": "lift"})

    assert response.status_code == 302
    assert RecordRestriction.objects.count() == 0
    assert audit.actions() == ["access.record.unrestricted"]
