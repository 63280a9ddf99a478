"""Working days in England: Monday to Friday, less the bank holidays.

Statutory and local timescales in social care are counted in working days ("triage within 2
working days"). Bank holidays in England and Wales are worked out from the rules the
Banking and Financial Dealings Act 1971 and royal proclamations follow each year: New Year's
Day, Good Friday, Easter Monday, the early May and spring bank holidays (first and last
Mondays in May), the summer bank holiday (last Monday in August), Christmas Day and Boxing Day,
each moved to the next weekday when it falls at a weekend. One-off holidays proclaimed for a
year (a coronation, a state funeral) and moves (the early May holiday on VE Day's anniversary)
are listed in `ONE_OFF` and `MOVED`; a council adds its own closure days with the setting
`TANDEM_EXTRA_NON_WORKING_DAYS` (ISO dates).
"""

from datetime import date, timedelta
from functools import cache

from django.conf import settings

__all__ = ["bank_holidays", "is_working_day", "working_days_add", "working_days_between"]

# Proclaimed for one year only.
ONE_OFF = frozenset(
    {
        date(2011, 4, 29),  # the wedding of Prince William and Catherine Middleton
        date(2012, 6, 5),  # the Queen's Diamond Jubilee
        date(2022, 6, 3),  # the Queen's Platinum Jubilee
        date(2022, 9, 19),  # the state funeral of Queen Elizabeth II
        date(2023, 5, 8),  # the coronation of King Charles III
    }
)
# A rule's holiday moved by proclamation: {the rule's date: the date kept instead}.
MOVED = {
    date(1995, 5, 1): date(1995, 5, 8),  # VE Day's 50th anniversary
    date(2002, 5, 27): date(2002, 6, 4),  # the Golden Jubilee
    date(2012, 5, 28): date(2012, 6, 4),  # the Diamond Jubilee
    date(2020, 5, 4): date(2020, 5, 8),  # VE Day's 75th anniversary
    date(2022, 5, 30): date(2022, 6, 2),  # the Platinum Jubilee
}


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _next_weekday(day: date, taken: set[date]) -> date:
    while day.weekday() >= 5 or day in taken:
        day += timedelta(days=1)
    return day


def _first_monday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    day = following - timedelta(days=1)
    return day - timedelta(days=day.weekday())


@cache
def _rule_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    fixed = [
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        _first_monday(year, 5),
        _last_monday(year, 5),
        _last_monday(year, 8),
    ]
    days = {MOVED.get(day, day) for day in fixed}
    # New Year's Day, Christmas Day and Boxing Day move to the next free weekday.
    for day in (date(year, 1, 1), date(year, 12, 25), date(year, 12, 26)):
        days.add(_next_weekday(day, days))
    return frozenset(days | {day for day in ONE_OFF if day.year == year})


def _extra() -> frozenset[date]:
    return frozenset(date.fromisoformat(text) for text in getattr(settings, "TANDEM_EXTRA_NON_WORKING_DAYS", ()))


def bank_holidays(year: int) -> list[date]:
    """England and Wales bank holidays in the year, in order."""
    return sorted(_rule_holidays(year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _rule_holidays(day.year) and day not in _extra()


def working_days_add(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself never counts; 0 gives start)."""
    if days < 0:
        raise ValueError("Count working days forwards")
    day = start
    extra = _extra()
    left = days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in _rule_holidays(day.year) and day not in extra:
            left -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end is not after start)."""
    if end <= start:
        return 0
    extra = _extra()
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in _rule_holidays(day.year) and day not in extra:
            count += 1
    return count
