"""The accessibility check's visits to the pages of care and support plans, reviews and the care provider view."""

from collections.abc import Callable
from typing import Any

from playwright.sync_api import Page, expect

from tandem.identity.permissions import Role
from tandem.support_plans.tests.plan_data import plan_page_path
from tests.journeys.visits import M, P, Visit, fill_then_submit, submit

# Taking a community service off a plan only takes a POST.
POST_ONLY = {"support_plans:community_remove"}
# A download, not a page: the same document is checked as HTML (support_plans:plan_document).
DOWNLOADS = {"support_plans:plan_document_pdf"}


def plan_path(kind: str, page: str) -> Callable[[Any], str]:
    return lambda world: plan_page_path(world.person, kind, page)


def save_from_an_older_plan(page: Page, world: Any) -> None:
    page.locator("input[name=version]").evaluate("input => input.value = '1'")
    submit("Save")(page, world)
    expect(page.get_by_role("heading", name="What changed since you opened this page")).to_be_visible()


def unplanned_without_a_reason(page: Page, world: Any) -> None:
    page.get_by_label("Unplanned review", exact=True).check()
    submit("Start the review")(page, world)


# Care and support plans: a draft ready to agree, one agreed above the sign-off threshold and
# waiting for a manager, and an eligible assessment with no plan yet.
VISITS = [
    Visit("support_plans:plan_start", P, plan_path("assessment", "plan_start")),
    Visit("support_plans:plan", P, plan_path("draft", "plan")),
    Visit("support_plans:plan", P, plan_path("agreed", "plan"), variant="agreed"),
    Visit("support_plans:plan_edit", P, plan_path("draft", "plan_edit")),
    Visit("support_plans:plan_edit", P, plan_path("draft", "plan_edit"), save_from_an_older_plan, "conflict"),
    Visit("support_plans:outcome_add", P, plan_path("draft", "outcome_add")),
    Visit("support_plans:outcome_add", P, plan_path("draft", "outcome_add"), submit("Add the outcome"), "errors"),
    Visit("support_plans:outcome_edit", P, plan_path("draft", "outcome_edit")),
    Visit(
        "support_plans:outcome_edit",
        P,
        plan_path("draft", "outcome_edit"),
        fill_then_submit("What does the person want to achieve?", "", "Save the outcome"),
        "errors",
    ),
    Visit("support_plans:outcome_remove", P, plan_path("draft", "outcome_remove")),
    Visit("support_plans:community_add", P, plan_path("draft", "community_add")),
    Visit("support_plans:community_add", P, plan_path("draft", "community_add?keywords=walking"), variant="results"),
    Visit(
        "support_plans:community_add",
        P,
        plan_path("draft", "community_add"),
        submit("Search the directory"),
        "errors",
    ),
    Visit("support_plans:commissioned_add", P, plan_path("draft", "commissioned_add")),
    Visit(
        "support_plans:commissioned_add", P, plan_path("draft", "commissioned_add"), submit("Add the service"), "errors"
    ),
    Visit("support_plans:commissioned_edit", P, plan_path("draft", "commissioned_edit")),
    Visit(
        "support_plans:commissioned_edit",
        P,
        plan_path("draft", "commissioned_edit"),
        fill_then_submit("Cost of each, in pounds", "lots", "Save the service"),
        "errors",
    ),
    Visit("support_plans:commissioned_remove", P, plan_path("draft", "commissioned_remove")),
    Visit("support_plans:plan_complete", P, plan_path("draft", "plan_complete")),
    Visit(
        "support_plans:plan_complete", P, plan_path("draft", "plan_complete"), submit("Record the agreement"), "errors"
    ),
    Visit("support_plans:plan_copy", P, plan_path("agreed", "plan_copy")),
    Visit("support_plans:plan_copy", P, plan_path("agreed", "plan_copy"), submit("Record the copy"), "errors"),
    Visit("support_plans:plan_sign_off", M, plan_path("agreed", "plan_sign_off")),
    Visit("support_plans:plan_revise", P, plan_path("agreed", "plan_revise")),
    Visit("support_plans:plan_revise", P, plan_path("agreed", "plan_revise"), submit("Start a new version"), "errors"),
    Visit("support_plans:plan_versions", P, plan_path("draft", "plan_versions")),
    Visit("support_plans:plan_document", P, plan_path("draft", "plan_document")),
    Visit("support_plans:review_start", P, plan_path("in_force", "review_start")),
    Visit("support_plans:review_start", P, plan_path("in_force", "review_start"), unplanned_without_a_reason, "errors"),
    Visit("support_plans:review", P, plan_path("review", "review")),
    Visit("support_plans:review", P, plan_path("review", "review"), save_from_an_older_plan, "conflict"),
    Visit("support_plans:review", P, plan_path("review", "review_view"), variant="completed"),
    Visit("support_plans:review_complete", P, plan_path("review", "review_complete")),
    Visit("support_plans:reviews_due", P, plan_path("due", "")),
    Visit("support_plans:reviews_due", P, plan_path("due", "?show=overdue&practitioner=nobody"), variant="errors"),
    # The trusted care provider view, as the provider's staff see it, and the practitioner's check.
    Visit("support_plans:reviews_due", P, plan_path("provider", "reviews_due"), variant="provider-reviews"),
    Visit("support_plans:provider_packages", Role.CARE_PROVIDER, plan_path("provider", "provider_packages")),
    Visit("support_plans:provider_review_submit", Role.CARE_PROVIDER, plan_path("provider", "provider_review_submit")),
    Visit(
        "support_plans:provider_review_submit",
        Role.CARE_PROVIDER,
        plan_path("provider", "provider_review_submit"),
        submit("Send the review"),
        "errors",
    ),
    Visit("support_plans:provider_review_check", P, plan_path("provider", "provider_review_check")),
    Visit(
        "support_plans:provider_review_check",
        P,
        plan_path("provider", "provider_review_check"),
        submit("Save the decision"),
        "errors",
    ),
    Visit("support_plans:provider_review_check", P, plan_path("provider", "provider_review_checked"), variant="done"),
]
