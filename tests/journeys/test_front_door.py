"""The front door through the browser: a call comes in, a conversation, services suggested, done."""

import re

import pytest
from playwright.sync_api import expect

from tandem.directory.models import Service, ServiceStatus
from tandem.directory.search_index import service_terms_refresh
from tandem.front_door.models import Contact

pytestmark = pytest.mark.browser


@pytest.fixture
def lunch_club(transactional_db):
    club = Service.objects.create(
        name="Hoylake lunch club",
        description="A hot two-course lunch and good company every Tuesday",
        status=ServiceStatus.ACTIVE,
    )
    service_terms_refresh([club.id])
    return club


def test_record_a_contact_have_the_conversation_and_signpost(
    new_context, practitioner, person, front_door_team, lunch_club
):
    page = new_context(practitioner).new_page()
    page.goto("/front-door/")
    page.get_by_role("button", name="Record a contact").click()

    page.get_by_label("Who is the contact about?").fill("Mary Smith")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Select SMITH, Mary").click()

    page.get_by_label("Family member or friend").check()
    page.get_by_label("Their name or organisation").fill("Ann Smith")
    page.get_by_label("Reason for contact").fill("Mum is lonely since Dad died and has stopped eating properly")
    page.get_by_role("button", name="Record contact").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mary Smith")
    reference = Contact.objects.get().reference
    expect(page.get_by_text(f"Contact {reference}", exact=True)).to_be_visible()

    page.get_by_role("link", name="Record a conversation").click()
    page.get_by_label("What matters to the person?").fill("Company at mealtimes, and getting out of the house")
    page.get_by_label("Who is around to help?").fill("Ann visits on Sundays")
    page.get_by_role("button", name="Save conversation").click()

    page.get_by_role("link", name="Search the directory and add services").click()
    page.get_by_label("Search the directory").fill("lunch clubs")
    # The person's postcode is offered for distance; browser tests run on a flushed database
    # without the postcode table, so search without it here.
    page.get_by_label("Near postcode (optional)").fill("")
    page.get_by_role("button", name="Search the directory").click()
    page.get_by_label("Hoylake lunch club").check()
    page.get_by_role("button", name="Add to the person's list").click()
    expect(page.get_by_role("heading", name="On the list")).to_be_visible()
    page.get_by_role("link", name="Print or email the list").click()
    expect(page.get_by_role("heading", level=2, name="Hoylake lunch club")).to_be_visible()
    page.get_by_label("Email address").fill("ann@example.com")
    page.get_by_role("button", name="Send the list").click()
    expect(page.get_by_text("The list of services has been sent")).to_be_visible()

    page.get_by_role("link", name=re.compile("Back to contact")).click()
    page.get_by_role("link", name="Record the outcome").click()
    page.get_by_label("Signposted to community services").check()
    page.get_by_label("Information and advice given").check()
    # The contact stays open unless asked to close it.
    page.get_by_label("Close the contact now").check()
    page.get_by_role("button", name="Save outcome").click()
    expect(page.get_by_text("Closed", exact=True)).to_be_visible()

    page.get_by_role("link", name="Mary Smith").first.click()
    expect(page.get_by_text("Signposted to Hoylake lunch club")).to_be_visible()
