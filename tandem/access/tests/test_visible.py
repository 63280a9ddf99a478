"""The one scoping rule (ADR 0003): which person records a member of staff may open."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from tandem.access.scope import is_restricted_for, visible
from tandem.access.services import glass_break
from tandem.identity.tests.factories import membership_add

BROKEN_AT = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)


def people():
    # Platform apps never import the people app (import-linter), so the model is looked up by name.
    return apps.get_model("people", "Person").objects.all()


def visible_ids(actor):
    return set(visible(people(), actor).values_list("pk", flat=True))


@pytest.mark.parametrize("who", ["practitioner", "manager", "business_support", "outsider"])
def test_anyone_who_may_view_people_sees_an_unrestricted_record(request, person, who):
    actor = request.getfixturevalue(who)

    assert visible_ids(actor) == {person.pk}
    assert is_restricted_for(actor, person) is False


def test_a_role_without_permission_to_view_people_sees_nothing(admin_user, person):
    assert visible_ids(admin_user) == set()


def test_an_inactive_member_of_staff_sees_nothing(practitioner, person):
    practitioner.is_active = False

    assert visible_ids(practitioner) == set()


@pytest.mark.parametrize("actor", [None, AnonymousUser()])
def test_nobody_signed_in_sees_nothing(person, actor):
    assert visible_ids(actor) == set()


@pytest.mark.parametrize("who", ["practitioner", "manager", "business_support"])
def test_members_of_a_named_team_see_the_restricted_record(request, person, restricted_person, who):
    actor = request.getfixturevalue(who)

    assert visible_ids(actor) == {person.pk, restricted_person.pk}
    assert is_restricted_for(actor, restricted_person) is False


def test_someone_outside_the_named_teams_does_not_see_the_restricted_record(outsider, person, restricted_person):
    assert visible_ids(outsider) == {person.pk}
    assert is_restricted_for(outsider, restricted_person) is True


def test_a_former_member_of_the_named_team_does_not_see_it(user_factory, team, restricted_person):
    leaver = user_factory(username="leaver")
    membership_add(leaver, team, ended_on=date(2024, 1, 31))

    assert visible_ids(leaver) == set()


def test_a_member_whose_leaving_date_is_still_to_come_sees_it(user_factory, team, restricted_person, set_clock):
    set_clock(datetime(2024, 1, 15, 9, 0, tzinfo=UTC))
    leaving = user_factory(username="leaving")
    membership_add(leaving, team, ended_on=date(2024, 1, 31))

    assert visible_ids(leaving) == {restricted_person.pk}


def test_visible_narrows_rows_about_a_person_by_their_person_field(practitioner, outsider, restricted_person, person):
    tokens = apps.get_model("people", "PersonNameToken").objects.all()

    seen = visible(tokens, outsider, person_field="person").values_list("person_id", flat=True)

    assert set(seen) == {person.pk}
    assert set(visible(tokens, practitioner, person_field="person").values_list("person_id", flat=True)) == {
        person.pk,
        restricted_person.pk,
    }


def test_breaking_the_glass_shows_the_record_until_the_grant_expires(outsider, restricted_person, set_clock):
    set_clock(BROKEN_AT)
    glass_break(person=restricted_person, reason="Hospital discharge planning today", actor=outsider)

    set_clock(BROKEN_AT + timedelta(hours=7, minutes=59))
    assert restricted_person.pk in visible_ids(outsider)
    assert is_restricted_for(outsider, restricted_person) is False

    set_clock(BROKEN_AT + timedelta(hours=8))
    assert restricted_person.pk not in visible_ids(outsider)
    assert is_restricted_for(outsider, restricted_person) is True


def test_breaking_the_glass_opens_the_record_only_for_the_one_who_broke_it(
    outsider, user_factory, other_team, restricted_person
):
    colleague = user_factory(username="colleague", teams=[other_team])
    glass_break(person=restricted_person, reason="Hospital discharge planning today", actor=outsider)

    assert restricted_person.pk in visible_ids(outsider)
    assert restricted_person.pk not in visible_ids(colleague)
