"""A request's memo: read once within a request, never carried over to the next one."""

import pytest

from tandem.access import scope
from tandem.core.request_memo import memo_scope, remembered
from tandem.identity.tests.factories import TeamFactory, UserFactory, membership_add


def test_outside_a_request_every_read_goes_to_the_source():
    reads = []

    assert [remembered("key", lambda: reads.append(1) or len(reads)) for _ in range(2)] == [1, 2]


def test_within_a_request_a_key_is_read_once_and_the_next_request_reads_again():
    reads = []

    def read() -> int:
        reads.append(1)
        return len(reads)

    with memo_scope():
        assert [remembered("key", read), remembered("key", read)] == [1, 1]
    with memo_scope():
        assert remembered("key", read) == 2


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
