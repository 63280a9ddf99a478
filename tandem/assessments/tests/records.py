"""Answers and people the assessments' tests share, and the world of the authorisation matrix and
the accessibility check (tests/world.py)."""

from typing import Any

from tandem.assessments import services
from tandem.people.codes import Relationship
from tandem.people.models import NetworkMember, Person
from tests.personas import person_make


def adult_answers(
    *,
    persons_account: str,
    unable: dict[str, str],
    otherwise: str = "achieves",
    impairment_reason: str = "Parkinson's disease",
    wellbeing_reason: str = "She has stopped going out",
) -> Any:
    """Both conditions met with reasons; the outcomes in `unable` not achieved as it says, the rest `otherwise`."""
    return services.AssessmentAnswers(
        persons_account=persons_account,
        arises_from_impairment_or_illness=True,
        impairment_reason=impairment_reason,
        significant_impact_on_wellbeing=True,
        wellbeing_reason=wellbeing_reason,
        findings=tuple(
            services.FindingAnswers(code=code, achievement=unable.get(code, otherwise)) for code in services.CODES
        ),
    )


def unpaid_carer_make(*, person: Person, practitioner: Any) -> Person:
    """John Smith, who cares for the person, in their network with a record of his own."""
    carer = person_make(given_name="John", family_name="Smith")
    NetworkMember.objects.create(
        person=person,
        name="John Smith",
        relationship=Relationship.SPOUSE_OR_PARTNER,
        is_unpaid_carer=True,
        linked_person=carer,
        added_by=practitioner,
    )
    return carer


def answers(**findings: str) -> Any:
    """Both conditions met, with reasons; each outcome achieved unless `findings` says otherwise."""
    return adult_answers(
        persons_account="I want to keep living at home and get to my allotment",
        unable=findings,
        impairment_reason="Parkinson's disease, diagnosed 2019",
        wellbeing_reason="Falls at home; she has stopped seeing friends",
    )


def carer_answers(health_at_risk: bool = False, **findings: str) -> Any:
    """A carer's answers: the needs arise from caring, each outcome achieved unless `findings` says otherwise."""
    return services.AssessmentAnswers(
        persons_account="I haven't had a night's sleep in months",
        arises_from_impairment_or_illness=None,
        impairment_reason="",
        significant_impact_on_wellbeing=True,
        wellbeing_reason="He has given up his bowls club",
        findings=tuple(
            services.FindingAnswers(code=code, achievement=findings.get(code, "achieves"))
            for code in services.CARER_CODES
        ),
        arises_from_providing_care=True,
        care_reason="He helps Mary wash, dress and eat every day",
        health_at_risk=health_at_risk,
        health_reason="Back pain from lifting" if health_at_risk else "No change in his health",
    )
