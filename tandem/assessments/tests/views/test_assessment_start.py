"""Starting a needs assessment from the person's record: a request, their self-assessment, or a review."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import timedelta

import pytest
from django.urls import reverse

from tandem.assessments.models import NeedsAssessment
from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.front_door.models import Contact, SupportRequest


def start_url(person):
    return reverse("assessments:assessment_start", args=[person.uuid])


@pytest.fixture
def support_request(person, team, practitioner):
    return SupportRequest.objects.create(
        person=person,
        team=team,
        reason="Two falls this month; frightened to go out",
        urgency="soon",
        requested_at=clock.now() - timedelta(days=5),
        requested_by=practitioner,
    )


@pytest.fixture
def self_assessment(person, front_door_team):
    return Contact.objects.create(
        reference="ABCD2345",
        person=person,
        source="self",
        route="online_form",
        reason="Asked online",
        received_at=clock.now() - timedelta(days=2),
        team=front_door_team,
        is_self_assessment=True,
        submission={
            "form": "ask_for_help",
            "version": 1,
            "answers": {
                "what_matters": "Going to the lunch club",
                "hard_outcomes": ["a", "e"],
                "hard_in_own_words": "I fell twice on the stairs this winter",
                "who_helps": "My daughter on Sundays",
            },
        },
    )


def test_the_summary_links_to_starting_an_assessment(signed_in, person, read):
    page = read(signed_in.get(reverse("people:summary", args=[person.uuid])))

    assert "Start a needs assessment for Mary Smith" in page.text


def test_business_support_is_not_offered_the_link(client, business_support, person, read):
    client.force_login(business_support)

    page = read(client.get(reverse("people:summary", args=[person.uuid])))

    assert "Start a needs assessment" not in page.text


def test_the_page_offers_each_starting_point(signed_in, person, support_request, self_assessment, read):
    page = read(signed_in.get(start_url(person)))

    assert page.title == "Start a needs assessment – Tandem"
    assert "Request for support to Birkenhead locality team" in page.text
    assert "Online self-assessment ABCD2345" in page.text
    assert "A review, or a change in the person's needs" in page.text


def test_start_from_a_request_counts_days_from_the_request(signed_in, person, support_request):
    response = signed_in.post(start_url(person), {"started_from": f"request:{support_request.uuid}"})

    assessment = NeedsAssessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:assessment", args=[assessment.uuid])
    assert assessment.support_request == support_request
    assert assessment.requested_on == (clock.now() - timedelta(days=5)).date()


def test_start_from_the_self_assessment_carries_its_answers_in(signed_in, person, self_assessment, read):
    signed_in.post(start_url(person), {"started_from": f"self_assessment:{self_assessment.uuid}"})

    assessment = NeedsAssessment.objects.get()
    page = read(signed_in.get(reverse("assessments:assessment", args=[assessment.uuid])))
    assert assessment.contact == self_assessment
    assert page.values["persons_account"] == "I fell twice on the stairs this winter"
    assert "What is hard Getting enough to eat and drink; Moving around the home safely" in page.text
    assert "Who helps My daughter on Sundays" in page.text


def test_start_a_review_with_the_date_it_was_asked_for(signed_in, person, audit):
    asked = clock.today() - timedelta(days=10)

    response = signed_in.post(
        start_url(person),
        {
            "started_from": "review",
            "requested_on-day": asked.day,
            "requested_on-month": asked.month,
            "requested_on-year": asked.year,
        },
    )

    assert response.status_code == 302
    assert NeedsAssessment.objects.get().requested_on == asked
    assert "assessments.assessment.started" in audit.actions()


def test_a_review_without_a_date_is_a_problem(signed_in, person, read):
    response = signed_in.post(start_url(person), {"started_from": "review"})

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Enter the date the assessment was asked for"]
    assert page.values["started_from"] == "review"
    assert NeedsAssessment.objects.count() == 0


def test_a_date_in_the_future_is_a_problem_and_what_was_typed_stays(signed_in, person, read):
    later = clock.today() + timedelta(days=3)

    response = signed_in.post(
        start_url(person),
        {
            "started_from": "review",
            "requested_on-day": later.day,
            "requested_on-month": later.month,
            "requested_on-year": later.year,
        },
    )

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Date the assessment was asked for must be today or in the past"]
    assert page.values["requested_on-day"] == str(later.day)


def test_nothing_chosen_is_a_problem(signed_in, person, read):
    response = signed_in.post(start_url(person), {})

    assert response.status_code == 400
    assert read(response).error_summary == ["Select what the assessment starts from"]


def test_a_request_already_used_is_not_offered_again(signed_in, person, support_request, read):
    signed_in.post(start_url(person), {"started_from": f"request:{support_request.uuid}"})

    response = signed_in.post(start_url(person), {"started_from": f"request:{support_request.uuid}"})

    assert response.status_code == 400
    assert read(response).error_summary == ["Select what the assessment starts from"]
    assert NeedsAssessment.objects.count() == 1


def test_business_support_cannot_start_one_and_nothing_is_written(client, business_support, person):
    client.force_login(business_support)

    shown = client.get(start_url(person))
    response = client.post(start_url(person), {"started_from": "review"})

    assert (shown.status_code, response.status_code) == (403, 403)
    assert NeedsAssessment.objects.count() == 0


def test_a_person_nobody_has_answers_404(signed_in, person):
    person.uuid = person.uuid.__class__(int=person.uuid.int ^ 1)

    assert signed_in.get(start_url(person)).status_code == 404


def test_a_restricted_record_sends_an_outsider_to_break_the_glass(client, outsider, restricted_person):
    client.force_login(outsider)

    response = client.post(start_url(restricted_person), {"started_from": "review"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:break_glass", args=[restricted_person.uuid]))
    assert NeedsAssessment.objects.count() == 0
    assert not AuditEvent.objects.filter(action="assessments.assessment.started").exists()
