"""Who may use the front door's pages, and the public "ask for help" journey."""

from datetime import timedelta
from typing import Any

from tandem.core import clock
from tests.authorisation.matrix import World, row

GET = {
    # The front door: staff who record contacts (not system administrators, who never see people).
    "front_door:queue": row("sign_in", 200, 200, 200, 403),
    "front_door:contact_new": row("sign_in", 200, 200, 200, 403),
    "front_door:contact": row("sign_in", 200, 200, 200, 403),
    # The world's contact is already about a person: back to the contact.
    "front_door:contact_link_person": row(
        "sign_in", "moved:front_door:contact", "moved:front_door:contact", "moved:front_door:contact", 403
    ),
    "front_door:conversation_add": row("sign_in", 200, 200, 200, 403),
    "front_door:outcome_add": row("sign_in", 200, 200, 200, 403),
    "front_door:signpost": row("sign_in", 200, 200, 200, 403),
    "front_door:signposting_remove": row("sign_in", 405, 405, 405, 405),
    "front_door:services_list": row("sign_in", 200, 200, 200, 403),
    "front_door:follow_up_add": row("sign_in", 200, 200, 200, 403),
    "front_door:follow_up_done": row("sign_in", 200, 200, 200, 403),
    "front_door:allocate": row("sign_in", 200, 200, 200, 403),
    "front_door:close": row("sign_in", 200, 200, 200, 403),
    # Front-door figures, and the contacts behind each: team managers only.
    "front_door:figures": row("sign_in", 403, 200, 403, 403),
    "front_door:figures_contacts": row("sign_in", 403, 200, 403, 403),
    # The public "ask for help" journey: no sign-in, the same for everyone. A fresh session has
    # no answers, so a later question sends the visitor to the first one, and the confirmation
    # (nothing sent yet) back to the start page.
    "front_door:ask_start": row(200, 200, 200, 200, 200),
    "front_door:ask_who": row(200, 200, 200, 200, 200),
    **{
        f"front_door:ask_{name}": row(*["moved:front_door:ask_who"] * 5)
        for name in ("helper", "about", "matters", "hard", "help", "money", "self_assessment", "contact", "check")
    },
    "front_door:ask_done": row(*["moved:front_door:ask_start"] * 5),
    "front_door:ask_privacy": row(200, 200, 200, 200, 200),
}

POST = {
    "front_door:queue": row("sign_in", 405, 405, 405, 405),
    # The person is chosen first (?person=...): a bare POST has nothing to record.
    "front_door:contact_new": row("sign_in", 405, 405, 405, 403),
    "front_door:contact": row("sign_in", 405, 405, 405, 405),
    "front_door:contact_link_person": row(
        "sign_in", "moved:front_door:contact", "moved:front_door:contact", "moved:front_door:contact", 403
    ),
    "front_door:conversation_add": row(
        "sign_in", "saved:front_door:contact", "saved:front_door:contact", "saved:front_door:contact", 403
    ),
    "front_door:outcome_add": row(
        "sign_in", "saved:front_door:contact", "saved:front_door:contact", "saved:front_door:contact", 403
    ),
    "front_door:signpost": row(
        "sign_in", "saved:front_door:signpost", "saved:front_door:signpost", "saved:front_door:signpost", 403
    ),
    "front_door:signposting_remove": row(
        "sign_in", "saved:front_door:signpost", "saved:front_door:signpost", "saved:front_door:signpost", 403
    ),
    "front_door:services_list": row(
        "sign_in",
        "saved:front_door:services_list",
        "saved:front_door:services_list",
        "saved:front_door:services_list",
        403,
    ),
    "front_door:follow_up_add": row(
        "sign_in", "saved:front_door:contact", "saved:front_door:contact", "saved:front_door:contact", 403
    ),
    "front_door:follow_up_done": row(
        "sign_in", "saved:front_door:contact", "saved:front_door:contact", "saved:front_door:contact", 403
    ),
    # Managers allocate to anyone in the team; others may only take a contact themselves, so
    # business support naming the practitioner is refused by the form.
    "front_door:allocate": row("sign_in", "saved:front_door:contact", "saved:front_door:contact", 400, 403),
    # The contact has no outcome yet, so it cannot be closed: the form says why.
    "front_door:close": row("sign_in", 400, 400, 400, 403),
    # The figures are read-only.
    "front_door:figures": row("sign_in", 405, 405, 405, 405),
    "front_door:figures_contacts": row("sign_in", 405, 405, 405, 405),
    # The public journey, posted with an empty body: the first question answers 400 (nothing
    # chosen); a later question, and sending, go back to the first question (no earlier answers);
    # nothing is ever written to the database before sending. Start, confirmation and privacy
    # notice are read-only.
    "front_door:ask_start": row(405, 405, 405, 405, 405),
    "front_door:ask_who": row(400, 400, 400, 400, 400),
    **{
        f"front_door:ask_{name}": row(*["moved:front_door:ask_who"] * 5)
        for name in ("helper", "about", "matters", "hard", "help", "money", "self_assessment", "contact", "check")
    },
    "front_door:ask_done": row(405, 405, 405, 405, 405),
    "front_door:ask_privacy": row(405, 405, 405, 405, 405),
}


def forms(world: World) -> dict[str, dict[str, Any]]:
    """A POST body each page of the world's contact accepts."""
    today = clock.today()
    later = today + timedelta(days=30)
    return {
        "front_door:conversation_add": {"conversation_type": "1", "what_matters": "Seeing my grandchildren"},
        "front_door:outcome_add": {"kinds": ["advice"], "version": "1"},
        "front_door:signpost": {"services": [world.extra.get("befriending_id", "")]},
        "front_door:services_list": {"email": "ann@example.com"},
        "front_door:follow_up_add": {
            "due_on-day": later.day,
            "due_on-month": later.month,
            "due_on-year": later.year,
        },
        "front_door:follow_up_done": {"what_happened": "Alarm fitted; she feels safer"},
        "front_door:allocate": {"worker": world.extra.get("practitioner_uuid", "")},
        "front_door:close": {"version": "1"},
    }
