"""Who may use the discharge hub (joined into prevention's tests/matrix.py).

The board, a referral and the figures are for staff who work with people's records; referring,
updating the board, brokerage and discharge for those who may edit records (practitioners,
managers, business support); putting a package into a care and support plan for those who write
plans. An administrator or a care provider's staff work with no one's record: refused (403) where
nothing is named, not found (404) where a referral is.
"""

from datetime import timedelta
from typing import Any

from tandem.core import clock
from tandem.prevention.discharge.models import DischargeReferral
from tandem.prevention.discharge.tests.hub_data import dates_form
from tests.authorisation.matrix import World, row

READ = row("sign_in", 200, 200, 200, 403)
REFERRAL = row("sign_in", 200, 200, 200, 404)
NOT_ALLOWED = row("sign_in", 405, 405, 405, 405)


def _saved(name: str) -> dict[str, Any]:
    return row("sign_in", f"saved:{name}", f"saved:{name}", f"saved:{name}", 404)


GET = {
    "prevention:discharge_board": READ,
    "prevention:discharge_board_rows": READ,
    "prevention:discharge_refer": READ,
    "prevention:discharge_figures": READ,
    "prevention:discharge_figure": READ,
    "prevention:discharge_referral": REFERRAL,
    "prevention:discharge_update": REFERRAL,
    "prevention:discharge_package_seek": REFERRAL,
    "prevention:discharge_record": REFERRAL,
    "prevention:discharge_withdraw": REFERRAL,
    "prevention:discharge_offer_record": REFERRAL,
    "prevention:discharge_offer_accept": NOT_ALLOWED,
    "prevention:discharge_offer_to_plan": row("sign_in", 200, 200, 403, 404),
}

POST = {
    "prevention:discharge_board": NOT_ALLOWED,
    "prevention:discharge_board_rows": NOT_ALLOWED,
    "prevention:discharge_refer": row(
        "sign_in",
        "moved:prevention:discharge_refer",
        "moved:prevention:discharge_refer",
        "moved:prevention:discharge_refer",
        403,
    ),
    "prevention:discharge_figures": NOT_ALLOWED,
    "prevention:discharge_figure": NOT_ALLOWED,
    "prevention:discharge_referral": NOT_ALLOWED,
    "prevention:discharge_update": _saved("prevention:discharge_board"),
    "prevention:discharge_package_seek": _saved("prevention:discharge_referral"),
    "prevention:discharge_record": _saved("prevention:discharge_referral"),
    "prevention:discharge_withdraw": _saved("prevention:discharge_board"),
    "prevention:discharge_offer_record": _saved("prevention:discharge_referral"),
    "prevention:discharge_offer_accept": _saved("prevention:discharge_referral"),
    "prevention:discharge_offer_to_plan": row(
        "sign_in", "saved:support_plans:plan", "saved:support_plans:plan", 403, 404
    ),
}


def url_values(world: World) -> dict[str, Any]:
    return {"key": "waiting"}


def forms(world: World) -> dict[str, dict[str, Any]]:
    today = clock.today()
    plan_uuid = world.extra.get("plan_uuid")
    referral = DischargeReferral.objects.filter(uuid=world.extra.get("referral_uuid")).first()
    version = str(referral.version) if referral else ""
    return {
        "prevention:discharge_update": {
            "ward": "Ward 24",
            **dates_form("admitted_on", today - timedelta(days=10)),
            **dates_form("nctr_on", today - timedelta(days=4)),
            **dates_form("expected_ready_on", today + timedelta(days=2)),
            **dates_form("ready_on", None),
            "pathway": "1",
            "delay_reason": "package",
            "next_action": "Chase the home care offer",
            "action_owner": "",
            **dates_form("action_due_on", today + timedelta(days=1)),
            "version": version,
        },
        "prevention:discharge_package_seek": {
            "kind": "home_care",
            "units_per_week": "10.5",
            "unit": "hour",
            **dates_form("needed_from", today + timedelta(days=1)),
            "details": "Two calls a day",
        },
        "prevention:discharge_record": {
            **dates_form("discharged_on", today),
            "destination": "home_reablement",
            "pathway": "1",
            **dates_form("reablement_started_on", today),
            **dates_form("review_due_on", today + timedelta(weeks=6)),
            "version": version,
        },
        "prevention:discharge_withdraw": {"reason": "Transferred to Clatterbridge Hospital"},
        "prevention:discharge_offer_record": {
            "provider": world.extra.get("hub_provider_uuid"),
            **dates_form("starts_on", today + timedelta(days=1)),
            "unit_cost": "23.10",
        },
        "prevention:discharge_offer_to_plan": {"where": f"{plan_uuid}:new"},
    }
