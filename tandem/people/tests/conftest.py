"""People service tests: the clock several of them are set to."""

from collections.abc import Callable
from datetime import UTC, datetime

import pytest


@pytest.fixture
def march_2024(set_clock: Callable[[datetime], datetime]) -> datetime:
    """Noon on 5 March 2024 (`pytestmark = pytest.mark.usefixtures("march_2024")`)."""
    return set_clock(datetime(2024, 3, 5, 12, 0, tzinfo=UTC))
