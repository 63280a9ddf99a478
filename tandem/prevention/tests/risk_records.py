"""Records from other apps the risk score reads: a completed needs assessment with its findings, a
carer's assessment finding the carer's health at risk, a screened case, an unpaid carer."""

from datetime import timedelta
from typing import Any

from tandem.assessments.models import AssessmentKind, AssessmentStatus, NeedsAssessment, OutcomeFinding
from tandem.core import clock
from tandem.people.codes import Relationship
from tandem.people.models import NetworkMember
from tandem.workforce.codes import CaseStatus
from tandem.workforce.models import Case
from tests.conftest import person_make


def assessment_with(
    person: Any, *, practitioner: Any, team: Any, unable: list[str], completed_days: int
) -> NeedsAssessment:
    day = clock.today() - timedelta(days=completed_days)
    assessment = NeedsAssessment.objects.create(
        kind=AssessmentKind.ADULT,
        person=person,
        team=team,
        practitioner=practitioner,
        started_from="request",
        requested_on=day,
        started_on=day,
        completed_on=day,
        status=AssessmentStatus.COMPLETED,
        eligible_by_criteria=False,
    )
    for code in "abcdefghij":
        OutcomeFinding.objects.create(
            assessment=assessment, code=code, achievement="unable_without_assistance" if code in unable else "achieves"
        )
    return assessment


def carers_assessment_at_risk(*, cared_for: Any, practitioner: Any, team: Any, days: int = 30) -> NeedsAssessment:
    carer = person_make(given_name="Tom", family_name="Carer")
    day = clock.today() - timedelta(days=days)
    return NeedsAssessment.objects.create(
        kind=AssessmentKind.CARER,
        person=carer,
        cared_for=cared_for,
        team=team,
        practitioner=practitioner,
        started_from="carer_asked",
        requested_on=day,
        started_on=day,
        completed_on=day,
        status=AssessmentStatus.COMPLETED,
        eligible_by_criteria=True,
        health_at_risk=True,
        health_reason="Not sleeping; says they cannot go on like this",
    )


def screened_case(person: Any, *, team: Any, risks: list[str], status: str = CaseStatus.CLOSED, **fields: Any) -> Case:
    now = clock.now()
    return Case.objects.create(
        person=person,
        team=team,
        summary="Assessment",
        status=status,
        opened_at=now - timedelta(days=10),
        screened_at=now - timedelta(days=9),
        risks=risks,
        **fields,
    )


def carer_add(person: Any, *, added_by: Any) -> NetworkMember:
    return NetworkMember.objects.create(
        person=person,
        name="Jean Carer",
        relationship=Relationship.CHILD,
        is_unpaid_carer=True,
        added_by=added_by,
    )
