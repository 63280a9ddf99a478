"""The trusted care provider view (its packages and its review of each) and the practitioner's check page."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tandem.identity.models import Organisation, OrganisationKind
from tandem.identity.permissions import Role
from tandem.support_plans.codes import ProviderReviewStatus, ReviewStatus
from tandem.support_plans.models import CommissionedService, PlanReview, ProviderReview
from tandem.support_plans.tests.plan_data import provider_package_make, provider_review_make


def url(name: str, *args: object) -> str:
    return reverse(f"support_plans:{name}", args=args)


@pytest.fixture
def package(person, practitioner, care_provider) -> CommissionedService:
    return provider_package_make(person, practitioner, care_provider.organisation)


@pytest.fixture
def as_provider(client: Client, care_provider) -> Client:
    client.force_login(care_provider)
    return client


@pytest.fixture
def as_practitioner(client: Client, practitioner) -> Client:
    client.force_login(practitioner)
    return client


def test_a_provider_lists_its_packages_with_the_least_that_identifies_the_person(as_provider, package, read):
    response = as_provider.get(url("provider_packages"))

    page = read(response)
    assert response.status_code == 200
    assert "Mary Smith" in page.text
    assert "Born 12 March 1948" in page.text
    assert "Home care" in page.text
    assert "7 hours a week" in page.text
    assert "9434765919" not in page.text
    assert "Grange Road" not in page.text
    assert "Your packages" in page.text


def test_a_provider_with_no_packages_is_told_so(as_provider, read):
    response = as_provider.get(url("provider_packages"))

    assert "no packages in force" in read(response).text


def test_a_provider_sends_its_review(as_provider, package):
    response = as_provider.post(
        url("provider_review_submit", package.uuid),
        {"achieved": "fully", "outcome_view": "Going well", "hours_change": "same"},
    )

    assert response.status_code == 302
    assert response["Location"] == url("provider_packages")
    review = ProviderReview.objects.get()
    assert (review.service, review.achieved, review.hours_change) == (package, "fully", "same")


def test_a_bad_review_keeps_what_was_typed_and_says_what_is_wrong(as_provider, package, read):
    response = as_provider.post(
        url("provider_review_submit", package.uuid), {"outcome_view": "Going well", "hours_change": "less"}
    )

    page = read(response)
    assert response.status_code == 400
    assert "Select how far the outcome is being achieved" in page.text
    assert "Say why the package should change" in page.text
    assert page.values["outcome_view"] == "Going well"
    assert ProviderReview.objects.count() == 0


def test_another_providers_package_does_not_exist_for_a_provider(client, package, staff_make):
    other = Organisation.objects.create(name="Deeside Care", kind=OrganisationKind.CARE_PROVIDER)
    client.force_login(staff_make(username="rival", role=Role.CARE_PROVIDER, organisation=other))

    shown = client.get(url("provider_review_submit", package.uuid))
    sent = client.post(
        url("provider_review_submit", package.uuid),
        {"achieved": "fully", "outcome_view": "Going well", "hours_change": "same"},
    )

    assert (shown.status_code, sent.status_code) == (404, 404)
    assert ProviderReview.objects.count() == 0


def test_an_unknown_package_does_not_exist(as_provider):
    assert as_provider.get(url("provider_review_submit", uuid.uuid4())).status_code == 404


def test_a_provider_cannot_open_the_plan_or_check_a_review(as_provider, package, care_provider):
    review = provider_review_make(package, care_provider)

    plan = as_provider.get(url("plan", package.outcome.plan.uuid))
    check = as_provider.post(url("provider_review_check", review.uuid), {"decision": "accept"})

    assert (plan.status_code, check.status_code) == (403, 403)
    review.refresh_from_db()
    assert review.status == ProviderReviewStatus.SUBMITTED


def test_practitioners_cannot_use_the_provider_pages(as_practitioner, package):
    assert as_practitioner.get(url("provider_packages")).status_code == 403
    assert as_practitioner.get(url("provider_review_submit", package.uuid)).status_code == 403


def test_a_waiting_review_shows_on_the_plan_and_in_the_reviews_due_list(as_practitioner, package, care_provider, read):
    review = provider_review_make(package, care_provider)

    plan = as_practitioner.get(url("plan", package.outcome.plan.uuid))
    due = as_practitioner.get(url("reviews_due"))

    check = url("provider_review_check", review.uuid)
    assert "Care providers' reviews to check" in read(plan).text
    assert check in plan.content.decode()
    assert "Wirral Home Care Ltd" in read(due).text
    assert check in due.content.decode()


def test_the_practitioner_signs_off_and_starts_a_review(as_practitioner, package, care_provider):
    review = provider_review_make(package, care_provider)

    response = as_practitioner.post(url("provider_review_check", review.uuid), {"decision": "accept_and_review"})

    assert response.status_code == 302
    assert response["Location"] == url("plan", package.outcome.plan.uuid)
    review.refresh_from_db()
    assert review.status == ProviderReviewStatus.ACCEPTED
    assert review.review == PlanReview.objects.get(status=ReviewStatus.DRAFT)


def test_returning_without_a_reason_is_refused(as_practitioner, package, care_provider, read):
    review = provider_review_make(package, care_provider)

    response = as_practitioner.post(url("provider_review_check", review.uuid), {"decision": "return"})

    assert response.status_code == 400
    assert "Say why the review is being returned" in read(response).text
    review.refresh_from_db()
    assert review.status == ProviderReviewStatus.SUBMITTED


def test_a_returned_review_shows_its_reason_to_the_provider(as_practitioner, package, care_provider, read):
    review = provider_review_make(package, care_provider)
    as_practitioner.post(
        url("provider_review_check", review.uuid), {"decision": "return", "return_reason": "Which mornings?"}
    )
    as_practitioner.force_login(care_provider)

    response = as_practitioner.get(url("provider_packages"))

    assert "Returned because: Which mornings?" in read(response).text
    assert url("provider_review_submit", package.uuid) in response.content.decode()


def test_the_commissioned_service_form_offers_care_providers_on_the_system(as_practitioner, ready, care_provider, read):
    item = CommissionedService.objects.get(outcome__plan=ready)
    path = url("commissioned_edit", ready.uuid, item.uuid)

    shown = read(as_practitioner.get(path))
    response = as_practitioner.post(
        path,
        {
            "kind": "home_care",
            "provider_organisation": str(care_provider.organisation_id),
            "provider_name": "",
            "units_per_week": "7",
            "unit": "hour",
            "unit_cost": "22.00",
            "version": str(ready.version),
        },
    )

    assert "Care provider on the system" in shown.text
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.provider_organisation_id == care_provider.organisation_id


def test_opening_a_package_is_logged_as_a_view_of_the_person(as_provider, package, care_provider, audit):
    as_provider.get(url("provider_review_submit", package.uuid))

    [event] = audit.events()
    assert (event.action, event.actor, event.person_uuid) == (
        "people.person.viewed",
        care_provider,
        package.outcome.plan.person.uuid,
    )


@pytest.mark.parametrize("rows", [1, 3])
def test_the_package_list_takes_the_same_queries_however_long(
    rows, as_provider, person, practitioner, care_provider, django_assert_num_queries
):
    for _ in range(rows):
        provider_package_make(person, practitioner, care_provider.organisation)
    as_provider.get(url("provider_packages"))  # the session's first save happens once

    # Session and user (2); the packages, with their people, next reviews and last reviews sent (1).
    with django_assert_num_queries(3):
        response = as_provider.get(url("provider_packages"))

    assert response.status_code == 200
