"""The personal budget (Care Act 2014 s26), computed from the commissioned services; never typed.

Money is held in whole pence. A service's weekly cost is its units a week times its unit cost,
rounded half up to the penny once per service (units may be fractional: 7.5 hours). The weekly
budget is the sum of those; the annual budget is the weekly budget times 52.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings

WEEKS_A_YEAR = 52
DEFAULT_THRESHOLD_POUNDS = Decimal("500.00")


def weekly_cost_pence(*, units_per_week: Decimal, unit_cost_pence: int) -> int:
    """One service's weekly cost in pence, rounded half up to the penny."""
    return int((Decimal(units_per_week) * Decimal(unit_cost_pence)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Budget:
    weekly_pence: int

    @property
    def annual_pence(self) -> int:
        return self.weekly_pence * WEEKS_A_YEAR


def budget_of(lines: Iterable[tuple[Decimal, int]]) -> Budget:
    """The budget for (units a week, unit cost in pence) pairs."""
    return Budget(sum(weekly_cost_pence(units_per_week=u, unit_cost_pence=c) for u, c in lines))


def sign_off_threshold_pence() -> int:
    """TANDEM_PLAN_SIGN_OFF_WEEKLY_THRESHOLD, in pounds a week (default £500), as pence."""
    raw = getattr(settings, "TANDEM_PLAN_SIGN_OFF_WEEKLY_THRESHOLD", DEFAULT_THRESHOLD_POUNDS)
    try:
        pounds = Decimal(str(raw))
    except InvalidOperation:
        pounds = DEFAULT_THRESHOLD_POUNDS
    return int((pounds * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def needs_sign_off(weekly_pence: int) -> bool:
    """A manager signs off a budget above the threshold; at or below it, agreement is enough."""
    return weekly_pence > sign_off_threshold_pence()


def pounds(pence: int) -> str:
    """£1,234.56"""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"
