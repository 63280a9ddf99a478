"""A referral through the hospital discharge hub in the browser: referred by the ward, delayed for
a package of care on the board, the package sought, offered, accepted and put into the person's
care and support plan without retyping, then the discharge home with reablement."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tandem.core import clock
from tandem.support_plans import services as plan_services
from tandem.support_plans.tests.plan_data import eligible_assessment_make

pytestmark = pytest.mark.browser


def fill_date(page: Page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


@pytest.fixture
def draft_plan(transactional_db, person, practitioner):
    return plan_services.plan_start(assessment=eligible_assessment_make(person, practitioner), actor=practitioner)


def test_a_referral_goes_through_the_hub_to_discharge(
    new_context, practitioner, person, draft_plan, care_provider_organisation
):
    today = clock.today()
    page = new_context(practitioner).new_page()
    page.goto("/prevention/discharge/")
    expect(page.get_by_text("No one is on the board.")).to_be_visible()

    page.get_by_role("link", name="Refer someone to the hub").click()
    page.get_by_label("Who is the referral about?").fill("Mary Smith")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Mary Smith").first.click()
    page.get_by_label("Hospital").fill("Arrowe Park Hospital")
    page.get_by_label("Ward", exact=True).fill("Ward 23")
    fill_date(page, "Date of admission", today - timedelta(days=9))
    fill_date(page, "Date they no longer met the criteria to reside", today - timedelta(days=3))
    page.get_by_label("Pathway 1: home with support or reablement").check()
    page.get_by_label("What matters to them").fill("I want to be back in my own home with my cat")
    page.get_by_label("Their carer's view").fill("Her daughter visits every evening")
    page.get_by_role("button", name="Refer to the hub").click()
    expect(page.get_by_text("3 days since")).to_be_visible()

    page.get_by_role("link", name="Update the board").click()
    page.get_by_label("Awaiting a package of care").check()
    page.get_by_label("Next action", exact=True).fill("Find home care for two calls a day")
    page.get_by_label("Who owns the next action").select_option(label=practitioner.get_full_name())
    page.get_by_role("button", name="Save").click()
    board = page.get_by_role("region", name="People on the board")
    expect(board.get_by_text("Awaiting a package of care")).to_be_visible()
    expect(board.get_by_text("Find home care for two calls a day")).to_be_visible()

    page.get_by_role("link", name="SMITH, Mary").click()
    page.get_by_role("link", name="Seek a package or a bed").click()
    page.get_by_label("What is needed").select_option("home_care")
    page.get_by_label("How many a week").fill("14")
    page.get_by_label("Hours", exact=True).check()
    fill_date(page, "Needed from", today)
    page.get_by_role("button", name="Seek from care providers").click()

    page.get_by_role("link", name="Record an offer").click()
    page.get_by_label("Care provider").select_option(label=care_provider_organisation.name)
    fill_date(page, "Can start on", today)
    page.get_by_label("Cost of each, in pounds").fill("24.50")
    page.get_by_role("button", name="Record the offer").click()
    page.get_by_role("button", name=f"Accept the offer from {care_provider_organisation.name}").click()
    expect(page.get_by_text("Accepted", exact=True)).to_be_visible()

    page.get_by_role("link", name="Add it to the care and support plan").click()
    page.get_by_label("under a new outcome", exact=False).check()
    page.get_by_role("button", name="Add to the plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Care and support plan, version 1")
    expect(page.get_by_text("I want to be back in my own home with my cat").first).to_be_visible()
    expect(page.get_by_text(care_provider_organisation.name).first).to_be_visible()

    page.goto("/prevention/discharge/")
    page.get_by_role("link", name="SMITH, Mary").click()
    page.get_by_role("link", name="Record the discharge").click()
    fill_date(page, "Date of discharge", today)
    page.get_by_label("Home, with reablement").check()
    page.get_by_label("Pathway 1: home with support or reablement").check()
    fill_date(page, "Reablement started on", today)
    page.get_by_role("button", name="Record the discharge").click()
    expect(page.get_by_text("Mary Smith discharged")).to_be_visible()
    expect(page.get_by_text("No emergency admission received from health")).to_be_visible()

    page.goto("/prevention/discharge/")
    expect(page.get_by_text("No one is on the board.")).to_be_visible()
