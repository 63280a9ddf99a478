"""What practitioners and managers do most, through the browser as they would."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tandem.core import clock

pytestmark = pytest.mark.browser


def test_find_a_person_by_a_misspelt_name_and_see_their_warning(page, practitioner, password, person, warning):
    page.goto("/")
    page.get_by_label("Username").fill("practitioner")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()  # where staff land
    page.get_by_role("link", name="People", exact=True).click()

    page.get_by_label("Name, date of birth, NHS number or postcode").fill("Mary Smtih")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text("1 person matches.")
    page.get_by_role("link", name="SMITH, Mary").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mary Smith")
    expect(page.get_by_role("region", name="1 active hazard warning")).to_contain_text(
        "Animals: Two large dogs: ask for them to be shut away before visiting"
    )


def test_add_a_hazard_warning_and_see_it_on_every_page_of_the_record(new_context, practitioner, person):
    page = new_context(practitioner).new_page()
    today = clock.today()
    review = today + timedelta(days=28)
    page.goto(f"/people/{person.uuid}/")

    page.get_by_role("button", name="Add a warning").click()
    page.get_by_label("Violence or aggression").check()
    page.get_by_label("What staff need to know").fill("Shouts at visitors: visit in pairs")
    starts = page.get_by_role("group", name="Start date")
    expect(starts.get_by_label("Day")).to_have_value(str(today.day))
    reviews = page.get_by_role("group", name="Review date")
    reviews.get_by_label("Day").fill(str(review.day))
    reviews.get_by_label("Month").fill(str(review.month))
    reviews.get_by_label("Year").fill(str(review.year))
    page.get_by_role("button", name="Add warning").click()

    expect(page).to_have_url(re.compile(f"/people/{person.uuid}/$"))
    banner = page.get_by_role("region", name="1 active hazard warning")
    expect(banner).to_contain_text("Violence or aggression: Shouts at visitors: visit in pairs")
    page.get_by_role("link", name="Change personal details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change personal details")
    expect(page.get_by_role("region", name="1 active hazard warning")).to_contain_text(
        "Violence or aggression: Shouts at visitors: visit in pairs"
    )


def test_break_the_glass_on_a_restricted_record_and_a_manager_sees_it(
    new_context, outsider, manager, restricted_person
):
    page = new_context(outsider).new_page()
    page.goto(f"/people/{restricted_person.uuid}/")

    expect(page.get_by_role("heading", level=1)).to_have_text("This record is restricted")
    page.get_by_label("Why do you need to open this record?").fill("Hospital discharge planning today")
    page.get_by_role("button", name="Open the record").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Rowan Trelawney")
    expect(page.get_by_role("region", name="Person")).to_contain_text("Restricted record")

    review = new_context(manager).new_page()
    review.goto("/access/break-glass/")
    row = review.get_by_role("row").filter(has_text="Hospital discharge planning today")
    expect(row).to_contain_text("Olu Bakare")
    expect(row.get_by_role("link", name="Rowan Trelawney")).to_have_attribute(
        "href", f"/people/{restricted_person.uuid}/"
    )
