"""Lifting a restriction, so everyone allowed to see people may open the record again."""

import pytest
from django.apps import apps

from tandem.access.models import RecordRestriction
from tandem.access.scope import visible
from tandem.access.services import record_unrestrict
from tandem.audit.models import AuditEvent
from tandem.core.errors import DomainError, NotPermitted


def test_a_manager_lifts_the_restriction(manager, outsider, restricted_person):
    record_unrestrict(person=restricted_person, reason=" No longer works here ", actor=manager)

    assert RecordRestriction.objects.count() == 0
    people = apps.get_model("people", "Person").objects.all()
    assert list(visible(people, outsider).values_list("pk", flat=True)) == [restricted_person.pk]


def test_it_writes_one_audit_event(manager, restricted_person):
    events = AuditEvent.objects.count()

    record_unrestrict(person=restricted_person, reason=" No longer works here ", actor=manager)

    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.latest("id")
    assert event.action == "access.record.unrestricted"
    assert event.person_uuid == restricted_person.uuid
    assert event.summary == "Lifted the restriction"
    assert event.reason == "No longer works here"


def test_it_refuses_a_record_that_is_not_restricted(manager, person):
    with pytest.raises(DomainError) as refused:
        record_unrestrict(person=person, reason="No longer works here", actor=manager)

    assert refused.value.message == "This record is not restricted"
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("who", ["practitioner", "outsider", "admin_user"])
def test_staff_without_the_restrict_permission_may_not_lift_it(request, restricted_person, team, who):
    actor = request.getfixturevalue(who)
    events = AuditEvent.objects.count()

    with pytest.raises(NotPermitted) as refused:
        record_unrestrict(person=restricted_person, reason="No longer works here", actor=actor)

    assert refused.value.message == "You do not have permission to restrict records"
    restriction = RecordRestriction.objects.get()
    assert restriction.person_id == restricted_person.pk
    assert list(restriction.teams.all()) == [team]
    assert AuditEvent.objects.count() == events
