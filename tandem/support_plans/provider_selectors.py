"""Reads for the trusted care provider view, and for the practitioners who check what providers send.

A provider's staff have no access to person records (no `person.view`), so the access app's rule
(`scope.visible`) would show them nothing. Their one way in is the commissioning itself: a package
is a commissioned service of a plan version in force whose provider is their own organisation.
They see only that package and the least that identifies the person (name and date of birth).
Practitioners reach provider reviews through the access rule, as every other plan read.
"""

from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from tandem.core import clock
from tandem.identity.actors import Actor
from tandem.identity.models import OrganisationKind, Team
from tandem.support_plans import policies, selectors
from tandem.support_plans.codes import PlanStatus, ProviderReviewStatus, ReviewKind, ReviewStatus
from tandem.support_plans.models import CommissionedService, PlanReview, ProviderReview, SupportPlan


def packages_for_provider(actor: Actor) -> QuerySet[CommissionedService]:
    """The packages the actor's organisation delivers now: commissioned services of the version of
    each plan in force (agreed or signed off, taken effect, not replaced by a later version)."""
    if not actor.is_authenticated or not policies.can_submit_provider_review(actor):
        return CommissionedService.objects.none()
    later = SupportPlan.objects.filter(
        lineage=OuterRef("outcome__plan__lineage"),
        number__gt=OuterRef("outcome__plan__number"),
        in_force_from__isnull=False,
    ).exclude(status=PlanStatus.DRAFT)
    next_review = PlanReview.objects.filter(
        lineage=OuterRef("outcome__plan__lineage"),
        kind=ReviewKind.PLANNED,
        status__in=[ReviewStatus.SCHEDULED, ReviewStatus.DRAFT],
    ).order_by("due_on")
    latest = ProviderReview.objects.filter(service=OuterRef("pk")).order_by("-submitted_at", "-id")
    return (
        CommissionedService.objects.filter(
            provider_organisation_id=actor.organisation_id,
            provider_organisation__kind=OrganisationKind.CARE_PROVIDER,
            outcome__plan__in_force_from__lte=clock.today(),
            outcome__plan__person__merged_into__isnull=True,
        )
        .exclude(outcome__plan__status=PlanStatus.DRAFT)
        .exclude(Exists(later))
        .annotate(
            next_review_on=Subquery(next_review.values("due_on")[:1]),
            last_status=Subquery(latest.values("status")[:1]),
            last_submitted_at=Subquery(latest.values("submitted_at")[:1]),
            last_return_reason=Subquery(latest.values("return_reason")[:1]),
        )
        .select_related("outcome", "outcome__plan", "outcome__plan__person")
        .order_by("outcome__plan__person__family_name", "outcome__plan__person__given_name", "id")
    )


def package_for_provider(*, actor: Actor, uuid: UUID | str) -> CommissionedService:
    """One of the actor's organisation's current packages; anything else does not exist for them."""
    return selectors.row_get(packages_for_provider(actor), uuid)


def waiting_review_of(*, service: CommissionedService) -> ProviderReview | None:
    return ProviderReview.objects.filter(service=service, status=ProviderReviewStatus.SUBMITTED).first()


def provider_reviews_visible(actor: Actor) -> QuerySet[ProviderReview]:
    return selectors.rows_visible(ProviderReview, actor)


def provider_review_get(*, actor: Actor, uuid: UUID | str) -> ProviderReview:
    return selectors.row_get(
        provider_reviews_visible(actor).select_related(
            "person", "plan", "organisation", "submitted_by", "checked_by", "review", "service", "service__outcome"
        ),
        uuid,
    )


def provider_reviews_waiting_for_plan(*, plan: SupportPlan) -> list[ProviderReview]:
    """Provider reviews of any version of this plan still to be checked (the plan is already in scope)."""
    return list(
        ProviderReview.objects.filter(plan__lineage=plan.lineage, status=ProviderReviewStatus.SUBMITTED)
        .select_related("organisation", "service")
        .order_by("submitted_at", "id")
    )


def provider_reviews_waiting_for_team(*, actor: Actor, team: Team | None) -> list[ProviderReview]:
    """Provider reviews of the team's plans still to be checked, oldest first."""
    if team is None:
        return []
    return list(
        provider_reviews_visible(actor)
        .filter(Q(team=team), status=ProviderReviewStatus.SUBMITTED)
        .select_related("person", "plan", "organisation", "service")
        .order_by("submitted_at", "id")
    )
