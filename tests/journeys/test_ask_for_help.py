"""The public "ask for help" journey in the browser, as someone asking for their mother would use it."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from tandem.front_door.codes import ContactRoute, ContactSource
from tandem.front_door.models import Contact

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()


def heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def carry_on(page: Page) -> None:
    page.get_by_role("button", name="Continue").click()


def test_ask_for_help_for_someone_else_change_an_answer_and_get_a_reference(page, front_door_team):
    page.goto("/ask-for-help/")
    heading(page, "Ask for help with care and support")
    page.get_by_role("button", name="Start now").click()

    heading(page, "Who needs help?")
    carry_on(page)
    expect(page.get_by_role("alert")).to_contain_text("Select whether you need help or are asking for someone else")
    page.get_by_label("I am asking for someone else").check()
    carry_on(page)

    heading(page, "About you")
    page.get_by_label("Your full name").fill("Grace Okafor")
    page.get_by_label("Your relationship to the person who needs help").fill("Daughter")
    carry_on(page)

    heading(page, "About the person who needs help")
    page.get_by_label("First name").fill("Margaret")
    page.get_by_label("Last name").fill("Okafor")
    born = page.get_by_role("group", name="Date of birth (optional)")
    born.get_by_label("Day").fill("12")
    born.get_by_label("Month").fill("3")
    born.get_by_label("Year").fill("1948")
    page.get_by_label("Address line 1").fill("12 Acacia Road")
    page.get_by_label("Town or city (optional)").fill("Birkenhead")
    page.get_by_label("Postcode").fill("ch41 1aa")
    carry_on(page)

    heading(page, "What matters to Margaret?")
    page.get_by_label("What matters to Margaret?").fill("Staying in her own home")
    carry_on(page)

    heading(page, "What is hard for Margaret at the moment?")
    page.get_by_label("Getting enough to eat and drink").check()
    page.get_by_label("Moving around the home safely").check()
    page.get_by_label("Tell us in your own words (optional)").fill("She fell twice on the stairs")
    carry_on(page)

    heading(page, "Who helps Margaret now? (optional)")
    page.get_by_label("Who helps Margaret now? (optional)").fill("I do her shopping on Sundays")
    page.get_by_label("Yes").check()
    carry_on(page)

    heading(page, "Does Margaret pay for their own care, or expect to?")
    page.get_by_label("No", exact=True).check()
    carry_on(page)

    heading(page, "How can we contact you?")
    page.get_by_label("Phone number").fill("07700 900982")
    carry_on(page)

    heading(page, "Check your answers before sending your request")
    expect(page.get_by_text("Staying in her own home")).to_be_visible()
    page.get_by_role("link", name="Change what matters").click()
    heading(page, "What matters to Margaret?")
    expect(page.get_by_label("What matters to Margaret?")).to_have_value("Staying in her own home")
    page.get_by_label("What matters to Margaret?").fill("Staying at home with her cat, Biscuit")
    carry_on(page)

    heading(page, "Check your answers before sending your request")
    expect(page.get_by_text("Staying at home with her cat, Biscuit")).to_be_visible()
    page.get_by_role("button", name="Send request").click()

    heading(page, "Request sent")
    contact = Contact.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text("Your reference number")
    expect(page.locator(".govuk-panel strong")).to_have_text(contact.reference)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", contact.reference)
    assert contact.route == ContactRoute.ONLINE_FORM
    assert contact.source == ContactSource.FAMILY_OR_FRIEND
    assert contact.submission["answers"]["what_matters"] == "Staying at home with her cat, Biscuit"

    # Back to check your answers: the request was sent, so it shows the confirmation again.
    page.go_back()
    heading(page, "Request sent")
    expect(page.locator(".govuk-panel strong")).to_have_text(contact.reference)
    assert Contact.objects.count() == 1
