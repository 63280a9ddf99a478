"""Someone leaves the person's network; they stay in the history."""

from datetime import UTC, date, datetime

import pytest

from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import NotPermitted
from tandem.people.codes import Relationship
from tandem.people.models import NetworkMember
from tandem.people.services import network_member_end


@pytest.fixture
def member(person, practitioner):
    return NetworkMember.objects.create(
        person=person, name="Dave Price", relationship=Relationship.NEIGHBOUR, added_by=practitioner
    )


def test_it_ends_the_membership_today(practitioner, member, set_clock):
    set_clock(datetime(2024, 3, 5, 12, 0, tzinfo=UTC))

    network_member_end(member=member, actor=practitioner)

    assert NetworkMember.objects.get(pk=member.pk).ended_on == date(2024, 3, 5)


def test_it_writes_one_audit_event(practitioner, person, member):
    network_member_end(member=member, actor=practitioner)

    event = AuditEvent.objects.get()
    assert event.action == "people.network_member.ended"
    assert event.person_uuid == person.uuid
    assert event.target_id == str(member.pk)
    assert event.summary == "Removed Dave Price from the network"


def test_it_refuses_to_end_a_membership_twice(practitioner, member):
    NetworkMember.objects.filter(pk=member.pk).update(ended_on=date(2024, 1, 1))
    member.refresh_from_db()

    refusal = refused_unchanged(lambda: network_member_end(member=member, actor=practitioner), audited=0)

    assert refusal.message == "Dave Price was already removed from the network"
    assert NetworkMember.objects.get(pk=member.pk).ended_on == date(2024, 1, 1)


def test_a_system_administrator_may_not_end_one(admin_user, member):
    refusal = refused_unchanged(
        lambda: network_member_end(member=member, actor=admin_user), raises=NotPermitted, audited=0
    )

    assert refusal.message == "You do not have permission to change this record"
    assert NetworkMember.objects.get(pk=member.pk).ended_on is None
