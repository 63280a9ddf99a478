"""The accessibility check's visits to the needs and carers' assessment pages."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from playwright.sync_api import Page, expect

from tandem.assessments import services as assessment_services
from tandem.assessments.tests.records import adult_answers, unpaid_carer_make
from tandem.core import clock
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


def world(person: Any, staff: dict[str, Any]) -> dict[str, Any]:
    """A draft saved once, a draft with every answer given, and an assessment completed and found eligible."""
    practitioner = staff[P]

    def started() -> Any:
        return assessment_services.assessment_start(
            person=person, started_from="review", requested_on=clock.today() - timedelta(days=30), actor=practitioner
        )

    def answers(achievement: str) -> Any:
        unable = {"a": "unable_without_assistance", "e": "endangers_health_or_safety"}
        return adult_answers(persons_account="I want to stay in my own home", unable=unable, otherwise=achievement)

    draft, ready, completed = started(), started(), started()
    assessment_services.assessment_save(assessment=draft, answers=answers(""), version=1, actor=practitioner)
    assessment_services.assessment_save(assessment=ready, answers=answers("achieves"), version=1, actor=practitioner)
    assessment_services.assessment_save(
        assessment=completed, answers=answers("achieves"), version=1, actor=practitioner
    )
    assessment_services.assessment_complete(assessment=completed, version=2, actor=practitioner)
    carer = unpaid_carer_make(person=person, practitioner=practitioner)

    def carers(joint_with: Any = None) -> Any:
        return assessment_services.carer_assessment_start(
            carer=carer, cared_for=person, requested_on=clock.today(), joint_with=joint_with, actor=practitioner
        )

    carer_draft, carer_completed = carers(draft), carers()
    carer_answers = assessment_services.AssessmentAnswers(
        persons_account="I have not slept properly in months",
        arises_from_impairment_or_illness=None,
        impairment_reason="",
        significant_impact_on_wellbeing=True,
        wellbeing_reason="He has given up his bowls club",
        findings=tuple(
            assessment_services.FindingAnswers(code=code, achievement="achieves")
            for code in assessment_services.CARER_CODES
        ),
        arises_from_providing_care=True,
        care_reason="He helps her wash and dress every day",
        health_at_risk=True,
        health_reason="Back pain from lifting her",
    )
    assessment_services.assessment_save(
        assessment=carer_completed, answers=carer_answers, version=1, actor=practitioner
    )
    assessment_services.assessment_complete(assessment=carer_completed, version=2, actor=practitioner)
    return {
        "draft": draft.uuid,
        "ready": ready.uuid,
        "completed": completed.uuid,
        "carer_draft": carer_draft.uuid,
        "carer_completed": carer_completed.uuid,
    }
