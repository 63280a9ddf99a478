"""Every write of the trusted care provider view: a provider submits its review of a package it
delivers; a practitioner checks it, then signs it off (taking it into the plan's review) or
returns it with a reason. Permission-checked, transactional and audited, as every other write.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.db import transaction

from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.identity.actors import Actor
from tandem.support_plans import policies, provider_selectors, review_selectors, review_services, services
from tandem.support_plans.codes import Achieved, HoursChange, ProviderReviewStatus, ReviewKind, ReviewReason
from tandem.support_plans.models import CommissionedService, ProviderReview

if TYPE_CHECKING:
    from tandem.identity.models import Organisation

MAX_TEXT = services.MAX_TEXT


class ProviderDecision:
    ACCEPT = "accept"
    ACCEPT_AND_REVIEW = "accept_and_review"
    RETURN = "return"


@dataclass(frozen=True)
class ProviderAnswers:
    achieved: str
    outcome_view: str
    hours_change: str
    change_reason: str = ""
    incidents: str = ""


@transaction.atomic
def provider_review_submit(*, service: CommissionedService, answers: ProviderAnswers, actor: Actor) -> ProviderReview:
    """Submit a care provider's review of a package it delivers, for a practitioner to check; one
    review of a package waits to be checked at a time."""
    require(
        policies.can_submit_provider_review(actor), "You do not have permission to review packages as a care provider"
    )
    service = provider_selectors.package_for_provider(actor=actor, uuid=service.uuid)
    CommissionedService.objects.select_for_update().filter(pk=service.pk).first()
    if provider_selectors.waiting_review_of(service=service) is not None:
        raise DomainError("Your last review of this package is still waiting to be checked")
    if answers.achieved not in Achieved.values:
        raise DomainError("Select how far the outcome is being achieved", field="achieved")
    outcome_view = services.clean_text(
        answers.outcome_view,
        field="outcome_view",
        label="How the support is going",
        required="Say how the support is going for the person",
    )
    if answers.hours_change not in HoursChange.values:
        raise DomainError("Select whether the package should change", field="hours_change")
    change_reason = services.clean_text(answers.change_reason, field="change_reason", label="Why it should change")
    if answers.hours_change != HoursChange.SAME and not change_reason:
        raise DomainError("Say why the package should change", field="change_reason")
    incidents = services.clean_text(answers.incidents, field="incidents", label="Incidents")
    plan = service.outcome.plan
    review = ProviderReview.objects.create(
        service=service,
        plan=plan,
        person=plan.person,
        team=plan.team,
        # The policy lets in only staff of an organisation.
        organisation=cast("Organisation", actor.organisation),
        achieved=answers.achieved,
        outcome_view=outcome_view,
        hours_change=answers.hours_change,
        change_reason=change_reason if answers.hours_change != HoursChange.SAME else "",
        incidents=incidents,
        submitted_at=clock.now(),
        submitted_by=actor,
    )
    services.audited(
        review,
        actor,
        "support_plans.provider_review.submitted",
        f"A care provider submitted its review of {service.get_kind_display().lower()}",
    )
    return review


def _waiting(review: ProviderReview, actor: Actor) -> ProviderReview:
    require(policies.can_record(actor), "You do not have permission to check care providers' reviews")
    review = ProviderReview.objects.select_for_update().select_related("plan", "person").get(pk=review.pk)
    if review.status != ProviderReviewStatus.SUBMITTED:
        raise DomainError("This review has already been checked")
    return review


@transaction.atomic
def provider_review_accept(*, review: ProviderReview, start_review: bool, actor: Actor) -> ProviderReview:
    """Sign off a care provider's review. It joins the plan's review in progress; or, if asked, it
    starts an unplanned review (the care provider asked, Care Act 2014 s27(1)(b))."""
    review = _waiting(review, actor)
    in_force = review_selectors.in_force_of(plan=review.plan)
    open_review = review_selectors.open_review_of(plan=review.plan)
    if open_review is None and start_review:
        if in_force is None:
            raise DomainError("The plan is no longer in force: it cannot be reviewed", field="decision")
        open_review = review_services.review_start(
            plan=in_force,
            kind=ReviewKind.UNPLANNED,
            reason=ReviewReason.PROVIDER_REQUEST,
            reason_detail=f"{review.organisation.name}: {review.outcome_view}"[:MAX_TEXT],
            actor=actor,
        )
    review.status, review.checked_at, review.checked_by, review.review = (
        ProviderReviewStatus.ACCEPTED,
        clock.now(),
        actor,
        open_review,
    )
    review.save()
    services.audited(
        review,
        actor,
        "support_plans.provider_review.accepted",
        "Signed off a care provider's review" + (" and took it into the plan's review" if open_review else ""),
    )
    return review


@transaction.atomic
def provider_review_return(*, review: ProviderReview, reason: str, actor: Actor) -> ProviderReview:
    """Return a care provider's review with a reason, so they can send a corrected one."""
    review = _waiting(review, actor)
    reason = services.clean_text(
        reason, field="return_reason", label="The reason", required="Say why the review is being returned"
    )
    review.status, review.checked_at, review.checked_by, review.return_reason = (
        ProviderReviewStatus.RETURNED,
        clock.now(),
        actor,
        reason,
    )
    review.save()
    services.audited(
        review, actor, "support_plans.provider_review.returned", "Returned a care provider's review", reason=reason
    )
    return review
