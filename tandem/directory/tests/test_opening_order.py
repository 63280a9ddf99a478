"""A service's opening times read Monday first, whatever order they were entered in."""

from datetime import time

from tandem.directory.models import Schedule, ScheduleFrequency
from tandem.directory.public_presenters import schedule_text, schedules_in_week_order


def _weekly(byday: str, opens: int) -> Schedule:
    return Schedule(byday=byday, freq=ScheduleFrequency.WEEKLY, opens_at=time(opens), closes_at=time(opens + 2))


def test_opening_times_are_monday_first():
    schedules = [_weekly("SA", 10), _weekly("WE", 9), _weekly("MO", 13), _weekly("", 9)]

    texts = [schedule_text(s) for s in schedules_in_week_order(schedules)]

    assert texts[:3] == ["Mondays, 1pm to 3pm", "Wednesdays, 9am to 11am", "Saturdays, 10am to midday"]
