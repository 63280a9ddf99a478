"""Reads of care and support plans that pages share. Every one follows the access rule for the person."""

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    F,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.http import Http404
from django.urls import reverse

from tandem.access import scope
from tandem.assessments import selectors as assessment_selectors
from tandem.assessments.models import AssessmentStatus
from tandem.core import clock, probes, registry
from tandem.core.presenters import format_date
from tandem.identity.actors import Actor
from tandem.identity.models import Organisation, OrganisationKind
from tandem.support_plans import budget, policies
from tandem.support_plans.codes import PlanEventKind, PlanStatus, ReviewEventKind, ReviewKind, ReviewStatus
from tandem.support_plans.models import (
    CommissionedService,
    CommunityService,
    PersonalOutcome,
    PlanEvent,
    PlanReview,
    ReviewEvent,
    SupportPlan,
)

# A planned review shows in open work this many days before it is due (review_selectors.DUE_SOON_DAYS).
DUE_SOON_DAYS = 56


def rows_visible[M: Model](model: type[M], actor: Actor) -> QuerySet[M]:
    """Rows of a plan, a review or a provider's review (each has its `person`) about people this
    actor may open, if their role works with plans."""
    if not policies.can_see(actor):
        return model._default_manager.none()
    return scope.visible(model._default_manager.all(), actor, person_field="person")


def row_get[M: Model](rows: QuerySet[M], uuid: UUID | str) -> M:
    """The row with this public id among these (404 if none)."""
    found = rows.filter(uuid=uuid).first()
    if found is None:
        raise Http404
    return found


def plans_visible(actor: Actor) -> QuerySet[SupportPlan]:
    """Plans of people this actor may open, if their role works with plans."""
    return rows_visible(SupportPlan, actor)


def plan_get(*, actor: Actor, uuid: UUID | str) -> SupportPlan:
    return row_get(
        plans_visible(actor).select_related("person", "team", "practitioner", "assessment", "signed_off_by"), uuid
    )


def assessment_for_plan(*, actor: Actor, uuid: UUID | str) -> Any:
    """The needs assessment a new plan would follow (404 outside the actor's scope or role)."""
    if not policies.can_see(actor):
        raise Http404
    return assessment_selectors.assessment_get(actor=actor, uuid=uuid)


def is_eligible_and_complete(assessment: Any) -> bool:
    return assessment.status != AssessmentStatus.DRAFT and assessment.eligible is True


def plan_for_assessment(*, assessment: Any) -> SupportPlan | None:
    """The latest version of the plan that follows this assessment, if one was started."""
    return SupportPlan.objects.filter(assessment_id=assessment.pk).order_by("-number").first()


def outcomes_of(*, plan: SupportPlan) -> list[PersonalOutcome]:
    """The plan's outcomes, each with its community and commissioned services (three queries)."""
    return list(
        plan.outcomes.order_by("position", "id").prefetch_related(
            Prefetch("community_services", queryset=CommunityService.objects.order_by("service_name", "id")),
            Prefetch("commissioned_services", queryset=CommissionedService.objects.order_by("id")),
        )
    )


def budget_of_outcomes(outcomes: list[PersonalOutcome]) -> budget.Budget:
    return budget.budget_of(
        (service.units_per_week, service.unit_cost_pence)
        for outcome in outcomes
        for service in outcome.commissioned_services.all()
    )


def budget_of_plan(*, plan: SupportPlan) -> budget.Budget:
    rows = CommissionedService.objects.filter(outcome__plan=plan).values_list("units_per_week", "unit_cost_pence")
    return budget.budget_of(rows)


def outcome_of(*, plan: SupportPlan, uuid: UUID) -> PersonalOutcome:
    return row_get(plan.outcomes.all(), uuid)


def commissioned_of(*, plan: SupportPlan, uuid: UUID) -> CommissionedService:
    return row_get(CommissionedService.objects.filter(outcome__plan=plan).select_related("outcome"), uuid)


def care_providers() -> list[Organisation]:
    """The care providers on the system, for linking a commissioned service to its provider."""
    return list(Organisation.objects.filter(kind=OrganisationKind.CARE_PROVIDER).order_by("name"))


def care_provider_of(*, pk: int) -> Organisation | None:
    return Organisation.objects.filter(pk=pk, kind=OrganisationKind.CARE_PROVIDER).first()


def community_of(*, plan: SupportPlan, uuid: UUID) -> CommunityService:
    return row_get(CommunityService.objects.filter(outcome__plan=plan).select_related("outcome"), uuid)


def versions_of(*, plan: SupportPlan) -> list[SupportPlan]:
    """Every version of this plan, newest first."""
    return list(
        SupportPlan.objects.filter(lineage=plan.lineage)
        .select_related("practitioner", "signed_off_by")
        .order_by("-number")
    )


def latest_of(*, plan: SupportPlan) -> SupportPlan:
    return SupportPlan.objects.filter(lineage=plan.lineage).order_by("-number").first() or plan


def events_of(*, plan: SupportPlan) -> list[PlanEvent]:
    return list(plan.events.select_related("by").order_by("version", "id"))


def completed_by_id(*, plan: SupportPlan) -> int | None:
    return plan.events.filter(kind=PlanEventKind.COMPLETED).values_list("by_id", flat=True).first()


def practitioners_with(*, person_id: int) -> tuple[set[int], set[int]]:
    """Staff who have written the person's plans, and those who have reviewed them (for continuity
    when a case is allocated), in one query."""
    plan, review = Value("plan", output_field=CharField()), Value("review", output_field=CharField())
    plans = SupportPlan.objects.filter(person_id=person_id).order_by().values_list("practitioner_id", plan)
    reviews = PlanReview.objects.filter(person_id=person_id).exclude(status=ReviewStatus.SCHEDULED).order_by()
    rows = list(plans.union(reviews.values_list("practitioner_id", review)).order_by())
    return {pk for pk, kind in rows if kind == "plan"}, {pk for pk, kind in rows if kind == "review"}


def _full_name(prefix: str) -> Any:
    return Concat(F(f"{prefix}__first_name"), Value(" "), F(f"{prefix}__last_name"), output_field=CharField())


def _none(field: Any) -> Any:
    # Typed, so PostgreSQL can match it with a date column in the UNION.
    return Cast(Value(None), output_field=field)


_COLUMNS = ("row_kind", "link", "status", "shown_number", "team_name", "who", "created_at", "due")


def timeline_rows(person: Any) -> list[probes.Rows]:
    """The rows that must exist for the person to have a plan's timeline: any plan or review. Most
    people have none, and this small read spares them the summary's unions of plans and reviews,
    whose compilation alone cost more than all the rest of the summary's reads."""
    return [
        probes.Rows(SupportPlan, equal={"person_id": person.pk}),
        probes.Rows(PlanReview, equal={"person_id": person.pk}),
    ]


def open_work_rows(person: Any) -> list[probes.Rows]:
    """The rows that must exist for the person to have plan work: a plan, a review, or an
    assessment completed (which may want a plan)."""
    return [*timeline_rows(person), assessment_selectors.finished_assessments_probe(person_id=person.pk)]


def open_work_for_person(person: Any, actor: Actor) -> list[registry.OpenWorkItem]:
    """Plans in draft or waiting for sign-off, eligible assessments with no plan yet, reviews in
    progress, and planned reviews due within eight weeks or overdue (one query, after a small
    read or two that finds most people have none of these)."""
    if not any(probes.exist(*open_work_rows(person))):
        return []
    today = clock.today()
    plans = (
        SupportPlan.objects.filter(person_id=person.pk)
        .filter(Q(status=PlanStatus.DRAFT) | Q(status=PlanStatus.COMPLETED, needs_sign_off=True))
        .annotate(
            row_kind=Value("plan", output_field=CharField()),
            link=F("uuid"),
            team_name=F("team__name"),
            who=_full_name("practitioner"),
            shown_number=F("number"),
            due=_none(DateField()),
        )
        .order_by()
        .values_list(*_COLUMNS)
    )
    waiting = (
        # The summary has already checked the actor may open the person: no second scope query here.
        assessment_selectors.eligible_assessments_of(person_id=person.pk)
        .exclude(pk__in=SupportPlan.objects.values("assessment_id"))
        .annotate(
            row_kind=Value("assessment", output_field=CharField()),
            link=F("uuid"),
            team_name=F("team__name"),
            who=_full_name("practitioner"),
            shown_number=Value(0, output_field=IntegerField()),
            due=_none(DateField()),
        )
        .order_by()
        .values_list(*_COLUMNS)
    )
    reviews = (
        PlanReview.objects.filter(person_id=person.pk)
        .filter(
            Q(status=ReviewStatus.DRAFT)
            | Q(status=ReviewStatus.SCHEDULED, due_on__lte=today + timedelta(days=DUE_SOON_DAYS))
        )
        .annotate(
            row_kind=Case(
                When(status=ReviewStatus.DRAFT, then=Value("review")),
                default=Value("review_due"),
                output_field=CharField(),
            ),
            link=Case(When(status=ReviewStatus.DRAFT, then=F("uuid")), default=F("plan__uuid")),
            team_name=F("team__name"),
            who=_full_name("practitioner"),
            shown_number=F("plan__number"),
            due=F("due_on"),
        )
        .order_by()
        .values_list(*_COLUMNS)
    )
    later = SupportPlan.objects.filter(
        lineage=OuterRef("lineage"), number__gt=OuterRef("number"), in_force_from__isnull=False
    ).exclude(status=PlanStatus.DRAFT)
    next_review = (
        PlanReview.objects.filter(
            lineage=OuterRef("lineage"),
            kind=ReviewKind.PLANNED,
            status__in=[ReviewStatus.SCHEDULED, ReviewStatus.DRAFT],
        )
        .order_by("due_on")
        .values("due_on")[:1]
    )
    # The version of each plan in force now, with its next planned review (Care Act 2014 s27).
    in_force = (
        SupportPlan.objects.filter(person_id=person.pk, in_force_from__isnull=False, in_force_from__lte=today)
        .exclude(status=PlanStatus.DRAFT)
        .exclude(Exists(later))
        .annotate(
            row_kind=Value("in_force", output_field=CharField()),
            link=F("uuid"),
            shown_status=Cast("in_force_from", output_field=CharField()),
            team_name=F("team__name"),
            who=_full_name("practitioner"),
            shown_number=F("number"),
            due=Subquery(next_review, output_field=DateField()),
        )
        .order_by()
        .values_list("row_kind", "link", "shown_status", "shown_number", "team_name", "who", "created_at", "due")
    )
    rows = in_force.union(plans, waiting, reviews, all=True).order_by("-created_at")[:20]
    return [_work_item(row, today=today) for row in rows]


def _work_item(row: tuple[Any, ...], *, today: Any) -> registry.OpenWorkItem:
    kind, link, status, number, team, who, created_at, due = row
    if kind == "in_force":
        since = date.fromisoformat(str(status)[:10])
        review = (
            f"next planned review by {format_date(due)}" + (" (overdue)" if due < today else "")
            if due
            else "no planned review scheduled"
        )
        return registry.OpenWorkItem(
            f"Care and support plan in force, version {number}",
            team,
            f"In force since {format_date(since)}; {review}",
            created_at,
            reverse("support_plans:plan", args=[link]),
        )
    if kind == "assessment":
        return registry.OpenWorkItem(
            "Care and support plan to write",
            team,
            "The needs assessment found eligible needs: start the plan",
            created_at,
            reverse("support_plans:plan_start", args=[link]),
        )
    if kind == "review":
        return registry.OpenWorkItem(
            "Review of the care and support plan",
            team,
            f"In progress with {who.strip()}",
            created_at,
            reverse("support_plans:review", args=[link]),
        )
    if kind == "review_due":
        shown = f"Overdue since {format_date(due)}" if due < today else f"Due by {format_date(due)}"
        return registry.OpenWorkItem(
            "Planned review of the care and support plan",
            team,
            f"{shown}, with {who.strip()}",
            created_at,
            reverse("support_plans:review_start", args=[link]),
        )
    shown = (
        f"Draft with {who.strip()}"
        if status == PlanStatus.DRAFT
        else "Agreed, waiting for a manager to sign off the budget"
    )
    return registry.OpenWorkItem(
        f"Care and support plan, version {number}", team, shown, created_at, reverse("support_plans:plan", args=[link])
    )


_TIMELINE_KINDS = {
    PlanEventKind.STARTED: "Care and support plan started",
    PlanEventKind.REVISED: "Care and support plan revision started",
    PlanEventKind.COMPLETED: "Care and support plan agreed",
    PlanEventKind.SIGNED_OFF: "Care and support plan signed off",
    PlanEventKind.COPY_GIVEN: "Copy of the care and support plan given",
}
_TIMELINE_COLUMNS = ("source", "kind", "at", "who", "team_name", "link", "number", "extra")


def timeline_for_person(person: Any, actor: Actor, limit: int) -> list[registry.TimelineEntry]:
    """Plans started, revised, agreed and signed off, and reviews started and completed, newest first (one query)."""
    if not any(probes.exist(*timeline_rows(person))):
        return []
    plan_events = (
        PlanEvent.objects.filter(plan__person_id=person.pk, kind__in=list(_TIMELINE_KINDS))
        .annotate(
            source=Value("plan", output_field=CharField()),
            who=_full_name("by"),
            team_name=F("plan__team__name"),
            link=F("plan__uuid"),
            number=F("plan__number"),
            extra=Value("", output_field=CharField()),
        )
        .order_by()
        .values_list(*_TIMELINE_COLUMNS)
    )
    review_events = (
        ReviewEvent.objects.filter(
            review__person_id=person.pk, kind__in=[ReviewEventKind.STARTED, ReviewEventKind.COMPLETED]
        )
        .annotate(
            source=Value("review", output_field=CharField()),
            who=_full_name("by"),
            team_name=F("review__team__name"),
            link=F("review__uuid"),
            number=F("review__plan__number"),
            extra=F("review__kind"),
        )
        .order_by()
        .values_list(*_TIMELINE_COLUMNS)
    )
    rows = plan_events.union(review_events, all=True).order_by("-at")[:limit]
    entries = []
    for source, kind, at, who, team, link, number, extra in rows:
        if source == "review":
            what = ReviewKind(extra).label
            title = f"{what} {'started' if kind == ReviewEventKind.STARTED else 'completed'} (plan version {number})"
            url = reverse("support_plans:review", args=[link])
        else:
            title = f"{_TIMELINE_KINDS[PlanEventKind(kind)]} (version {number})"
            url = reverse("support_plans:plan", args=[link])
        entries.append(registry.TimelineEntry(at=at, title=title, detail=team, by=(who or "").strip(), url=url))
    return entries
