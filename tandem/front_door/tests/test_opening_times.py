"""Opening times on the list of services given to a person read Monday first."""

from datetime import time
from types import SimpleNamespace

from tandem.front_door.presenters import opening_times


def _schedule(byday: str, opens: int) -> SimpleNamespace:
    return SimpleNamespace(byday=byday, opens_at=time(opens), closes_at=time(opens + 2), freq="WEEKLY", description="")


def test_days_read_monday_first_within_and_across_schedules():
    lines = opening_times([_schedule("FR", 10), _schedule("TH,MO", 9)])

    assert lines == ["Monday, Thursday 9am to 11am", "Friday 10am to 12pm"]
