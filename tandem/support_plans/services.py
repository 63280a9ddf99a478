"""Every write to a care and support plan: permission-checked, transactional, audited, saved with compare-and-swap.

A version is edited only while it is a draft. Agreeing it freezes it; a revision starts the next
version as a copy, so what the person agreed to stays readable as it was.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock, registry
from tandem.core.errors import DomainError, require
from tandem.core.versioned import check_version, locked, record_event
from tandem.identity.actors import Actor
from tandem.identity.models import User
from tandem.support_plans import budget, policies, review_selectors, selectors
from tandem.support_plans.codes import (
    AgreementMethod,
    BudgetMethod,
    CommissionedKind,
    CopyFormat,
    PlanEventKind,
    PlanStatus,
    ReviewEventKind,
    ReviewKind,
    ReviewStatus,
    Unit,
)
from tandem.support_plans.models import (
    CommissionedService,
    CommunityService,
    PersonalOutcome,
    PlanReview,
    ProviderReview,
    SupportPlan,
)

if TYPE_CHECKING:
    # For the type checker only: other apps are reached through their services and selectors.
    from tandem.assessments.models import NeedsAssessment
    from tandem.directory.models import Service

MAX_TEXT = 5000
MAX_OUTCOMES = 30
MAX_UNITS = Decimal("168")  # the hours in a week: no unit is bought more often than hourly
MAX_UNIT_COST_PENCE = 10_000_00  # £10,000 a unit: anything above is a typing mistake


def clean_text(value: str, *, field: str, label: str, required: str = "") -> str:
    """A typed answer, trimmed; refused (on its field) with null characters, too long, or blank where `required`."""
    value = value.strip()
    if "\x00" in value:
        raise DomainError(f"{label} must not contain null characters", field=field)
    if len(value) > MAX_TEXT:
        raise DomainError(f"{label} must be {MAX_TEXT:,} characters or fewer", field=field)
    if required and not value:
        raise DomainError(required, field=field)
    return value


def audited(
    target: SupportPlan | PlanReview | ProviderReview,
    actor: Actor,
    action: str,
    summary: str,
    *,
    changes: dict[str, list[str]] | None = None,
    reason: str = "",
) -> None:
    """The audit event of a write to a plan, a review or a provider's review, about its person,
    in the write's own transaction."""
    audit.record(
        actor=actor, action=action, person=target.person, target=target, summary=summary, changes=changes, reason=reason
    )


def _check_version(plan: SupportPlan, version: int | None) -> None:
    check_version(plan, version, events=plan.events, kinds=PlanEventKind, what="this plan")


def _editable(plan: SupportPlan, version: int | None, actor: Actor) -> SupportPlan:
    """The draft, locked, if the actor may write plans and started from the version saved now."""
    require(policies.can_record(actor), "You do not have permission to write care and support plans")
    plan = locked(plan)
    if plan.status != PlanStatus.DRAFT:
        raise DomainError("This version of the plan has been agreed and cannot be changed: revise the plan instead")
    _check_version(plan, version)
    return plan


def _saved(plan: SupportPlan, actor: Actor, changes: dict[str, list[str]], *, action: str, summary: str) -> SupportPlan:
    plan.version += 1
    plan.save(update_fields=["version", "budget_method", "contingency", "updated_at"])
    record_event(plan.events, plan, kind=PlanEventKind.SAVED, actor=actor, changes=changes)
    audited(plan, actor, action, summary, changes=changes)
    return plan


def _short(statement: str) -> str:
    return statement if len(statement) <= 60 else f"{statement[:57]}..."


@transaction.atomic
def plan_start(*, assessment: NeedsAssessment, actor: Actor) -> SupportPlan:
    """Start a care and support plan (Care Act 2014 s24 and s25) for the eligible needs a completed
    needs assessment found; one plan follows each assessment."""
    require(policies.can_record(actor), "You do not have permission to write care and support plans")
    if not selectors.is_eligible_and_complete(assessment):
        raise DomainError("A care and support plan follows a completed needs assessment that found eligible needs")
    if assessment.person.merged_into_id is not None:
        raise DomainError("That record was merged into another: use the record kept")
    if selectors.plan_for_assessment(assessment=assessment) is not None:
        raise DomainError("A plan has already been started from this assessment")
    plan = SupportPlan.objects.create(
        person=assessment.person,
        assessment=assessment,
        team=assessment.team,
        practitioner=actor,
        lineage=uuid.uuid4(),
        started_on=clock.today(),
    )
    record_event(plan.events, plan, kind=PlanEventKind.STARTED, actor=actor)
    audited(plan, actor, "support_plans.plan.started", "Started a care and support plan")
    return plan


@dataclass(frozen=True)
class PlanDetails:
    budget_method: str
    contingency: str


@transaction.atomic
def plan_save(*, plan: SupportPlan, details: PlanDetails, version: int | None, actor: Actor) -> SupportPlan:
    """Save how the budget is taken and the contingency plan, from the version the editor opened."""
    plan = _editable(plan, version, actor)
    if details.budget_method and details.budget_method not in BudgetMethod.values:
        raise DomainError("Select how the personal budget is taken", field="budget_method")
    contingency = clean_text(details.contingency, field="contingency", label="The contingency plan")
    changes: dict[str, list[str]] = {}
    if plan.budget_method != details.budget_method:
        changes["How the budget is taken"] = [
            BudgetMethod(plan.budget_method).label if plan.budget_method else "",
            BudgetMethod(details.budget_method).label if details.budget_method else "",
        ]
        plan.budget_method = details.budget_method
    if plan.contingency != contingency:
        changes["Contingency plan"] = [plan.contingency, contingency]
        plan.contingency = contingency
    if not changes:
        return plan
    return _saved(plan, actor, changes, action="support_plans.plan.saved", summary="Saved the plan's details")


@dataclass(frozen=True)
class OutcomeAnswers:
    statement: str
    by_person_and_network: str = ""
    universal_services: str = ""
    equipment: str = ""


_OUTCOME_LABELS = {
    "statement": "what I want to achieve",
    "by_person_and_network": "by me and the people around me",
    "universal_services": "universal services",
    "equipment": "equipment",
}


def _clean_outcome(answers: OutcomeAnswers) -> OutcomeAnswers:
    return OutcomeAnswers(
        statement=clean_text(
            answers.statement,
            field="statement",
            label="The outcome",
            required="Write the outcome as the person puts it, starting with \u201cI\u201d",
        ),
        by_person_and_network=clean_text(answers.by_person_and_network, field="by_person_and_network", label="This"),
        universal_services=clean_text(answers.universal_services, field="universal_services", label="This"),
        equipment=clean_text(answers.equipment, field="equipment", label="This"),
    )


@transaction.atomic
def outcome_add(*, plan: SupportPlan, answers: OutcomeAnswers, version: int | None, actor: Actor) -> PersonalOutcome:
    """Add a personal outcome, in the person's words as an "I" statement, and how it will be met."""
    plan = _editable(plan, version, actor)
    answers = _clean_outcome(answers)
    count = plan.outcomes.count()
    if count >= MAX_OUTCOMES:
        raise DomainError(f"A plan can have up to {MAX_OUTCOMES} outcomes")
    outcome = PersonalOutcome.objects.create(plan=plan, position=count + 1, **answers.__dict__)
    changes = {f"Outcome \u201c{_short(answers.statement)}\u201d": ["", "added"]}
    _saved(plan, actor, changes, action="support_plans.outcome.added", summary="Added a personal outcome")
    return outcome


@transaction.atomic
def outcome_save(
    *, plan: SupportPlan, outcome: PersonalOutcome, answers: OutcomeAnswers, version: int | None, actor: Actor
) -> PersonalOutcome:
    """Change a personal outcome or how it will be met."""
    plan = _editable(plan, version, actor)
    answers = _clean_outcome(answers)
    outcome = PersonalOutcome.objects.select_for_update().get(pk=outcome.pk, plan=plan)
    name = f"Outcome \u201c{_short(outcome.statement)}\u201d"
    changes: dict[str, list[str]] = {}
    for field, label in _OUTCOME_LABELS.items():
        before, after = getattr(outcome, field), getattr(answers, field)
        if before != after:
            changes[f"{name}: {label}"] = [before, after]
            setattr(outcome, field, after)
    if not changes:
        return outcome
    outcome.save()
    _saved(plan, actor, changes, action="support_plans.outcome.saved", summary="Changed a personal outcome")
    return outcome


@transaction.atomic
def outcome_remove(*, plan: SupportPlan, outcome: PersonalOutcome, version: int | None, actor: Actor) -> None:
    """Take an outcome, and the services meeting it, off the draft."""
    plan = _editable(plan, version, actor)
    outcome = PersonalOutcome.objects.select_for_update().get(pk=outcome.pk, plan=plan)
    changes = {f"Outcome \u201c{_short(outcome.statement)}\u201d": ["", "removed"]}
    outcome.delete()
    _saved(plan, actor, changes, action="support_plans.outcome.removed", summary="Removed a personal outcome")


@transaction.atomic
def community_service_add(
    *, plan: SupportPlan, outcome: PersonalOutcome, service: Service, version: int | None, actor: Actor
) -> CommunityService:
    """Name a community service from the directory that helps meet the outcome."""
    plan = _editable(plan, version, actor)
    outcome = PersonalOutcome.objects.get(pk=outcome.pk, plan=plan)
    if outcome.community_services.filter(service_id=service.pk).exists():
        raise DomainError(f"{service.name} is already listed for this outcome", field="service")
    item = CommunityService.objects.create(outcome=outcome, service=service, service_name=service.name)
    changes = {f"Outcome \u201c{_short(outcome.statement)}\u201d: community services": ["", service.name]}
    _saved(plan, actor, changes, action="support_plans.community.added", summary="Added a community service")
    return item


@transaction.atomic
def community_service_remove(*, plan: SupportPlan, item: CommunityService, version: int | None, actor: Actor) -> None:
    plan = _editable(plan, version, actor)
    item = CommunityService.objects.select_related("outcome").get(pk=item.pk, outcome__plan=plan)
    changes = {f"Outcome \u201c{_short(item.outcome.statement)}\u201d: community services": [item.service_name, ""]}
    item.delete()
    _saved(plan, actor, changes, action="support_plans.community.removed", summary="Removed a community service")


@dataclass(frozen=True)
class CommissionedDetails:
    kind: str
    provider_name: str
    units_per_week: Decimal
    unit: str
    unit_cost_pence: int
    # A care provider on the system, whose staff then see and review the package.
    provider_organisation_id: int | None = None


def commissioned_line(details: CommissionedDetails) -> str:
    cost = budget.weekly_cost_pence(units_per_week=details.units_per_week, unit_cost_pence=details.unit_cost_pence)
    return (
        f"{CommissionedKind(details.kind).label} from {details.provider_name}: "
        f"{details.units_per_week.normalize():f} {Unit(details.unit).label.lower()} a week at "
        f"{budget.pounds(details.unit_cost_pence)} ({budget.pounds(cost)} a week)"
    )


@transaction.atomic
def commissioned_add(
    *, plan: SupportPlan, outcome: PersonalOutcome, details: CommissionedDetails, version: int | None, actor: Actor
) -> CommissionedService:
    """Add a commissioned service; its weekly cost joins the personal budget."""
    plan = _editable(plan, version, actor)
    outcome = PersonalOutcome.objects.get(pk=outcome.pk, plan=plan)
    details = _clean_commissioned(details)
    item = CommissionedService.objects.create(
        outcome=outcome,
        kind=details.kind,
        provider_name=details.provider_name,
        provider_organisation_id=details.provider_organisation_id,
        units_per_week=details.units_per_week,
        unit=details.unit,
        unit_cost_pence=details.unit_cost_pence,
    )
    changes = {
        f"Outcome \u201c{_short(outcome.statement)}\u201d: commissioned services": ["", commissioned_line(details)]
    }
    _saved(plan, actor, changes, action="support_plans.commissioned.added", summary="Added a commissioned service")
    return item


def _clean_commissioned(details: CommissionedDetails) -> CommissionedDetails:
    if details.kind not in CommissionedKind.values:
        raise DomainError("Select the type of service", field="kind")
    if details.unit not in Unit.values:
        raise DomainError("Select what the service is counted in", field="unit")
    organisation = None
    if details.provider_organisation_id is not None:
        organisation = selectors.care_provider_of(pk=details.provider_organisation_id)
        if organisation is None:
            raise DomainError("Select a care provider from the list", field="provider_organisation")
    # A provider on the system is named as the system names it; the typed name is for the others.
    provider = (
        organisation.name
        if organisation
        else clean_text(details.provider_name, field="provider_name", label="The provider's name")
    )
    if not provider:
        raise DomainError("Enter the provider's name, or select a care provider on the system", field="provider_name")
    if len(provider) > 200:
        raise DomainError("The provider's name must be 200 characters or fewer", field="provider_name")
    if not Decimal(0) < details.units_per_week <= MAX_UNITS:
        raise DomainError(f"How many a week must be more than 0 and at most {MAX_UNITS}", field="units_per_week")
    if not 0 <= details.unit_cost_pence <= MAX_UNIT_COST_PENCE:
        raise DomainError("The cost of each must be between £0 and £10,000", field="unit_cost")
    return CommissionedDetails(
        details.kind,
        provider,
        details.units_per_week,
        details.unit,
        details.unit_cost_pence,
        details.provider_organisation_id,
    )


@transaction.atomic
def commissioned_save(
    *, plan: SupportPlan, item: CommissionedService, details: CommissionedDetails, version: int | None, actor: Actor
) -> CommissionedService:
    """Change a commissioned service (its hours or cost, say); the budget follows."""
    plan = _editable(plan, version, actor)
    item = CommissionedService.objects.select_for_update().select_related("outcome").get(pk=item.pk, outcome__plan=plan)
    details = _clean_commissioned(details)
    before = commissioned_line(
        CommissionedDetails(item.kind, item.provider_name, item.units_per_week, item.unit, item.unit_cost_pence)
    )
    after = commissioned_line(details)
    linked = item.provider_organisation_id != details.provider_organisation_id
    if before == after and not linked:
        return item
    item.kind, item.provider_name, item.units_per_week, item.unit, item.unit_cost_pence = (
        details.kind,
        details.provider_name,
        details.units_per_week,
        details.unit,
        details.unit_cost_pence,
    )
    item.provider_organisation_id = details.provider_organisation_id
    item.save()
    changes = {f"Outcome \u201c{_short(item.outcome.statement)}\u201d: commissioned services": [before, after]}
    if linked:
        changes["Provider on the system"] = [
            "Yes" if details.provider_organisation_id is None else "No",
            "No" if details.provider_organisation_id is None else "Yes",
        ]
    _saved(plan, actor, changes, action="support_plans.commissioned.saved", summary="Changed a commissioned service")
    return item


@transaction.atomic
def commissioned_remove(*, plan: SupportPlan, item: CommissionedService, version: int | None, actor: Actor) -> None:
    plan = _editable(plan, version, actor)
    item = CommissionedService.objects.select_related("outcome").get(pk=item.pk, outcome__plan=plan)
    line = commissioned_line(
        CommissionedDetails(item.kind, item.provider_name, item.units_per_week, item.unit, item.unit_cost_pence)
    )
    changes = {f"Outcome \u201c{_short(item.outcome.statement)}\u201d: commissioned services": [line, ""]}
    item.delete()
    _saved(plan, actor, changes, action="support_plans.commissioned.removed", summary="Removed a commissioned service")


def review_new(plan: SupportPlan, *, practitioner: User, **fields: Any) -> PlanReview:
    """A new review of this version of the plan, for its person and team (inside the caller's write)."""
    return PlanReview.objects.create(
        plan=plan, lineage=plan.lineage, person=plan.person, team=plan.team, practitioner=practitioner, **fields
    )


def planned_review_schedule(
    *, plan: SupportPlan, due: date, practitioner: User, actor: Actor, move: bool = True
) -> None:
    """Schedule the plan's next planned review for `due` (Care Act 2014 s27 and statutory guidance
    13.32), or move the one scheduled to that date (and, with `move`, to this version of the plan);
    a planned review already in progress is left to finish."""
    review = (
        PlanReview.objects.select_for_update()
        .filter(lineage=plan.lineage, kind=ReviewKind.PLANNED, status__in=[ReviewStatus.SCHEDULED, ReviewStatus.DRAFT])
        .first()
    )
    if review is not None and review.status == ReviewStatus.DRAFT:
        return
    if review is None:
        review = review_new(plan, practitioner=practitioner, kind=ReviewKind.PLANNED, due_on=due)
        changes = {"Due": ["", f"{due:%d/%m/%Y}"]}
    else:
        changes = {"Due": [f"{review.due_on:%d/%m/%Y}" if review.due_on else "", f"{due:%d/%m/%Y}"]}
        if move:
            review.plan, review.team = plan, plan.team
        review.due_on = due
        review.version += 1
        review.save(update_fields=["plan", "team", "due_on", "version", "updated_at"])
    record_event(review.events, review, kind=ReviewEventKind.SCHEDULED, actor=actor, changes=changes)


def _in_force(plan: SupportPlan, actor: Actor) -> None:
    """A version has taken effect: its planned review is due no later than 12 months on."""
    due = review_selectors.review_due_after(plan.in_force_from or clock.today())
    planned_review_schedule(plan=plan, due=due, practitioner=plan.practitioner, actor=actor)
    # The case and the request for support it came from are done: the plan's reviews follow.
    registry.work_moved_on(
        registry.WorkStep(
            kind=registry.WorkStepKind.PLAN_IN_FORCE,
            person=plan.person,
            team_id=plan.team_id,
            actor=actor,
            support_request=plan.assessment.support_request,
            detail=f"Care and support plan in force; next planned review by {due:%-d %B %Y}",
        )
    )


@dataclass(frozen=True)
class Agreement:
    agreed_on: date
    method: str
    copy_given_on: date | None = None
    copy_format: str = ""


def _check_copy(given_on: date | None, copy_format: str, *, agreed_on: date | None) -> None:
    if given_on is None and not copy_format:
        return
    if given_on is None:
        raise DomainError("Enter the date the copy was given", field="copy_given_on")
    if copy_format not in CopyFormat.values:
        raise DomainError("Select the format of the copy", field="copy_format")
    if given_on > clock.today():
        raise DomainError("The date the copy was given must be today or in the past", field="copy_given_on")
    if agreed_on is not None and given_on < agreed_on:
        raise DomainError("The copy cannot be given before the plan was agreed", field="copy_given_on")


@transaction.atomic
def plan_complete(*, plan: SupportPlan, agreement: Agreement, version: int | None, actor: Actor) -> SupportPlan:
    """Record the person's agreement (Care Act 2014 s25(1)(b)) and freeze this version. Its personal
    budget is computed now; above the sign-off threshold a manager must sign it off before it takes effect."""
    plan = _editable(plan, version, actor)
    outcomes = selectors.outcomes_of(plan=plan)
    if not outcomes:
        raise DomainError("Add at least one personal outcome before the plan is agreed")
    unmet = [
        o.statement
        for o in outcomes
        if not (
            o.by_person_and_network
            or o.universal_services
            or o.equipment
            or o.community_services.all()
            or o.commissioned_services.all()
        )
    ]
    if unmet:
        raise DomainError(f"Say how each outcome will be met: \u201c{_short(unmet[0])}\u201d has nothing yet")
    if not plan.budget_method:
        raise DomainError("Say how the personal budget is taken before the plan is agreed")
    if not plan.contingency:
        raise DomainError("Write the contingency plan before the plan is agreed")
    if agreement.method not in AgreementMethod.values:
        raise DomainError("Select how the person agreed to the plan", field="agreement_method")
    if agreement.agreed_on > clock.today():
        raise DomainError("The date the person agreed must be today or in the past", field="agreed_on")
    if agreement.agreed_on < plan.started_on:
        raise DomainError("The date the person agreed cannot be before the plan was started", field="agreed_on")
    _check_copy(agreement.copy_given_on, agreement.copy_format, agreed_on=agreement.agreed_on)
    weekly = selectors.budget_of_outcomes(outcomes).weekly_pence
    plan.status = PlanStatus.COMPLETED
    plan.completed_on = clock.today()
    plan.agreed_on = agreement.agreed_on
    plan.agreement_method = agreement.method
    plan.copy_given_on = agreement.copy_given_on
    plan.copy_format = agreement.copy_format
    plan.weekly_budget_pence = weekly
    plan.needs_sign_off = budget.needs_sign_off(weekly)
    plan.in_force_from = None if plan.needs_sign_off else clock.today()
    plan.version += 1
    plan.save()
    record_event(plan.events, plan, kind=PlanEventKind.COMPLETED, actor=actor)
    if not plan.needs_sign_off:
        _in_force(plan, actor)
    waiting = ", waiting for a manager to sign off the budget" if plan.needs_sign_off else ""
    audited(
        plan,
        actor,
        "support_plans.plan.completed",
        f"The person agreed version {plan.number} of the plan: {budget.pounds(weekly)} a week{waiting}",
    )
    return plan


@transaction.atomic
def plan_copy_record(
    *, plan: SupportPlan, given_on: date | None, copy_format: str, version: int | None, actor: Actor
) -> SupportPlan:
    """Record that the person was given a copy of an agreed plan (Care Act 2014 s25(9)). This is the
    one fact added to a version after agreement: it says how the plan was shared, not what it says."""
    require(policies.can_record(actor), "You do not have permission to write care and support plans")
    plan = locked(plan)
    if plan.status == PlanStatus.DRAFT:
        raise DomainError("Record the copy once the person has agreed the plan")
    if plan.copy_given_on is not None:
        raise DomainError("A copy has already been recorded for this version")
    _check_version(plan, version)
    if given_on is None:
        raise DomainError("Enter the date the copy was given", field="copy_given_on")
    _check_copy(given_on, copy_format, agreed_on=plan.agreed_on)
    plan.copy_given_on, plan.copy_format = given_on, copy_format
    plan.version += 1
    plan.save(update_fields=["copy_given_on", "copy_format", "version", "updated_at"])
    record_event(
        plan.events,
        plan,
        kind=PlanEventKind.COPY_GIVEN,
        actor=actor,
        changes={"Copy given": ["", f"{given_on:%d/%m/%Y}, {CopyFormat(copy_format).label}"]},
    )
    audited(
        plan,
        actor,
        "support_plans.copy.given",
        f"Recorded that the person was given a copy ({CopyFormat(copy_format).label.lower()})",
    )
    return plan


@transaction.atomic
def plan_sign_off(*, plan: SupportPlan, version: int | None, actor: Actor) -> SupportPlan:
    """Sign off an agreed plan whose budget is above the threshold: a manager other than whoever completed it."""
    require(policies.can_sign_off(actor), "Only a team manager can sign off a care and support plan")
    plan = locked(plan)
    if not plan.awaiting_sign_off:
        raise DomainError("Only an agreed plan above the sign-off threshold is signed off")
    _check_version(plan, version)
    if selectors.completed_by_id(plan=plan) == actor.pk:
        raise DomainError("You recorded the person's agreement to this plan: another manager must sign it off")
    plan.status = PlanStatus.AUTHORISED
    plan.signed_off_on = clock.today()
    plan.signed_off_by = actor
    plan.in_force_from = clock.today()
    plan.version += 1
    plan.save()
    record_event(plan.events, plan, kind=PlanEventKind.SIGNED_OFF, actor=actor)
    _in_force(plan, actor)
    audited(
        plan,
        actor,
        "support_plans.plan.signed_off",
        f"Signed off version {plan.number} of the plan: {budget.pounds(plan.weekly_budget_pence or 0)} a week",
    )
    return plan


@transaction.atomic
def plan_revise(*, plan: SupportPlan, reason: str, actor: Actor) -> SupportPlan:
    """Start the next version of an agreed plan as a copy of it (Care Act 2014 s27(4)); the agreed
    version stays as it was, readable in the plan's history."""
    require(policies.can_record(actor), "You do not have permission to write care and support plans")
    plan = locked(plan)
    latest = selectors.latest_of(plan=plan)
    if latest.pk != plan.pk:
        raise DomainError(f"Version {latest.number} is the latest: revise that one")
    if plan.status == PlanStatus.DRAFT:
        raise DomainError("This version is still a draft: change it instead of revising it")
    reason = clean_text(reason, field="reason", label="The reason", required="Say why the plan is being revised")
    revision = SupportPlan.objects.create(
        person=plan.person,
        assessment=plan.assessment,
        team=plan.team,
        practitioner=actor,
        lineage=plan.lineage,
        number=plan.number + 1,
        revises=plan,
        revision_reason=reason,
        started_on=clock.today(),
        budget_method=plan.budget_method,
        contingency=plan.contingency,
    )
    for outcome in selectors.outcomes_of(plan=plan):
        copy = PersonalOutcome.objects.create(
            plan=revision,
            position=outcome.position,
            statement=outcome.statement,
            by_person_and_network=outcome.by_person_and_network,
            universal_services=outcome.universal_services,
            equipment=outcome.equipment,
        )
        CommunityService.objects.bulk_create(
            [
                CommunityService(outcome=copy, service_id=c.service_id, service_name=c.service_name)
                for c in outcome.community_services.all()
            ]
        )
        CommissionedService.objects.bulk_create(
            [
                CommissionedService(
                    outcome=copy,
                    kind=c.kind,
                    provider_name=c.provider_name,
                    provider_organisation_id=c.provider_organisation_id,
                    units_per_week=c.units_per_week,
                    unit=c.unit,
                    unit_cost_pence=c.unit_cost_pence,
                )
                for c in outcome.commissioned_services.all()
            ]
        )
    record_event(revision.events, revision, kind=PlanEventKind.REVISED, actor=actor, changes={"Reason": ["", reason]})
    audited(
        revision, actor, "support_plans.plan.revised", f"Started version {revision.number} of the plan", reason=reason
    )
    return revision
