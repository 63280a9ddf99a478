from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tandem.core import clock
from tandem.core.errors import DomainError
from tandem.demo.borough import borough_seed
from tandem.demo.discharge_seed import discharge_seed
from tandem.prevention.discharge import figures, selectors
from tandem.prevention.discharge.codes import DelayReason, ReferralStatus
from tandem.prevention.discharge.models import DischargeReferral, ProviderOffer

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 14, 30, tzinfo=ZoneInfo("Europe/London"))


def test_the_demo_hub_has_a_year_of_discharges_and_a_board_in_every_state(set_clock):
    set_clock(NOW)
    borough_seed(size="small", seed=11, people=1_500)

    made = discharge_seed(size="small", seed=11, counts=(40, 14))

    assert made["discharges"] == DischargeReferral.objects.filter(status=ReferralStatus.DISCHARGED).count() == 40
    assert made["on the board"] == 14
    board = selectors.board(actor=DischargeReferral.objects.first().referred_by, today=clock.today())
    assert {row.delay_reason for row in board.rows} >= set(DelayReason.values)
    assert any(row.days is None for row in board.rows)
    assert ProviderOffer.objects.filter(status="accepted").exists()
    found = figures.figures(today=clock.today())
    in_year = DischargeReferral.objects.filter(status=ReferralStatus.DISCHARGED, discharged_on__gte=found.since)
    assert found.home.denominator == in_year.count() > 0
    with pytest.raises(DomainError, match="already has referrals"):
        discharge_seed(size="small", seed=11)
