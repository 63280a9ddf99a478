"""Reviews: scheduled 12 months on, planned and unplanned, each outcome's achievement, and revising the plan."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import uuid
from datetime import date, timedelta

import pytest

from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.core.errors import DomainError, NotPermitted, StaleVersion
from tandem.core.presenters import format_date
from tandem.support_plans import review_selectors, review_services, selectors, services
from tandem.support_plans.codes import PlanStatus, ReviewKind, ReviewStatus
from tandem.support_plans.models import PlanReview, SupportPlan
from tandem.support_plans.tests.plan_data import agree


@pytest.fixture
def in_force(ready, practitioner):
    return agree(ready, practitioner)


def answers(review, *, achieved="partly", outcome="no_change"):
    return review_services.ReviewAnswers(
        persons_view="The carers are kind but they come too late",
        outcome=outcome,
        outcome_detail="",
        findings=tuple(
            review_services.FindingAnswers(
                outcome_id=f.outcome_id, achieved=achieved, in_own_words="Most mornings", what_changes="Earlier calls"
            )
            for f in review_selectors.findings_of(review=review)
        ),
    )


def test_twelve_months_after_is_the_same_day_next_year():
    assert review_selectors.review_due_after(date(2026, 3, 12)) == date(2027, 3, 12)
    assert review_selectors.review_due_after(date(2028, 2, 29)) == date(2029, 2, 28)


def test_a_plan_taking_effect_schedules_its_planned_review_twelve_months_on(in_force):
    [review] = PlanReview.objects.all()

    assert (review.kind, review.status, review.due_on, review.plan) == (
        ReviewKind.PLANNED,
        ReviewStatus.SCHEDULED,
        review_selectors.review_due_after(clock.today()),
        in_force,
    )


def test_a_plan_waiting_for_sign_off_has_no_review_until_it_is_signed_off(ready, practitioner, manager, settings):
    settings.TANDEM_PLAN_SIGN_OFF_WEEKLY_THRESHOLD = "1"
    done = agree(ready, practitioner)
    assert PlanReview.objects.count() == 0

    services.plan_sign_off(plan=done, version=done.version, actor=manager)

    assert PlanReview.objects.get().due_on == review_selectors.review_due_after(clock.today())


def test_the_planned_review_is_started_and_completed_with_each_outcome(in_force, practitioner):
    review = review_services.review_start(
        plan=in_force, kind="planned", reason="", reason_detail="", actor=practitioner
    )
    review = review_services.review_save(
        review=review, answers=answers(review), version=review.version, actor=practitioner
    )

    done = review_services.review_complete(review=review, version=review.version, actor=practitioner)

    [finding] = review_selectors.findings_of(review=done)
    assert (finding.achieved, finding.in_own_words, finding.what_changes) == (
        "partly",
        "Most mornings",
        "Earlier calls",
    )
    assert (done.status, done.completed_on, done.revision) == (ReviewStatus.COMPLETED, clock.today(), None)
    following = PlanReview.objects.get(status=ReviewStatus.SCHEDULED)
    assert following.due_on == review_selectors.review_due_after(clock.today())
    assert AuditEvent.objects.filter(action="support_plans.review.completed").count() == 1


def test_an_unplanned_review_needs_its_reason(in_force, practitioner):
    with pytest.raises(DomainError, match="Select why") as refused:
        review_services.review_start(plan=in_force, kind="unplanned", reason="", reason_detail="", actor=practitioner)

    assert refused.value.field == "reason"
    assert PlanReview.objects.filter(kind=ReviewKind.UNPLANNED).count() == 0


def test_an_unplanned_review_moves_the_planned_one_to_twelve_months_after_it(in_force, practitioner):
    scheduled = PlanReview.objects.get()
    PlanReview.objects.filter(pk=scheduled.pk).update(due_on=clock.today() + timedelta(days=30))
    review = review_services.review_start(
        plan=in_force, kind="unplanned", reason="hospital_admission", reason_detail="A fall", actor=practitioner
    )
    review = review_services.review_save(
        review=review, answers=answers(review), version=review.version, actor=practitioner
    )

    review_services.review_complete(review=review, version=review.version, actor=practitioner)

    scheduled.refresh_from_db()
    assert scheduled.due_on == review_selectors.review_due_after(clock.today())


def test_one_review_at_a_time(in_force, practitioner):
    review_services.review_start(plan=in_force, kind="planned", reason="", reason_detail="", actor=practitioner)

    with pytest.raises(DomainError, match="already in progress"):
        review_services.review_start(
            plan=in_force, kind="unplanned", reason="safeguarding", reason_detail="", actor=practitioner
        )


def test_completing_needs_every_outcome_answered_and_a_decision(in_force, practitioner):
    review = review_services.review_start(
        plan=in_force, kind="planned", reason="", reason_detail="", actor=practitioner
    )

    with pytest.raises(DomainError, match="has no answer yet"):
        review_services.review_complete(review=review, version=review.version, actor=practitioner)

    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT


def test_a_decision_that_changes_services_starts_a_revision_of_the_plan(in_force, practitioner):
    review = review_services.review_start(
        plan=in_force, kind="planned", reason="", reason_detail="", actor=practitioner
    )
    review = review_services.review_save(
        review=review,
        answers=answers(review, achieved="not", outcome="services_increased"),
        version=review.version,
        actor=practitioner,
    )

    done = review_services.review_complete(review=review, version=review.version, actor=practitioner)

    revision = SupportPlan.objects.get(number=2)
    assert done.revision == revision
    assert (revision.status, revision.revises, revision.revision_reason) == (
        PlanStatus.DRAFT,
        in_force,
        f"Review of {clock.today():%d/%m/%Y}: services increased",
    )


def test_a_stale_review_save_is_refused_with_what_changed(in_force, practitioner, manager):
    review = review_services.review_start(
        plan=in_force, kind="planned", reason="", reason_detail="", actor=practitioner
    )
    opened = review.version
    review_services.review_save(review=review, answers=answers(review), version=opened, actor=practitioner)

    with pytest.raises(StaleVersion) as refused:
        review_services.review_save(
            review=review, answers=answers(review, achieved="fully"), version=opened, actor=manager
        )

    [change] = refused.value.changes
    assert change.by == "Priya Shah"
    assert change.changes["The person's view of the plan"] == ["", "The carers are kind but they come too late"]
    assert review_selectors.findings_of(review=review)[0].achieved == "partly"


def test_business_support_cannot_start_a_review(in_force, business_support):
    with pytest.raises(NotPermitted):
        review_services.review_start(plan=in_force, kind="planned", reason="", reason_detail="", actor=business_support)

    assert PlanReview.objects.get().status == ReviewStatus.SCHEDULED


def test_the_due_list_is_soonest_first_for_a_team_and_practitioner(in_force, practitioner, manager, team, person_make):
    PlanReview.objects.update(due_on=clock.today() + timedelta(days=20))
    other = PlanReview.objects.create(
        plan=in_force,
        lineage=uuid.uuid4(),
        person=person_make(given_name="Ada", family_name="Jones"),
        team=team,
        practitioner=manager,
        kind=ReviewKind.PLANNED,
        due_on=clock.today() - timedelta(days=3),
    )
    PlanReview.objects.create(
        plan=in_force,
        lineage=in_force.lineage,
        person=in_force.person,
        team=team,
        practitioner=manager,
        kind=ReviewKind.UNPLANNED,
        reason="safeguarding",
        status=ReviewStatus.DRAFT,
    )

    everyone = review_selectors.reviews_due(actor=practitioner, filters=review_selectors.DueFilter(team=team))
    mine = review_selectors.reviews_due(
        actor=practitioner, filters=review_selectors.DueFilter(team=team, practitioner=practitioner)
    )
    overdue = review_selectors.reviews_due(
        actor=practitioner, filters=review_selectors.DueFilter(team=team, overdue_only=True)
    )

    assert [r.pk for r in everyone] == [other.pk, PlanReview.objects.get(practitioner=practitioner).pk]
    assert [r.practitioner for r in mine] == [practitioner]
    assert [r.pk for r in overdue] == [other.pk]


def _work(person, practitioner):
    """The open work on the summary, less the plan in force (always there once a plan is)."""
    return [w for w in selectors.open_work_for_person(person, practitioner) if "in force" not in w.title]


def test_the_summary_shows_the_plan_in_force_and_its_next_review_date(in_force, person, practitioner):
    due = clock.today() + timedelta(days=200)
    PlanReview.objects.update(due_on=due)

    [shown] = [w for w in selectors.open_work_for_person(person, practitioner) if "in force" in w.title]

    assert (shown.title, shown.url) == (
        f"Care and support plan in force, version {in_force.number}",
        f"/support-plans/{in_force.uuid}/",
    )
    assert shown.status == (
        f"In force since {format_date(in_force.in_force_from)}; next planned review by {format_date(due)}"
    )


def test_a_later_version_in_force_replaces_the_earlier_on_the_summary(in_force, person, practitioner):
    revision = services.plan_revise(plan=in_force, reason="Needs changed", actor=practitioner)
    assert [w.title for w in selectors.open_work_for_person(person, practitioner) if "in force" in w.title] == [
        f"Care and support plan in force, version {in_force.number}"
    ]
    agree(revision, practitioner)

    titles = [w.title for w in selectors.open_work_for_person(person, practitioner) if "in force" in w.title]

    assert titles == [f"Care and support plan in force, version {revision.number}"]


def test_the_summary_shows_a_review_due_and_the_review_on_the_timeline(in_force, person, practitioner):
    PlanReview.objects.update(due_on=clock.today() - timedelta(days=1))
    [due] = _work(person, practitioner)
    assert (due.title, due.url) == (
        "Planned review of the care and support plan",
        f"/support-plans/{in_force.uuid}/reviews/new/",
    )
    assert due.status.startswith("Overdue since")

    review = review_services.review_start(
        plan=in_force, kind="planned", reason="", reason_detail="", actor=practitioner
    )
    [work] = _work(person, practitioner)
    entries = selectors.timeline_for_person(person, practitioner, 10)

    assert (work.title, work.url) == ("Review of the care and support plan", f"/support-plans/reviews/{review.uuid}/")
    assert entries[0].title == "Planned review started (plan version 1)"
