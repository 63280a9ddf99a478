"""A care and support plan through the browser: from the assessment on the summary to an agreed plan
with a personal budget, its sign-off above the threshold, and a review that revises it; and a
trusted care provider's review of its package, signed off by the practitioner."""

import pytest
from playwright.sync_api import Page, expect

from tandem.core import clock
from tandem.directory.models import Service, ServiceStatus
from tandem.directory.search_index import service_terms_refresh
from tandem.support_plans.tests.plan_data import eligible_assessment_make, provider_package_make

pytestmark = pytest.mark.browser


@pytest.fixture
def assessment(transactional_db, person, practitioner):
    club = Service.objects.create(
        name="Hoylake lunch club", description="A hot lunch and company every Tuesday", status=ServiceStatus.ACTIVE
    )
    service_terms_refresh([club.id])
    return eligible_assessment_make(person, practitioner)


def agree_today(page: Page) -> None:
    today = clock.today()
    page.get_by_role("link", name="Record Mary's agreement").click()
    page.get_by_label("Day").first.fill(str(today.day))
    page.get_by_label("Month").first.fill(str(today.month))
    page.get_by_label("Year").first.fill(str(today.year))
    page.get_by_label("Signed the plan").check()
    page.get_by_role("button", name="Record the agreement").click()


def test_a_plan_with_a_personal_budget_is_agreed_signed_off_and_reviewed(
    new_context, practitioner, manager, person, assessment, settings
):
    settings.TANDEM_PLAN_SIGN_OFF_WEEKLY_THRESHOLD = "100"
    page = new_context(practitioner).new_page()
    page.goto(f"/people/{person.uuid}/")
    page.get_by_role("link", name="Care and support plan to write").click()
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Care and support plan, version 1")

    page.get_by_role("button", name="Add an outcome").click()
    page.get_by_label("What does the person want to achieve?").fill("I want to get washed and dressed each morning")
    page.get_by_label("How the person and the people around them will meet it (optional)").fill("Ann helps on Sundays")
    page.get_by_role("button", name="Add the outcome").click()

    page.get_by_role("link", name="Add a commissioned service to outcome 1").click()
    page.get_by_label("Type of service").select_option("home_care")
    page.get_by_label("Provider's name").fill("Wirral Home Care Ltd")
    page.get_by_label("How many a week").fill("7")
    page.get_by_label("Cost of each, in pounds").fill("22.00")
    page.get_by_role("button", name="Add the service").click()
    expect(page.get_by_text("£8,008.00")).to_be_visible()

    page.get_by_role("link", name="Add a community service to outcome 1").click()
    page.get_by_label("Search the community directory").fill("lunch")
    page.get_by_role("button", name="Search the directory").click()
    page.get_by_label("Hoylake lunch club").check()
    page.get_by_role("button", name="Add the service").click()

    page.get_by_role("link", name="Change how the budget is taken and the contingency plan").click()
    page.get_by_label("Direct payment").check()
    page.get_by_label("Contingency plan").fill("If the carers do not come, Ann calls the agency")
    page.get_by_role("button", name="Save").click()

    agree_today(page)
    expect(page.get_by_text("Agreed, waiting for sign-off")).to_be_visible()

    manager_page = new_context(manager).new_page()
    manager_page.goto(page.url)
    manager_page.get_by_role("link", name="Sign off the plan").click()
    manager_page.get_by_role("button", name="Sign off the plan").click()
    expect(manager_page.get_by_text("Signed off", exact=True).first).to_be_visible()

    page.reload()
    page.get_by_role("link", name="Start a review").click()
    page.get_by_role("button", name="Start the review").click()
    page.get_by_label("Partly achieved").check()
    page.get_by_label("In the person's own words").fill("Most days, but the carers come too late")
    page.get_by_label("Services increased").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Complete the review").click()
    page.get_by_role("button", name="Complete the review").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Care and support plan, version 2")
    expect(page.get_by_text("Revised because: Review of")).to_be_visible()


def test_a_care_provider_reviews_its_package_and_the_practitioner_signs_it_off(
    new_context, transactional_db, person, practitioner, care_provider
):
    package = provider_package_make(person, practitioner, care_provider.organisation)
    provider = new_context(care_provider).new_page()
    provider.goto("/account/")
    provider.get_by_role("link", name="Your packages").click()
    expect(provider.get_by_text("Born 12 March 1948")).to_be_visible()
    provider.get_by_role("link", name="Review this package for Mary Smith").click()
    provider.get_by_label("Partly achieved").check()
    provider.get_by_label("How is the support going for the person?").fill("Dressing takes longer on bad days")
    provider.get_by_label("More support").check()
    provider.get_by_label("Why should it change?").fill("Half an hour more each morning")
    provider.get_by_role("button", name="Send the review").click()
    expect(provider.get_by_text("Waiting to be checked")).to_be_visible()

    page = new_context(practitioner).new_page()
    page.goto(f"/support-plans/{package.outcome.plan.uuid}/")
    page.get_by_role("link", name="Wirral Home Care Ltd: home care").click()
    expect(page.get_by_text("Half an hour more each morning")).to_be_visible()
    page.get_by_label("Sign it off and start an unplanned review of the plan").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("Care provider's review checked")).to_be_visible()
    expect(page.get_by_text("Unplanned review: the care provider asked for a review")).to_be_visible()
