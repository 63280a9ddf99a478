"""What the front door adds to a person's summary: nothing for someone never contacted, open
requests even without a contact, and closed ones not at all."""

from django.utils import timezone

from tandem.front_door import selectors
from tandem.front_door.codes import RequestStatus, Urgency
from tandem.front_door.models import SupportRequest


def request_make(person, team, practitioner, **extra):
    return SupportRequest.objects.create(
        person=person,
        team=team,
        reason="Help with washing",
        urgency=Urgency.ROUTINE,
        requested_at=timezone.now(),
        requested_by=practitioner,
        **extra,
    )


def test_someone_never_contacted_has_no_front_door_work_or_timeline(person, practitioner):
    assert selectors.open_work_for_person(person, practitioner) == []
    assert selectors.timeline_for_person(person, practitioner, 10) == []


def test_a_request_made_without_a_contact_is_open_work(person, practitioner, front_door_team):
    request_make(person, front_door_team, practitioner)

    [work] = selectors.open_work_for_person(person, practitioner)

    assert (work.title, work.team, work.url) == ("Request for support", front_door_team.name, None)
    assert selectors.timeline_for_person(person, practitioner, 10) == []


def test_a_closed_request_is_not_open_work(person, practitioner, front_door_team):
    request_make(person, front_door_team, practitioner, status=RequestStatus.CLOSED)

    assert selectors.open_work_for_person(person, practitioner) == []


def test_a_contact_shows_in_the_timeline_and_while_open_as_work(contact, practitioner):
    [work] = selectors.open_work_for_person(contact.person, practitioner)
    [entry] = selectors.timeline_for_person(contact.person, practitioner, 10)

    assert work.title == f"Front-door contact {contact.reference}"
    assert entry.url == f"/front-door/contacts/{contact.uuid}/"
