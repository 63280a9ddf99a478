"""Waiting-time dates on their edges: the day before, the day and the day after.

Days waiting are counted in whole local days (Europe/London) from the day the case was opened, so
a case opened just after midnight British Summer Time (still the evening before in UTC) has waited
0 days that day. A contact is overdue from the day after `next_contact_due`.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tandem.workforce import selectors
from tandem.workforce.models import Case

LONDON = ZoneInfo("Europe/London")
OPENED = date(2026, 6, 10)


@pytest.mark.parametrize(
    ("opened_at", "today", "days"),
    [
        (datetime(2026, 6, 10, 0, 30, tzinfo=LONDON), OPENED - timedelta(days=1), -1),
        (datetime(2026, 6, 10, 0, 30, tzinfo=LONDON), OPENED, 0),  # 23:30 UTC on the 9th: still the 10th here
        (datetime(2026, 6, 10, 0, 30, tzinfo=LONDON), OPENED + timedelta(days=1), 1),
        (datetime(2026, 6, 10, 23, 30, tzinfo=LONDON), OPENED, 0),  # 22:30 UTC: the same local day
        (datetime(2026, 6, 10, 23, 30, tzinfo=LONDON), OPENED + timedelta(days=1), 1),
        (datetime(2026, 6, 10, 23, 30, tzinfo=LONDON), OPENED + timedelta(days=28), 28),
    ],
)
def test_days_waiting_are_counted_in_local_days(opened_at, today, days, waiting):
    Case.objects.filter(pk=waiting.pk).update(opened_at=opened_at.astimezone(UTC))
    waiting.refresh_from_db()

    assert selectors.days_waiting(waiting, today) == days


@pytest.mark.parametrize(("days", "overdue"), [(1, False), (0, False), (-1, True)])
def test_a_contact_is_overdue_from_the_day_after_it_was_due(days, overdue, waiting, team, set_clock):
    today = date(2026, 6, 10)
    set_clock(datetime(2026, 6, 10, 12, tzinfo=LONDON))
    Case.objects.filter(pk=waiting.pk).update(next_contact_due=today + timedelta(days=days))

    listed = selectors.waiting_list(team_id=team.pk, contact_overdue=True)

    assert (waiting in listed) is overdue
    assert waiting in selectors.waiting_list(team_id=team.pk)
