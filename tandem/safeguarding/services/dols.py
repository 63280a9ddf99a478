"""Writes to Deprivation of Liberty Safeguards applications: receipt, extension, priority, assessors, the decision."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock, versioned
from tandem.core.errors import DomainError, require
from tandem.identity.actors import Actor
from tandem.identity.models import Team
from tandem.people.models import Person
from tandem.safeguarding import policies, returns
from tandem.safeguarding.codes import (
    DOLS_DECIDED,
    REQUIREMENTS,
    DolsPriority,
    DolsSetting,
    DolsStatus,
    Requirement,
)
from tandem.safeguarding.models import (
    DolsApplication,
)
from tandem.safeguarding.services._shared import (
    MAX_NAME,
    _choice,
    _text,
    saved,
)


def cassr_code() -> str:
    """The council's three-digit CASSR code: the DoLS collection's "LA code" (a setting)."""
    return str(getattr(settings, "TANDEM_CASSR_CODE", "") or "")


@transaction.atomic
def dols_collection_export(*, year: int, actor: Actor | None) -> str:
    """The DoLS collection's file for the reporting year starting 1 April `year` (one row per
    application, `returns.dols_cases`), for a manager who sees the returns; the export is logged,
    as the file holds a row for each person's application."""
    require(actor is None or policies.can_see_returns(actor), "The returns are for managers")
    rows = returns.dols_cases(year, la_code=cassr_code())
    audit.record(
        actor=actor,
        action="safeguarding.returns.dols_collection_exported",
        summary=f"Exported the DoLS collection file for 1 April {year} to 31 March {year + 1}",
        changes={"year": year, "rows": len(rows)},
    )
    return returns.dols_cases_csv(rows)


@dataclass(frozen=True)
class DolsRequest:
    """A managing authority's application, as received."""

    setting: str
    managing_authority: str
    received_on: date
    urgent: bool
    priority: str = DolsPriority.MEDIUM
    priority_reason: str = ""
    cqc_location: str = ""
    # When the managing authority gave its urgent authorisation (required for an urgent one).
    urgent_given_at: datetime | None = None


def _dols_for_work(application: DolsApplication, actor: Actor, version: int | None = None) -> DolsApplication:
    locked = versioned.locked(application)
    require(policies.can_work_on_dols(actor, locked.team_id), "Only the DoLS team holding the application can do that")
    if locked.status in DOLS_DECIDED:
        raise DomainError("A decision has been made on this application")
    versioned.check_version(locked, version, what="this application")
    return locked


def _dols_touch(application: DolsApplication, actor: Actor, action: str, summary: str, changes: dict[str, Any]) -> None:
    saved(
        application,
        person=application.person,
        actor=actor,
        action=f"safeguarding.dols.{action}",
        summary=summary,
        changes=changes,
    )


@transaction.atomic
def dols_application_receive(
    *, person: Person, team: Team, request: DolsRequest, actor: Actor, renews: DolsApplication | None = None
) -> DolsApplication:
    """Log an application for a DoLS authorisation (urgent ones come with the home's own 7-day authorisation)."""
    require(policies.can_work_on_dols(actor, team.pk), "Only members of the DoLS team can log applications for it")
    if person.merged_into_id is not None:
        raise DomainError("That record was merged into another: use the record kept")
    setting = _choice(
        request.setting, DolsSetting, field="setting", message="Select a care home or hospital", blank=False
    )
    authority = _text(
        request.managing_authority,
        field="managing_authority",
        label="The care home or hospital",
        required="Enter the care home or hospital that applied",
        limit=MAX_NAME,
    )
    if request.received_on > clock.today():
        raise DomainError("The date received must be today or in the past", field="received_on")
    priority = _choice(request.priority, DolsPriority, field="priority", message="Select the priority", blank=False)
    given_at = None
    if request.urgent:
        # Sch A1 paras 76 and 78: the managing authority gives the urgent authorisation, for at most
        # 7 days from then; the council records when, so the 7 days are counted from that moment.
        given_at = request.urgent_given_at
        if given_at is None:
            raise DomainError(
                "Enter the date and time the care home or hospital gave the urgent authorisation",
                field="urgent_given_on",
            )
        if given_at > clock.now():
            raise DomainError("The urgent authorisation must have been given already", field="urgent_given_on")
    if renews is not None and (renews.person_id != person.pk or renews.status != DolsStatus.GRANTED):
        raise DomainError("A renewal follows a granted authorisation for the same person", field="renews")
    application = DolsApplication.objects.create(
        person=person,
        team=team,
        setting=setting,
        managing_authority=authority,
        cqc_location=_text(request.cqc_location, field="cqc_location", label="The CQC location code", limit=20),
        received_on=request.received_on,
        urgent=request.urgent,
        urgent_given_at=given_at,
        priority=priority,
        priority_reason=_text(request.priority_reason, field="priority_reason", label="The reason"),
        renews=renews,
    )
    audit.record(
        actor=actor,
        action="safeguarding.dols.received",
        person=person,
        target=application,
        summary=f"Logged a{'n urgent' if request.urgent else ' standard'} DoLS application from {authority}",
    )
    return application


@transaction.atomic
def dols_urgent_extend(*, application: DolsApplication, reason: str, actor: Actor) -> DolsApplication:
    """Extend the managing authority's urgent authorisation once, by up to 7 more days."""
    application = _dols_for_work(application, actor)
    if not application.urgent:
        raise DomainError("Only an urgent authorisation can be extended")
    if application.urgent_extended:
        raise DomainError("The urgent authorisation has already been extended once")
    reason = _text(reason, field="reason", label="The reason", required="Give the reason for the extension")
    application.urgent_extended = True
    _dols_touch(
        application, actor, "urgent_extended", "Extended the urgent authorisation by 7 days", {"reason": reason}
    )
    return application


@transaction.atomic
def dols_priority_change(
    *, application: DolsApplication, priority: str, reason: str, version: int | None, actor: Actor
) -> DolsApplication:
    """Re-screen a waiting application's risk; the change and its reason are logged."""
    application = _dols_for_work(application, actor, version)
    priority = _choice(priority, DolsPriority, field="priority", message="Select the priority", blank=False)
    reason = _text(reason, field="reason", label="The reason", required="Give the reason for the change")
    before = application.priority
    if before == priority:
        raise DomainError("The priority is already that", field="priority")
    application.priority, application.priority_reason = priority, reason
    _dols_touch(
        application,
        actor,
        "reprioritised",
        "Changed the priority of a DoLS application",
        {"priority": [before, priority]},
    )
    return application


@transaction.atomic
def dols_assessors_allocate(
    *, application: DolsApplication, best_interests: Actor | None, mental_health: Actor | None, actor: Actor
) -> DolsApplication:
    """Allocate the Best Interests Assessor and the mental health assessor."""
    application = _dols_for_work(application, actor)
    require(policies.can_allocate_dols(actor), "Only a manager can allocate assessors")
    if best_interests is None or mental_health is None:
        raise DomainError("Choose both assessors", field="best_interests")
    _different_assessors(best_interests.pk, mental_health.pk)
    application.best_interests_assessor = best_interests
    application.mental_health_assessor = mental_health
    application.status = DolsStatus.ALLOCATED
    _dols_touch(
        application,
        actor,
        "allocated",
        "Allocated DoLS assessors",
        {"best_interests_assessor": best_interests.pk, "mental_health_assessor": mental_health.pk},
    )
    return application


def _different_assessors(best_interests_id: int, mental_health_id: int) -> None:
    """MCA 2005 Sch A1 para 129(5): where the assessments include a mental health assessment and a
    best interests assessment, the supervisory body must not select the same person for both."""
    if best_interests_id == mental_health_id:
        raise DomainError(
            "The Best Interests Assessor and the mental health assessor must be different people",
            field="mental_health",
        )


@dataclass(frozen=True)
class DolsDecision:
    status: str
    decided_on: date
    reason: str = ""
    authorised_from: date | None = None
    authorised_to: date | None = None
    conditions: str = ""
    requirements: dict[str, str] = field(default_factory=dict)  # the six requirements, Requirement codes
    last_assessed_on: date | None = None  # the date of the last assessment, if any was carried out
    # The relevant person's representative, appointed on a grant (Sch A1 Part 10).
    rpr_name: str = ""
    rpr_relationship: str = ""


def _granted_with_assessors_and_representative(application: DolsApplication, decision: DolsDecision) -> None:
    """A standard authorisation rests on the assessments (Sch A1 para 50: given only when all are
    positive), the mental health one and the best interests one by different assessors (para 129(5)),
    and on its grant a representative is appointed (Part 10, para 139)."""
    bia, mha = application.best_interests_assessor_id, application.mental_health_assessor_id
    if bia is None or mha is None:
        raise DomainError(
            "Allocate the Best Interests Assessor and the mental health assessor before granting", field="status"
        )
    _different_assessors(bia, mha)
    application.rpr_name = _text(
        decision.rpr_name,
        field="rpr_name",
        label="The representative's name",
        required="Enter the name of the relevant person's representative",
        limit=MAX_NAME,
    )
    application.rpr_relationship = _text(
        decision.rpr_relationship,
        field="rpr_relationship",
        label="Their relationship",
        required="Enter the representative's relationship to the person, or that they are a paid representative",
        limit=MAX_NAME,
    )


def authorisation_latest_end(start: date) -> date:
    """The last day a standard authorisation starting on `start` may run to: at most 1 year (MCA 2005
    Sch A1 para 42(2)(b), the best interests assessor's maximum authorisation period, which the
    supervisory body may not exceed: para 51(2)), counted by the calendar, not as 365 days.

    From 1 March 2027 it may run to 29 February 2028; from 29 February 2028, whose anniversary does
    not exist, a year runs to 28 February 2029 (the anniversary taken as 1 March).
    """
    try:
        anniversary = start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        anniversary = date(start.year + 1, 3, 1)
    return anniversary - timedelta(days=1)


@transaction.atomic
def dols_decide(
    *, application: DolsApplication, decision: DolsDecision, version: int | None, actor: Actor
) -> DolsApplication:
    """Record the outcome: granted (with its period, at most 12 months, and conditions), not granted, or withdrawn."""
    application = _dols_for_work(application, actor, version)
    status = decision.status
    if status not in DOLS_DECIDED:
        raise DomainError("Select the outcome", field="status")
    if decision.decided_on > clock.today() or decision.decided_on < application.received_on:
        raise DomainError("The decision date must be between the date received and today", field="decided_on")
    assessed = decision.last_assessed_on
    if assessed is not None and (assessed > decision.decided_on or assessed < application.received_on):
        raise DomainError(
            "The date of the last assessment must be between the date received and the decision",
            field="last_assessed_on",
        )
    application.last_assessed_on = assessed
    for name in REQUIREMENTS:
        value = decision.requirements.get(name, Requirement.NOT_ASSESSED)
        if value not in Requirement.values:
            raise DomainError("Choose an answer for each assessment requirement", field=name)
        setattr(application, name, value)
    if status == DolsStatus.GRANTED:
        start, end = decision.authorised_from, decision.authorised_to
        if start is None or end is None:
            raise DomainError("Enter the dates the authorisation runs from and to", field="authorised_from")
        if end < start:
            raise DomainError("The end date must be on or after the start date", field="authorised_to")
        latest = authorisation_latest_end(start)
        if end > latest:
            raise DomainError(
                f"An authorisation lasts at most 12 months: from {start:%-d %B %Y} it can run to"
                f" {latest:%-d %B %Y} at the latest",
                field="authorised_to",
            )
        unmet = [
            name
            for name in REQUIREMENTS
            if getattr(application, name) not in (Requirement.SATISFIED, Requirement.EQUIVALENT)
        ]
        if unmet:
            raise DomainError("An authorisation is granted only when all six requirements are met", field=unmet[0])
        _granted_with_assessors_and_representative(application, decision)
        application.authorised_from, application.authorised_to = start, end
        application.conditions = _text(decision.conditions, field="conditions", label="The conditions")
    else:
        application.decision_reason = _text(
            decision.reason, field="reason", label="The reason", required="Give the reason"
        )
    application.status = status
    application.decided_on = decision.decided_on
    _dols_touch(
        application, actor, "decided", f"DoLS application {DolsStatus(status).label.lower()}", {"status": status}
    )
    return application
