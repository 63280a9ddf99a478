"""Who may use the matching queue and the notices of health events.

Matching an event joins partner data to a record: those who may edit records (practitioners,
managers, business support) may; an administrator works with no one's record. A notice is its
recipient's alone: for anyone else it does not exist.
"""

from typing import Any

from tests.authorisation.matrix import World, row

GET = {
    "prevention:matching_queue": row("sign_in", 200, 200, 200, 403),
    "prevention:match": row("sign_in", 200, 200, 200, 404),
    "prevention:notices": row("sign_in", 200, 200, 200, 403),
    "prevention:notice_seen": row("sign_in", 405, 405, 405, 405),
}

POST = {
    "prevention:matching_queue": row("sign_in", 405, 405, 405, 405),
    "prevention:match": row(
        "sign_in",
        "saved:prevention:matching_queue",
        "saved:prevention:matching_queue",
        "saved:prevention:matching_queue",
        404,
    ),
    "prevention:notices": row("sign_in", 405, 405, 405, 405),
    "prevention:notice_seen": row("sign_in", "saved:prevention:notices", 404, 404, 404),
}


def url_values(world: World) -> dict[str, Any]:
    return {"uuid": world.extra.get("prevention_waiting_uuid"), "notice_id": world.extra.get("prevention_notice_id")}


def forms(world: World) -> dict[str, dict[str, Any]]:
    return {
        "prevention:match": {"choice": "reject", "reason": "No one of this name and date of birth is known"},
        **risk_matrix.forms(world),
    }


# The risk score's pages (issue 17): tandem/prevention/tests/risk_matrix.py.
from tandem.prevention.tests import risk_matrix  # noqa: E402

GET |= risk_matrix.GET
POST |= risk_matrix.POST


# The hospital discharge hub's rows (tandem/prevention/discharge/tests/matrix.py).
from tandem.prevention.discharge.tests import matrix as _hub  # noqa: E402

GET |= _hub.GET
POST |= _hub.POST
_prevention_url_values, _prevention_forms = url_values, forms


def url_values(world: World) -> dict[str, Any]:  # type: ignore[no-redef]
    return _prevention_url_values(world) | _hub.url_values(world)


def forms(world: World) -> dict[str, dict[str, Any]]:  # type: ignore[no-redef]
    return _prevention_forms(world) | _hub.forms(world)
