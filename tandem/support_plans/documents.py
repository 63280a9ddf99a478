"""The care and support plan as a document (Care Act 2014 s25(9): the person is given a copy):
what it shows, for the staff page and PDF and for a partner system's copy (the FHIR API)."""

from typing import Any

from tandem.core.documents import document_html, document_pdf
from tandem.support_plans import budget, presenters, selectors
from tandem.support_plans.models import SupportPlan

TEMPLATE = "support_plans/plan_document.html"


def plan_document_context(plan: SupportPlan) -> dict[str, Any]:
    outcomes = selectors.outcomes_of(plan=plan)
    return {
        "plan": plan,
        "person": plan.person,
        "outcomes": [(o, presenters.commissioned_rows(o)) for o in outcomes],
        "budget": presenters.budget_shown(plan, selectors.budget_of_outcomes(outcomes)),
        "status": presenters.status_text(plan),
        "agreement_rows": presenters.agreement_rows(plan),
        "weeks": budget.WEEKS_A_YEAR,
    }


def plan_document_title(plan: SupportPlan) -> str:
    return f"Care and support plan for {plan.person.full_name}, version {plan.number}"


def plan_pdf(plan: SupportPlan) -> bytes:
    """The plan as the PDF the person is given (a partner system's copy is the same document)."""
    context = {**plan_document_context(plan), "document_title": plan_document_title(plan), "as_pdf": True}
    return document_pdf(document_html(TEMPLATE, context))
