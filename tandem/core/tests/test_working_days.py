from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tandem.core.working_days import (
    bank_holidays,
    easter_sunday,
    is_working_day,
    working_days_add,
    working_days_between,
)

# The published England and Wales lists (gov.uk/bank-holidays) for years with every kind of move.
PUBLISHED = {
    2020: [
        "2020-01-01",
        "2020-04-10",
        "2020-04-13",
        "2020-05-08",
        "2020-05-25",
        "2020-08-31",
        "2020-12-25",
        "2020-12-28",
    ],
    2021: [
        "2021-01-01",
        "2021-04-02",
        "2021-04-05",
        "2021-05-03",
        "2021-05-31",
        "2021-08-30",
        "2021-12-27",
        "2021-12-28",
    ],
    2022: [
        "2022-01-03",
        "2022-04-15",
        "2022-04-18",
        "2022-05-02",
        "2022-06-02",
        "2022-06-03",
        "2022-08-29",
        "2022-09-19",
        "2022-12-26",
        "2022-12-27",
    ],
    2023: [
        "2023-01-02",
        "2023-04-07",
        "2023-04-10",
        "2023-05-01",
        "2023-05-08",
        "2023-05-29",
        "2023-08-28",
        "2023-12-25",
        "2023-12-26",
    ],
    2026: [
        "2026-01-01",
        "2026-04-03",
        "2026-04-06",
        "2026-05-04",
        "2026-05-25",
        "2026-08-31",
        "2026-12-25",
        "2026-12-28",
    ],
    2027: [
        "2027-01-01",
        "2027-03-26",
        "2027-03-29",
        "2027-05-03",
        "2027-05-31",
        "2027-08-30",
        "2027-12-27",
        "2027-12-28",
    ],
}


def test_bank_holidays_match_the_published_lists():
    for year, published in PUBLISHED.items():
        assert [day.isoformat() for day in bank_holidays(year)] == published, year


def test_easter_falls_on_the_known_sundays():
    assert easter_sunday(2024) == date(2024, 3, 31)
    assert easter_sunday(2025) == date(2025, 4, 20)
    assert easter_sunday(2038) == date(2038, 4, 25)


def test_two_working_days_from_a_thursday_before_easter_is_the_wednesday_after():
    # Thursday 2 April 2026; Good Friday 3rd and Easter Monday 6th are holidays.
    assert working_days_add(date(2026, 4, 2), 2) == date(2026, 4, 8)


def test_christmas_week_is_skipped():
    assert working_days_add(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_extra_closure_days_from_settings_are_not_working_days(settings):
    settings.TANDEM_EXTRA_NON_WORKING_DAYS = ["2026-12-29"]

    assert not is_working_day(date(2026, 12, 29))
    assert working_days_add(date(2026, 12, 24), 1) == date(2026, 12, 30)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 1, 1)), st.integers(min_value=0, max_value=40))
def test_adding_then_counting_working_days_agree(start, days):
    end = working_days_add(start, days)

    assert working_days_between(start, end) == days
    assert days == 0 or is_working_day(end)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 1, 1)))
def test_every_year_has_eight_rule_holidays_on_weekdays(day):
    holidays = [d for d in bank_holidays(day.year) if d.year == day.year]
    assert all(d.weekday() < 5 for d in holidays)
    assert len(holidays) >= 8
    assert all(not is_working_day(d) for d in holidays)
