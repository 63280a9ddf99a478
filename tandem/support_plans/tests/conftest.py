"""Plan fixtures: the root fixtures' staff and Mary Smith, with a completed assessment that found eligible needs."""

import pytest

from tandem.support_plans import services
from tandem.support_plans.models import SupportPlan
from tandem.support_plans.tests.plan_data import eligible_assessment_make, plan_ready_make
from tests.conftest import *  # noqa: F403


@pytest.fixture
def assessment(person, practitioner):
    return eligible_assessment_make(person, practitioner)


@pytest.fixture
def draft(assessment, practitioner) -> SupportPlan:
    return services.plan_start(assessment=assessment, actor=practitioner)


@pytest.fixture
def ready(draft, practitioner) -> SupportPlan:
    return plan_ready_make(draft, practitioner)
