"""Dates and times in the GOV.UK style: "5 March 2024", "5 March 2024 at 9:05am"."""

from datetime import UTC, date, datetime

from tandem.core.presenters import format_date, format_datetime


def test_a_date_has_no_leading_zero_and_the_full_month():
    assert format_date(date(2024, 3, 5)) == "5 March 2024"


def test_a_two_digit_day():
    assert format_date(date(1948, 12, 25)) == "25 December 1948"


def test_no_date_is_empty():
    assert format_date(None) == ""


def test_a_time_is_shown_in_uk_local_time_with_am_or_pm():
    # 08:05 UTC is 09:05 in British Summer Time.
    assert format_datetime(datetime(2024, 7, 1, 8, 5, tzinfo=UTC)) == "1 July 2024 at 9:05am"


def test_midday_and_midnight():
    assert format_datetime(datetime(2024, 1, 15, 12, 0, tzinfo=UTC)) == "15 January 2024 at 12:00pm"
    assert format_datetime(datetime(2024, 1, 15, 0, 30, tzinfo=UTC)) == "15 January 2024 at 12:30am"


def test_no_time_is_empty():
    assert format_datetime(None) == ""
