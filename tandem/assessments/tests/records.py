"""Answers and people the authorisation matrix's and the accessibility check's worlds share."""

from typing import Any

from tandem.assessments import services
from tandem.people.codes import Relationship
from tandem.people.models import NetworkMember, Person


def adult_answers(*, persons_account: str, unable: dict[str, str], otherwise: str = "achieves") -> Any:
    """Both conditions met with reasons; the outcomes in `unable` not achieved as it says, the rest `otherwise`."""
    return services.AssessmentAnswers(
        persons_account=persons_account,
        arises_from_impairment_or_illness=True,
        impairment_reason="Parkinson's disease",
        significant_impact_on_wellbeing=True,
        wellbeing_reason="She has stopped going out",
        findings=tuple(
            services.FindingAnswers(code=code, achievement=unable.get(code, otherwise)) for code in services.CODES
        ),
    )


def unpaid_carer_make(*, person: Person, practitioner: Any) -> Person:
    """John Smith, who cares for the person, in their network with a record of his own."""
    carer = Person.objects.create(given_name="John", family_name="Smith")
    NetworkMember.objects.create(
        person=person,
        name="John Smith",
        relationship=Relationship.SPOUSE_OR_PARTNER,
        is_unpaid_carer=True,
        linked_person=carer,
        added_by=practitioner,
    )
    return carer
