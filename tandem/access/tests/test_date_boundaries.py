"""The access rule's dates on their edges: the day before, the day and the day after.

A membership's `ended_on` is the first day the member of staff is no longer in the team (ADR 0003:
"current members" are those whose membership has not ended by today). A break-glass grant opens the
record for TANDEM_BREAK_GLASS_HOURS from the moment it was given, and not at that moment itself.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.apps import apps

from tandem.access.scope import held_by_teams_of, is_restricted_for, team_ids, visible
from tandem.access.services import glass_break
from tandem.identity.models import User
from tandem.identity.tests.factories import membership_add

LEAVES_ON = date(2024, 1, 31)
BROKEN_AT = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)


def fresh(user: User) -> User:
    """The user as a new request would load them (the team ids are cached on the object)."""
    return User.objects.get(pk=user.pk)


def visible_ids(actor: User) -> set[int]:
    return set(visible(apps.get_model("people", "Person").objects.all(), actor).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("today", "member"),
    [
        (LEAVES_ON - timedelta(days=1), True),  # the last day in the team
        (LEAVES_ON, False),  # the day the membership ends
        (LEAVES_ON + timedelta(days=1), False),
    ],
)
def test_a_membership_ends_on_its_end_date(today, member, user_factory, team, restricted_person, set_clock):
    set_clock(datetime(today.year, today.month, today.day, 23, 59, tzinfo=UTC))
    leaver = user_factory(username="leaver")
    membership_add(leaver, team, ended_on=LEAVES_ON)
    leaver = fresh(leaver)

    assert (team.pk in team_ids(leaver)) is member
    assert (restricted_person.pk in visible_ids(leaver)) is member
    assert is_restricted_for(leaver, restricted_person) is not member
    assert held_by_teams_of(leaver, restricted_person) is member


@pytest.mark.parametrize(
    ("after", "open_"),
    [
        (timedelta(hours=8) - timedelta(seconds=1), True),  # the last second of the grant
        (timedelta(hours=8), False),  # the moment it expires
        (timedelta(hours=8) + timedelta(seconds=1), False),
    ],
)
def test_a_break_glass_grant_expires_on_the_hour(after, open_, outsider, restricted_person, set_clock, settings):
    settings.TANDEM_BREAK_GLASS_HOURS = 8
    set_clock(BROKEN_AT)
    grant = glass_break(person=restricted_person, reason="Hospital discharge planning today", actor=outsider)
    assert grant.expires_at == BROKEN_AT + timedelta(hours=8)

    set_clock(BROKEN_AT + after)

    assert (restricted_person.pk in visible_ids(fresh(outsider))) is open_
    assert is_restricted_for(fresh(outsider), restricted_person) is not open_
    # A grant never gives standing: privileged actions stay with the record's teams throughout.
    assert held_by_teams_of(fresh(outsider), restricted_person) is False
