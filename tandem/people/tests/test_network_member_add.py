"""Adding someone from the person's informal network: who they are and what they do."""

import pytest

from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import NotPermitted
from tandem.people.codes import Relationship
from tandem.people.models import NetworkMember
from tandem.people.services import network_member_add
from tandem.people.tests.factories import PersonFactory


def add(person, actor, **overrides):
    arguments = {
        "name": "Grace Okafor",
        "relationship": Relationship.CHILD,
        "what_they_do": "Does the weekly shop",
        "contact": "07700 900123",
        "is_unpaid_carer": True,
        "linked_person": None,
    } | overrides
    return network_member_add(person=person, actor=actor, **arguments)


def test_it_adds_the_member_to_the_network(practitioner, person):
    add(person, practitioner, name=" Grace Okafor ", what_they_do=" Does the weekly shop ")

    member = NetworkMember.objects.get()
    assert member.person == person
    assert member.name == "Grace Okafor"
    assert member.relationship == Relationship.CHILD
    assert member.what_they_do == "Does the weekly shop"
    assert member.contact == "07700 900123"
    assert member.is_unpaid_carer is True
    assert member.added_by == practitioner
    assert member.ended_on is None


def test_it_writes_one_audit_event(practitioner, person):
    member = add(person, practitioner)

    event = AuditEvent.objects.get()
    assert event.action == "people.network_member.added"
    assert event.person_uuid == person.uuid
    assert event.target_id == str(member.pk)
    assert event.summary == "Added Grace Okafor (Son or daughter) to the network"


def test_a_linked_person_gives_the_name_when_none_is_typed(practitioner, person):
    grace = PersonFactory(given_name="Grace", family_name="Okafor")

    member = add(person, practitioner, name="", linked_person=grace)

    assert member.name == "Grace Okafor"
    assert member.linked_person == grace


def test_a_person_cannot_be_in_their_own_network(practitioner, person):
    refusal = refused_unchanged(lambda: add(person, practitioner, linked_person=person), audited=0)

    assert refusal.message == "A person cannot be in their own network"
    assert refusal.field == "linked_person"
    assert NetworkMember.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "message", "field"),
    [
        ({"name": "  "}, "Enter the name of the person or group", "name"),
        ({"relationship": "cousin"}, "Select their relationship to the person", "relationship"),
    ],
)
def test_it_refuses_a_member_without_a_name_or_relationship(practitioner, person, overrides, message, field):
    refusal = refused_unchanged(lambda: add(person, practitioner, **overrides), audited=0)

    assert (refusal.message, refusal.field) == (message, field)
    assert NetworkMember.objects.count() == 0


def test_a_system_administrator_may_not_add_one(admin_user, person):
    refusal = refused_unchanged(lambda: add(person, admin_user), raises=NotPermitted, audited=0)

    assert refusal.message == "You do not have permission to change this record"
    assert NetworkMember.objects.count() == 0
