"""Who may use the pages of care and support plans, reviews and the care provider view."""

from typing import Any

from tandem.core import clock
from tests.authorisation.matrix import World, row

GET = {
    # Care and support plans: practitioners and managers write them, managers sign them off;
    # business support and system administrators never work with plans (403). The world's plan is
    # a draft, so the pages for agreed versions (copy, sign-off, revise) go back to it.
    **{
        f"support_plans:{name}": row("sign_in", 200, 200, 403, 403)
        for name in (
            "plan_start",
            "plan",
            "plan_edit",
            "outcome_add",
            "outcome_edit",
            "outcome_remove",
            "community_add",
            "commissioned_add",
            "commissioned_edit",
            "commissioned_remove",
            "plan_complete",
            "plan_versions",
            "plan_document",
            "plan_document_pdf",
        )
    },
    "support_plans:community_remove": row("sign_in", 405, 405, 405, 405),
    "support_plans:plan_copy": row("sign_in", "moved:support_plans:plan", "moved:support_plans:plan", 403, 403),
    "support_plans:plan_sign_off": row("sign_in", 403, "moved:support_plans:plan", 403, 403),
    "support_plans:plan_revise": row("sign_in", "moved:support_plans:plan", "moved:support_plans:plan", 403, 403),
    # Reviews: only the version in force is reviewed (the world's draft goes back to its plan); the
    # world's review is in progress, every outcome answered.
    "support_plans:review_start": row("sign_in", "moved:support_plans:plan", "moved:support_plans:plan", 403, 403),
    "support_plans:review": row("sign_in", 200, 200, 403, 403),
    "support_plans:review_complete": row("sign_in", 200, 200, 403, 403),
    "support_plans:reviews_due": row("sign_in", 200, 200, 403, 403),
    # The trusted care provider view: only a provider's staff, and only for their own packages; a
    # provider's review is checked by those who write plans (a provider never sees the plan).
    "support_plans:provider_packages": row("sign_in", 403, 403, 403, 403, care_provider=200),
    "support_plans:provider_review_submit": row("sign_in", 403, 403, 403, 403, care_provider=200),
    "support_plans:provider_review_check": row("sign_in", 200, 200, 403, 403, care_provider=403),
}

POST = {
    **{
        f"support_plans:{name}": row("sign_in", "saved:support_plans:plan", "saved:support_plans:plan", 403, 403)
        for name in (
            "plan_start",
            "plan_edit",
            "outcome_add",
            "outcome_edit",
            "outcome_remove",
            "community_add",
            "community_remove",
            "commissioned_add",
            "commissioned_edit",
            "commissioned_remove",
            "plan_complete",
        )
    },
    **{
        f"support_plans:{name}": row("sign_in", 405, 405, 405, 405)
        for name in ("plan", "plan_versions", "plan_document", "plan_document_pdf")
    },
    # The world's plan is a draft: nothing to copy, sign off or revise yet, so back to it unchanged.
    "support_plans:plan_copy": row("sign_in", "moved:support_plans:plan", "moved:support_plans:plan", 403, 403),
    "support_plans:plan_sign_off": row("sign_in", 403, "moved:support_plans:plan", 403, 403),
    "support_plans:plan_revise": row("sign_in", "moved:support_plans:plan", "moved:support_plans:plan", 403, 403),
    "support_plans:review_start": row("sign_in", "moved:support_plans:plan", "moved:support_plans:plan", 403, 403),
    "support_plans:review": row("sign_in", "saved:support_plans:review", "saved:support_plans:review", 403, 403),
    "support_plans:review_complete": row(
        "sign_in", "saved:support_plans:review", "saved:support_plans:review", 403, 403
    ),
    "support_plans:reviews_due": row("sign_in", 405, 405, 405, 405),
    "support_plans:provider_packages": row("sign_in", 405, 405, 405, 405, care_provider=405),
    "support_plans:provider_review_submit": row(
        "sign_in", 403, 403, 403, 403, care_provider="saved:support_plans:provider_packages"
    ),
    "support_plans:provider_review_check": row(
        "sign_in", "saved:support_plans:plan", "saved:support_plans:plan", 403, 403, care_provider=403
    ),
}


def forms(world: World) -> dict[str, dict[str, Any]]:
    """Plan forms the pages accept, each naming the version of the draft the world made."""
    today = clock.today()
    version = {"version": world.extra.get("plan_version", "")}
    outcome = {"statement": "I want to get to the shops", "by_person_and_network": "My son drives me"}
    return {
        "support_plans:plan_edit": version | {"budget_method": "mixed", "contingency": "Ring the duty team"},
        "support_plans:outcome_add": version | outcome,
        "support_plans:outcome_edit": version | outcome,
        "support_plans:outcome_remove": version,
        "support_plans:community_add": version | {"service": world.extra.get("choir_id", "")},
        "support_plans:community_remove": version,
        "support_plans:commissioned_add": version
        | {"kind": "day_opportunities", "provider_name": "Leasowe Day Centre", "units_per_week": "2"}
        | {"unit": "day", "unit_cost": "45.00"},
        "support_plans:commissioned_remove": version,
        "support_plans:commissioned_edit": version
        | {"kind": "home_care", "provider_name": "Wirral Home Care Ltd", "units_per_week": "10"}
        | {"unit": "hour", "unit_cost": "22.00"},
        "support_plans:plan_complete": version
        | {"agreed_on-day": today.day, "agreed_on-month": today.month, "agreed_on-year": today.year}
        | {"agreement_method": "signed"},
        "support_plans:plan_copy": version,
        "support_plans:plan_sign_off": version,
        "support_plans:plan_revise": {"reason": "Change in needs"},
        "support_plans:review_start": {"kind": "unplanned", "reason": "safeguarding"},
        "support_plans:review": {
            "persons_view": "Much better",
            "achieved_1": "partly",
            "outcome": "no_change",
            "version": world.extra.get("review_version", ""),
        },
        "support_plans:review_complete": {"version": world.extra.get("review_version", "")},
        "support_plans:provider_review_submit": {
            "achieved": "partly",
            "outcome_view": "Dressing takes longer on bad days",
            "hours_change": "more",
            "change_reason": "Half an hour more each morning",
        },
        "support_plans:provider_review_check": {"decision": "accept"},
    }
