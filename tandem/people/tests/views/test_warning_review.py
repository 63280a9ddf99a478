"""Reviewing a hazard warning: it still applies, and is next reviewed on a later date."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import timedelta

import pytest
from django.urls import reverse

from tandem.core import clock


@pytest.fixture
def url(person, warning):
    return reverse("people:warning_review", args=[person.uuid, warning.uuid])


def test_it_asks_for_the_next_review_date(client, practitioner, url, open_page):
    page = open_page(client, practitioner, url, "Review the animals warning")
    assert page.values == {"review_on-day": "", "review_on-month": "", "review_on-year": ""}


def test_a_date_in_the_past_is_a_problem_and_keeps_what_was_typed(client, practitioner, warning, url, problem, audit):
    client.force_login(practitioner)
    review_on = warning.review_on

    response = client.post(url, {"review_on-day": "1", "review_on-month": "1", "review_on-year": "2020"})

    page = problem(response, None, ["Next review date must be in the future"])
    assert page.values == {"review_on-day": "1", "review_on-month": "1", "review_on-year": "2020"}
    warning.refresh_from_db()
    assert warning.review_on == review_on
    assert audit.actions() == []


def test_a_future_date_is_saved_with_one_audit_event(client, practitioner, warning, url, audit):
    client.force_login(practitioner)
    later = clock.today() + timedelta(days=180)

    response = client.post(
        url, {"review_on-day": later.day, "review_on-month": later.month, "review_on-year": later.year}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("people:warnings_due")
    warning.refresh_from_db()
    assert warning.review_on == later
    assert audit.actions() == ["people.warning.reviewed"]
