"""Lifting a restriction, so everyone allowed to see people may open the record again."""

import pytest
from django.apps import apps

from tandem.access.models import RecordRestriction, RestrictionChange, RestrictionChangeKind
from tandem.access.scope import visible
from tandem.access.services import glass_break, record_unrestrict
from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import DomainError, NotPermitted
from tandem.identity.permissions import Role


def _unchanged(restricted_person, team, events):
    restriction = RecordRestriction.objects.get()
    assert restriction.person_id == restricted_person.pk
    assert list(restriction.teams.all()) == [team]
    assert AuditEvent.objects.count() == events
    assert not RestrictionChange.objects.filter(kind=RestrictionChangeKind.LIFTED).exists()


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


def test_lifting_is_listed_for_review_with_the_teams_that_held_it(manager, restricted_person):
    record_unrestrict(person=restricted_person, reason="No longer works here", actor=manager)

    change = RestrictionChange.objects.get(kind=RestrictionChangeKind.LIFTED)
    assert (change.person_id, change.teams_before, change.teams_after, change.reason, change.changed_by) == (
        restricted_person.pk,
        "Birkenhead locality team",
        "",
        "No longer works here",
        manager,
    )
    assert change.reviewed_at is None


def test_it_refuses_a_record_that_is_not_restricted(manager, person):
    refusal = refused_unchanged(
        lambda: record_unrestrict(person=person, reason="No longer works here", actor=manager), audited=0
    )

    assert refusal.message == "This record is not restricted"


@pytest.mark.parametrize("reason", ["", "   ", "Left", "123456789"])
def test_it_refuses_without_a_stated_reason(manager, restricted_person, team, reason):
    events = AuditEvent.objects.count()

    with pytest.raises(DomainError) as refused:
        record_unrestrict(person=restricted_person, reason=reason, actor=manager)

    assert (refused.value.message, refused.value.field) == (
        "Say why the restriction is being lifted (at least 10 characters)",
        "reason",
    )
    _unchanged(restricted_person, team, events)


def test_ten_characters_are_enough(manager, restricted_person):
    record_unrestrict(person=restricted_person, reason=" 1234567890 ", actor=manager)

    assert RecordRestriction.objects.count() == 0


@pytest.mark.parametrize("who", ["practitioner", "outsider", "admin_user"])
def test_staff_without_the_restrict_permission_may_not_lift_it(request, restricted_person, team, who):
    actor = request.getfixturevalue(who)
    events = AuditEvent.objects.count()

    with pytest.raises(NotPermitted) as refused:
        record_unrestrict(person=restricted_person, reason="No longer works here", actor=actor)

    assert refused.value.message == "You do not have permission to restrict records"
    _unchanged(restricted_person, team, events)


def test_a_manager_who_broke_the_glass_cannot_lift_it(user_factory, other_team, restricted_person, team):
    visiting = user_factory(username="visiting.manager", role=Role.TEAM_MANAGER, teams=[other_team])
    glass_break(person=restricted_person, reason="Covering the duty desk today", actor=visiting)
    events = AuditEvent.objects.count()

    with pytest.raises(NotPermitted) as refused:
        record_unrestrict(person=restricted_person, reason="No longer works here", actor=visiting)

    assert refused.value.message == (
        "Only a manager in one of the teams that hold this restriction can change or lift it"
    )
    _unchanged(restricted_person, team, events)
