"""Every look at a person's record is logged, so "who viewed this record" can always be answered."""

from tandem.audit.models import AuditEvent
from tandem.people.services import person_view_record


def test_it_writes_one_audit_event_naming_the_page(practitioner, person):
    person_view_record(person=person, actor=practitioner, page="the summary")

    event = AuditEvent.objects.get()
    assert event.action == "people.person.viewed"
    assert event.actor == practitioner
    assert event.person_uuid == person.uuid
    assert event.target_type == "people.person"
    assert event.target_id == str(person.pk)
    assert event.summary == "Viewed the summary"
