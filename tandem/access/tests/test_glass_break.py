"""Breaking the glass: opening a restricted record outside its teams, for a reason managers will see."""

from datetime import UTC, datetime, timedelta

import pytest

from tandem.access.models import BreakGlass
from tandem.access.services import glass_break
from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import NotPermitted

NOW = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
REASON_MESSAGE = "Give the reason you need to open this record (at least 10 characters)"
DISCHARGE = "Hospital discharge planning today"


def test_it_grants_access_for_eight_hours(outsider, restricted_person, set_clock):
    set_clock(NOW)

    grant = glass_break(person=restricted_person, reason="  Hospital discharge planning today ", actor=outsider)

    saved = BreakGlass.objects.get()
    assert saved.pk == grant.pk
    assert saved.person == restricted_person
    assert saved.user == outsider
    assert saved.reason == "Hospital discharge planning today"
    assert saved.granted_at == NOW
    assert saved.expires_at == NOW + timedelta(hours=8)
    assert (saved.reviewed_by, saved.reviewed_at) == (None, None)


def test_the_length_of_the_grant_comes_from_settings(outsider, restricted_person, set_clock, settings):
    settings.TANDEM_BREAK_GLASS_HOURS = 2
    set_clock(NOW)

    grant = glass_break(person=restricted_person, reason="Hospital discharge planning today", actor=outsider)

    assert grant.expires_at == NOW + timedelta(hours=2)


def test_it_writes_one_audit_event_with_the_reason(outsider, restricted_person):
    events = AuditEvent.objects.count()

    grant = glass_break(person=restricted_person, reason="Hospital discharge planning today", actor=outsider)

    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.latest("id")
    assert event.action == "access.glass.broken"
    assert event.actor == outsider
    assert event.person_uuid == restricted_person.uuid
    assert event.target_type == "access.breakglass"
    assert event.target_id == str(grant.pk)
    assert event.summary == "Opened a restricted record by breaking the glass"
    assert event.reason == "Hospital discharge planning today"


def test_a_reason_of_exactly_ten_characters_is_enough(outsider, restricted_person):
    grant = glass_break(person=restricted_person, reason="  Discharged  ", actor=outsider)

    assert grant.reason == "Discharged"
    assert BreakGlass.objects.count() == 1


@pytest.mark.parametrize("reason", ["", "          ", "Discharge", "  need it  "])
def test_it_refuses_a_reason_shorter_than_ten_characters(outsider, restricted_person, reason):
    refusal = refused_unchanged(lambda: glass_break(person=restricted_person, reason=reason, actor=outsider))

    assert (refusal.message, refusal.field) == (REASON_MESSAGE, "reason")
    assert BreakGlass.objects.count() == 0


def test_a_role_without_permission_to_view_people_may_not_break_the_glass(admin_user, restricted_person):
    refusal = refused_unchanged(
        lambda: glass_break(person=restricted_person, reason=DISCHARGE, actor=admin_user), raises=NotPermitted
    )

    assert refusal.message == "You do not have permission to view person records"
    assert BreakGlass.objects.count() == 0


def test_it_refuses_to_break_the_glass_on_a_record_that_is_not_restricted(outsider, person):
    refusal = refused_unchanged(lambda: glass_break(person=person, reason=DISCHARGE, actor=outsider))

    assert refusal.message == "This record is not restricted, so there is no need to break the glass"
    assert BreakGlass.objects.count() == 0
