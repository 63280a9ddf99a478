"""The change history and the access log of a record."""

from django.urls import reverse

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
