"""A request's memo: read once within a request, never carried over to the next one."""

from tandem.core.request_memo import memo_scope, remembered


def test_outside_a_request_every_read_goes_to_the_source():
    reads = []

    def read() -> int:
        reads.append(1)
        return len(reads)

    assert [remembered("key", read) for _ in range(2)] == [1, 2]


def test_within_a_request_a_key_is_read_once_and_the_next_request_reads_again():
    reads = []

    def read() -> int:
        reads.append(1)
        return len(reads)

    with memo_scope():
        assert [remembered("key", read), remembered("key", read)] == [1, 1]
    with memo_scope():
        assert remembered("key", read) == 2
