"""Adults only: under 18 on the day is a child (Care Act 2014 Part 1; transitions ss58-59)."""

from datetime import date

import pytest

from tandem.people.models import Person
from tandem.people.selectors import is_child


@pytest.mark.parametrize(
    ("born", "on", "child"),
    [
        (date(2008, 6, 15), date(2026, 6, 14), True),  # the day before the 18th birthday
        (date(2008, 6, 15), date(2026, 6, 15), False),  # the birthday itself
        (date(2008, 6, 15), date(2026, 6, 16), False),  # the day after
        (date(2008, 2, 29), date(2026, 2, 28), True),  # a leapling is 18 on 1 March in a common year
        (date(2008, 2, 29), date(2026, 3, 1), False),
        (date(2008, 2, 29), date(2028, 2, 29), False),
    ],
)
def test_under_18_on_the_day_is_a_child(born, on, child):
    assert is_child(Person(date_of_birth=born), on) is child


def test_an_unknown_date_of_birth_is_not_taken_for_a_child():
    assert is_child(Person(date_of_birth=None), date(2026, 12, 7)) is False
