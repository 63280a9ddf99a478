"""The teams an actor is in are read once per request, and never carried over to the next."""

import pytest

from tandem.access import scope
from tandem.core.request_memo import memo_scope
from tandem.identity.tests.factories import TeamFactory, UserFactory, membership_add


@pytest.mark.django_db
def test_an_ended_membership_no_longer_counts_in_the_next_request(django_assert_num_queries):
    user, team = UserFactory(), TeamFactory()
    membership = membership_add(user, team)
    with memo_scope():
        assert scope.team_ids(user) == [team.pk]
        with django_assert_num_queries(0):
            assert scope.team_ids(user) == [team.pk]

    membership.delete()

    with memo_scope():
        assert scope.team_ids(user) == []
