"""The page tests share the fixtures in tests/conftest.py, and an assessment in each state."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from tandem.assessments import services
from tandem.assessments.models import NeedsAssessment
from tandem.assessments.tests.records import answers
from tandem.core import clock
from tandem.identity.models import User
from tandem.people.models import Person
from tests.conftest import *  # noqa: F403


def form_data(version: int, **changes: Any) -> dict[str, Any]:
    """What the assessment form posts: every outcome achieved, both conditions met, with reasons."""
    data: dict[str, Any] = {
        "version": str(version),
        "persons_account": "I want to keep living at home",
        "arises_from_impairment_or_illness": "yes",
        "impairment_reason": "Parkinson's disease",
        "significant_impact_on_wellbeing": "yes",
        "wellbeing_reason": "She has stopped seeing friends",
    }
    for code in services.CODES:
        data[f"outcome_{code}_achievement"] = "achieves"
    data.update(changes)
    return data


def url(name: str, assessment: NeedsAssessment) -> str:
    return reverse(f"assessments:{name}", args=[assessment.uuid])


@pytest.fixture
def draft(person: Person, practitioner: User) -> NeedsAssessment:
    return services.assessment_start(
        person=person, started_from="review", requested_on=clock.today() - timedelta(days=3), actor=practitioner
    )


@pytest.fixture
def completed(draft: NeedsAssessment, practitioner: User) -> NeedsAssessment:
    services.assessment_save(
        assessment=draft,
        answers=answers(a="unable_without_assistance", e="endangers_health_or_safety"),
        version=1,
        actor=practitioner,
    )
    return services.assessment_complete(assessment=draft, version=2, actor=practitioner)


@pytest.fixture
def signed_in(client: Any, practitioner: User) -> Any:
    client.force_login(practitioner)
    return client


@pytest.fixture
def reload() -> Callable[[NeedsAssessment], NeedsAssessment]:
    def again(assessment: NeedsAssessment) -> NeedsAssessment:
        return NeedsAssessment.objects.get(pk=assessment.pk)

    return again
