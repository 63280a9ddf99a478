"""A practitioner's day starts on "my work": signed in, they land on it, see the case allocated to
them with its next step, open it, start the needs assessment from there, and on coming back find
the case moved on and the assessment among their drafts."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tandem.core import clock
from tandem.identity.tests.factories import PASSWORD
from tandem.workforce import services
from tandem.workforce.tests.conftest import profile_for

pytestmark = pytest.mark.browser


@pytest.fixture
def allocated(team, manager, practitioner, person):
    for worker in (practitioner, manager):
        profile_for(worker, team, manager)
    case = services.case_open(person=person, team=team, summary="Needs a Care Act assessment", actor=practitioner)
    return services.case_allocate(case=case, worker=practitioner, reason="Knows Mary", version=None, actor=manager)


def test_a_practitioner_lands_on_my_work_and_follows_a_case_to_its_next_step(new_context, practitioner, allocated):
    page = new_context().new_page()
    page.goto(reverse("identity:sign_in"))
    page.get_by_label("Username").fill(practitioner.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(re.escape(reverse("people:my_work")) + "$"))
    expect(page.get_by_role("heading", name="My work", level=1)).to_be_visible()
    navigation = page.get_by_role("navigation", name=re.compile("Menu|Service|navigation", re.I)).first
    expect(navigation.get_by_role("link", name="My work")).to_have_attribute("aria-current", "true")
    cases = page.locator("section", has=page.get_by_role("heading", name=re.compile("^My cases")))
    expect(cases).to_contain_text("1 item")
    expect(cases).to_contain_text("Next step: Start the needs assessment")
    expect(page.get_by_text("You have no assessments in draft.")).to_be_visible()

    cases.get_by_role("link", name="Mary Smith").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("workforce:case", args=[allocated.uuid])) + "$"))

    page.goto(reverse("assessments:assessment_start", args=[allocated.person.uuid]))
    page.get_by_label("A review, or a change in the person's needs").check()
    asked = clock.today() - timedelta(days=3)
    dated = page.get_by_role("group", name=re.compile("Date the assessment was asked for"))
    dated.get_by_label("Day").fill(str(asked.day))
    dated.get_by_label("Month").fill(str(asked.month))
    dated.get_by_label("Year").fill(str(asked.year))
    page.get_by_role("button", name="Start the assessment").click()
    expect(page).to_have_url(re.compile("/assessments/"))

    page.get_by_role("link", name="My work").first.click()
    expect(cases).to_contain_text("Next step: Complete the needs assessment")
    drafts = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Assessments in draft")))
    expect(drafts).to_contain_text("1 item")
    expect(drafts.get_by_role("link", name=re.compile("Mary Smith: needs assessment"))).to_be_visible()
