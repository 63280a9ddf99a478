"""Who may use the needs and carers' assessment pages."""

from datetime import timedelta
from typing import Any

from tandem.assessments import services as assessment_services
from tandem.assessments.tests.records import adult_answers, unpaid_carer_make
from tandem.core import clock
from tandem.identity.models import User
from tandem.people.models import Person
from tests.authorisation.matrix import P, World, row

GET = {
    # Needs assessments: practitioners and managers; business support and system administrators
    # never work with assessments (403). The world's assessment is completed (by the practitioner),
    # so the check-and-complete page goes back to it, and only a manager may authorise it.
    "assessments:assessment_start": row("sign_in", 200, 200, 403, 403),
    "assessments:carer_assessment_start": row("sign_in", 200, 200, 403, 403),
    "assessments:assessment": row("sign_in", 200, 200, 403, 403),
    "assessments:assessment_complete": row(
        "sign_in", "moved:assessments:assessment", "moved:assessments:assessment", 403, 403
    ),
    "assessments:judgement_record": row("sign_in", 200, 200, 403, 403),
    "assessments:assessment_authorise": row("sign_in", 403, 200, 403, 403),
    "assessments:assessment_history": row("sign_in", 200, 200, 403, 403),
    "assessments:statement": row("sign_in", 200, 200, 403, 403),
}

POST = {
    "assessments:assessment_start": row(
        "sign_in", "saved:assessments:assessment", "saved:assessments:assessment", 403, 403
    ),
    "assessments:carer_assessment_start": row(
        "sign_in", "saved:assessments:assessment", "saved:assessments:assessment", 403, 403
    ),
    # A completed assessment's answers cannot change: back to it, nothing written.
    "assessments:assessment": row("sign_in", "moved:assessments:assessment", "moved:assessments:assessment", 403, 403),
    "assessments:assessment_complete": row(
        "sign_in", "moved:assessments:assessment", "moved:assessments:assessment", 403, 403
    ),
    "assessments:judgement_record": row(
        "sign_in", "saved:assessments:assessment", "saved:assessments:assessment", 403, 403
    ),
    # The practitioner completed it; a manager authorises.
    "assessments:assessment_authorise": row("sign_in", 403, "saved:assessments:assessment", 403, 403),
    "assessments:assessment_history": row("sign_in", 405, 405, 405, 405),
    "assessments:statement": row("sign_in", 405, 405, 405, 405),
}


def forms(world: World) -> dict[str, dict[str, Any]]:
    """A POST body each page of the world's completed assessment (version 3) accepts."""
    today = clock.today()
    return {
        "assessments:assessment_start": {
            "started_from": "review",
            "requested_on-day": today.day,
            "requested_on-month": today.month,
            "requested_on-year": today.year,
        },
        "assessments:carer_assessment_start": {
            "carer": world.extra.get("carer_uuid", ""),
            "joint_with": "no",
            "requested_on-day": today.day,
            "requested_on-month": today.month,
            "requested_on-year": today.year,
        },
        "assessments:assessment": {"version": "3", "persons_account": "Changed"},
        "assessments:assessment_complete": {"version": "3"},
        # The criteria found the needs eligible; the judgement differs, with a reason.
        "assessments:judgement_record": {
            "eligible": "no",
            "reason": "Her son now meets these needs",
            "version": "3",
        },
        "assessments:assessment_authorise": {"version": "3"},
    }


def world(person: Person, staff: dict[str, User | None]) -> dict[str, Any]:
    """A needs assessment of the person, completed by the practitioner and found eligible (version 3),
    and an unpaid carer in the person's network with a record of their own."""
    practitioner = staff[P]
    assert practitioner is not None
    assessment = assessment_services.assessment_start(
        person=person, started_from="review", requested_on=clock.today() - timedelta(days=7), actor=practitioner
    )
    answers = adult_answers(
        persons_account="I want to stay at home",
        unable={"a": "unable_without_assistance", "b": "significantly_longer"},
    )
    assessment_services.assessment_save(assessment=assessment, answers=answers, version=1, actor=practitioner)
    assessment_services.assessment_complete(assessment=assessment, version=2, actor=practitioner)
    # Someone who cares for the person, with a record of their own, for a carer's assessment.
    carer = unpaid_carer_make(person=person, practitioner=practitioner)
    return {"assessment_uuid": assessment.uuid, "carer_uuid": str(carer.uuid)}
