"""The review pages: start, record each outcome, complete (revising the plan where needed), and the due list."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from tandem.core import clock
from tandem.support_plans import review_services
from tandem.support_plans.codes import ReviewStatus
from tandem.support_plans.models import PlanReview, SupportPlan
from tandem.support_plans.tests.plan_data import agree


def url(name: str, *args: object) -> str:
    return reverse(f"support_plans:{name}", args=args)


@pytest.fixture
def in_force(ready, practitioner):
    return agree(ready, practitioner)


@pytest.fixture
def signed_in(client: Client, practitioner) -> Client:
    client.force_login(practitioner)
    return client


@pytest.fixture
def started(in_force, practitioner):
    return review_services.review_start(plan=in_force, kind="planned", reason="", reason_detail="", actor=practitioner)


def test_the_planned_review_is_started_from_the_plan(signed_in, in_force, read):
    shown = signed_in.get(url("review_start", in_force.uuid))
    response = signed_in.post(url("review_start", in_force.uuid), {"kind": "planned"})

    review = PlanReview.objects.get()
    assert "The planned review is due by" in read(shown).text
    assert response["Location"] == url("review", review.uuid)
    assert review.status == ReviewStatus.DRAFT


def test_an_unplanned_review_without_a_reason_keeps_what_was_typed(signed_in, in_force, read):
    response = signed_in.post(url("review_start", in_force.uuid), {"kind": "unplanned", "reason_detail": "Fell"})

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Select why the plan is being reviewed now"]
    assert page.values["reason_detail"] == "Fell"
    assert PlanReview.objects.filter(status=ReviewStatus.DRAFT).count() == 0


def test_each_outcome_is_recorded_in_the_persons_words(signed_in, started, read):
    response = signed_in.post(
        url("review", started.uuid),
        {
            "persons_view": "I like my carers",
            "achieved_1": "fully",
            "own_words_1": "I get dressed by nine now",
            "changes_1": "",
            "outcome": "no_change",
            "version": str(started.version),
        },
    )
    shown = signed_in.get(url("review", started.uuid))

    assert response.status_code == 302
    page = read(shown)
    assert page.values["own_words_1"] == "I get dressed by nine now"
    assert page.values["achieved_1"] == "fully"


def test_the_second_of_two_reviewers_is_told_what_changed(started, practitioner, manager, read):
    first, second = Client(), Client()
    first.force_login(practitioner)
    second.force_login(manager)
    form = {"persons_view": "", "achieved_1": "partly", "outcome": "", "version": str(started.version)}

    first.post(url("review", started.uuid), form | {"persons_view": "Better than before"})
    refused = second.post(url("review", started.uuid), form | {"persons_view": "Worse than before"})

    page = read(refused)
    assert refused.status_code == 400
    assert "What changed since you opened this page" in page.text
    assert page.values["persons_view"] == "Worse than before"
    started.refresh_from_db()
    assert started.persons_view == "Better than before"


def test_completing_a_review_that_increases_services_opens_the_new_version(signed_in, started, practitioner):
    review_services.review_save(
        review=started,
        answers=review_services.ReviewAnswers(
            persons_view="",
            outcome="services_increased",
            outcome_detail="An evening call",
            findings=(review_services.FindingAnswers(outcome_id=started.findings.get().outcome_id, achieved="partly"),),
        ),
        version=started.version,
        actor=practitioner,
    )
    started.refresh_from_db()

    shown = signed_in.get(url("review_complete", started.uuid))
    response = signed_in.post(url("review_complete", started.uuid), {"version": str(started.version)})

    revision = SupportPlan.objects.get(number=2)
    assert "Completing the review starts a new version of the plan" in shown.content.decode()
    assert response["Location"] == url("plan", revision.uuid)


def test_the_findings_to_confirm_have_no_stray_full_stop_before_the_colon(signed_in, started, practitioner):
    finding = started.findings.get()
    finding.outcome.statement = "I want to stay in my own home."
    finding.outcome.save(update_fields=["statement"])
    review_services.review_save(
        review=started,
        answers=review_services.ReviewAnswers(
            persons_view="",
            outcome="no_change",
            outcome_detail="",
            findings=(review_services.FindingAnswers(outcome_id=finding.outcome_id, achieved="partly"),),
        ),
        version=started.version,
        actor=practitioner,
    )

    page = signed_in.get(url("review_complete", started.uuid)).content.decode()

    assert "I want to stay in my own home: Partly achieved" in page
    assert ".: " not in page


def test_the_due_list_shows_overdue_reviews_first(signed_in, in_force, read):
    PlanReview.objects.update(due_on=clock.today() - timedelta(days=2))

    response = signed_in.get(url("reviews_due"))

    page = read(response)
    assert response.status_code == 200
    assert "1 planned review, soonest first" in page.text
    assert "Mary Smith" in page.text
    assert "Overdue" in page.text


def test_business_support_cannot_see_reviews(client, business_support, started):
    client.force_login(business_support)

    assert client.get(url("review", started.uuid)).status_code == 403
    assert client.get(url("reviews_due")).status_code == 403


@pytest.mark.parametrize("rows", [3, 30])
def test_the_due_list_takes_the_same_queries_however_long(
    rows, signed_in, in_force, team, practitioner, person_make, django_assert_num_queries
):
    for n in range(rows):
        PlanReview.objects.create(
            plan=in_force,
            lineage=uuid.uuid4(),
            person=person_make(given_name="Person", family_name=f"Number {n}"),
            team=team,
            practitioner=practitioner,
            kind="planned",
            due_on=clock.today() + timedelta(days=n % 50),
        )
    signed_in.get(url("reviews_due"))  # the session's first save happens once

    # Session and user (2); their teams (1); the team's workers (1); the teams the access rule
    # checks (1); the count and the page of reviews (2); care providers' reviews to check (1).
    with django_assert_num_queries(8):
        response = signed_in.get(url("reviews_due"))

    assert response.status_code == 200
