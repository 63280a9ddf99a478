import pytest

from tandem.demo.borough import borough_seed
from tandem.demo.risk_seed import FIT_ADMISSION_RISK, HOSPITALISATION_HR, risk_seed
from tandem.prevention.models import HealthEvent, RiskCondition, RiskScore

pytestmark = pytest.mark.django_db


def test_the_demo_gives_older_residents_histories_and_admissions_and_scores_everyone():
    borough_seed(size="small", seed=11, people=600)

    counts = risk_seed(seed=11, size="small")

    given = counts["people given health histories"]
    assert given > 0
    assert counts["of them fit"] + counts["mild"] + counts["moderate"] + counts["severe"] == given
    assert counts["health events"] == HealthEvent.objects.filter(source_key__startswith="urn:demo-risk|").count()
    assert RiskCondition.objects.exists()
    assert counts["adults scored"] == RiskScore.objects.count()
    assert risk_seed(seed=11, size="small") == counts  # a reseed replaces them


def test_the_admission_risks_follow_the_published_hazard_ratios():
    risks = {band: 1 - (1 - FIT_ADMISSION_RISK) ** hr for band, hr in HOSPITALISATION_HR.items()}

    assert risks["fit"] == pytest.approx(0.06)
    assert risks["fit"] < risks["mild"] < risks["moderate"] < risks["severe"] == pytest.approx(0.2535, abs=1e-3)
