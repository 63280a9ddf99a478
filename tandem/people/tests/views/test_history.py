"""The change history and the access log of a record."""

from html import unescape

from django.urls import reverse

from tandem.audit import services as audit
from tandem.people.services import person_voice_update


def test_the_history_shows_changes_but_not_views(client, practitioner, person, read):
    person_voice_update(person=person, what_matters_to_me="My garden", strengths="", version=1, actor=practitioner)
    client.force_login(practitioner)
    client.get(reverse("people:summary", args=[person.uuid]))

    response = client.get(reverse("people:history", args=[person.uuid]))

    page = read(response)
    assert response.status_code == 200
    assert "Priya Shah Changed what matters to the person and their strengths" in page.text
    assert "Viewed the summary" not in page.text


def test_the_access_log_shows_who_looked(client, manager, practitioner, person, read):
    client.force_login(practitioner)
    client.get(reverse("people:summary", args=[person.uuid]))
    client.force_login(manager)

    response = client.get(reverse("people:access_log", args=[person.uuid]))

    page = read(response)
    assert response.status_code == 200
    assert "Priya Shah Viewed the summary 127.0.0.1" in page.text


def test_the_history_and_access_log_name_staff_and_teams_never_their_ids(
    client, manager, practitioner, person, team, other_team
):
    audit.record(
        actor=manager,
        action="workforce.case.allocated",
        person=person,
        summary="Allocated the case",
        changes={"allocated_to": [None, practitioner.pk], "team": [team.pk, str(other_team.pk)]},
    )
    client.force_login(manager)

    for name in ("people:history", "people:access_log"):
        html = unescape(client.get(reverse(name, args=[person.uuid])).content.decode())

        assert "allocated to: “nobody” → “Priya Shah”" in html
        assert "team: “Birkenhead locality team” → “Wallasey locality team”" in html
        assert f"“{practitioner.pk}”" not in html
        assert "“None”" not in html


def test_an_id_of_an_account_since_removed_is_not_shown_either(client, manager, person):
    audit.record(
        actor=manager, action="workforce.case.allocated", person=person, changes={"allocated_to": [None, 987654]}
    )
    client.force_login(manager)

    html = unescape(client.get(reverse("people:history", args=[person.uuid])).content.decode())

    assert "“nobody” → “a removed account”" in html
    assert "987654" not in html
