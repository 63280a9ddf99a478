"""Restricting a record to named teams (for example a member of staff who is also a client)."""

from datetime import date

import pytest

from tandem.access.models import RecordRestriction, RestrictionChange, RestrictionChangeKind
from tandem.access.services import glass_break, record_restrict
from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import NotPermitted
from tandem.identity.permissions import Role


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
    refusal = refused_unchanged(
        lambda: record_restrict(person=person, teams=[], reason="Works in the locality team", actor=manager), audited=0
    )

    assert refusal.message == "Select at least one team that may open the record"
    assert refusal.field == "teams"
    assert RecordRestriction.objects.count() == 0


def test_it_refuses_without_a_reason(manager, person, team):
    refusal = refused_unchanged(
        lambda: record_restrict(person=person, teams=[team], reason="   ", actor=manager), audited=0
    )

    assert (refusal.message, refusal.field) == ("Say why the record is restricted", "reason")
    assert RecordRestriction.objects.count() == 0


@pytest.mark.parametrize("who", ["practitioner", "business_support", "admin_user"])
def test_staff_without_the_restrict_permission_may_not_restrict(request, person, team, who):
    actor = request.getfixturevalue(who)

    refusal = refused_unchanged(
        lambda: record_restrict(person=person, teams=[team], reason="Works in the locality team", actor=actor),
        raises=NotPermitted,
        audited=0,
    )

    assert refusal.message == "You do not have permission to restrict records"
    assert RecordRestriction.objects.count() == 0


@pytest.fixture
def visiting_manager(user_factory, other_team):
    """A team manager in another team: outside the restricted record's teams."""
    return user_factory(username="visiting.manager", role=Role.TEAM_MANAGER, teams=[other_team])


def _restriction_state(person):
    restriction = RecordRestriction.objects.get(person=person)
    return restriction.reason, sorted(restriction.teams.values_list("pk", flat=True))


def test_restricting_a_record_is_listed_for_review(manager, person, team):
    record_restrict(person=person, teams=[team], reason="Works in the locality team", actor=manager)

    change = RestrictionChange.objects.get()
    assert (change.person_id, change.kind, change.teams_before, change.teams_after) == (
        person.pk,
        RestrictionChangeKind.RESTRICTED,
        "",
        "Birkenhead locality team",
    )
    assert (change.reason, change.changed_by, change.reviewed_at) == ("Works in the locality team", manager, None)


def test_changing_a_restriction_is_listed_for_review_and_audited(manager, restricted_person, team, other_team):
    events = AuditEvent.objects.count()

    record_restrict(person=restricted_person, teams=[team, other_team], reason="Shared with Wallasey", actor=manager)

    change = RestrictionChange.objects.filter(kind=RestrictionChangeKind.CHANGED).get()
    assert (change.teams_before, change.teams_after, change.reason, change.changed_by) == (
        "Birkenhead locality team",
        "Birkenhead locality team, Wallasey locality team",
        "Shared with Wallasey",
        manager,
    )
    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.summary, event.reason) == (
        "access.restriction.changed",
        "Changed the restriction to Birkenhead locality team, Wallasey locality team",
        "Shared with Wallasey",
    )


def test_a_manager_who_broke_the_glass_cannot_change_the_restriction(
    visiting_manager, restricted_person, team, other_team
):
    glass_break(person=restricted_person, reason="Covering the duty desk today", actor=visiting_manager)
    before = _restriction_state(restricted_person)
    events = AuditEvent.objects.count()
    changes = RestrictionChange.objects.count()

    with pytest.raises(NotPermitted) as refused:
        record_restrict(person=restricted_person, teams=[other_team], reason="Moving it to us", actor=visiting_manager)

    assert refused.value.message == (
        "Only a manager in one of the teams that hold this restriction can change or lift it"
    )
    assert _restriction_state(restricted_person) == before == ("Works in the locality team", [team.pk])
    assert AuditEvent.objects.count() == events
    assert RestrictionChange.objects.count() == changes


def test_a_manager_outside_the_holding_teams_cannot_change_it(visiting_manager, restricted_person, other_team):
    before = _restriction_state(restricted_person)

    with pytest.raises(NotPermitted):
        record_restrict(person=restricted_person, teams=[other_team], reason="Moving it to us", actor=visiting_manager)

    assert _restriction_state(restricted_person) == before


def test_a_former_member_of_the_holding_team_cannot_change_it(manager, restricted_person, other_team):
    manager.memberships.update(ended_on=date(2020, 1, 31))
    manager = type(manager).objects.get(pk=manager.pk)
    before = _restriction_state(restricted_person)

    with pytest.raises(NotPermitted):
        record_restrict(person=restricted_person, teams=[other_team], reason="Moving it to us", actor=manager)

    assert _restriction_state(restricted_person) == before
