"""Who may use the safeguarding and DoLS pages."""

from typing import Any

from tandem.safeguarding.tests.page_data import safeguarding_forms
from tests.authorisation.matrix import World, row

GET = {
    # Safeguarding: the world's staff are all in the safeguarding unit holding the records, but only
    # practitioners and managers do safeguarding and DoLS work (business support may raise a concern);
    # allocating DoLS assessors is a manager's.
    "safeguarding:triage_queue": row("sign_in", 200, 200, 403, 403),
    # The unit's open section 42 enquiries: its staff who do safeguarding work, as in "my work".
    "safeguarding:open_enquiries": row("sign_in", 200, 200, 403, 403),
    "safeguarding:concern_new": row("sign_in", 200, 200, 200, 403),
    **{
        f"safeguarding:{name}": row("sign_in", 200, 200, 403, 403)
        for name in (
            "concern",
            "concern_edit",
            "concern_warning",
            "enquiry",
            "enquiry_lead",
            "enquiry_outcomes",
            "meeting_record",
            "action_add",
            "action_done",
            "contribution_add",
            "plan_record",
            "enquiry_conclude",
            "dols_waiting_list",
            "dols_renewals",
            "dols_receive",
            "dols_application",
            "dols_extend",
            "dols_priority",
            "dols_decide",
        )
    },
    # An enquiry's outcome: its team, and the member of staff who raised its concern (a locality worker).
    "safeguarding:enquiry_outcome": row("sign_in", 200, 200, 404, 404),
    # A manager signs off a concluded enquiry; the world's enquiry is open, so back to it.
    "safeguarding:enquiry_sign_off": row("sign_in", 403, "moved:safeguarding:enquiry", 403, 403),
    "safeguarding:dols_allocate": row("sign_in", 403, 200, 403, 403),
    # The unit's staff run the returns too (every member of staff here is in the unit).
    "safeguarding:returns": row("sign_in", 200, 200, 403, 403),
    "safeguarding:returns_csv": row("sign_in", 200, 200, 403, 403),
    "safeguarding:returns_dols_cases": row("sign_in", 200, 200, 403, 403),
    # With no figure named, back to the returns.
    "safeguarding:returns_figure": row("sign_in", "moved:safeguarding:returns", "moved:safeguarding:returns", 403, 403),
}

POST = {
    "safeguarding:triage_queue": row("sign_in", 405, 405, 405, 405),
    # The person is chosen first (?person=...): a bare POST goes back to the search, nothing written.
    "safeguarding:concern_new": row(
        "sign_in",
        "moved:safeguarding:concern_new",
        "moved:safeguarding:concern_new",
        "moved:safeguarding:concern_new",
        403,
    ),
    **{
        f"safeguarding:{name}": row("sign_in", "saved:safeguarding:concern", "saved:safeguarding:concern", 403, 403)
        for name in ("concern", "concern_edit", "concern_warning")
    },
    **{
        f"safeguarding:{name}": row("sign_in", "saved:safeguarding:enquiry", "saved:safeguarding:enquiry", 403, 403)
        for name in (
            "enquiry_lead",
            "enquiry_outcomes",
            "meeting_record",
            "action_add",
            "action_done",
            "contribution_add",
            "plan_record",
            "enquiry_conclude",
        )
    },
    "safeguarding:dols_receive": row(
        "sign_in", "moved:safeguarding:dols_receive", "moved:safeguarding:dols_receive", 403, 403
    ),
    **{
        f"safeguarding:{name}": row(
            "sign_in", "saved:safeguarding:dols_application", "saved:safeguarding:dols_application", 403, 403
        )
        for name in ("dols_extend", "dols_priority", "dols_decide")
    },
    "safeguarding:dols_allocate": row("sign_in", 403, "saved:safeguarding:dols_application", 403, 403),
    "safeguarding:enquiry_sign_off": row("sign_in", 403, "moved:safeguarding:enquiry", 403, 403),
    **{
        f"safeguarding:{name}": row("sign_in", 405, 405, 405, 405)
        for name in (
            "enquiry",
            "open_enquiries",
            "dols_waiting_list",
            "dols_renewals",
            "dols_application",
            "returns",
            "returns_csv",
            "returns_dols_cases",
        )
    },
    "safeguarding:returns_figure": row("sign_in", 405, 405, 405, 405),
    "safeguarding:enquiry_outcome": row("sign_in", 405, 405, 405, 405),
}


def forms(world: World) -> dict[str, dict[str, Any]]:
    return safeguarding_forms(world.extra)
