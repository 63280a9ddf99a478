"""Personal budget arithmetic: pence, rounding half up once per service, 52 weeks, and the sign-off threshold."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.support_plans import budget


def test_a_service_costs_its_units_times_its_unit_cost():
    assert budget.weekly_cost_pence(units_per_week=Decimal("7.5"), unit_cost_pence=1950) == 14625


def test_a_fraction_of_a_penny_rounds_half_up_once_per_service():
    assert budget.weekly_cost_pence(units_per_week=Decimal("0.5"), unit_cost_pence=3) == 2
    assert budget.weekly_cost_pence(units_per_week=Decimal("0.25"), unit_cost_pence=3) == 1
    assert budget.weekly_cost_pence(units_per_week=Decimal("0.33"), unit_cost_pence=1) == 0


def test_the_weekly_budget_adds_up_the_services_and_the_year_is_52_weeks():
    shown = budget.budget_of([(Decimal("7"), 2200), (Decimal("2"), 4550), (Decimal("0.5"), 3)])

    assert shown.weekly_pence == 15400 + 9100 + 2
    assert shown.annual_pence == (15400 + 9100 + 2) * 52


def test_no_services_is_a_budget_of_nothing():
    assert budget.budget_of([]) == budget.Budget(0)


@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=Decimal("0.01"), max_value=Decimal("168"), places=2),
            st.integers(min_value=0, max_value=1_000_000),
        ),
        max_size=10,
    )
)
def test_the_budget_is_exact_in_pence_whatever_the_services(lines):
    shown = budget.budget_of(lines)

    exact = sum(units * cost for units, cost in lines)
    assert abs(shown.weekly_pence - exact) <= Decimal("0.5") * len(lines)
    assert shown.annual_pence == shown.weekly_pence * 52


def test_the_threshold_is_read_in_pounds(settings):
    settings.TANDEM_PLAN_SIGN_OFF_WEEKLY_THRESHOLD = "350.50"

    assert budget.sign_off_threshold_pence() == 35050


@pytest.mark.parametrize(("weekly", "needed"), [(49999, False), (50000, False), (50001, True)])
def test_sign_off_is_needed_only_above_the_threshold(settings, weekly, needed):
    settings.TANDEM_PLAN_SIGN_OFF_WEEKLY_THRESHOLD = "500"

    assert budget.needs_sign_off(weekly) is needed


def test_money_is_shown_in_pounds_and_pence():
    assert budget.pounds(123456) == "£1,234.56"
    assert budget.pounds(5) == "£0.05"
