"""Assessment waiting times on their edges: the day before, the day and the day after the target.

The days an assessment has taken are counted from the day requested to the day completed (or
today); it is late when that is more than the local target (TANDEM_ASSESSMENT_TARGET_DAYS, 28 by
default). The page's figure and the workforce dashboard's "late" count must agree on the day.
"""

from datetime import date, timedelta

import pytest

from tandem.assessments import selectors, services
from tandem.core import clock

TARGET = 28


@pytest.mark.parametrize(("days", "late"), [(TARGET - 1, False), (TARGET, False), (TARGET + 1, True)])
def test_an_assessment_is_late_the_day_after_its_target(days, late, person, practitioner, team, settings):
    settings.TANDEM_ASSESSMENT_TARGET_DAYS = TARGET
    today = clock.today()
    requested = today - timedelta(days=days)
    assessment = services.assessment_start(
        person=person, started_from="review", requested_on=requested, actor=practitioner
    )

    shown = selectors.timeliness(requested_on=requested, completed_on=None, today=today)

    assert (shown.days, shown.over) == (days, late)
    assert (assessment in selectors.late_for_teams(team_ids=[team.pk], today=today)) is late


@pytest.mark.parametrize(
    ("completed_on", "days", "over"),
    [
        (date(2026, 3, 1) + timedelta(days=TARGET - 1), TARGET - 1, False),
        (date(2026, 3, 1) + timedelta(days=TARGET), TARGET, False),
        (date(2026, 3, 1) + timedelta(days=TARGET + 1), TARGET + 1, True),
    ],
)
def test_a_completed_assessment_counts_to_the_day_it_was_completed(completed_on, days, over, settings):
    settings.TANDEM_ASSESSMENT_TARGET_DAYS = TARGET

    shown = selectors.timeliness(requested_on=date(2026, 3, 1), completed_on=completed_on, today=date(2027, 1, 1))

    assert (shown.days, shown.over, shown.completed) == (days, over, True)
