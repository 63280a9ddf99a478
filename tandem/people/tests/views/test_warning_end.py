"""Ending a hazard warning that no longer applies."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import pytest
from django.urls import reverse

from tandem.core import clock


@pytest.fixture
def url(person, warning):
    return reverse("people:warning_end", args=[person.uuid, warning.uuid])


def test_it_shows_the_warning_and_asks_why(client, practitioner, url, open_page):
    page = open_page(client, practitioner, url, "End the animals warning")
    assert page.values == {"reason": ""}


def test_no_reason_is_a_problem(client, practitioner, warning, url, problem, audit):
    client.force_login(practitioner)

    response = client.post(url, {"reason": ""})

    problem(response, None, ["Say why the warning no longer applies"])
    warning.refresh_from_db()
    assert warning.ends_on is None
    assert audit.actions() == []


def test_a_reason_ends_the_warning_and_writes_one_audit_event(client, practitioner, person, warning, url, read, audit):
    client.force_login(practitioner)

    response = client.post(url, {"reason": "The dogs have been rehomed"})
    actions = audit.actions()
    summary = read(client.get(response["Location"]))

    assert response.status_code == 302
    warning.refresh_from_db()
    assert (warning.ends_on, warning.ended_by, warning.end_reason) == (
        clock.today(),
        practitioner,
        "The dogs have been rehomed",
    )
    assert actions == ["people.warning.ended"]
    assert "active hazard warning" not in summary.text
