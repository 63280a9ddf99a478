"""The Care Act cycle through the browser, end to end: a needs assessment completed through its
pages, the plan that follows it with a personal budget, and the review of that plan."""

import pytest
from playwright.sync_api import Page, expect

from tandem.core import clock

pytestmark = pytest.mark.browser

UNABLE = {"a": "unable_without_assistance", "c": "unable_without_assistance", "e": "endangers_health_or_safety"}


def fill_date(page: Page, day: int, month: int, year: int) -> None:
    page.get_by_label("Day").first.fill(str(day))
    page.get_by_label("Month").first.fill(str(month))
    page.get_by_label("Year").first.fill(str(year))


def test_an_assessment_a_plan_with_a_personal_budget_and_its_review(
    new_context, practitioner, manager, person, settings
):
    settings.TANDEM_PLAN_SIGN_OFF_WEEKLY_THRESHOLD = "1000"  # this plan needs no manager's sign-off
    today = clock.today()
    page = new_context(practitioner).new_page()

    # The assessment, from the person's summary.
    page.goto(f"/people/{person.uuid}/")
    page.get_by_role("link", name="Start a needs assessment").click()
    page.get_by_label("A review, or a change in the person's needs").check()
    fill_date(page, today.day, today.month, today.year)
    page.get_by_role("button", name="Start the assessment").click()

    page.locator("[name=persons_account]").fill("I want to stay at home and get to the shops on my own.")
    for code in "abcdefghij":
        page.locator(f"input[name=outcome_{code}_achievement][value={UNABLE.get(code, 'achieves')}]").check()
    page.locator("[name=outcome_a_in_own_words]").fill("I can't get in the bath any more.")
    page.locator("input[name=arises_from_impairment_or_illness][value=yes]").check()
    page.locator("[name=impairment_reason]").fill("Parkinson's disease")
    page.locator("input[name=significant_impact_on_wellbeing][value=yes]").check()
    page.locator("[name=wellbeing_reason]").fill("She has stopped going out and is losing weight")
    page.get_by_role("button", name="Save and check the determination").click()
    expect(page.get_by_text("The needs meet the eligibility criteria")).to_be_visible()
    page.get_by_role("button", name="Complete the assessment").click()
    expect(page.get_by_text("Completed", exact=False).first).to_be_visible()

    # The plan that follows it, with a personal budget worked out from the commissioned service.
    page.goto(f"/people/{person.uuid}/")
    page.get_by_role("link", name="Care and support plan to write").click()
    page.get_by_role("button", name="Start the plan").click()
    page.get_by_role("button", name="Add an outcome").click()
    page.get_by_label("What does the person want to achieve?").fill("I want to have a bath twice a week")
    page.get_by_role("button", name="Add the outcome").click()
    page.get_by_role("link", name="Add a commissioned service to outcome 1").click()
    page.get_by_label("Type of service").select_option("home_care")
    page.locator("[name=provider_name]").fill("Wirral Home Care Ltd")
    page.get_by_label("How many a week").fill("3.5")
    page.get_by_label("Cost of each, in pounds").fill("24.50")
    page.get_by_role("button", name="Add the service").click()
    expect(page.get_by_text("£85.75").first).to_be_visible()  # 3.5 hours a week at £24.50
    expect(page.get_by_text("£4,459.00").first).to_be_visible()  # and 52 weeks of it
    page.get_by_role("link", name="Change how the budget is taken and the contingency plan").click()
    page.get_by_label("Managed by the council").check()
    page.get_by_label("Contingency plan").fill("If the carers cannot come, her son visits")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name=f"Record {person.given_name}'s agreement").click()
    fill_date(page, today.day, today.month, today.year)
    page.get_by_label("Signed the plan").check()
    page.get_by_role("button", name="Record the agreement").click()

    # The review: the outcome partly achieved in her words, and the plan revised.
    page.get_by_role("link", name="Start a review").click()
    page.get_by_role("button", name="Start the review").click()
    page.get_by_label("Partly achieved").check()
    page.get_by_label("In the person's own words").fill("Twice a week, but I would like a shower chair")
    page.get_by_label("Services increased").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Complete the review").click()
    page.get_by_role("button", name="Complete the review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Care and support plan, version 2")

    # Everything is on the person's timeline.
    page.goto(f"/people/{person.uuid}/")
    expect(page.get_by_text("Needs assessment completed").first).to_be_visible()
