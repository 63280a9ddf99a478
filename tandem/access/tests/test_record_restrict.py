"""Restricting a record to named teams (for example a member of staff who is also a client)."""

import pytest

from tandem.access.models import RecordRestriction
from tandem.access.services import record_restrict
from tandem.audit.models import AuditEvent
from tandem.core.errors import DomainError, NotPermitted


def test_a_manager_restricts_a_record_to_teams(manager, person, team, other_team):
    restriction = record_restrict(
        person=person, teams=[team, other_team], reason=" Works in the locality team ", actor=manager
    )

    saved = RecordRestriction.objects.get()
    assert saved.pk == restriction.pk
    assert saved.person_id == person.pk
    assert set(saved.teams.all()) == {team, other_team}
    assert saved.reason == "Works in the locality team"
    assert saved.restricted_by == manager


def test_it_writes_one_audit_event(manager, person, team, other_team):
    restriction = record_restrict(
        person=person, teams=[team, other_team], reason="Works in the locality team", actor=manager
    )

    event = AuditEvent.objects.get()
    assert event.action == "access.record.restricted"
    assert event.person_uuid == person.uuid
    assert event.target_type == "access.recordrestriction"
    assert event.target_id == str(restriction.pk)
    assert event.summary == "Restricted the record to Birkenhead locality team, Wallasey locality team"
    assert event.reason == "Works in the locality team"


def test_restricting_again_replaces_the_teams_and_reason(manager, person, team, other_team):
    record_restrict(person=person, teams=[team], reason="Works in the locality team", actor=manager)

    record_restrict(person=person, teams=[other_team], reason="Moved to Wallasey", actor=manager)

    saved = RecordRestriction.objects.get()
    assert list(saved.teams.all()) == [other_team]
    assert saved.reason == "Moved to Wallasey"
    assert AuditEvent.objects.count() == 2


def test_it_refuses_without_a_team(manager, person):
    with pytest.raises(DomainError) as refused:
        record_restrict(person=person, teams=[], reason="Works in the locality team", actor=manager)

    assert refused.value.message == "Select at least one team that may open the record"
    assert refused.value.field == "teams"
    assert RecordRestriction.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_it_refuses_without_a_reason(manager, person, team):
    with pytest.raises(DomainError) as refused:
        record_restrict(person=person, teams=[team], reason="   ", actor=manager)

    assert (refused.value.message, refused.value.field) == ("Say why the record is restricted", "reason")
    assert RecordRestriction.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("who", ["practitioner", "business_support", "admin_user"])
def test_staff_without_the_restrict_permission_may_not_restrict(request, person, team, who):
    actor = request.getfixturevalue(who)

    with pytest.raises(NotPermitted) as refused:
        record_restrict(person=person, teams=[team], reason="Works in the locality team", actor=actor)

    assert refused.value.message == "You do not have permission to restrict records"
    assert RecordRestriction.objects.count() == 0
    assert AuditEvent.objects.count() == 0
