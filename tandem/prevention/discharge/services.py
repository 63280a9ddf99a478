"""Every write of the discharge hub: referrals from wards, the board's updates, brokerage of
packages and beds, the accepted package into the person's care and support plan, discharge and
withdrawal. Each checks the actor's role, runs in one transaction and writes its audit event.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.core.presenters import age_on
from tandem.core.versioned import check_version, locked, record_event
from tandem.identity.actors import Actor
from tandem.prevention.discharge import policies, selectors
from tandem.prevention.discharge.codes import (
    DelayReason,
    Destination,
    OfferStatus,
    PackageStatus,
    Pathway,
    ReferralEventKind,
    ReferralSource,
    ReferralStatus,
)
from tandem.prevention.discharge.models import DischargeReferral, PackageSought, ProviderOffer
from tandem.support_plans import selectors as plan_selectors
from tandem.support_plans import services as plan_services
from tandem.support_plans.codes import CommissionedKind, PlanStatus, Unit

MAX_TEXT = 5_000
NOT_PERMITTED = "Only those who may edit records work the discharge hub"
REVISION_REASON = "A package of care arranged by the hospital discharge hub"


def _text(value: str, *, field: str, label: str, most: int = MAX_TEXT, required: str = "") -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise DomainError(f"{label} must not contain null characters", field=field)
    if len(value) > most:
        raise DomainError(f"{label} must be {most:,} characters or fewer", field=field)
    if required and not value:
        raise DomainError(required, field=field)
    return value


def _audited(referral: DischargeReferral, actor: Actor, action: str, summary: str, changes: Any = None) -> None:
    audit.record(
        actor=actor,
        action=f"prevention.discharge.{action}",
        person=referral.person,
        target=referral,
        summary=summary,
        changes=changes,
    )


def _changed(
    referral: DischargeReferral,
    actor: Actor,
    *,
    kind: str,
    changes: dict[str, list[str]],
    action: str,
    summary: str,
    saving: list[str] | None = None,
    audit_changes: bool = True,
) -> None:
    """A change to a referral: its next version saved (only `saving` when the rest is untouched),
    the change in its history and the audit log."""
    referral.version += 1
    if saving is None:
        referral.save()
    else:
        referral.save(update_fields=["version", "updated_at", *saving])
    record_event(referral.events, referral, kind=kind, actor=actor, changes=changes)
    _audited(referral, actor, action, summary, changes if audit_changes else None)


def _shown(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return f"{value:%d %B %Y}"
    if hasattr(value, "get_full_name"):
        return str(value.get_full_name() or value.username)
    return str(value)


@dataclass(frozen=True)
class Dates:
    """The dates of a stay the ward and the hub keep: admission, no longer meeting the criteria to
    reside (NCTR), and the expected and actual discharge-ready dates."""

    admitted_on: date
    nctr_on: date | None = None
    expected_ready_on: date | None = None
    ready_on: date | None = None


def _check_dates(dates: Dates, *, born: date | None, today: date) -> None:
    """Dates in order: admitted, then no longer meeting the criteria to reside, then ready; none of
    what has happened in the future."""
    if dates.admitted_on > today:
        raise DomainError("The date of admission must be today or in the past", field="admitted_on")
    if born is not None and dates.admitted_on < born:
        raise DomainError("The date of admission must be after their date of birth", field="admitted_on")
    if dates.nctr_on is not None:
        if dates.nctr_on < dates.admitted_on:
            raise DomainError(
                "The date they no longer met the criteria to reside must be on or after the date of admission",
                field="nctr_on",
            )
        if dates.nctr_on > today:
            raise DomainError(
                "The date they no longer met the criteria to reside must be today or in the past", field="nctr_on"
            )
    if dates.expected_ready_on is not None and dates.expected_ready_on < dates.admitted_on:
        raise DomainError(
            "The expected discharge-ready date must be on or after the date of admission", field="expected_ready_on"
        )
    if dates.ready_on is not None:
        if dates.nctr_on is None:
            raise DomainError(
                "Enter the date they no longer met the criteria to reside before the date they were discharge-ready",
                field="nctr_on",
            )
        if dates.ready_on < dates.nctr_on:
            raise DomainError(
                "The discharge-ready date must be on or after the date they no longer met the criteria to reside",
                field="ready_on",
            )
        if dates.ready_on > today:
            raise DomainError("The discharge-ready date must be today or in the past", field="ready_on")


@dataclass(frozen=True)
class ReferralDetails:
    hospital: str
    ward: str
    dates: Dates
    pathway: str
    what_matters: str = ""
    carer_view: str = ""


@transaction.atomic
def referral_record(
    *,
    person: Any,
    details: ReferralDetails,
    actor: Actor,
    source: ReferralSource = ReferralSource.FORM,
    source_key: str = "",
) -> DischargeReferral:
    """Put a ward's referral on the hub's board: an adult in hospital (the Care Act 2014 s9 duty to
    assess is owed to adults), one open referral a person, dates in order."""
    require(policies.can_work(actor), NOT_PERMITTED)
    if person.merged_into_id is not None:
        raise DomainError("That record was merged into another: use the record kept")
    today = clock.today()
    if person.date_of_death is not None:
        raise DomainError("This person's record says they have died")
    if person.date_of_birth is None:
        raise DomainError("Record their date of birth on their record first: the hub takes referrals of adults only")
    if (age_on(person.date_of_birth, details.dates.admitted_on) or 0) < 18:
        raise DomainError(
            "The hub takes referrals of adults only: they were under 18 when admitted", field="admitted_on"
        )
    if selectors.open_referral_of(person_id=person.pk) is not None:
        raise DomainError("This person is already on the hub's board: update that referral instead")
    if details.pathway not in Pathway.values:
        raise DomainError("Select the discharge pathway", field="pathway")
    _check_dates(details.dates, born=person.date_of_birth, today=today)
    if source_key and DischargeReferral.objects.filter(source_key=source_key[:500]).exists():
        raise DomainError("This referral has been received before")
    referral = DischargeReferral.objects.create(
        person=person,
        source=source,
        source_key=source_key[:500],
        hospital=_text(
            details.hospital, field="hospital", label="The hospital", most=200, required="Enter the hospital"
        ),
        ward=_text(details.ward, field="ward", label="The ward", most=100, required="Enter the ward"),
        admitted_on=details.dates.admitted_on,
        nctr_on=details.dates.nctr_on,
        expected_ready_on=details.dates.expected_ready_on,
        ready_on=details.dates.ready_on,
        pathway=details.pathway,
        what_matters=_text(details.what_matters, field="what_matters", label="What matters to them"),
        carer_view=_text(details.carer_view, field="carer_view", label="Their carer's view"),
        referred_by=actor,
        referred_at=clock.now(),
        delay_reason=DelayReason.ASSESSMENT if details.dates.nctr_on else "",
    )
    record_event(referral.events, referral, kind=ReferralEventKind.REFERRED, actor=actor)
    _audited(referral, actor, "referred", f"Referred to the discharge hub from {referral.ward}, {referral.hospital}")
    return referral


@dataclass(frozen=True)
class BoardUpdate:
    """What the daily meeting changes: the dates, the pathway, the reason for the delay and the next action."""

    ward: str
    dates: Dates
    pathway: str
    delay_reason: str
    next_action: str
    action_owner: Any
    action_due_on: date | None


_LABELS = {
    "ward": "Ward",
    "admitted_on": "Admitted",
    "nctr_on": "No longer meets the criteria to reside",
    "expected_ready_on": "Expected discharge-ready",
    "ready_on": "Discharge-ready",
    "pathway": "Pathway",
    "delay_reason": "Reason for delay",
    "next_action": "Next action",
    "action_owner": "Owner",
    "action_due_on": "Next action due",
}


def _open(referral: DischargeReferral, version: int | None) -> DischargeReferral:
    referral = locked(referral)
    if referral.status != ReferralStatus.WAITING:
        raise DomainError("This person is no longer on the board")
    check_version(referral, version, events=referral.events, kinds=ReferralEventKind, what="this referral")
    return referral


@transaction.atomic
def referral_update(
    *, referral: DischargeReferral, update: BoardUpdate, version: int | None, actor: Actor
) -> DischargeReferral:
    """Keep the board current: dates in order, a reason for each delay, the next action and its owner."""
    require(policies.can_work(actor), NOT_PERMITTED)
    referral = _open(referral, version)
    if update.pathway not in Pathway.values:
        raise DomainError("Select the discharge pathway", field="pathway")
    if update.delay_reason and update.delay_reason not in DelayReason.values:
        raise DomainError("Select the reason for the delay", field="delay_reason")
    _check_dates(update.dates, born=referral.person.date_of_birth, today=clock.today())
    next_action = _text(update.next_action, field="next_action", label="The next action", most=300)
    if (update.action_owner or update.action_due_on) and not next_action:
        raise DomainError("Enter the next action, or leave its owner and due date empty", field="next_action")
    after: dict[str, Any] = {
        "ward": _text(update.ward, field="ward", label="The ward", most=100, required="Enter the ward"),
        "admitted_on": update.dates.admitted_on,
        "nctr_on": update.dates.nctr_on,
        "expected_ready_on": update.dates.expected_ready_on,
        "ready_on": update.dates.ready_on,
        "pathway": update.pathway,
        "delay_reason": update.delay_reason if update.dates.nctr_on else "",
        "next_action": next_action,
        "action_owner": update.action_owner,
        "action_due_on": update.action_due_on,
    }
    changes: dict[str, list[str]] = {}
    for name, value in after.items():
        before = getattr(referral, name)
        if before != value:
            shown_before, shown_after = _shown(before), _shown(value)
            if name == "pathway":
                shown_before, shown_after = Pathway(before).label, Pathway(value).label
            if name == "delay_reason":
                shown_before = DelayReason(before).label if before else ""
                shown_after = DelayReason(value).label if value else ""
            changes[_LABELS[name]] = [shown_before, shown_after]
            setattr(referral, name, value)
    if not changes:
        return referral
    _changed(
        referral,
        actor,
        kind=ReferralEventKind.SAVED,
        changes=changes,
        action="updated",
        summary="Updated on the discharge hub's board",
    )
    return referral


@dataclass(frozen=True)
class PackageNeeded:
    kind: str
    units_per_week: Decimal
    unit: str
    needed_from: date
    details: str = ""


@transaction.atomic
def package_seek(*, referral: DischargeReferral, needed: PackageNeeded, actor: Actor) -> PackageSought:
    """Seek a package of care or a bed from care providers for someone on the board."""
    require(policies.can_work(actor), NOT_PERMITTED)
    referral = _open(referral, None)
    if needed.kind not in CommissionedKind.values:
        raise DomainError("Select what is needed", field="kind")
    if needed.unit not in Unit.values:
        raise DomainError("Select what it is counted in", field="unit")
    if not Decimal(0) < needed.units_per_week <= Decimal(168):
        raise DomainError("How many a week must be more than 0 and at most 168", field="units_per_week")
    if needed.needed_from < referral.admitted_on:
        raise DomainError("The date it is needed from must be on or after the date of admission", field="needed_from")
    package = PackageSought.objects.create(
        referral=referral,
        kind=needed.kind,
        units_per_week=needed.units_per_week,
        unit=needed.unit,
        needed_from=needed.needed_from,
        details=_text(needed.details, field="details", label="The details"),
        sought_by=actor,
        sought_at=clock.now(),
    )
    _changed(
        referral,
        actor,
        kind=ReferralEventKind.PACKAGE_SOUGHT,
        changes={"Sought": ["", package.get_kind_display()]},
        action="package_sought",
        summary=f"Sought {package.get_kind_display().lower()} from care providers",
        saving=[],
        audit_changes=False,
    )
    return package


@dataclass(frozen=True)
class OfferDetails:
    provider: Any  # an identity.Organisation of kind care provider
    starts_on: date
    unit_cost_pence: int
    notes: str = ""


@transaction.atomic
def offer_record(*, package: PackageSought, offer: OfferDetails, actor: Actor) -> ProviderOffer:
    """Record a care provider's offer of the package or bed sought."""
    require(policies.can_work(actor), NOT_PERMITTED)
    referral = _open(package.referral, None)
    package = locked(package, keep=())
    if package.status != PackageStatus.SOUGHT:
        raise DomainError("An offer has already been accepted for this")
    if offer.provider is None or selectors.care_provider_of(uuid=str(offer.provider.uuid)) is None:
        raise DomainError("Select a care provider from the list", field="provider")
    if not 0 <= offer.unit_cost_pence <= 1_000_000:
        raise DomainError("The cost of each must be between £0 and £10,000", field="unit_cost")
    if offer.starts_on < referral.admitted_on:
        raise DomainError("The start date must be on or after the date of admission", field="starts_on")
    made = ProviderOffer.objects.create(
        package=package,
        provider=offer.provider,
        starts_on=offer.starts_on,
        unit_cost_pence=offer.unit_cost_pence,
        notes=_text(offer.notes, field="notes", label="The notes", most=300),
        recorded_by=actor,
        recorded_at=clock.now(),
    )
    _changed(
        referral,
        actor,
        kind=ReferralEventKind.OFFER_RECORDED,
        changes={"Offer": ["", f"{offer.provider.name}, from {offer.starts_on:%d %B %Y}"]},
        action="offer_recorded",
        summary=f"Recorded an offer from {offer.provider.name}",
        saving=[],
        audit_changes=False,
    )
    return made


@transaction.atomic
def offer_accept(*, offer: ProviderOffer, actor: Actor) -> ProviderOffer:
    """Accept one provider's offer: the package is arranged and the other offers are not taken."""
    require(policies.can_work(actor), NOT_PERMITTED)
    referral = _open(offer.package.referral, None)
    package = locked(offer.package, keep=())
    if package.status != PackageStatus.SOUGHT:
        raise DomainError("An offer has already been accepted for this")
    offer = locked(offer, keep=("provider",))
    if offer.status != OfferStatus.OFFERED:
        raise DomainError("This offer is no longer open")
    now = clock.now()
    ProviderOffer.objects.filter(package=package, status=OfferStatus.OFFERED).exclude(pk=offer.pk).update(
        status=OfferStatus.DECLINED, decided_by=actor, decided_at=now
    )
    offer.status, offer.decided_by, offer.decided_at = OfferStatus.ACCEPTED, actor, now
    offer.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    package.status = PackageStatus.ACCEPTED
    package.save(update_fields=["status", "updated_at"])
    _changed(
        referral,
        actor,
        kind=ReferralEventKind.OFFER_ACCEPTED,
        changes={"Accepted": ["", f"{offer.provider.name}: {package.get_kind_display()}"]},
        action="offer_accepted",
        summary=f"Accepted the offer from {offer.provider.name}",
        saving=[],
        audit_changes=False,
    )
    return offer


@transaction.atomic
def offer_to_plan(*, offer: ProviderOffer, plan: Any, outcome: Any | None, actor: Actor) -> ProviderOffer:
    """Put an accepted package into the person's care and support plan without retyping it: into
    the draft, or into a revision started from the version agreed (Care Act 2014 s27(4)), under the
    outcome chosen or a new one in the person's words (what matters to them, from the referral)."""
    require(policies.can_add_to_plan(actor), "Only those who write care and support plans can add a package to one")
    offer = locked(offer, keep=("provider", "package"))
    if offer.status != OfferStatus.ACCEPTED:
        raise DomainError("Accept the offer first")
    if offer.plan_id is not None:
        raise DomainError("This package is already in the care and support plan")
    package = offer.package
    referral = package.referral
    if plan.person_id != referral.person_id:
        raise DomainError("Select one of this person's plans", field="plan")
    position = outcome.position if outcome is not None else None
    if outcome is not None and outcome.plan_id != plan.pk:
        raise DomainError("Select an outcome of that plan", field="outcome")
    draft = plan
    if plan.status != PlanStatus.DRAFT:
        draft = plan_services.plan_revise(plan=plan, reason=REVISION_REASON, actor=actor)
    outcomes = {o.position: o for o in plan_selectors.outcomes_of(plan=draft)}
    target = outcomes.get(position) if position is not None else None
    if target is None:
        statement = referral.what_matters.strip()
        if not statement:
            raise DomainError(
                "Select the outcome the package meets: the referral records nothing of what matters to them",
                field="outcome",
            )
        target = plan_services.outcome_add(
            plan=draft, answers=plan_services.OutcomeAnswers(statement=statement[:1000]), version=None, actor=actor
        )
    item = plan_services.commissioned_add(
        plan=draft,
        outcome=target,
        details=plan_services.CommissionedDetails(
            kind=package.kind,
            provider_name=offer.provider.name,
            units_per_week=package.units_per_week,
            unit=package.unit,
            unit_cost_pence=offer.unit_cost_pence,
            provider_organisation_id=offer.provider_id,
        ),
        version=None,
        actor=actor,
    )
    offer.plan, offer.commissioned = draft, item
    offer.save(update_fields=["plan", "commissioned", "updated_at"])
    referral = locked(referral)
    _changed(
        referral,
        actor,
        kind=ReferralEventKind.ADDED_TO_PLAN,
        changes={"Care and support plan": ["", f"Version {draft.number}: {package.get_kind_display()}"]},
        action="added_to_plan",
        summary=f"Added the package to version {draft.number} of the plan",
        saving=[],
        audit_changes=False,
    )
    return offer


@dataclass(frozen=True)
class Discharge:
    discharged_on: date
    destination: str
    pathway: str
    reablement_started_on: date | None
    review_due_on: date


@transaction.atomic
def referral_discharge(
    *, referral: DischargeReferral, discharge: Discharge, version: int | None, actor: Actor
) -> DischargeReferral:
    """Record the discharge: where to, on which pathway, reablement started and a review due; the
    person leaves the board and the 30 days for readmission start."""
    require(policies.can_work(actor), NOT_PERMITTED)
    referral = _open(referral, version)
    today = clock.today()
    if discharge.discharged_on > today:
        raise DomainError("The date of discharge must be today or in the past", field="discharged_on")
    if discharge.discharged_on < referral.admitted_on:
        raise DomainError("The date of discharge must be on or after the date of admission", field="discharged_on")
    if discharge.destination not in Destination.values:
        raise DomainError("Select where they went", field="destination")
    if discharge.pathway not in Pathway.values:
        raise DomainError("Select the discharge pathway", field="pathway")
    started = discharge.reablement_started_on
    if started is not None and started < discharge.discharged_on:
        raise DomainError("Reablement must start on or after the date of discharge", field="reablement_started_on")
    if discharge.review_due_on < discharge.discharged_on:
        raise DomainError("The review must be due on or after the date of discharge", field="review_due_on")
    referral.status = ReferralStatus.DISCHARGED
    referral.discharged_on = referral.closed_on = discharge.discharged_on
    referral.destination = discharge.destination
    referral.pathway = discharge.pathway
    referral.reablement_started_on = started
    referral.review_due_on = discharge.review_due_on
    if referral.nctr_on is not None and referral.ready_on is None:
        referral.ready_on = discharge.discharged_on
    changes = {
        "Discharged": ["", _shown(discharge.discharged_on)],
        "Destination": ["", Destination(discharge.destination).label],
        "Reablement started": ["", _shown(started)],
        "Review due": ["", _shown(discharge.review_due_on)],
    }
    _changed(
        referral,
        actor,
        kind=ReferralEventKind.DISCHARGED,
        changes=changes,
        action="discharged",
        summary=f"Discharged to {Destination(discharge.destination).label.lower()}",
    )
    return referral


@transaction.atomic
def referral_withdraw(*, referral: DischargeReferral, reason: str, actor: Actor) -> DischargeReferral:
    """Take someone off the board without a discharge through the hub (they died, were transferred,
    or the referral was made in error), with the reason."""
    require(policies.can_work(actor), NOT_PERMITTED)
    referral = _open(referral, None)
    reason = _text(
        reason, field="reason", label="The reason", most=300, required="Enter why they are leaving the board"
    )
    referral.status = ReferralStatus.WITHDRAWN
    referral.closed_on = clock.today()
    referral.withdrawn_reason = reason
    PackageSought.objects.filter(referral=referral, status=PackageStatus.SOUGHT).update(status=PackageStatus.WITHDRAWN)
    _changed(
        referral,
        actor,
        kind=ReferralEventKind.WITHDRAWN,
        changes={"Reason": ["", reason]},
        action="withdrawn",
        summary="Withdrawn from the discharge hub's board",
    )
    return referral
