"""The accessibility check's visits to the safeguarding and DoLS pages."""

from collections.abc import Callable
from typing import Any

from tandem.safeguarding.tests.page_data import safeguarding_page_path
from tests.journeys.visits import M, P, Visit, fill_then_submit, submit

# Downloads of the returns, not pages (the returns page itself is checked).
DOWNLOADS = {"safeguarding:returns_csv", "safeguarding:returns_dols_cases"}


def safeguarding_path(name: str, query: str = "") -> Callable[[Any], str]:
    return lambda world: safeguarding_page_path(world.apps["safeguarding"], name, query)


def safeguarding_visits(name: str, who: str, button: str | None, query: str = "") -> list[Visit]:
    shown = Visit(f"safeguarding:{name}", who, safeguarding_path(name, query))
    if button is None:
        return [shown]
    return [shown, Visit(f"safeguarding:{name}", who, safeguarding_path(name, query), submit(button), "errors")]


def _person_query(world: Any) -> str:
    return f"?person={world.person.uuid}"


# Safeguarding: a concern awaiting triage, an open Section 42 enquiry with an action, and an
# urgent DoLS application waiting, all held by a safeguarding unit the practitioner and manager are in.
VISITS = [
    *safeguarding_visits("triage_queue", P, None),
    Visit("safeguarding:triage_queue", P, safeguarding_path("triage_queue", "?team=nowhere"), variant="errors"),
    *safeguarding_visits("open_enquiries", P, None),
    Visit("safeguarding:open_enquiries", M, safeguarding_path("open_enquiries", "?sort=stage"), variant="by-stage"),
    *safeguarding_visits("concern_new", P, None),
    Visit("safeguarding:concern_new", P, safeguarding_path("concern_new", "?q=Mary+Smith"), variant="results"),
    Visit(
        "safeguarding:concern_new",
        P,
        lambda w: safeguarding_page_path(w.apps["safeguarding"], "concern_new", _person_query(w)),
        variant="form",
    ),
    Visit(
        "safeguarding:concern_new",
        P,
        lambda w: safeguarding_page_path(w.apps["safeguarding"], "concern_new", _person_query(w)),
        submit("Raise the concern"),
        "form-errors",
    ),
    *safeguarding_visits("concern", P, "Record the decision"),
    Visit("safeguarding:concern_edit", P, safeguarding_path("concern_edit")),
    Visit(
        "safeguarding:concern_edit",
        P,
        safeguarding_path("concern_edit"),
        fill_then_submit("The concern", "", "Save"),
        "errors",
    ),
    *safeguarding_visits("concern_warning", P, "Add warning"),
    *safeguarding_visits("enquiry", P, None),
    *safeguarding_visits("enquiry_lead", P, None),
    Visit("safeguarding:enquiry_outcomes", P, safeguarding_path("enquiry_outcomes")),
    Visit(
        "safeguarding:enquiry_outcomes",
        P,
        safeguarding_path("enquiry_outcomes"),
        fill_then_submit("The outcomes they want, in their own words", "", "Save"),
        "errors",
    ),
    *safeguarding_visits("meeting_record", P, "Record the meeting"),
    *safeguarding_visits("action_add", P, "Add the action"),
    *safeguarding_visits("action_done", P, None),
    *safeguarding_visits("contribution_add", P, "Add the contribution"),
    *safeguarding_visits("plan_record", P, "Save the plan"),
    *safeguarding_visits("enquiry_conclude", P, "Conclude the enquiry"),
    *safeguarding_visits("enquiry_outcome", P, None),
    *safeguarding_visits("enquiry_sign_off", M, None),
    *safeguarding_visits("dols_waiting_list", P, None),
    *safeguarding_visits("dols_renewals", P, None),
    *safeguarding_visits("dols_receive", P, None),
    Visit(
        "safeguarding:dols_receive",
        P,
        lambda w: safeguarding_page_path(w.apps["safeguarding"], "dols_receive", _person_query(w)),
        submit("Log the application"),
        "form-errors",
    ),
    *safeguarding_visits("dols_application", P, None),
    *safeguarding_visits("dols_extend", P, "Extend by 7 days"),
    *safeguarding_visits("dols_priority", P, "Change the priority"),
    *safeguarding_visits("dols_allocate", M, "Allocate"),
    *safeguarding_visits("dols_decide", P, "Record the decision"),
    *safeguarding_visits("returns", M, None),
    Visit("safeguarding:returns_figure", M, safeguarding_path("returns_figure", "?cell=SG1d%7CAll%7CConcerns")),
]
