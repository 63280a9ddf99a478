"""The triage queue's pages: one query reads a page's ids with the queue's total."""

import pytest

from tandem.safeguarding import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def five(concern_make, person_factory):
    return [concern_make(person=person_factory()) for _ in range(5)]


@pytest.mark.parametrize(
    ("asked", "number", "shown"),
    [(1, 1, 2), (2, 2, 2), (3, 3, 1), ("9", 3, 1), ("x", 1, 2), (None, 1, 2), (0, 1, 2)],
)
def test_a_page_of_the_queue_and_past_the_end_the_last_page(five, worker, asked, number, shown):
    page, concerns = selectors.triage_page(actor=worker, number=asked, per_page=2)

    assert (page.number, page.paginator.count, page.paginator.num_pages, len(concerns)) == (number, 5, 3, shown)
    everyone = [c.pk for c in selectors.triage_queue(actor=worker)]
    assert [c.pk for c in concerns] == everyone[(number - 1) * 2 : number * 2]


def test_an_empty_queue_is_one_empty_page(worker):
    page, concerns = selectors.triage_page(actor=worker, number=4)

    assert (page.number, page.paginator.count, concerns) == (1, 0, [])
