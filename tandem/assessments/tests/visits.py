"""The accessibility check's visits to the needs and carers' assessment pages."""

from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page, expect

from tests.journeys.visits import M, P, Visit, press


def assessment_path(key: str, name: str = "") -> Callable[[Any], str]:
    return lambda world: f"/assessments/{world.apps['assessments'][key]}/{name}"


def fluctuates_without_a_period(page: Page, world: Any) -> None:
    page.get_by_label("Needs for outcome (a) fluctuate over time").check()
    press("Save")(page, world)


def save_from_an_older_version(page: Page, world: Any) -> None:
    page.locator("input[name=version]").evaluate("input => input.value = '1'")
    press("Save")(page, world)
    expect(page.get_by_role("heading", name="What changed since you opened the assessment")).to_be_visible()


# Needs assessments: a draft part-answered (saved once, so an older version conflicts), a draft
# ready to complete, and one completed by the practitioner for the manager to authorise; and
# carers' assessments by the person's husband: one joint with that draft, one completed.
VISITS = [
    Visit("assessments:assessment_start", P, lambda w: f"/assessments/start/{w.person.uuid}/"),
    Visit(
        "assessments:assessment_start",
        P,
        lambda w: f"/assessments/start/{w.person.uuid}/",
        press("Start the assessment"),
        "errors",
    ),
    Visit("assessments:assessment", P, assessment_path("draft")),
    Visit("assessments:assessment", P, assessment_path("draft"), fluctuates_without_a_period, "errors"),
    Visit("assessments:assessment", P, assessment_path("draft"), save_from_an_older_version, "conflict"),
    Visit("assessments:assessment", P, assessment_path("completed"), variant="completed"),
    Visit("assessments:assessment_complete", P, assessment_path("draft", "complete/"), variant="gaps"),
    Visit("assessments:assessment_complete", P, assessment_path("ready", "complete/")),
    Visit("assessments:judgement_record", P, assessment_path("completed", "judgement/")),
    Visit(
        "assessments:judgement_record",
        P,
        assessment_path("completed", "judgement/"),
        press("Record the judgement"),
        "errors",
    ),
    Visit("assessments:assessment_authorise", M, assessment_path("completed", "authorise/")),
    Visit("assessments:assessment_history", P, assessment_path("completed", "history/")),
    Visit("assessments:statement", P, assessment_path("completed", "statement/")),
    # Carers' assessments: the start page from the cared-for person's record, a joint draft, a statement.
    Visit("assessments:carer_assessment_start", P, lambda w: f"/assessments/start/{w.person.uuid}/carer/"),
    Visit(
        "assessments:carer_assessment_start",
        P,
        lambda w: f"/assessments/start/{w.person.uuid}/carer/",
        press("Start the carer's assessment"),
        "errors",
    ),
    Visit(
        "assessments:carer_assessment_start",
        P,
        lambda w: f"/assessments/start/{w.duplicate.uuid}/carer/",
        variant="no-carers",
    ),
    Visit("assessments:assessment", P, assessment_path("carer_draft"), variant="carer"),
    Visit("assessments:assessment", P, assessment_path("draft"), variant="joint"),
    Visit("assessments:statement", P, assessment_path("carer_completed", "statement/"), variant="carer"),
]
