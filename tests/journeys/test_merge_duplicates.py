"""A manager finds suspected duplicate records, compares a pair and merges them; and finds a
duplicate by name from a record's merge page."""

from datetime import date

import pytest
from playwright.sync_api import expect

from tandem.people.models import Person
from tests.conftest import person_make

pytestmark = pytest.mark.browser


def test_a_manager_merges_a_suspected_duplicate_from_the_list(new_context, manager):
    older = person_make(given_name="Ada", family_name="Quennell", date_of_birth=date(1951, 4, 2), postcode="CH41 5LH")
    newer = person_make(given_name="Ada", family_name="Quennell", date_of_birth=date(1951, 4, 2))
    page = new_context(manager).new_page()

    page.goto("/people/")
    page.get_by_role("link", name="Suspected duplicate records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suspected duplicate records")
    expect(page.get_by_role("status")).to_have_text("1 suspected pair.")
    page.get_by_role("link", name=f"Compare and merge Ada Quennell ({newer.local_id}) into").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Merge a duplicate into this record")
    page.get_by_label("Why are these the same person?").fill("Same name and date of birth; the second was made twice")
    page.get_by_role("button", name="Merge records").click()

    expect(page.get_by_role("alert", name="Success")).to_contain_text(
        f"Record {newer.local_id} merged into this record"
    )
    assert Person.objects.get(pk=newer.pk).merged_into_id == older.pk
    page.goto("/people/duplicates/")
    expect(page.get_by_role("status")).to_have_text("No records are suspected of being duplicates.")


def test_find_the_duplicate_by_name_then_compare(new_context, manager, person):
    smyth = person_make(given_name="Mary", family_name="Smyth", date_of_birth=person.date_of_birth)
    page = new_context(manager).new_page()

    page.goto(f"/people/{person.uuid}/merge/")
    page.get_by_label("Find the duplicate record").fill("Mary Smyth")
    page.get_by_role("button", name="Find the duplicate").click()

    expect(page.get_by_role("table", name="Records that may be the duplicate")).to_contain_text("SMYTH, Mary")
    page.get_by_role("link", name="Compare SMYTH, Mary with this record").click()
    expect(page.get_by_role("heading", name="Merge and close this record")).to_be_visible()
    expect(page.locator("input[name=duplicate]")).to_have_value(smyth.local_id)
