"""Writes to safeguarding records: permission-checked, transactional and audited.

`concern_raise` is the hand-over point for other apps (the front door's outcome calls it).
Safeguarding work on a concern (triage, the enquiry, its conclusion) is for members of the
team the concern sits with; each change to a concern or an enquiry names the version it was
made from, and a stale one is refused rather than overwriting someone else's work.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model

from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError, StaleVersion, require
from tandem.core.working_days import working_days_add
from tandem.identity.models import Team, TeamKind
from tandem.people import services as people_services
from tandem.safeguarding import policies, returns
from tandem.safeguarding.codes import (
    DOLS_DECIDED,
    ENQUIRY_DECISIONS,
    REQUIREMENTS,
    AbuseType,
    Achieved,
    Answer,
    ConcernStatus,
    Contributor,
    DolsPriority,
    DolsSetting,
    DolsStatus,
    EnquiryKind,
    OutcomesAsked,
    PrimarySupportReason,
    RaisedBy,
    Requirement,
    RiskAssessment,
    RiskLocation,
    RiskOutcome,
    RiskSource,
    TriageDecision,
)
from tandem.safeguarding.models import (
    Concern,
    ConcernAbuse,
    ConcernLocation,
    ConcernRiskSource,
    Contribution,
    DesiredOutcome,
    DolsApplication,
    Enquiry,
    EnquiryAction,
    PlanningMeeting,
)

MAX_SUMMARY = 5000
MAX_TEXT = 5000
MAX_NAME = 200


def triage_working_days() -> int:
    """How many working days after a concern is received its triage is due (local policy)."""
    return int(getattr(settings, "TANDEM_SAFEGUARDING_TRIAGE_WORKING_DAYS", 2))


def provider_key(name: str) -> str:
    """A provider's name folded so that repeat concerns about it match: case, spaces and punctuation aside."""
    kept = "".join(letter if letter.isalnum() else " " for letter in name.casefold())
    words = [word for word in kept.split() if word not in {"ltd", "limited", "the", "plc", "llp"}]
    return " ".join(words)[:MAX_NAME]


def _text(value: str, *, field: str, label: str, required: str = "", limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(required, field=field)
    if len(value) > limit:
        raise DomainError(f"{label} must be {limit:,} characters or fewer", field=field)
    return value


def _choice(value: str, choices: Any, *, field: str, message: str, blank: bool = True) -> str:
    if (value == "" and blank) or value in choices.values:
        return value
    raise DomainError(message, field=field)


def safeguarding_team_default() -> Team | None:
    """The team a concern goes to when the raiser does not choose: the first safeguarding team.

    With none set up the concern still lands (a hand-over never fails for want of a team), held
    by no team: any safeguarding team's members see it and can triage it.
    """
    return Team.objects.filter(kind=TeamKind.SAFEGUARDING).order_by("name").first()


@dataclass(frozen=True)
class ConcernDetails:
    """What is known about a concern when it is raised, or learned before triage."""

    summary: str
    raised_by_kind: str = ""
    raiser_name: str = ""
    raiser_organisation: str = ""
    abuse_types: tuple[str, ...] = ()
    # SAC counts a case once for each distinct location and source of risk, so several may be given.
    locations: tuple[str, ...] = ()
    sources_of_risk: tuple[str, ...] = ()
    provider_name: str = ""
    adults_view: str = ""
    lacks_capacity: str = ""
    advocate: str = ""  # an Answer: support from an advocate, family or friend (yes, no, don't know)
    primary_support_reason: str = ""
    received_on: date | None = None


def _clean(details: ConcernDetails) -> dict[str, Any]:
    summary = _text(
        details.summary,
        field="summary",
        label="The concern",
        required="Describe the safeguarding concern: what happened, to whom, and any risk now",
        limit=MAX_SUMMARY,
    )
    kinds = _several(
        details.abuse_types,
        AbuseType,
        field="abuse_types",
        message="Select the types of abuse or neglect from the list",
    )
    locations = _several(
        details.locations, RiskLocation, field="locations", message="Select where the risk is from the list"
    )
    sources = _several(
        details.sources_of_risk, RiskSource, field="sources_of_risk", message="Select the sources of risk from the list"
    )
    provider = _text(details.provider_name, field="provider_name", label="The provider's name", limit=MAX_NAME)
    by_provider = RiskSource.SERVICE_PROVIDER in sources
    if by_provider and not provider:
        raise DomainError("Enter the name of the service provider", field="provider_name")
    received = details.received_on or clock.today()
    if received > clock.today():
        raise DomainError("The date the concern was received must be today or in the past", field="received_on")
    return {
        "summary": summary,
        "raised_by_kind": _choice(
            details.raised_by_kind, RaisedBy, field="raised_by_kind", message="Select who raised the concern"
        ),
        "raiser_name": _text(details.raiser_name, field="raiser_name", label="Their name", limit=MAX_NAME),
        "raiser_organisation": _text(
            details.raiser_organisation, field="raiser_organisation", label="Their organisation", limit=MAX_NAME
        ),
        "provider_name": provider if by_provider else "",
        "provider_key": provider_key(provider) if by_provider else "",
        "adults_view": _text(details.adults_view, field="adults_view", label="The adult's view"),
        "lacks_capacity": _choice(
            details.lacks_capacity, Answer, field="lacks_capacity", message="Select whether the adult lacks capacity"
        ),
        "advocate": _choice(
            details.advocate,
            Answer,
            field="advocate",
            message="Select whether an advocate, family or friend supports them",
        ),
        "primary_support_reason": _choice(
            details.primary_support_reason,
            PrimarySupportReason,
            field="primary_support_reason",
            message="Select the adult's primary support reason",
        ),
        "received_on": received,
        "_abuse_types": kinds,
        "_locations": locations,
        "_sources": sources,
    }


def _several(values: tuple[str, ...], choices: Any, *, field: str, message: str) -> list[str]:
    chosen = list(dict.fromkeys(values))
    if any(value not in choices.values for value in chosen):
        raise DomainError(message, field=field)
    return chosen


_LISTS: dict[str, type[ConcernAbuse] | type[ConcernLocation] | type[ConcernRiskSource]] = {
    "_abuse_types": ConcernAbuse,
    "_locations": ConcernLocation,
    "_sources": ConcernRiskSource,
}
_RELATED = {"_abuse_types": "abuse_types", "_locations": "locations", "_sources": "risk_sources"}


def _lists_pop(cleaned: dict[str, Any]) -> dict[str, list[str]]:
    return {name: cleaned.pop(name) for name in _LISTS}


def _lists_set(concern: Concern, lists: dict[str, list[str]], changes: dict[str, Any] | None = None) -> None:
    """The concern's types of abuse, locations and sources of risk, each replaced only if it changed."""
    for name, kinds in lists.items():
        related = getattr(concern, _RELATED[name])
        before = sorted(related.values_list("kind", flat=True)) if concern.pk else []
        if before == sorted(kinds):
            continue
        if changes is not None:
            changes[_RELATED[name]] = [before, sorted(kinds)]
        related.all().delete()
        model: Any = _LISTS[name]
        model.objects.bulk_create([model(concern=concern, kind=kind) for kind in kinds])


@transaction.atomic
def concern_raise(
    *,
    person: Any,
    summary: str,
    source: str,
    source_reference: str = "",
    actor: Any,
    details: ConcernDetails | None = None,
    team: Team | None = None,
) -> Concern:
    """Raise a safeguarding concern about a person; it waits for triage by the safeguarding team.

    Other apps hand over here with a summary and their own reference; staff raising one directly
    give the details the triage needs too (`details`).
    """
    require(policies.can_raise(actor), "You do not have permission to raise safeguarding concerns")
    if person.merged_into_id is not None:
        raise DomainError("That record was merged into another: raise the concern on the record kept")
    cleaned = _clean(details or ConcernDetails(summary=summary))
    lists = _lists_pop(cleaned)
    if team is not None and team.kind != TeamKind.SAFEGUARDING:
        raise DomainError("Choose a safeguarding team", field="team")
    team = team or safeguarding_team_default()
    concern = Concern.objects.create(
        person=person,
        team=team,
        raised_at=clock.now(),
        raised_by=actor,
        source=source,
        source_reference=source_reference,
        triage_due_on=working_days_add(cleaned["received_on"], triage_working_days()),
        **cleaned,
    )
    _lists_set(concern, lists)
    audit.record(
        actor=actor,
        action="safeguarding.concern.raised",
        person=person,
        target=concern,
        summary="Raised a safeguarding concern",
        changes={"source": source, "source_reference": source_reference, "team": team.name if team else ""},
    )
    return concern


def _locked[M: Model](model: type[M], pk: Any) -> M:
    return model._default_manager.select_for_update().get(pk=pk)


def _check_version(current: int, version: int | None, what: str) -> None:
    if version is not None and current != version:
        raise StaleVersion(
            f"Someone else changed this {what} while you were working. What you typed is kept below: check the"
            f" {what} as it is now, then save again to apply your changes",
            current=current,
        )


def _concern_for_work(concern: Concern, actor: Any, version: int | None) -> Concern:
    locked = _locked(Concern, concern.pk)
    require(policies.can_work_on(actor, locked.team_id), "Only the safeguarding team holding the concern can do that")
    _check_version(locked.version, version, "concern")
    return locked


@transaction.atomic
def concern_details_update(*, concern: Concern, details: ConcernDetails, version: int | None, actor: Any) -> Concern:
    """Correct or complete what is known about a concern before it is triaged."""
    concern = _concern_for_work(concern, actor, version)
    if concern.status != ConcernStatus.AWAITING_TRIAGE:
        raise DomainError("The concern has been triaged: its details can no longer be changed")
    cleaned = _clean(details)
    lists = _lists_pop(cleaned)
    changes = {
        name: [getattr(concern, name), value] for name, value in cleaned.items() if getattr(concern, name) != value
    }
    for name, value in cleaned.items():
        setattr(concern, name, value)
    concern.triage_due_on = working_days_add(concern.received_on, triage_working_days())
    concern.version += 1
    concern.save()
    _lists_set(concern, lists, changes)
    audit.record(
        actor=actor,
        action="safeguarding.concern.updated",
        person=concern.person,
        target=concern,
        summary="Updated the details of a safeguarding concern",
        changes={name: [str(a), str(b)] for name, (a, b) in changes.items()},
    )
    return concern


@transaction.atomic
def concern_triage(
    *, concern: Concern, decision: str, reason: str, version: int | None, actor: Any, lead: Any | None = None
) -> Concern:
    """Decide what happens to a concern; a Section 42 or other enquiry is opened at once."""
    concern = _concern_for_work(concern, actor, version)
    if concern.status != ConcernStatus.AWAITING_TRIAGE:
        raise DomainError("The concern has already been triaged")
    decision = _choice(decision, TriageDecision, field="decision", message="Select the triage decision", blank=False)
    reason = _text(reason, field="reason", label="The reason", required="Give the reason for the decision")
    if decision == TriageDecision.SECTION_42 and not concern.abuse_types.exists():
        raise DomainError("Record the type of abuse or neglect before opening a Section 42 enquiry", field="decision")
    if lead is not None and not policies.can_work_on(lead, concern.team_id):
        raise DomainError("The lead must be in the safeguarding team holding the concern", field="lead")
    concern.triage_decision = decision
    concern.triage_reason = reason
    concern.triaged_at = clock.now()
    concern.triaged_by = actor
    concern.status = ConcernStatus.ENQUIRY if decision in ENQUIRY_DECISIONS else ConcernStatus.CLOSED
    concern.version += 1
    concern.save()
    if decision in ENQUIRY_DECISIONS:
        kind = EnquiryKind.SECTION_42 if decision == TriageDecision.SECTION_42 else EnquiryKind.OTHER
        Enquiry.objects.create(concern=concern, kind=kind, lead=lead, started_on=clock.today())
    audit.record(
        actor=actor,
        action="safeguarding.concern.triaged",
        person=concern.person,
        target=concern,
        summary=f"Triaged a safeguarding concern: {TriageDecision(decision).label.lower()}",
        changes={"decision": decision},
        reason=reason,
    )
    return concern


def _enquiry_for_work(enquiry: Enquiry, actor: Any, version: int | None = None) -> Enquiry:
    locked = _locked(Enquiry, enquiry.pk)
    concern = locked.concern
    require(policies.can_work_on(actor, concern.team_id), "Only the safeguarding team holding the enquiry can do that")
    if locked.concluded_on is not None:
        raise DomainError("The enquiry has been concluded")
    _check_version(locked.version, version, "enquiry")
    return locked


def _enquiry_touch(enquiry: Enquiry, actor: Any, action: str, summary: str, changes: dict[str, Any]) -> None:
    enquiry.version += 1
    enquiry.save()
    audit.record(
        actor=actor,
        action=f"safeguarding.enquiry.{action}",
        person=enquiry.concern.person,
        target=enquiry,
        summary=summary,
        changes=changes,
    )


@transaction.atomic
def enquiry_lead_set(*, enquiry: Enquiry, lead: Any, actor: Any) -> Enquiry:
    enquiry = _enquiry_for_work(enquiry, actor)
    if not policies.can_work_on(lead, enquiry.concern.team_id):
        raise DomainError("The lead must be in the safeguarding team holding the enquiry", field="lead")
    before = enquiry.lead_id
    enquiry.lead = lead
    _enquiry_touch(enquiry, actor, "lead_set", "Set the lead practitioner of an enquiry", {"lead": [before, lead.pk]})
    return enquiry


@transaction.atomic
def enquiry_outcomes_record(
    *, enquiry: Enquiry, asked: str, outcomes: list[str], version: int | None, actor: Any
) -> Enquiry:
    """Making Safeguarding Personal: whether the adult was asked what they want, and what, in their words.

    Outcomes already recorded keep their place; the list given replaces them.
    """
    enquiry = _enquiry_for_work(enquiry, actor, version)
    asked = _choice(asked, OutcomesAsked, field="asked", message="Select whether the adult was asked", blank=False)
    words = [_text(text, field="outcomes", label="Each outcome") for text in outcomes]
    words = [text for text in words if text]
    if asked == OutcomesAsked.ASKED_AND_EXPRESSED and not words:
        raise DomainError("Write the outcomes the adult wants, in their own words", field="outcomes")
    if asked != OutcomesAsked.ASKED_AND_EXPRESSED and words:
        raise DomainError("Outcomes are recorded only when the adult expressed them", field="outcomes")
    enquiry.desired_outcomes.all().delete()
    DesiredOutcome.objects.bulk_create([DesiredOutcome(enquiry=enquiry, in_own_words=text) for text in words])
    enquiry.outcomes_asked = asked
    _enquiry_touch(
        enquiry,
        actor,
        "outcomes_recorded",
        "Recorded the outcomes the adult wants",
        {"asked": asked, "outcomes": len(words)},
    )
    return enquiry


@transaction.atomic
def meeting_record(*, enquiry: Enquiry, held_on: date, attendees: str, notes: str, actor: Any) -> PlanningMeeting:
    enquiry = _enquiry_for_work(enquiry, actor)
    if held_on > clock.today():
        raise DomainError("The meeting date must be today or in the past", field="held_on")
    meeting = PlanningMeeting.objects.create(
        enquiry=enquiry,
        held_on=held_on,
        attendees=_text(attendees, field="attendees", label="Who attended", required="Enter who attended"),
        notes=_text(notes, field="notes", label="The notes"),
        recorded_by=actor,
    )
    _enquiry_touch(enquiry, actor, "meeting_recorded", "Recorded a planning meeting", {"held_on": held_on.isoformat()})
    return meeting


@transaction.atomic
def action_add(*, enquiry: Enquiry, description: str, owner: str, due_on: date, actor: Any) -> EnquiryAction:
    enquiry = _enquiry_for_work(enquiry, actor)
    action = EnquiryAction.objects.create(
        enquiry=enquiry,
        description=_text(description, field="description", label="The action", required="Describe the action"),
        owner=_text(owner, field="owner", label="The owner", required="Enter who will do it", limit=MAX_NAME),
        due_on=due_on,
    )
    _enquiry_touch(enquiry, actor, "action_added", "Added an action to an enquiry", {"due_on": due_on.isoformat()})
    return action


@transaction.atomic
def action_done(*, action: EnquiryAction, done_on: date, actor: Any) -> EnquiryAction:
    enquiry = _enquiry_for_work(action.enquiry, actor)
    if action.done_on is not None:
        raise DomainError("That action is already done")
    if done_on > clock.today():
        raise DomainError("The date it was done must be today or in the past", field="done_on")
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    _enquiry_touch(enquiry, actor, "action_done", "Marked an enquiry action done", {"action": action.pk})
    return action


@transaction.atomic
def contribution_add(
    *, enquiry: Enquiry, contributor: str, organisation: str, received_on: date, summary: str, actor: Any
) -> Contribution:
    enquiry = _enquiry_for_work(enquiry, actor)
    if received_on > clock.today():
        raise DomainError("The date it was received must be today or in the past", field="received_on")
    contribution = Contribution.objects.create(
        enquiry=enquiry,
        contributor=_choice(
            contributor, Contributor, field="contributor", message="Select who contributed", blank=False
        ),
        organisation=_text(
            organisation, field="organisation", label="The organisation", required="Enter the organisation"
        ),
        received_on=received_on,
        summary=_text(summary, field="summary", label="The contribution", required="Summarise what they contributed"),
    )
    _enquiry_touch(enquiry, actor, "contribution_added", "Added a partner's contribution", {"contributor": contributor})
    return contribution


@transaction.atomic
def plan_record(*, enquiry: Enquiry, plan: str, agreed_on: date | None, version: int | None, actor: Any) -> Enquiry:
    """The safeguarding plan: what will keep the adult safe, and when the adult agreed it."""
    enquiry = _enquiry_for_work(enquiry, actor, version)
    enquiry.plan = _text(plan, field="plan", label="The plan", required="Write the safeguarding plan")
    if agreed_on is not None and agreed_on > clock.today():
        raise DomainError("The date it was agreed must be today or in the past", field="agreed_on")
    enquiry.plan_agreed_on = agreed_on
    _enquiry_touch(enquiry, actor, "plan_recorded", "Recorded the safeguarding plan", {})
    return enquiry


@dataclass(frozen=True)
class Conclusion:
    risk_assessment: str  # a RiskAssessment: identified, inconclusive, no risk, ceased at the adult's request
    action_taken: bool | None
    risk_outcome: str  # a RiskOutcome, only where a risk was identified and action taken
    conclusion: str
    # {desired outcome id: Achieved value}
    achieved: dict[int, str] = field(default_factory=dict)
    concluded_on: date | None = None


@transaction.atomic
def enquiry_conclude(*, enquiry: Enquiry, ending: Conclusion, version: int | None, actor: Any) -> Enquiry:
    """Close the enquiry: the risk outcome, and whether each outcome the adult wanted was achieved."""
    enquiry = _enquiry_for_work(enquiry, actor, version)
    if not enquiry.outcomes_asked:
        raise DomainError("Record whether the adult was asked about the outcomes they want", field="asked")
    # SAC: the risk assessment outcome, split by whether action was taken, and where a risk was
    # identified and action taken, whether it was removed, reduced or remains.
    assessed = _choice(
        ending.risk_assessment,
        RiskAssessment,
        field="risk_assessment",
        message="Select whether a risk was identified",
        blank=False,
    )
    if ending.action_taken is None:
        raise DomainError("Select whether action was taken", field="action_taken")
    acted = assessed == RiskAssessment.IDENTIFIED and ending.action_taken
    risk = _choice(ending.risk_outcome, RiskOutcome, field="risk_outcome", message="Select the risk outcome")
    if acted and not risk:
        raise DomainError("Select whether the risk was removed, reduced or remains", field="risk_outcome")
    if risk and not acted:
        raise DomainError(
            "Give the risk outcome only when a risk was identified and action taken", field="risk_outcome"
        )
    text = _text(ending.conclusion, field="conclusion", label="The conclusion", required="Summarise the conclusion")
    concluded = ending.concluded_on or clock.today()
    if concluded > clock.today() or concluded < enquiry.started_on:
        raise DomainError("The date concluded must be between the start of the enquiry and today", field="concluded_on")
    wanted = list(enquiry.desired_outcomes.all())
    for outcome in wanted:
        value = ending.achieved.get(outcome.pk, "")
        if value not in Achieved.values:
            raise DomainError(f"Say whether “{outcome.in_own_words[:60]}” was achieved", field=f"achieved_{outcome.pk}")
        outcome.achieved = value
    DesiredOutcome.objects.bulk_update(wanted, ["achieved"])
    enquiry.risk_assessment = assessed
    enquiry.action_taken = ending.action_taken
    enquiry.risk_outcome = risk
    enquiry.conclusion = text
    enquiry.concluded_on = concluded
    Concern.objects.filter(pk=enquiry.concern_id).update(status=ConcernStatus.CLOSED)
    _enquiry_touch(
        enquiry,
        actor,
        "concluded",
        f"Concluded the enquiry: {_ending_words(assessed, ending.action_taken, risk)}",
        {
            "risk_assessment": assessed,
            "action_taken": ending.action_taken,
            "risk_outcome": risk,
            "achieved": {str(o.pk): o.achieved for o in wanted},
        },
    )
    return enquiry


def _ending_words(assessed: str, action_taken: bool, risk: str) -> str:
    words = f"{RiskAssessment(assessed).label.lower()}, {'action taken' if action_taken else 'no action taken'}"
    return f"{words}, {RiskOutcome(risk).label.lower()}" if risk else words


def concern_warning_raise(*, concern: Concern, category: str, description: str, review_on: date, actor: Any) -> Any:
    """Raise a hazard warning on the adult's record from a concern: the record's own warning, not a copy."""
    require(policies.can_work_on(actor, concern.team_id), "Only the safeguarding team holding the concern can do that")
    if review_on > clock.today() + timedelta(days=3 * 365):
        raise DomainError("The review date must be within three years", field="review_on")
    return people_services.warning_raise(
        person=concern.person,
        category=category,
        description=description,
        starts_on=clock.today(),
        review_on=review_on,
        actor=actor,
    )


# --- Deprivation of Liberty Safeguards ------------------------------------------------------------


def cassr_code() -> str:
    """The council's three-digit CASSR code: the DoLS collection's "LA code" (a setting)."""
    return str(getattr(settings, "TANDEM_CASSR_CODE", "") or "")


@transaction.atomic
def dols_collection_export(*, year: int, actor: Any) -> str:
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


def _dols_for_work(application: DolsApplication, actor: Any, version: int | None = None) -> DolsApplication:
    locked = _locked(DolsApplication, application.pk)
    require(policies.can_work_on_dols(actor, locked.team_id), "Only the DoLS team holding the application can do that")
    if locked.status in DOLS_DECIDED:
        raise DomainError("A decision has been made on this application")
    _check_version(locked.version, version, "application")
    return locked


def _dols_touch(application: DolsApplication, actor: Any, action: str, summary: str, changes: dict[str, Any]) -> None:
    application.version += 1
    application.save()
    audit.record(
        actor=actor,
        action=f"safeguarding.dols.{action}",
        person=application.person,
        target=application,
        summary=summary,
        changes=changes,
    )


@transaction.atomic
def dols_application_receive(
    *, person: Any, team: Team, request: DolsRequest, actor: Any, renews: DolsApplication | None = None
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
def dols_urgent_extend(*, application: DolsApplication, reason: str, actor: Any) -> DolsApplication:
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
    *, application: DolsApplication, priority: str, reason: str, version: int | None, actor: Any
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
    *, application: DolsApplication, best_interests: Any, mental_health: Any, actor: Any
) -> DolsApplication:
    """Allocate the Best Interests Assessor and the mental health assessor."""
    application = _dols_for_work(application, actor)
    require(policies.can_allocate_dols(actor), "Only a manager can allocate assessors")
    if best_interests is None or mental_health is None:
        raise DomainError("Choose both assessors", field="best_interests")
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
    *, application: DolsApplication, decision: DolsDecision, version: int | None, actor: Any
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
