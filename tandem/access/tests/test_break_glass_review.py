"""A manager confirms they have looked at why someone broke the glass."""

from datetime import UTC, datetime

import pytest

from tandem.access.models import BreakGlass
from tandem.access.services import break_glass_review, glass_break
from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import NotPermitted
from tandem.identity.permissions import Role

REVIEWED_AT = datetime(2024, 3, 6, 10, 30, tzinfo=UTC)


@pytest.fixture
def grant(outsider, restricted_person):
    return glass_break(person=restricted_person, reason="Hospital discharge planning today", actor=outsider)


def test_a_manager_reviews_the_grant(manager, grant, set_clock):
    set_clock(REVIEWED_AT)

    break_glass_review(grant=grant, actor=manager)

    saved = BreakGlass.objects.get(pk=grant.pk)
    assert saved.reviewed_by == manager
    assert saved.reviewed_at == REVIEWED_AT


def test_it_writes_one_audit_event(manager, grant, restricted_person):
    events = AuditEvent.objects.count()

    break_glass_review(grant=grant, actor=manager)

    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.latest("id")
    assert event.action == "access.glass.reviewed"
    assert event.actor == manager
    assert event.person_uuid == restricted_person.uuid
    assert event.target_id == str(grant.pk)
    assert event.summary == "Reviewed break-glass access"


def test_it_refuses_to_review_the_same_grant_twice(manager, user_factory, grant):
    break_glass_review(grant=grant, actor=manager)
    second_manager = user_factory(username="second_manager", role=Role.TEAM_MANAGER)

    refusal = refused_unchanged(
        lambda: break_glass_review(grant=BreakGlass.objects.get(pk=grant.pk), actor=second_manager), grant
    )

    assert refusal.message == "This access has already been reviewed"


@pytest.mark.parametrize("who", ["practitioner", "business_support", "admin_user"])
def test_staff_without_the_review_permission_may_not_review(request, grant, who):
    actor = request.getfixturevalue(who)

    refusal = refused_unchanged(lambda: break_glass_review(grant=grant, actor=actor), grant, raises=NotPermitted)

    assert refusal.message == "You do not have permission to review break-glass access"


def test_a_manager_may_not_review_their_own_break_glass(user_factory, restricted_person):
    own = user_factory(username="self.reviewer", role=Role.TEAM_MANAGER)
    grant = glass_break(person=restricted_person, reason="Covering the duty desk today", actor=own)

    refusal = refused_unchanged(lambda: break_glass_review(grant=grant, actor=own), grant)

    assert refusal.message == "Another manager must review your own break-glass access"
