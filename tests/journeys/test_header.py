"""The header at desktop width: every role's navigation fits on one row, and sign-out is on every page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tandem.identity.permissions import Role

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SYSTEM_ADMINISTRATOR])
def test_the_navigation_fits_on_one_row_at_1280_pixels(role, new_context, staff):
    page = new_context(staff[role]).new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/account/")

    tops = page.locator(".govuk-service-navigation__item").evaluate_all(
        "items => items.map(item => Math.round(item.getBoundingClientRect().top))"
    )

    assert len(tops) >= 3
    assert len(set(tops)) == 1, tops


def test_staff_sign_out_from_the_header(new_context, manager):
    page = new_context(manager).new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/people/")

    page.get_by_role("button", name="Sign out").click()

    expect(page.get_by_text("You have signed out.")).to_be_visible()
    page.goto("/people/")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()


def test_more_shows_the_other_links_and_marks_the_open_one(new_context, manager):
    page = new_context(manager).new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(reverse("access:break_glass_list"))
    more = page.locator(".tandem-more")

    expect(more).to_have_class(re.compile("govuk-service-navigation__item--active"))
    expect(page.get_by_role("link", name="Workforce")).to_be_hidden()
    more.get_by_text("More", exact=True).click()
    page.get_by_role("link", name="Workforce").click()

    expect(page).to_have_url(re.compile(re.escape(reverse("workforce:home")) + "$"))
