"""The matching queue: a member of staff confirms or rejects the record an event from health is about."""

import pytest
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.prevention.codes import EventKind, MatchState, NhsNumberCheck
from tandem.prevention.models import EventNotice, HealthEvent
from tandem.prevention.selectors import my_work
from tandem.prevention.services import IncomingEvent, PatientFacts, events_receive
from tandem.prevention.tests.page_data import allocate
from tests.conftest import person_make

pytestmark = pytest.mark.django_db


def arrive(nhs_number="", family="Quayle"):
    incoming = IncomingEvent(
        kind=EventKind.FALL,
        occurred_at=clock.now(),
        source_key=f"urn:test|{family}{nhs_number}",
        resource_type="Observation",
        patient=PatientFacts(nhs_number=nhs_number, family_name=family, given_name="Edith"),
    )
    receipt = events_receive(batch=[incoming], actor=None)
    return receipt.waiting[0]


def test_the_queue_lists_what_waits_and_why(client, practitioner):
    waiting = arrive()
    client.force_login(practitioner)

    page = client.get(reverse("prevention:matching_queue")).content.decode()

    assert "Edith Quayle" in page
    assert "No NHS number was sent" in page
    assert reverse("prevention:match", args=[waiting.uuid]) in page


def test_confirming_joins_the_event_to_the_record_and_is_audited(client, practitioner, person, team):
    waiting = arrive(family=person.family_name)
    allocate(person, team=team, worker=practitioner)
    client.force_login(practitioner)

    response = client.post(
        reverse("prevention:match", args=[waiting.uuid]), {"choice": "other", "other": str(person.pk)}
    )

    assert response.status_code == 302
    event = HealthEvent.objects.get()
    assert event.person == person
    assert event.matched_by == practitioner
    waiting.refresh_from_db()
    assert waiting.state == MatchState.CONFIRMED
    assert waiting.event == event
    assert AuditEvent.objects.filter(action="prevention.match.confirmed", person_uuid=str(person.uuid)).count() == 1
    assert EventNotice.objects.get().user == practitioner


def test_rejecting_needs_a_reason_and_joins_no_record(client, practitioner):
    waiting = arrive()
    client.force_login(practitioner)
    url = reverse("prevention:match", args=[waiting.uuid])

    refused = client.post(url, {"choice": "reject", "reason": ""})
    assert refused.status_code == 200
    assert "Enter why no record matches" in refused.content.decode()

    client.post(url, {"choice": "reject", "reason": "Not known to the service"})

    waiting.refresh_from_db()
    assert waiting.state == MatchState.REJECTED
    assert waiting.reason == "Not known to the service"
    assert HealthEvent.objects.count() == 0
    assert AuditEvent.objects.filter(action="prevention.match.rejected").count() == 1


def test_an_event_decided_cannot_be_decided_again(client, practitioner, person):
    waiting = arrive()
    client.force_login(practitioner)
    url = reverse("prevention:match", args=[waiting.uuid])
    client.post(url, {"choice": "reject", "reason": "Not known"})

    response = client.post(url, {"choice": "other", "other": str(person.pk)})

    assert response.status_code == 200
    assert "already rejected" in response.content.decode()
    assert HealthEvent.objects.count() == 0


def test_an_invalid_nhs_number_is_shown_as_failing_and_never_offered_as_a_match(client, practitioner):
    holder = person_make(given_name="Edith", family_name="Quayle", nhs_number="9434765919")
    waiting = arrive(nhs_number="9434765918")
    assert waiting.nhs_number_check == NhsNumberCheck.INVALID
    client.force_login(practitioner)

    page = client.get(reverse("prevention:match", args=[waiting.uuid])).content.decode()

    assert "9434765918" in page
    assert "Fails its check digit" in page
    assert not HealthEvent.objects.filter(person=holder).exists()


def test_the_queue_is_on_my_work_for_those_who_may_match(practitioner, administrator):
    arrive()

    sections = {section.key: section for section in my_work(practitioner)}

    assert sections["prevention.matching"].count == 1
    assert my_work(administrator) == []
