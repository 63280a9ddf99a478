"""Who may use the needs and carers' assessment pages."""

from typing import Any

from tandem.core import clock
from tests.authorisation.matrix import World, row

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
