"""Raising a hazard warning: it shows on every page of the record until it is ended."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import timedelta

import pytest
from django.urls import reverse

from tandem.core import clock
from tandem.people.codes import WarningCategory
from tandem.people.models import HazardWarning


@pytest.fixture
def url(person):
    return reverse("people:warning_raise", args=[person.uuid])


def dates(name, day):
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def test_it_shows_the_form_starting_today(client, practitioner, person, url, read):
    client.force_login(practitioner)
    today = clock.today()

    response = client.get(url)

    page = read(response)
    assert response.status_code == 200
    assert page.title == "Add a hazard warning – Tandem"
    assert page.values["description"] == ""
    assert "category" not in page.values
    assert (page.values["starts_on-day"], page.values["starts_on-month"], page.values["starts_on-year"]) == (
        str(today.day),
        str(today.month),
        str(today.year),
    )


def test_bad_input_is_a_problem_and_keeps_what_was_typed(client, practitioner, person, url, problem, audit):
    client.force_login(practitioner)

    response = client.post(
        url,
        {
            "description": "Shouts at visitors",
            "starts_on-day": "30",
            "starts_on-month": "2",
            "starts_on-year": "2024",
            "review_on-day": "",
            "review_on-month": "",
            "review_on-year": "",
        },
    )

    page = problem(
        response,
        "Add a hazard warning",
        [
            "Select the kind of hazard",
            "Start date must be a real date",
            "Enter the review date",
        ],
    )
    assert page.values["description"] == "Shouts at visitors"
    assert (page.values["starts_on-day"], page.values["starts_on-month"], page.values["starts_on-year"]) == (
        "30",
        "2",
        "2024",
    )
    assert HazardWarning.objects.count() == 0
    assert audit.actions() == []


def test_a_review_before_the_start_is_a_problem_and_keeps_the_choice(client, practitioner, person, url, read):
    client.force_login(practitioner)
    today = clock.today()

    response = client.post(
        url,
        {
            "category": WarningCategory.VIOLENCE,
            "description": "Shouts at visitors",
            **dates("starts_on", today),
            **dates("review_on", today - timedelta(days=1)),
        },
    )

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["The review date must be on or after the start date"]
    assert page.values["category"] == WarningCategory.VIOLENCE


def test_good_input_raises_the_warning_and_shows_it_in_the_banner(client, practitioner, person, url, read, audit):
    client.force_login(practitioner)
    today = clock.today()

    response = client.post(
        url,
        {
            "category": WarningCategory.VIOLENCE,
            "description": "Shouts at visitors",
            **dates("starts_on", today),
            **dates("review_on", today + timedelta(days=30)),
        },
    )
    audit_actions = audit.actions()
    summary = read(client.get(response["Location"]))

    assert response.status_code == 302
    assert response["Location"] == reverse("people:summary", args=[person.uuid])
    warning = HazardWarning.objects.get()
    assert (warning.person, warning.category, warning.raised_by) == (person, WarningCategory.VIOLENCE, practitioner)
    assert audit_actions == ["people.warning.raised"]
    assert "Warning raised: it now shows on every page of this record" in summary.text
    assert "1 active hazard warning Violence or aggression: Shouts at visitors" in summary.text
