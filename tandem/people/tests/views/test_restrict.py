"""Restricting a record to named teams, and lifting the restriction."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import pytest
from django.urls import reverse

from tandem.access.models import RecordRestriction, RestrictionChange


@pytest.fixture
def url(person):
    return reverse("people:restrict", args=[person.uuid])


def test_it_lists_the_teams(client, manager, team, other_team, url, open_page):
    page = open_page(client, manager, url, "Restrict this record")
    assert "Birkenhead locality team" in page.text
    assert "Wallasey locality team" in page.text
    assert page.values == {"reason": ""}


def test_no_team_is_a_problem_and_keeps_what_was_typed(client, manager, person, url, problem, audit):
    client.force_login(manager)

    response = client.post(url, {"reason": "A member of staff"})

    page = problem(response, None, ["Select at least one team that may open the record"])
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


def test_lifting_the_restriction_with_a_reason_writes_one_audit_event(client, manager, restricted_person, audit):
    client.force_login(manager)

    response = client.post(
        reverse("people:restrict", args=[restricted_person.uuid]),
        {"action": "lift", "lift_reason": "No longer works for the council"},
    )

    assert response.status_code == 302
    assert RecordRestriction.objects.count() == 0
    assert audit.actions() == ["access.record.unrestricted"]
    assert RestrictionChange.objects.get(kind="lifted").reason == "No longer works for the council"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Say why the restriction is being lifted"),
        ("Left", "Say why the restriction is being lifted (at least 10 characters)"),
    ],
)
def test_lifting_without_a_reason_is_a_problem_and_lifts_nothing(
    client, manager, restricted_person, team, audit, read, typed, message
):
    client.force_login(manager)

    response = client.post(
        reverse("people:restrict", args=[restricted_person.uuid]), {"action": "lift", "lift_reason": typed}
    )

    page = read(response)
    assert response.status_code == 400
    assert page.title == "Error: Change the restriction – Tandem"
    assert page.error_summary == [message]
    assert page.values["lift_reason"] == typed
    assert list(RecordRestriction.objects.get(person=restricted_person).teams.all()) == [team]
    assert audit.actions() == []


@pytest.fixture
def visiting_manager(staff_make, organisation, other_team, restricted_person, client):
    """A manager of another team who broke the glass to read the restricted record."""
    visiting = staff_make(username="visiting", role="team_manager", organisation=organisation, teams=[other_team])
    client.force_login(visiting)
    client.post(
        reverse("people:break_glass", args=[restricted_person.uuid]), {"reason": "Covering the duty desk today"}
    )
    return visiting


def test_a_manager_who_broke_the_glass_may_read_the_record_but_not_change_its_restriction(
    client, visiting_manager, restricted_person, team, other_team, audit
):
    url = reverse("people:restrict", args=[restricted_person.uuid])
    summary = client.get(reverse("people:summary", args=[restricted_person.uuid]))
    audit.mark()

    shown = client.get(url)
    changed = client.post(url, {"teams": [str(other_team.pk)], "reason": "Moving it to Wallasey"})
    lifted = client.post(url, {"action": "lift", "lift_reason": "No longer works for the council"})

    assert summary.status_code == 200
    assert url not in summary.content.decode()
    assert (shown.status_code, changed.status_code, lifted.status_code) == (403, 403, 403)
    restriction = RecordRestriction.objects.get(person=restricted_person)
    assert (restriction.reason, list(restriction.teams.all())) == ("Works in the locality team", [team])
    assert not RestrictionChange.objects.exclude(kind="restricted").exists()
    assert audit.actions() == []


def test_the_summary_offers_the_restriction_to_a_manager_of_the_holding_team(client, manager, restricted_person):
    client.force_login(manager)

    page = client.get(reverse("people:summary", args=[restricted_person.uuid])).content.decode()

    assert reverse("people:restrict", args=[restricted_person.uuid]) in page
