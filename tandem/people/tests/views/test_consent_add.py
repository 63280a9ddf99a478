"""Recording a person's decision to share their record with a partner organisation."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import pytest
from django.urls import reverse

from tandem.core import clock
from tandem.people.codes import ConsentDecision
from tandem.people.models import ConsentToShare


@pytest.fixture
def url(person):
    return reverse("people:consent_add", args=[person.uuid])


def test_it_shows_the_form_dated_today(client, practitioner, person, partner, url, read):
    client.force_login(practitioner)
    today = clock.today()

    response = client.get(url)

    page = read(response)
    assert response.status_code == 200
    assert page.title == "Record a consent decision – Tandem"
    assert page.values == {
        "organisation": "",
        "decided_on-day": str(today.day),
        "decided_on-month": str(today.month),
        "decided_on-year": str(today.year),
        "note": "",
    }
    assert "Wirral Community Health Trust" in page.text


def test_bad_input_is_a_problem_and_keeps_what_was_typed(client, practitioner, person, partner, url, problem, audit):
    client.force_login(practitioner)

    response = client.post(
        url,
        {
            "organisation": str(partner.pk),
            "decided_on-day": "3",
            "decided_on-month": "13",
            "decided_on-year": "2024",
            "note": "Agreed at the review meeting",
        },
    )

    page = problem(
        response, None, ["Select whether the person gave consent", "Date of the decision must be a real date"]
    )
    assert page.values == {
        "organisation": str(partner.pk),
        "decided_on-day": "3",
        "decided_on-month": "13",
        "decided_on-year": "2024",
        "note": "Agreed at the review meeting",
    }
    assert ConsentToShare.objects.count() == 0
    assert audit.actions() == []


def test_good_input_records_the_decision_and_writes_one_audit_event(client, practitioner, person, partner, url, audit):
    client.force_login(practitioner)

    response = client.post(
        url,
        {
            "organisation": str(partner.pk),
            "decision": ConsentDecision.GIVEN,
            "decided_on-day": "3",
            "decided_on-month": "1",
            "decided_on-year": "2024",
        },
    )

    assert response.status_code == 302
    consent = ConsentToShare.objects.get()
    assert (consent.person, consent.organisation, consent.decision) == (person, partner, ConsentDecision.GIVEN)
    [event] = audit.events()
    assert (event.action, event.summary) == (
        "people.consent.recorded",
        "Consent given to share with Wirral Community Health Trust",
    )
