"""The summary page: the record at a glance, in a fixed number of queries however long the history."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import pytest
from django.urls import reverse

from tandem.audit import services as audit_services

# For someone with no social care work yet (most of the borough), with a network as here: session
# and user (2); the person, with GP, neighbourhood and restriction (1); the view's audit event (one
# insert; sealing into the chain happens later: 1); a small check for any warning, then the
# active ones, as this person has some (2); one small query (core.probes, through
# registry.summary_for) asking together whether there is a current network, consents and previous
# names, and every other app's question before it reads its open work or timeline (the front
# door's open contacts or requests and any contact, safeguarding's open concerns, the assessments'
# open and any assessments, the plans' plans, reviews and finished assessments, the workforce's
# open cases) (1); then the network, the only one they have (1); the record's own timeline (1);
# the session saved, as on the first page of each minute (savepoint, update, release: 3). Someone
# with work has its app's own checks and reads or UNIONs made after that: a fixed number too,
# whatever the history's length.
SUMMARY_QUERIES = 12


def test_it_shows_the_person_their_warning_and_network(
    client, practitioner, person, warning, network_member, open_page
):
    page = open_page(client, practitioner, reverse("people:summary", args=[person.uuid]), "Mary Smith")
    assert "1 active hazard warning Animals: Two large dogs: ask for them to be shut away before visiting" in page.text
    assert "John Smith , spouse or partner Shopping and meals" in page.text
    assert "943 476 5919" in page.text


def test_opening_it_is_logged(client, practitioner, person, audit):
    client.force_login(practitioner)

    client.get(reverse("people:summary", args=[person.uuid]))

    [event] = audit.events()
    assert (event.action, event.actor, event.person_uuid, event.summary) == (
        "people.person.viewed",
        practitioner,
        person.uuid,
        "Viewed the summary",
    )


@pytest.mark.parametrize("events", [10, 100])
def test_the_query_count_does_not_grow_with_the_history(
    events, client, practitioner, person, warning_make, network_member_make, django_assert_num_queries
):
    for n in range(events):
        warning_make(person=person, raised_by=practitioner, description=f"Warning {n}")
        network_member_make(person=person, added_by=practitioner, name=f"Neighbour {n}")
        audit_services.record(
            actor=practitioner, action="people.person.updated", person=person, target=person, summary=f"Change {n}"
        )
    client.force_login(practitioner)

    with django_assert_num_queries(SUMMARY_QUERIES):
        response = client.get(reverse("people:summary", args=[person.uuid]))

    assert response.status_code == 200
    # The summary shows the first ten in the network and links to the rest.
    assert response.content.decode().count("Neighbour ") == 10
    page = response.content.decode()
    assert ("See everyone in Mary" in page) is (events > 10)
