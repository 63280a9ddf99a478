"""Working the proactive worklist through the browser: a practitioner in a neighbourhood team finds
someone not known to social care at risk after falls and an emergency admission, reads why, records
a referral to falls prevention, and the person leaves the list with the outreach on their score page."""

import pytest
from playwright.sync_api import expect

from tandem.people.models import Neighbourhood
from tandem.prevention.codes import EventKind
from tandem.prevention.risk import services
from tandem.prevention.tests.risk_data import adult_make, event_make

pytestmark = pytest.mark.browser


@pytest.fixture
def at_risk(team):
    hood = Neighbourhood.objects.create(name="Prenton")
    team.neighbourhood = "Prenton"
    team.save()
    person = adult_make(given_name="Edith", family_name="Quayle", neighbourhood=hood)
    event_make(person, EventKind.FALL, 12)
    event_make(person, EventKind.FALL, 40)
    event_make(person, EventKind.EMERGENCY_ADMISSION, 20)
    services.scores_refresh()
    return person


def test_a_practitioner_works_the_list_and_records_a_referral(new_context, practitioner, at_risk, team):
    page = new_context(practitioner).new_page()
    page.goto("/people/")
    page.locator("summary", has_text="More").click()  # the navigation's sixth link onwards
    page.get_by_role("link", name="Prevention").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Proactive worklist")
    row = page.get_by_role("row").filter(has_text="Edith Quayle")
    expect(row).to_contain_text("Severe")
    expect(row).to_contain_text("Admitted as an emergency on")
    expect(row).to_contain_text("Not known to social care")
    expect(row).to_contain_text("Falls prevention from the directory")
    row.get_by_role("link", name="Edith Quayle").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Risk score")
    page.get_by_role("link", name="Record outreach").click()
    page.get_by_label("Falls prevention from the directory", exact=True).check()
    page.get_by_label("Referred", exact=True).check()
    page.get_by_role("button", name="Save outreach").click()
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_contain_text(
        "Say who they were referred to"
    )
    page.get_by_label("Referred to (a service in the directory, a team or a professional)").fill("Steady Steps")
    page.get_by_role("button", name="Save outreach").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Risk score")
    expect(page.get_by_role("row").filter(has_text="Steady Steps")).to_contain_text("Referred")
    page.goto("/prevention/risk/worklist/")
    expect(page.get_by_text("is at risk and not yet reached")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Referred")).to_contain_text("1")
