"""What a practitioner, their manager and a care provider have to do with plans and reviews, for the
"my work" page (core.registry)."""

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.urls import reverse

from tandem.access import scope
from tandem.core import clock, worklists
from tandem.core.presenters import format_date
from tandem.core.registry import WorkItem, WorkSection
from tandem.identity.actors import Actor
from tandem.support_plans import budget, policies, provider_selectors, review_selectors, selectors
from tandem.support_plans.codes import PlanStatus, ProviderReviewStatus, ReviewKind, ReviewStatus
from tandem.support_plans.models import CommissionedService, PlanReview, SupportPlan

WAITING = ProviderReviewStatus.SUBMITTED


def _draft(plan: SupportPlan) -> WorkItem:
    return WorkItem(
        title=f"{plan.person.full_name}: care and support plan, version {plan.number}",
        url=reverse("support_plans:plan", args=[plan.uuid]),
        detail=f"Started {format_date(plan.started_on)}",
    )


def _review(review: PlanReview) -> WorkItem:
    today = clock.today()
    if review.status == ReviewStatus.DRAFT:
        url, detail = reverse("support_plans:review", args=[review.uuid]), "In progress"
    else:
        url, detail = reverse("support_plans:review_start", args=[review.plan.uuid]), "Not started"
    kind = ReviewKind(review.kind).label.lower()
    return WorkItem(
        title=f"{review.person.full_name}: {kind}",
        url=url,
        detail=detail,
        due=review.due_on,
        overdue=review.due_on is not None and review.due_on < today,
    )


def _to_sign_off(plan: SupportPlan) -> WorkItem:
    return WorkItem(
        title=f"{plan.person.full_name}: care and support plan, version {plan.number}",
        url=reverse("support_plans:plan", args=[plan.uuid]),
        detail=f"Agreed {format_date(plan.agreed_on)}; {budget.pounds(plan.weekly_budget_pence or 0)} a week",
    )


def _package(package: CommissionedService) -> WorkItem:
    plan = package.outcome.plan
    due = getattr(package, "next_review_on", None)
    return WorkItem(
        title=f"{plan.person.full_name}: {package.get_kind_display().lower()}",
        url=reverse("support_plans:provider_review_submit", args=[package.uuid]),
        detail="Your last review is waiting to be checked"
        if getattr(package, "last_status", "") == "submitted"
        else "",
        due=due,
        overdue=due is not None and due < clock.today(),
    )


def my_work(actor: Any) -> list[WorkSection]:
    """Plans in draft and reviews due that are the actor's; a manager's plans waiting for sign-off;
    a care provider's packages whose review is due."""
    user: Actor = actor
    sections: list[WorkSection] = []
    today = clock.today()
    if policies.can_record(user):
        drafts = (
            selectors.plans_visible(user)
            .filter(practitioner=user, status=PlanStatus.DRAFT)
            .select_related("person")
            .order_by("started_on", "id")
        )
        sections.append(
            worklists.section(
                drafts,
                key="support_plans.drafts",
                title="Care and support plans in draft",
                item=_draft,
                order=40,
                empty="You have no plans in draft.",
            )
        )
        horizon = today + timedelta(days=review_selectors.DUE_SOON_DAYS)
        reviews = (
            review_selectors.reviews_visible(user)
            .filter(practitioner=user)
            .filter(Q(status=ReviewStatus.DRAFT) | Q(status=ReviewStatus.SCHEDULED, due_on__lte=horizon))
            .select_related("person", "plan")
            .order_by("due_on", "id")
        )
        sections.append(
            worklists.section(
                reviews,
                key="support_plans.reviews_due",
                title="Reviews due",
                item=_review,
                more_url=reverse("support_plans:reviews_due"),
                order=50,
                empty="You have no reviews due in the next eight weeks.",
            )
        )
    if policies.can_sign_off(user):
        waiting = (
            selectors.plans_visible(user)
            .filter(status=PlanStatus.COMPLETED, needs_sign_off=True, team_id__in=scope.team_ids(user))
            .select_related("person")
            .order_by("completed_on", "id")
        )
        sections.append(
            worklists.section(
                waiting,
                key="support_plans.to_sign_off",
                title="Care and support plans waiting for sign-off",
                item=_to_sign_off,
                order=120,
                audience="team",
                empty="No plans in your teams are waiting for sign-off.",
            )
        )
    if policies.can_submit_provider_review(user):
        horizon = today + timedelta(days=review_selectors.DUE_SOON_DAYS)
        due = provider_selectors.packages_for_provider(user).filter(
            Q(next_review_on__lte=horizon) | Q(last_status=WAITING)
        )
        sections.append(
            worklists.section(
                due,
                key="support_plans.provider_packages",
                title="Packages with a review due",
                item=_package,
                more_url=reverse("support_plans:provider_packages"),
                order=20,
                empty="None of your organisation's packages has a review due in the next eight weeks.",
            )
        )
    return sections
