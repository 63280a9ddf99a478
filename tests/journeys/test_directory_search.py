"""Someone looking for help finds a community service without signing in, on a phone-sized screen."""

from datetime import time

import pytest
from playwright.sync_api import expect

from tandem.directory.tests.search_world import WALLASEY, WEST_KIRBY, centroids_make, service_make

pytestmark = pytest.mark.browser


def test_search_with_a_misspelling_near_a_postcode_and_open_a_service(new_context):
    centroids_make()
    service_make(
        "Memory Lane Dementia Café",
        description="Music, reminiscence and tea.",
        categories=("dementia",),
        postcode=WEST_KIRBY,
        city="West Kirby",
    )
    service_make(
        "Liscard Dementia Café",
        description="A friendly café for people living with dementia and the people who care for them.",
        categories=("dementia",),
        postcode=WALLASEY,
        address="Liscard Methodist Church",
        city="Wallasey",
        phone="0151 555 0123",
        schedules=(("TH", time(10), time(12)),),
    )
    service_make("Hoylake Lunch Club", categories=("lunch-clubs",), postcode=WEST_KIRBY)
    page = new_context().new_page()
    page.set_viewport_size({"width": 375, "height": 740})

    page.goto("/directory/")
    page.get_by_label("What are you looking for?").fill("dementa cafes")
    page.get_by_label("Postcode").fill("ch41 5lh")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_text("Showing results for dementia cafes")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("2 services found near CH41 5LH")
    results = page.locator(".tandem-directory-results > li")
    expect(results).to_have_count(2)
    expect(results.nth(0)).to_contain_text("Liscard Dementia Café")
    expect(results.nth(0)).to_contain_text("2.3 miles away")
    expect(results.nth(1)).to_contain_text("Memory Lane Dementia Café")
    expect(results.nth(1)).to_contain_text("7.4 miles away")

    page.get_by_role("link", name="Liscard Dementia Café").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Liscard Dementia Café")
    expect(page.get_by_role("link", name="0151 555 0123")).to_have_attribute("href", "tel:01515550123")
    expect(page.get_by_text("Thursdays, 10am to midday")).to_be_visible()
    page.get_by_role("link", name="Back to search results").click()
    expect(page.get_by_label("Postcode")).to_have_value("ch41 5lh")
    expect(page.get_by_label("What are you looking for?")).to_have_value("dementa cafes")
