"""Removing someone from the network: they stay in the history."""

import uuid

from django.urls import reverse

from tandem.core import clock


def test_it_asks_to_confirm(client, practitioner, person, network_member, open_page):
    page = open_page(
        client,
        practitioner,
        reverse("people:network_end", args=[person.uuid, network_member.uuid]),
        "Remove John Smith from the network?",
    )
    assert "Yes, remove John Smith" in page.text


def test_confirming_removes_them_and_writes_one_audit_event(client, practitioner, person, network_member, audit):
    client.force_login(practitioner)

    response = client.post(reverse("people:network_end", args=[person.uuid, network_member.uuid]))

    assert response.status_code == 302
    assert response["Location"] == reverse("people:summary", args=[person.uuid])
    network_member.refresh_from_db()
    assert network_member.ended_on == clock.today()
    assert audit.actions() == ["people.network_member.ended"]


def test_someone_not_in_the_network_is_not_found(client, practitioner, person, network_member, audit):
    client.force_login(practitioner)

    response = client.post(reverse("people:network_end", args=[person.uuid, uuid.uuid4()]))

    assert response.status_code == 404
    network_member.refresh_from_db()
    assert network_member.ended_on is None
    assert audit.actions() == []
