"""Shaping care and support plans for pages and for the document the person is given."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from tandem.core.presenters import format_date
from tandem.support_plans import budget
from tandem.support_plans.codes import (
    REVISING_OUTCOMES,
    AgreementMethod,
    BudgetMethod,
    CopyFormat,
    PlanStatus,
    ProviderReviewStatus,
    ReviewKind,
    ReviewReason,
    ReviewStatus,
    Unit,
)

TAG_CLASSES = {
    PlanStatus.DRAFT: "govuk-tag--grey",
    PlanStatus.COMPLETED: "govuk-tag--green",
    PlanStatus.AUTHORISED: "govuk-tag--blue",
}


def pounds(pence: int | None) -> str:
    return "" if pence is None else budget.pounds(pence)


def status_text(plan: Any) -> str:
    if plan.status == PlanStatus.DRAFT:
        return "Draft"
    if plan.awaiting_sign_off:
        return "Agreed, waiting for sign-off"
    return str(PlanStatus(plan.status).label)


def status_tag(plan: Any) -> dict[str, str]:
    return {"text": status_text(plan), "classes": TAG_CLASSES[PlanStatus(plan.status)]}


def units(value: Decimal, unit: str) -> str:
    shown = f"{value.normalize():f}"
    return f"{shown} {Unit(unit).label.lower()}"


@dataclass(frozen=True)
class CommissionedRow:
    uuid: Any
    kind: str
    provider: str
    units: str
    unit_cost: str
    weekly: str


def commissioned_rows(outcome: Any) -> list[CommissionedRow]:
    return [
        CommissionedRow(
            uuid=s.uuid,
            kind=s.get_kind_display(),
            provider=s.provider_name,
            units=units(s.units_per_week, s.unit),
            unit_cost=budget.pounds(s.unit_cost_pence),
            weekly=budget.pounds(
                budget.weekly_cost_pence(units_per_week=s.units_per_week, unit_cost_pence=s.unit_cost_pence)
            ),
        )
        for s in outcome.commissioned_services.all()
    ]


@dataclass(frozen=True)
class BudgetShown:
    weekly: str
    annual: str
    threshold: str
    needs_sign_off: bool


def budget_shown(plan: Any, computed: budget.Budget) -> BudgetShown:
    """A draft shows the budget as it stands; an agreed version shows the figure it was agreed at."""
    weekly = computed.weekly_pence if plan.weekly_budget_pence is None else plan.weekly_budget_pence
    return BudgetShown(
        weekly=budget.pounds(weekly),
        annual=budget.pounds(weekly * budget.WEEKS_A_YEAR),
        threshold=budget.pounds(budget.sign_off_threshold_pence()),
        needs_sign_off=bool(plan.needs_sign_off) if plan.needs_sign_off is not None else budget.needs_sign_off(weekly),
    )


def agreement_rows(plan: Any) -> list[dict[str, Any]]:
    rows = [
        {
            "key": {"text": "How the budget is taken"},
            "value": {"text": BudgetMethod(plan.budget_method).label if plan.budget_method else "Not decided yet"},
        }
    ]
    if plan.agreed_on:
        rows.append(
            {
                "key": {"text": "Agreed by the person"},
                "value": {
                    "text": f"{format_date(plan.agreed_on)}: {AgreementMethod(plan.agreement_method).label.lower()}"
                },
            }
        )
        rows.append(
            {
                "key": {"text": "Copy given"},
                "value": {
                    "text": f"{format_date(plan.copy_given_on)}, {CopyFormat(plan.copy_format).label.lower()}"
                    if plan.copy_given_on
                    else "Not recorded yet"
                },
            }
        )
    if plan.signed_off_on:
        who = plan.signed_off_by.get_full_name() or plan.signed_off_by.username
        rows.append({"key": {"text": "Signed off"}, "value": {"text": f"{format_date(plan.signed_off_on)} by {who}"}})
    if plan.in_force_from:
        rows.append({"key": {"text": "In force from"}, "value": {"text": format_date(plan.in_force_from)}})
    return rows


def review_status(review: Any) -> dict[str, str]:
    classes = {
        ReviewStatus.SCHEDULED: "govuk-tag--grey",
        ReviewStatus.DRAFT: "govuk-tag--yellow",
        ReviewStatus.COMPLETED: "govuk-tag--green",
    }
    return {"text": ReviewStatus(review.status).label, "classes": classes[ReviewStatus(review.status)]}


def review_title(review: Any) -> str:
    if review.kind == ReviewKind.PLANNED:
        return "Planned review"
    return f"Unplanned review: {ReviewReason(review.reason).label.lower()}"


def review_revises(review: Any) -> bool:
    """Whether completing the review, as it stands, starts a revision of the plan."""
    return review.outcome in REVISING_OUTCOMES


PROVIDER_TAG_CLASSES = {
    ProviderReviewStatus.SUBMITTED: "govuk-tag--yellow",
    ProviderReviewStatus.ACCEPTED: "govuk-tag--green",
    ProviderReviewStatus.RETURNED: "govuk-tag--red",
}


def _provider_tag(value: str) -> dict[str, str]:
    status = ProviderReviewStatus(value)
    return {"text": status.label, "classes": PROVIDER_TAG_CLASSES[status]}


def provider_review_status(review: Any) -> dict[str, str]:
    return _provider_tag(review.status)


@dataclass(frozen=True)
class ProviderPackage:
    """A package as its care provider sees it: the least that identifies the person, and the service."""

    uuid: Any
    person_name: str
    born: str
    kind: str
    units: str
    outcome: str
    next_review: str
    last_review: dict[str, str] | None
    last_sent: str
    returned_because: str


def provider_package(package: Any) -> ProviderPackage:
    person = package.outcome.plan.person
    last_status = getattr(package, "last_status", None)
    last_sent = getattr(package, "last_submitted_at", None)
    next_review = getattr(package, "next_review_on", None)
    return ProviderPackage(
        uuid=package.uuid,
        person_name=person.full_name,
        born=format_date(person.date_of_birth) if person.date_of_birth else "Not known",
        kind=package.get_kind_display(),
        units=f"{units(package.units_per_week, package.unit)} a week",
        outcome=package.outcome.statement,
        next_review=format_date(next_review) if next_review else "Not scheduled",
        last_review=_provider_tag(last_status) if last_status else None,
        last_sent=format_date(timezone.localdate(last_sent)) if last_sent else "",
        returned_because=(getattr(package, "last_return_reason", "") or "")
        if last_status == ProviderReviewStatus.RETURNED
        else "",
    )


def provider_service_line(service: Any) -> str:
    return f"{service.get_kind_display()}: {units(service.units_per_week, service.unit)} a week"
