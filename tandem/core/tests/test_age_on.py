"""A person's age in whole years on a day; it goes up on the birthday itself."""

from datetime import date

import pytest

from tandem.core import clock
from tandem.core.presenters import age_on

BORN = date(1948, 3, 12)


@pytest.mark.parametrize(
    ("on", "age"),
    [(date(2024, 3, 11), 75), (date(2024, 3, 12), 76), (date(2024, 3, 13), 76), (date(2024, 12, 31), 76)],
)
def test_the_age_goes_up_on_the_birthday(on, age):
    assert age_on(BORN, on) == age


@pytest.mark.parametrize(("on", "age"), [(date(2023, 2, 28), 22), (date(2023, 3, 1), 23), (date(2024, 2, 29), 24)])
def test_someone_born_on_29_february_is_a_year_older_from_1_march_in_other_years(on, age):
    assert age_on(date(2000, 2, 29), on) == age


def test_on_the_day_of_birth_the_age_is_zero():
    assert age_on(BORN, BORN) == 0


def test_the_day_defaults_to_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: date(2024, 3, 11))

    assert age_on(BORN) == 75


def test_no_date_of_birth_gives_no_age():
    assert age_on(None, date(2024, 3, 12)) is None
