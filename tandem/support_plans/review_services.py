"""Every write to a plan review: permission-checked, transactional, audited, saved with compare-and-swap.

A planned review is scheduled when a version of the plan takes effect (services.py); starting it,
or an unplanned one with its reason, opens it for the practitioner. Completing it schedules the
next planned review 12 months on and, where its outcome changes the plan, starts a revision.
"""

from dataclasses import dataclass

from django.db import transaction

from tandem.core import clock, registry
from tandem.core.errors import DomainError, require
from tandem.core.versioned import check_version, locked, record_event
from tandem.identity.actors import Actor
from tandem.support_plans import policies, review_selectors, selectors, services
from tandem.support_plans.codes import (
    REVISING_OUTCOMES,
    Achieved,
    PlanStatus,
    ReviewEventKind,
    ReviewKind,
    ReviewOutcome,
    ReviewReason,
    ReviewStatus,
)
from tandem.support_plans.models import OutcomeReview, PlanReview, SupportPlan

MAX_TEXT = services.MAX_TEXT


def _editable(review: PlanReview, version: int | None, actor: Actor) -> PlanReview:
    require(policies.can_record(actor), "You do not have permission to review care and support plans")
    review = locked(review, keep=("person", "plan"))
    if review.status != ReviewStatus.DRAFT:
        raise DomainError("This review is not in progress: it cannot be changed")
    check_version(review, version, events=review.events, kinds=ReviewEventKind, what="this review")
    return review


@transaction.atomic
def review_start(*, plan: SupportPlan, kind: str, reason: str, reason_detail: str, actor: Actor) -> PlanReview:
    """Start a review of the plan in force (Care Act 2014 s27): the planned one that is scheduled,
    or an unplanned one with its reason; one review of a plan is in progress at a time."""
    require(policies.can_record(actor), "You do not have permission to review care and support plans")
    plan = SupportPlan.objects.select_for_update().get(pk=plan.pk)
    in_force = review_selectors.in_force_of(plan=plan)
    if in_force is None or in_force.pk != plan.pk:
        raise DomainError("Only the version of the plan in force is reviewed")
    if review_selectors.open_review_of(plan=plan) is not None:
        raise DomainError("A review of this plan is already in progress: carry on with it", field="kind")
    reason_detail = services.clean_text(reason_detail, field="reason_detail", label="What happened")
    if kind == ReviewKind.PLANNED:
        review = review_selectors.scheduled_review_of(plan=plan)
        if review is None:
            raise DomainError("No planned review is scheduled for this plan", field="kind")
        review = PlanReview.objects.select_for_update().get(pk=review.pk)
        review.status, review.started_on, review.practitioner, review.plan = (
            ReviewStatus.DRAFT,
            clock.today(),
            actor,
            plan,
        )
        review.version += 1
        review.save()
    elif kind == ReviewKind.UNPLANNED:
        if reason not in ReviewReason.values:
            raise DomainError("Select why the plan is being reviewed now", field="reason")
        review = services.review_new(
            plan,
            practitioner=actor,
            kind=ReviewKind.UNPLANNED,
            reason=reason,
            reason_detail=reason_detail,
            status=ReviewStatus.DRAFT,
            started_on=clock.today(),
        )
    else:
        raise DomainError("Select whether this is the planned review or an unplanned one", field="kind")
    OutcomeReview.objects.bulk_create(
        [OutcomeReview(review=review, outcome=outcome) for outcome in plan.outcomes.order_by("position", "id")]
    )
    record_event(review.events, review, kind=ReviewEventKind.STARTED, actor=actor)
    shown = ReviewKind(kind).label.lower()
    if kind == ReviewKind.UNPLANNED:
        shown += f" ({ReviewReason(reason).label.lower()})"
    services.audited(review, actor, "support_plans.review.started", f"Started a {shown} of the care and support plan")
    return review


@dataclass(frozen=True)
class FindingAnswers:
    outcome_id: int
    achieved: str = ""
    in_own_words: str = ""
    what_changes: str = ""


@dataclass(frozen=True)
class ReviewAnswers:
    persons_view: str
    outcome: str
    outcome_detail: str
    findings: tuple[FindingAnswers, ...]


_FINDING_LABELS = {
    "achieved": "whether it was achieved",
    "in_own_words": "in the person's own words",
    "what_changes": "what changes",
}


@transaction.atomic
def review_save(*, review: PlanReview, answers: ReviewAnswers, version: int | None, actor: Actor) -> PlanReview:
    """Save the review's answers from the version the editor opened; a stale save is refused with
    what changed since, and nothing is overwritten."""
    review = _editable(review, version, actor)
    if answers.outcome and answers.outcome not in ReviewOutcome.values:
        raise DomainError("Select what the review decided", field="outcome")
    persons_view = services.clean_text(answers.persons_view, field="persons_view", label="The person's view")
    outcome_detail = services.clean_text(answers.outcome_detail, field="outcome_detail", label="What was decided")
    changes: dict[str, list[str]] = {}
    for name, label, after in (
        ("persons_view", "The person's view of the plan", persons_view),
        ("outcome", "What the review decided", answers.outcome),
        ("outcome_detail", "What was decided, in detail", outcome_detail),
    ):
        before = getattr(review, name)
        if before != after:
            shown = (
                [ReviewOutcome(v).label if v else "" for v in (before, after)] if name == "outcome" else [before, after]
            )
            changes[label] = shown
            setattr(review, name, after)
    findings = {f.outcome_id: f for f in review.findings.select_for_update().select_related("outcome")}
    touched = []
    for position, answer in enumerate(answers.findings, start=1):
        finding = findings.get(answer.outcome_id)
        if finding is None:
            raise DomainError("The plan's outcomes changed: open the review again")
        if answer.achieved and answer.achieved not in Achieved.values:
            raise DomainError("Select whether the outcome was achieved", field=f"achieved_{position}")
        cleaned = {
            "achieved": answer.achieved,
            "in_own_words": services.clean_text(
                answer.in_own_words, field=f"own_words_{position}", label="Their words"
            ),
            "what_changes": services.clean_text(answer.what_changes, field=f"changes_{position}", label="What changes"),
        }
        moved = False
        for name, label in _FINDING_LABELS.items():
            before, after = getattr(finding, name), cleaned[name]
            if before != after:
                shown = (
                    [Achieved(v).label if v else "" for v in (before, after)] if name == "achieved" else [before, after]
                )
                changes[f"\u201c{finding.outcome.statement[:60]}\u201d: {label}"] = shown
                setattr(finding, name, after)
                moved = True
        if moved:
            touched.append(finding)
    if not changes:
        return review
    OutcomeReview.objects.bulk_update(touched, list(_FINDING_LABELS))
    review.version += 1
    review.save()
    record_event(review.events, review, kind=ReviewEventKind.SAVED, actor=actor, changes=changes)
    services.audited(
        review,
        actor,
        "support_plans.review.saved",
        f"Saved the review ({len(changes)} answers changed)",
        changes=changes,
    )
    return review


@transaction.atomic
def review_complete(*, review: PlanReview, version: int | None, actor: Actor) -> PlanReview:
    """Complete the review: every outcome has its answer and the review its decision. The next
    planned review is due 12 months on; a decision that changes services starts a revision of the plan."""
    review = _editable(review, version, actor)
    missing = [f.outcome.statement for f in review_selectors.findings_of(review=review) if not f.achieved]
    if missing:
        raise DomainError(f"Say whether each outcome was achieved: \u201c{missing[0][:60]}\u201d has no answer yet")
    if not review.outcome:
        raise DomainError("Say what the review decided")
    today = clock.today()
    review.status, review.completed_on = ReviewStatus.COMPLETED, today
    if review.outcome in REVISING_OUTCOMES:
        latest = selectors.latest_of(plan=review.plan)
        if latest.status == PlanStatus.DRAFT:
            review.revision = latest
        else:
            reason = f"Review of {today:%d/%m/%Y}: {ReviewOutcome(review.outcome).label.lower()}"
            review.revision = services.plan_revise(plan=latest, reason=reason, actor=actor)
    review.version += 1
    review.save()
    record_event(review.events, review, kind=ReviewEventKind.COMPLETED, actor=actor)
    # After any review, the next planned one is due 12 months on (the last review date).
    services.planned_review_schedule(
        plan=review.plan,
        due=review_selectors.review_due_after(review.completed_on or today),
        practitioner=review.practitioner,
        actor=actor,
        move=False,
    )
    registry.work_moved_on(
        registry.WorkStep(
            kind=registry.WorkStepKind.REVIEW_COMPLETED,
            person=review.person,
            team_id=review.team_id,
            actor=actor,
            detail=f"Review of the care and support plan done: {ReviewOutcome(review.outcome).label.lower()}",
        )
    )
    services.audited(
        review,
        actor,
        "support_plans.review.completed",
        f"Completed the review: {ReviewOutcome(review.outcome).label.lower()}",
    )
    return review
