"""The assessments' records in the world of the authorisation matrix and the accessibility check (tests/world.py)."""

from datetime import timedelta
from typing import Any

from tandem.assessments import services as assessment_services
from tandem.assessments.tests.records import adult_answers, carer_answers, unpaid_carer_make
from tandem.core import clock
from tandem.identity.models import User
from tandem.identity.permissions import Role
from tandem.people.models import Person


def world(person: Person, staff: dict[str, User | None]) -> dict[str, Any]:
    """A draft saved once, a draft with every answer given, and an assessment completed (by the
    practitioner, version 3) and found eligible; an unpaid carer in the person's network with a
    record of their own, their draft (joint with the person's draft) and completed assessments."""
    practitioner = staff[Role.PRACTITIONER]
    assert practitioner is not None

    def started() -> Any:
        return assessment_services.assessment_start(
            person=person, started_from="review", requested_on=clock.today() - timedelta(days=30), actor=practitioner
        )

    def answers(achievement: str) -> Any:
        unable = {"a": "unable_without_assistance", "e": "endangers_health_or_safety"}
        return adult_answers(persons_account="I want to stay in my own home", unable=unable, otherwise=achievement)

    draft, ready, completed = started(), started(), started()
    assessment_services.assessment_save(assessment=draft, answers=answers(""), version=1, actor=practitioner)
    assessment_services.assessment_save(assessment=ready, answers=answers("achieves"), version=1, actor=practitioner)
    assessment_services.assessment_save(
        assessment=completed, answers=answers("achieves"), version=1, actor=practitioner
    )
    assessment_services.assessment_complete(assessment=completed, version=2, actor=practitioner)
    carer = unpaid_carer_make(person=person, practitioner=practitioner)

    def carers(joint_with: Any = None) -> Any:
        return assessment_services.carer_assessment_start(
            carer=carer, cared_for=person, requested_on=clock.today(), joint_with=joint_with, actor=practitioner
        )

    carer_draft, carer_completed = carers(draft), carers()
    assessment_services.assessment_save(
        assessment=carer_completed, answers=carer_answers(health_at_risk=True), version=1, actor=practitioner
    )
    assessment_services.assessment_complete(assessment=carer_completed, version=2, actor=practitioner)
    return {
        "draft": draft.uuid,
        "ready": ready.uuid,
        "completed": completed.uuid,
        "carer_draft": carer_draft.uuid,
        "carer_completed": carer_completed.uuid,
        "assessment_uuid": completed.uuid,
        "carer_uuid": str(carer.uuid),
    }
