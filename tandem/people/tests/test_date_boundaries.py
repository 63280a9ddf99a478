"""Hazard-warning dates on their edges: the day before, the day and the day after.

A warning is active from `starts_on` until the day before `ends_on` (ending it today takes it off
the record today); it is due for review from its `review_on` day, and a new review date must be
after today (`warning_review`).
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from tandem.core.errors import DomainError
from tandem.people import selectors, services
from tandem.people.models import HazardWarning

STARTS, REVIEW, ENDS = date(2024, 3, 5), date(2024, 6, 3), date(2024, 9, 1)


@pytest.fixture
def warning(person, practitioner):
    return HazardWarning.objects.create(
        person=person,
        category="animals",
        description="Two large dogs",
        raised_by=practitioner,
        starts_on=STARTS,
        review_on=REVIEW,
        ends_on=ENDS,
    )


@pytest.mark.parametrize(
    ("day", "active"),
    [
        (STARTS - timedelta(days=1), False),
        (STARTS, True),
        (STARTS + timedelta(days=1), True),
        (ENDS - timedelta(days=1), True),
        (ENDS, False),
        (ENDS + timedelta(days=1), False),
    ],
)
def test_a_warning_is_active_from_its_start_until_the_day_it_ends(day, active, warning):
    assert (warning in HazardWarning.objects.active_on(day)) is active
    assert (
        warning in selectors.active_warnings_by_person([warning.person], on=day).get(warning.person_id, [])
    ) is active


@pytest.mark.parametrize(
    ("day", "due"),
    [
        (REVIEW - timedelta(days=1), False),
        (REVIEW, True),  # due on its review day
        (REVIEW + timedelta(days=1), True),
        (ENDS, False),  # ended: nothing left to review
    ],
)
def test_a_warning_is_due_for_review_from_its_review_day(day, due, warning, practitioner):
    assert (warning in selectors.warnings_due_for_review(actor=practitioner, today=day)) is due


@pytest.mark.parametrize(("days", "allowed"), [(-1, False), (0, False), (1, True)])
def test_the_next_review_date_must_be_after_today(days, allowed, person, practitioner, set_clock):
    today = date(2024, 6, 3)
    set_clock(datetime(today.year, today.month, today.day, 12, tzinfo=UTC))
    warning = HazardWarning.objects.create(
        person=person,
        category="animals",
        description="Two large dogs",
        raised_by=practitioner,
        starts_on=STARTS,
        review_on=REVIEW,
    )
    review_on = today + timedelta(days=days)

    if allowed:
        services.warning_review(warning=warning, review_on=review_on, actor=practitioner)
        warning.refresh_from_db()
        assert warning.review_on == review_on
    else:
        with pytest.raises(DomainError, match="must be in the future"):
            services.warning_review(warning=warning, review_on=review_on, actor=practitioner)
        warning.refresh_from_db()
        assert warning.review_on == REVIEW
