"""A trusted care provider reviews the packages it delivers; a practitioner signs the review off or returns it."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from decimal import Decimal

import pytest
from django.http import Http404

from tandem.access import scope
from tandem.audit.models import AuditEvent
from tandem.core.errors import DomainError, NotPermitted
from tandem.identity.models import Organisation, OrganisationKind
from tandem.identity.permissions import Role
from tandem.people.models import Person
from tandem.support_plans import provider_selectors, provider_services, review_services, services
from tandem.support_plans.codes import ProviderReviewStatus, ReviewKind, ReviewReason, ReviewStatus
from tandem.support_plans.models import CommissionedService, PlanReview, ProviderReview
from tandem.support_plans.tests.plan_data import (
    agree,
    provider_answers,
    provider_package_make,
    provider_review_make,
)


@pytest.fixture
def package(person, practitioner, care_provider) -> CommissionedService:
    return provider_package_make(person, practitioner, care_provider.organisation)


@pytest.fixture
def rival(staff_make) -> object:
    other = Organisation.objects.create(name="Deeside Care", kind=OrganisationKind.CARE_PROVIDER)
    return staff_make(username="rival", role=Role.CARE_PROVIDER, organisation=other)


def test_a_commissioned_service_links_to_a_care_provider_on_the_system(ready, practitioner, care_provider):
    item = CommissionedService.objects.get(outcome__plan=ready)
    details = services.CommissionedDetails(
        kind="home_care",
        provider_name="",
        units_per_week=Decimal("7"),
        unit="hour",
        unit_cost_pence=2200,
        provider_organisation_id=care_provider.organisation_id,
    )

    services.commissioned_save(plan=ready, item=item, details=details, version=ready.version, actor=practitioner)

    item.refresh_from_db()
    assert item.provider_organisation_id == care_provider.organisation_id
    assert item.provider_name == "Wirral Home Care Ltd"


def test_only_a_care_provider_organisation_can_be_linked(ready, practitioner, partner):
    item = CommissionedService.objects.get(outcome__plan=ready)
    details = services.CommissionedDetails("home_care", "", Decimal("7"), "hour", 2200, partner.pk)

    with pytest.raises(DomainError, match="Select a care provider from the list"):
        services.commissioned_save(plan=ready, item=item, details=details, version=ready.version, actor=practitioner)

    item.refresh_from_db()
    assert item.provider_organisation_id is None


def test_a_revision_keeps_the_link_to_the_provider(package, practitioner):
    revision = services.plan_revise(plan=package.outcome.plan, reason="Change in needs", actor=practitioner)

    assert CommissionedService.objects.get(outcome__plan=revision).provider_organisation_id == (
        package.provider_organisation_id
    )


def test_a_provider_sees_the_packages_it_delivers_in_plans_in_force(package, care_provider, ready):
    assert list(provider_selectors.packages_for_provider(care_provider)) == [package]


def test_a_provider_does_not_see_another_providers_packages(package, rival):
    assert list(provider_selectors.packages_for_provider(rival)) == []


def test_a_provider_does_not_see_a_draft_or_a_replaced_version(package, practitioner, care_provider):
    revision = services.plan_revise(plan=package.outcome.plan, reason="More help", actor=practitioner)
    assert list(provider_selectors.packages_for_provider(care_provider)) == [package]

    agree(revision, practitioner)

    shown = list(provider_selectors.packages_for_provider(care_provider))
    assert shown == [CommissionedService.objects.get(outcome__plan=revision)]


def test_practitioners_have_no_provider_packages(package, practitioner):
    assert list(provider_selectors.packages_for_provider(practitioner)) == []


def test_a_provider_submits_its_review_of_a_package(package, care_provider):
    review = provider_review_make(package, care_provider)

    assert review.status == ProviderReviewStatus.SUBMITTED
    assert (review.achieved, review.hours_change) == ("partly", "more")
    assert review.organisation == care_provider.organisation
    assert review.person == package.outcome.plan.person
    assert AuditEvent.objects.filter(action="support_plans.provider_review.submitted", actor=care_provider).count() == 1


def test_a_provider_cannot_review_another_providers_package(package, rival):
    with pytest.raises(Http404):
        provider_services.provider_review_submit(service=package, answers=provider_answers(), actor=rival)

    assert ProviderReview.objects.count() == 0


def test_a_practitioner_cannot_submit_a_providers_review(package, practitioner):
    with pytest.raises(NotPermitted):
        provider_services.provider_review_submit(service=package, answers=provider_answers(), actor=practitioner)

    assert ProviderReview.objects.count() == 0


def test_a_change_needs_its_reason(package, care_provider):
    with pytest.raises(DomainError, match="Say why the package should change"):
        provider_services.provider_review_submit(
            service=package, answers=provider_answers(change_reason="  "), actor=care_provider
        )

    assert ProviderReview.objects.count() == 0


def test_one_review_of_a_package_waits_at_a_time(package, care_provider):
    provider_review_make(package, care_provider)

    with pytest.raises(DomainError, match="still waiting to be checked"):
        provider_review_make(package, care_provider)

    assert ProviderReview.objects.count() == 1


def test_signing_off_with_no_review_in_progress_starts_none_unless_asked(package, care_provider, practitioner):
    review = provider_review_make(package, care_provider)

    done = provider_services.provider_review_accept(review=review, start_review=False, actor=practitioner)

    assert done.status == ProviderReviewStatus.ACCEPTED
    assert done.checked_by == practitioner
    assert done.review is None
    assert not PlanReview.objects.filter(status=ReviewStatus.DRAFT).exists()


def test_signing_off_can_start_an_unplanned_review_the_provider_asked_for(package, care_provider, practitioner):
    review = provider_review_make(package, care_provider)

    done = provider_services.provider_review_accept(review=review, start_review=True, actor=practitioner)

    started = PlanReview.objects.get(status=ReviewStatus.DRAFT)
    assert done.review == started
    assert (started.kind, started.reason) == (ReviewKind.UNPLANNED, ReviewReason.PROVIDER_REQUEST)
    assert AuditEvent.objects.filter(action="support_plans.provider_review.accepted").count() == 1


def test_signing_off_joins_the_review_in_progress(package, care_provider, practitioner):
    in_progress = review_services.review_start(
        plan=package.outcome.plan, kind="planned", reason="", reason_detail="", actor=practitioner
    )
    review = provider_review_make(package, care_provider)

    done = provider_services.provider_review_accept(review=review, start_review=True, actor=practitioner)

    assert done.review == in_progress
    assert PlanReview.objects.filter(status=ReviewStatus.DRAFT).count() == 1


def test_returning_needs_a_reason_and_lets_the_provider_send_another(package, care_provider, practitioner):
    review = provider_review_make(package, care_provider)
    with pytest.raises(DomainError, match="Say why the review is being returned"):
        provider_services.provider_review_return(review=review, reason=" ", actor=practitioner)

    done = provider_services.provider_review_return(review=review, reason="Which mornings?", actor=practitioner)
    again = provider_review_make(package, care_provider)

    assert (done.status, done.return_reason) == (ProviderReviewStatus.RETURNED, "Which mornings?")
    assert again.status == ProviderReviewStatus.SUBMITTED


def test_a_checked_review_cannot_be_checked_again(package, care_provider, practitioner):
    review = provider_review_make(package, care_provider)
    provider_services.provider_review_accept(review=review, start_review=False, actor=practitioner)

    with pytest.raises(DomainError, match="already been checked"):
        provider_services.provider_review_return(review=review, reason="Too late", actor=practitioner)


def test_a_provider_cannot_check_its_own_review(package, care_provider):
    review = provider_review_make(package, care_provider)

    with pytest.raises(NotPermitted):
        provider_services.provider_review_accept(review=review, start_review=False, actor=care_provider)

    review.refresh_from_db()
    assert review.status == ProviderReviewStatus.SUBMITTED


def test_the_access_rule_opens_no_record_to_a_provider(package, care_provider):
    assert list(scope.visible(Person.objects.all(), care_provider)) == []
