"""An online "ask for help" request, as the front door turns it into a person's record and a contact
about them: read in plain words, the record created from the answers (with the duplicate check),
the contact linked, and the services the form suggested kept on it."""

from datetime import date

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tandem.directory.models import Service, ServiceStatus
from tandem.directory.search_index import service_terms_refresh
from tandem.front_door import services
from tandem.front_door.tests.public_answers import referral
from tandem.identity.models import Membership, Team, TeamKind
from tandem.people.models import Person
from tests.conftest import person_make

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


@pytest.fixture
def front_door(practitioner, organisation) -> Team:
    team = Team.objects.create(name="Wirral front door", kind=TeamKind.FRONT_DOOR, organisation=organisation)
    Membership.objects.create(user=practitioner, team=team)
    return team


@pytest.fixture
def lunch_club(transactional_db) -> Service:
    club = Service.objects.create(
        name="Hoylake Lunch Club", description="Hot meals in good company every Thursday.", status=ServiceStatus.ACTIVE
    )
    service_terms_refresh([club.id])
    return club


def test_an_online_request_becomes_a_person_and_a_contact_about_them(new_context, practitioner, front_door, lunch_club):
    # Someone with her surname and date of birth already has a record: the check shows them.
    namesake = person_make(given_name="Maggie", family_name="Okafor", date_of_birth=date(1948, 3, 12))
    online = services.self_referral_submit(
        referral=referral(
            date_of_birth=date(1948, 3, 12), what_matters="Going to the lunch club on Thursdays", postcode="ch415lh"
        ),
        suggested=[(str(lunch_club.pk), lunch_club.name)],
    )
    page = new_context(practitioner).new_page()

    page.goto(f"/front-door/contacts/{online.uuid}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Not yet linked to a person")
    expect(page.get_by_text(f"Contact {online.reference}", exact=True)).to_be_visible()
    expect(page.get_by_text("Do they pay for their own care, or expect to?")).to_be_visible()
    expect(page.get_by_text("Hard outcomes")).to_have_count(0)
    expect(page.locator("li", has_text="Hoylake Lunch Club")).to_be_visible()

    page.get_by_role("link", name="Find their record or create one from their answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Link the contact to a person")
    expect(page.get_by_label("Who is the contact about?")).to_have_value("Margaret Okafor 12/03/1948")
    expect(page.get_by_role("status")).to_have_text("No one matches your search")

    page.get_by_role("link", name="Create a new person record from their answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a person record")
    expect(page.get_by_label("First name")).to_have_value("Margaret")
    expect(page.get_by_label("Last name")).to_have_value("Okafor")
    expect(page.get_by_label("Postcode")).to_have_value("CH41 5LH")
    born = page.get_by_role("group", name="Date of birth")
    expect(born.get_by_label("Year")).to_have_value("1948")
    page.get_by_label("Female", exact=True).check()
    page.get_by_role("button", name="Create record").click()

    # The duplicate check: Maggie Okafor, born the same day, is offered before a new record is made.
    expect(page.get_by_text("This person may already have a record")).to_be_visible()
    expect(page.get_by_role("table", name="Possible matches")).to_contain_text("OKAFOR, Maggie")
    assert Person.objects.filter(family_name="Okafor").count() == 1
    page.get_by_role("button", name="None of these: create a new record").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Link the contact to a person")
    made = Person.objects.exclude(pk=namesake.pk).get(family_name="Okafor")
    assert made.date_of_birth == date(1948, 3, 12)
    page.get_by_role("button", name="Link to OKAFOR, Margaret").click()

    expect(page.get_by_role("alert", name="Success")).to_contain_text("Contact linked to Margaret Okafor")
    expect(page.locator(".govuk-summary-list__row").filter(has_text="Person")).to_contain_text("Margaret Okafor")
    online.refresh_from_db()
    assert online.person == made
    assert online.submission["suggested_services"] == [{"id": str(lunch_club.pk), "name": "Hoylake Lunch Club"}]
