"""What the seed tests share: the demo's "now", and a small borough seeded at it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tandem.demo.borough import borough_seed

# A weekday afternoon in November 2026: after a year of seeded history, and inside a SAC year.
NOW = datetime(2026, 11, 18, 14, 30, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def borough(set_clock) -> None:
    """A small borough of 600 people, seeded at NOW with seed 11, for the seeds that build on it."""
    set_clock(NOW)
    borough_seed(size="small", people=600, seed=11)
