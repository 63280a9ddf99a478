import pytest

from tandem.demo.borough import borough_seed
from tandem.demo.prevention_seed import prevention_seed
from tandem.demo.workforce_seed import workforce_seed
from tandem.prevention.models import EventAwaitingMatch, EventNotice, HealthEvent

pytestmark = pytest.mark.django_db


def test_the_demo_has_health_events_told_to_workers_and_some_waiting_for_a_match():
    borough_seed(size="small", seed=11, people=400)
    workforce_seed(size="small", seed=11)

    counts = prevention_seed(seed=11, most=300)

    assert counts["health events"] == HealthEvent.objects.count() > 0
    assert counts["waiting for a match"] == EventAwaitingMatch.objects.count() == 4
    assert EventNotice.objects.exists()
    assert prevention_seed(seed=11, most=300) == counts  # a reseed replaces them
