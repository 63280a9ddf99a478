"""Reads of plan reviews that pages share: one review, its findings, and the due and overdue lists."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from django.db.models import QuerySet

from tandem.core import clock
from tandem.identity.actors import Actor
from tandem.identity.models import Membership, Team, TeamKind, User
from tandem.support_plans import selectors
from tandem.support_plans.codes import PlanStatus, ReviewKind, ReviewStatus
from tandem.support_plans.models import OutcomeReview, PlanReview, SupportPlan

# A planned review shows as due this many days before its date (and as overdue after it).
DUE_SOON_DAYS = selectors.DUE_SOON_DAYS


def review_due_after(on: date) -> date:
    """Twelve months after a date: the same day next year (28 February after 29 February)."""
    try:
        return on.replace(year=on.year + 1)
    except ValueError:
        return on.replace(year=on.year + 1, day=28)


def reviews_visible(actor: Actor) -> QuerySet[PlanReview]:
    return selectors.rows_visible(PlanReview, actor)


def review_get(*, actor: Actor, uuid: UUID | str) -> PlanReview:
    return selectors.row_get(
        reviews_visible(actor).select_related("person", "team", "practitioner", "plan", "revision"), uuid
    )


def findings_of(*, review: PlanReview) -> list[OutcomeReview]:
    return list(review.findings.select_related("outcome").order_by("outcome__position", "outcome_id"))


def in_force_of(*, plan: SupportPlan) -> SupportPlan | None:
    """The version of this plan in force now: the latest that took effect."""
    return (
        SupportPlan.objects.filter(lineage=plan.lineage, in_force_from__isnull=False)
        .exclude(status=PlanStatus.DRAFT)
        .order_by("-number")
        .first()
    )


def open_review_of(*, plan: SupportPlan) -> PlanReview | None:
    """A review of this plan in progress, if there is one."""
    return PlanReview.objects.filter(lineage=plan.lineage, status=ReviewStatus.DRAFT).first()


def scheduled_review_of(*, plan: SupportPlan) -> PlanReview | None:
    return PlanReview.objects.filter(
        lineage=plan.lineage, kind=ReviewKind.PLANNED, status=ReviewStatus.SCHEDULED
    ).first()


def reviews_of(*, plan: SupportPlan) -> list[PlanReview]:
    return list(PlanReview.objects.filter(lineage=plan.lineage).select_related("practitioner", "plan").order_by("-id"))


def review_teams(*, actor: Actor) -> list[Team]:
    """The teams whose reviews this member of staff follows: those they belong to now (not the front door)."""
    today = clock.today()
    return list(
        Team.objects.filter(memberships__user=actor)
        .exclude(memberships__ended_on__lte=today)
        .exclude(kind=TeamKind.FRONT_DOOR)
        .distinct()
        .order_by("name")
    )


def team_workers(*, team: Team) -> list[User]:
    today = clock.today()
    ids = Membership.objects.filter(team=team).exclude(ended_on__lte=today).values("user_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("first_name", "last_name", "username"))


@dataclass(frozen=True)
class DueFilter:
    team: Team | None
    practitioner: User | None = None
    overdue_only: bool = False


def reviews_due(*, actor: Actor, filters: DueFilter, today: date | None = None) -> QuerySet[PlanReview]:
    """Planned reviews due within the next eight weeks or overdue, soonest first, for a team and
    optionally one practitioner."""
    today = today or clock.today()
    if filters.team is None:
        return PlanReview.objects.none()
    horizon = today if filters.overdue_only else today + timedelta(days=DUE_SOON_DAYS)
    rows = reviews_visible(actor).filter(
        team=filters.team,
        kind=ReviewKind.PLANNED,
        status__in=[ReviewStatus.SCHEDULED, ReviewStatus.DRAFT],
        due_on__lte=horizon,
    )
    if filters.overdue_only:
        rows = rows.filter(due_on__lt=today)
    if filters.practitioner is not None:
        rows = rows.filter(practitioner=filters.practitioner)
    return rows.select_related("person", "practitioner", "plan").order_by(
        "due_on", "person__family_name", "person__given_name", "id"
    )


def overdue(review: PlanReview, today: date | None = None) -> bool:
    return review.due_on is not None and review.due_on < (today or clock.today())


def overdue_for_teams(*, team_ids: Sequence[int], today: date) -> QuerySet[PlanReview]:
    """Planned reviews past their due date and not completed, for the workforce dashboard."""
    return PlanReview.objects.filter(
        team_id__in=team_ids,
        kind=ReviewKind.PLANNED,
        status__in=[ReviewStatus.SCHEDULED, ReviewStatus.DRAFT],
        due_on__lt=today,
    )
