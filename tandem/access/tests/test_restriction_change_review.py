"""A manager confirms they have looked at a record being restricted, or its restriction changed or lifted."""

from datetime import UTC, datetime

import pytest

from tandem.access.models import RestrictionChange
from tandem.access.services import record_unrestrict, restriction_change_review
from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import NotPermitted
from tandem.identity.permissions import Role

REVIEWED_AT = datetime(2024, 3, 6, 10, 30, tzinfo=UTC)


@pytest.fixture
def lifted(manager, restricted_person):
    record_unrestrict(person=restricted_person, reason="No longer works here", actor=manager)
    return RestrictionChange.objects.get(kind="lifted")


@pytest.fixture
def reviewer(user_factory, other_team):
    return user_factory(username="reviewer", role=Role.TEAM_MANAGER, teams=[other_team])


def test_another_manager_reviews_the_change(reviewer, lifted, restricted_person, set_clock):
    set_clock(REVIEWED_AT)
    events = AuditEvent.objects.count()

    restriction_change_review(change=lifted, actor=reviewer)

    saved = RestrictionChange.objects.get(pk=lifted.pk)
    assert (saved.reviewed_by, saved.reviewed_at) == (reviewer, REVIEWED_AT)
    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.actor, event.person_uuid, event.summary) == (
        "access.restriction_change.reviewed",
        reviewer,
        restricted_person.uuid,
        "Reviewed a change to the restriction",
    )


def test_a_manager_may_not_review_their_own_change(manager, lifted):
    refusal = refused_unchanged(lambda: restriction_change_review(change=lifted, actor=manager), lifted)

    assert refusal.message == "Another manager must review your own change to a restriction"


def test_it_refuses_to_review_the_same_change_twice(reviewer, user_factory, lifted):
    restriction_change_review(change=lifted, actor=reviewer)
    second = user_factory(username="second.reviewer", role=Role.TEAM_MANAGER)

    refusal = refused_unchanged(
        lambda: restriction_change_review(change=RestrictionChange.objects.get(pk=lifted.pk), actor=second), lifted
    )

    assert refusal.message == "This change has already been reviewed"


@pytest.mark.parametrize("who", ["practitioner", "business_support", "admin_user"])
def test_staff_without_the_review_permission_may_not_review(request, lifted, who):
    actor = request.getfixturevalue(who)

    refusal = refused_unchanged(
        lambda: restriction_change_review(change=lifted, actor=actor), lifted, raises=NotPermitted
    )

    assert refusal.message == "You do not have permission to review changes to restrictions"
