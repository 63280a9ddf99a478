"""Plan review dates on their edges: the day before, the day and the day after.

A planned review is due twelve months after the plan came into force (Care and support statutory
guidance, chapter 13: reviewed no later than every 12 months); the due list shows reviews due
within the next eight weeks (DUE_SOON_DAYS) or overdue; a review is overdue from the day after its due date.
"""

from datetime import date, timedelta

import pytest

from tandem.core import clock
from tandem.support_plans import review_selectors, selectors
from tandem.support_plans.models import PlanReview
from tandem.support_plans.tests.plan_data import agree

SOON = review_selectors.DUE_SOON_DAYS


@pytest.fixture
def in_force(ready, practitioner):
    return agree(ready, practitioner)


def due_in(days: int) -> date:
    due = clock.today() + timedelta(days=days)
    PlanReview.objects.update(due_on=due)
    return due


def test_the_planned_review_is_due_a_year_after_the_plan_came_into_force(in_force):
    review = PlanReview.objects.get()

    assert review.due_on == review_selectors.review_due_after(in_force.in_force_from)


@pytest.mark.parametrize(
    ("on", "due"),
    [
        (date(2027, 3, 11), date(2028, 3, 11)),
        (date(2027, 3, 12), date(2028, 3, 12)),
        (date(2028, 2, 28), date(2029, 2, 28)),
        (date(2028, 2, 29), date(2029, 2, 28)),  # no 29 February next year: the day before
        (date(2028, 3, 1), date(2029, 3, 1)),
    ],
)
def test_twelve_months_after_on_each_side_of_the_leap_day(on, due):
    assert review_selectors.review_due_after(on) == due


@pytest.mark.parametrize(
    ("days", "listed", "overdue"),
    [
        (SOON + 1, False, False),  # the day after the eight-week horizon
        (SOON, True, False),  # the last day of it
        (SOON - 1, True, False),
        (1, True, False),
        (0, True, False),  # due today: not yet overdue
        (-1, True, True),  # overdue from the day after the due date
    ],
)
def test_the_due_list_on_the_edges_of_eight_weeks_and_of_overdue(days, listed, overdue, in_force, practitioner, team):
    due_in(days)
    review = PlanReview.objects.get()

    soon = review_selectors.reviews_due(actor=practitioner, filters=review_selectors.DueFilter(team=team))
    late = review_selectors.reviews_due(
        actor=practitioner, filters=review_selectors.DueFilter(team=team, overdue_only=True)
    )

    assert (review in soon) is listed
    assert (review in late) is overdue
    assert review_selectors.overdue(review) is overdue


@pytest.mark.parametrize(
    ("days", "shown"),
    [
        (SOON + 1, None),
        (SOON, "Due by"),
        (0, "Due by"),
        (-1, "Overdue since"),
    ],
)
def test_the_summary_shows_a_review_from_eight_weeks_before_it_is_due(days, shown, in_force, person, practitioner):
    due_in(days)

    work = [item for item in selectors.open_work_for_person(person, practitioner) if "in force" not in item.title]

    assert [item.status.split(" ")[0] + " " + item.status.split(" ")[1] for item in work] == ([shown] if shown else [])
