"""The accessibility check's visits to the discharge hub's pages (joined into prevention's tests/visits.py)."""

from typing import Any

from tests.journeys.visits import P, Visit, submit

POST_ONLY = {"prevention:discharge_offer_accept"}


def _hub(world: Any) -> dict[str, str]:
    return {key: str(value) for key, value in world.apps["prevention"].items()}


BASE = "/prevention/discharge"

VISITS = [
    Visit("prevention:discharge_board", P, lambda w: f"{BASE}/"),
    Visit("prevention:discharge_board", P, lambda w: f"{BASE}/?sort=name&order=desc", variant="sorted"),
    Visit("prevention:discharge_board_rows", P, lambda w: f"{BASE}/rows/?sort=reason"),
    Visit("prevention:discharge_refer", P, lambda w: f"{BASE}/refer/"),
    Visit("prevention:discharge_refer", P, lambda w: f"{BASE}/refer/?q=Smith", variant="found"),
    Visit("prevention:discharge_refer", P, lambda w: f"{BASE}/refer/?person={w.person.uuid}", variant="form"),
    Visit(
        "prevention:discharge_refer",
        P,
        lambda w: f"{BASE}/refer/?person={w.person.uuid}",
        then=submit("Refer to the hub"),
        variant="errors",
    ),
    Visit("prevention:discharge_figures", P, lambda w: f"{BASE}/figures/"),
    Visit("prevention:discharge_figure", P, lambda w: f"{BASE}/figures/waiting/"),
    Visit("prevention:discharge_referral", P, lambda w: f"{BASE}/referrals/{_hub(w)['referral_uuid']}/"),
    Visit("prevention:discharge_update", P, lambda w: f"{BASE}/referrals/{_hub(w)['referral_uuid']}/update/"),
    Visit(
        "prevention:discharge_package_seek",
        P,
        lambda w: f"{BASE}/referrals/{_hub(w)['referral_uuid']}/packages/new/",
    ),
    Visit(
        "prevention:discharge_package_seek",
        P,
        lambda w: f"{BASE}/referrals/{_hub(w)['referral_uuid']}/packages/new/",
        then=submit("Seek from care providers"),
        variant="errors",
    ),
    Visit("prevention:discharge_record", P, lambda w: f"{BASE}/referrals/{_hub(w)['referral_uuid']}/discharge/"),
    Visit("prevention:discharge_withdraw", P, lambda w: f"{BASE}/referrals/{_hub(w)['referral_uuid']}/withdraw/"),
    Visit("prevention:discharge_offer_record", P, lambda w: f"{BASE}/packages/{_hub(w)['sought_uuid']}/offers/new/"),
    Visit(
        "prevention:discharge_offer_record",
        P,
        lambda w: f"{BASE}/packages/{_hub(w)['sought_uuid']}/offers/new/",
        then=submit("Record the offer"),
        variant="errors",
    ),
    Visit("prevention:discharge_offer_to_plan", P, lambda w: f"{BASE}/offers/{_hub(w)['accepted_uuid']}/plan/"),
]
