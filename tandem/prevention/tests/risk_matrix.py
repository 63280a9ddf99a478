"""Who may use the risk pages: the worklist and recording outreach are for those who work waiting
lists (practitioners, managers, business support); a person's score for anyone who may open the
record; the evaluation for managers; changing the rules for the principal social worker or a
clinical lead alone (no persona is either, so every persona is refused)."""

from typing import Any

from tests.authorisation.matrix import World, row

GET = {
    "prevention:risk_worklist": row("sign_in", 200, 200, 200, 403),
    "prevention:risk_person": row("sign_in", 200, 200, 200, 404),
    "prevention:risk_outreach": row("sign_in", 200, 200, 200, 404),
    "prevention:risk_rules": row("sign_in", 200, 200, 200, 403),
    "prevention:risk_rules_edit": row("sign_in", 403, 403, 403, 403),
    "prevention:risk_evaluation": row("sign_in", 403, 200, 403, 403),
}

POST = {
    "prevention:risk_worklist": row("sign_in", 405, 405, 405, 405),
    "prevention:risk_person": row("sign_in", 405, 405, 405, 405),
    "prevention:risk_outreach": row(
        "sign_in",
        "saved:prevention:risk_person",
        "saved:prevention:risk_person",
        "saved:prevention:risk_person",
        404,
    ),
    "prevention:risk_rules": row("sign_in", 405, 405, 405, 405),
    "prevention:risk_rules_edit": row("sign_in", 403, 403, 403, 403),
    "prevention:risk_evaluation": row("sign_in", 405, 405, 405, 405),
}


def forms(world: World) -> dict[str, dict[str, Any]]:
    return {"prevention:risk_outreach": {"step": "conversation", "result": "contacted", "note": "Talked on the phone"}}
