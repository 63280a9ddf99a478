"""Writes to enquiries: the lead, the adult's outcomes, meetings, actions, contributions, the plan, the conclusion."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from tandem.core import clock, versioned
from tandem.core.errors import DomainError, require
from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission
from tandem.safeguarding import policies
from tandem.safeguarding.codes import (
    Achieved,
    ConcernStatus,
    Contributor,
    OutcomesAsked,
    RiskAssessment,
    RiskOutcome,
)
from tandem.safeguarding.models import (
    Concern,
    Contribution,
    DesiredOutcome,
    Enquiry,
    EnquiryAction,
    PlanningMeeting,
)
from tandem.safeguarding.services._shared import (
    MAX_NAME,
    _choice,
    _text,
    saved,
)


def _enquiry_for_work(enquiry: Enquiry, actor: Actor, version: int | None = None) -> Enquiry:
    locked = versioned.locked(enquiry, keep=("concern",))
    concern = locked.concern
    require(policies.can_work_on(actor, concern.team_id), "Only the safeguarding team holding the enquiry can do that")
    if locked.concluded_on is not None:
        raise DomainError("The enquiry has been concluded")
    versioned.check_version(locked, version, what="this enquiry")
    return locked


def _enquiry_touch(enquiry: Enquiry, actor: Actor, action: str, summary: str, changes: dict[str, Any]) -> None:
    saved(
        enquiry,
        person=enquiry.concern.person,
        actor=actor,
        action=f"safeguarding.enquiry.{action}",
        summary=summary,
        changes=changes,
    )


@transaction.atomic
def enquiry_lead_set(*, enquiry: Enquiry, lead: Actor | None, actor: Actor) -> Enquiry:
    enquiry = _enquiry_for_work(enquiry, actor)
    if lead is None or not policies.can_work_on(lead, enquiry.concern.team_id):
        raise DomainError("The lead must be in the safeguarding team holding the enquiry", field="lead")
    before = enquiry.lead_id
    enquiry.lead = lead
    _enquiry_touch(enquiry, actor, "lead_set", "Set the lead practitioner of an enquiry", {"lead": [before, lead.pk]})
    return enquiry


@transaction.atomic
def enquiry_outcomes_record(
    *, enquiry: Enquiry, asked: str, outcomes: list[str], version: int | None, actor: Actor
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
def meeting_record(*, enquiry: Enquiry, held_on: date, attendees: str, notes: str, actor: Actor) -> PlanningMeeting:
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
def action_add(*, enquiry: Enquiry, description: str, owner: str, due_on: date, actor: Actor) -> EnquiryAction:
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
def action_done(*, action: EnquiryAction, done_on: date, actor: Actor) -> EnquiryAction:
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
    *,
    enquiry: Enquiry,
    contributor: str,
    organisation: str,
    received_on: date,
    summary: str,
    actor: Actor,
    staff: Actor | None = None,
) -> Contribution:
    """A partner's contribution to the enquiry; where one of our own staff gave it, they are named,
    and may then read how the enquiry ended (`selectors.enquiry_outcome_get`)."""
    enquiry = _enquiry_for_work(enquiry, actor)
    if received_on > clock.today():
        raise DomainError("The date it was received must be today or in the past", field="received_on")
    if staff is not None and not (staff.is_active and staff.can(Permission.PERSON_VIEW)):
        raise DomainError("Select a member of staff who works with people's records", field="staff")
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
        staff=staff,
    )
    _enquiry_touch(enquiry, actor, "contribution_added", "Added a partner's contribution", {"contributor": contributor})
    return contribution


@transaction.atomic
def plan_record(*, enquiry: Enquiry, plan: str, agreed_on: date | None, version: int | None, actor: Actor) -> Enquiry:
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
    # {action id: why it is still outstanding}: each action not done needs one to conclude.
    outstanding: dict[int, str] = field(default_factory=dict)
    concluded_on: date | None = None


@transaction.atomic
def enquiry_conclude(*, enquiry: Enquiry, ending: Conclusion, version: int | None, actor: Actor) -> Enquiry:
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
    open_actions = list(enquiry.actions.filter(done_on__isnull=True))
    for action in open_actions:
        why = _text(ending.outstanding.get(action.pk, ""), field=f"outstanding_{action.pk}", label="The reason")
        if not why:
            raise DomainError(
                f"Give the reason “{action.description[:60]}” is still outstanding, or mark it done first",
                field=f"outstanding_{action.pk}",
            )
        action.outstanding_reason = why
    DesiredOutcome.objects.bulk_update(wanted, ["achieved"])
    EnquiryAction.objects.bulk_update(open_actions, ["outstanding_reason"])
    enquiry.risk_assessment = assessed
    enquiry.action_taken = ending.action_taken
    enquiry.risk_outcome = risk
    enquiry.conclusion = text
    enquiry.concluded_on = concluded
    enquiry.concluded_by = actor
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
            "outstanding": {str(a.pk): a.outstanding_reason for a in open_actions},
        },
    )
    return enquiry


@transaction.atomic
def enquiry_sign_off(*, enquiry: Enquiry, version: int | None, actor: Actor) -> Enquiry:
    """A manager signs off a concluded enquiry, which closes it and its concern.

    The rule (`policies.can_sign_off`): a team manager of the safeguarding team holding the
    enquiry, other than the member of staff who concluded it: a second pair of eyes on the
    outcome. The Care Act 2014 s42(2) sets the duty to make enquiries, not how they close; this
    sign-off is the council's own quality assurance, which the statutory guidance (Care and
    Support Statutory Guidance ch. 14) leaves to local safeguarding procedures.
    """
    locked = versioned.locked(enquiry, keep=("concern",))
    concern = locked.concern
    if locked.concluded_on is None:
        raise DomainError("Conclude the enquiry before it is signed off")
    if locked.signed_off_at is not None:
        raise DomainError("The enquiry has already been signed off")
    require(
        policies.can_sign_off(actor, concern.team_id, locked.concluded_by_id),
        "Only a manager in the safeguarding team, other than the person who concluded it, can sign off the enquiry",
    )
    versioned.check_version(locked, version, what="this enquiry")
    locked.signed_off_at = clock.now()
    locked.signed_off_by = actor
    Concern.objects.filter(pk=locked.concern_id).update(status=ConcernStatus.CLOSED)
    _enquiry_touch(locked, actor, "signed_off", "Signed off the enquiry: it and its concern are closed", {})
    return locked


def _ending_words(assessed: str, action_taken: bool, risk: str) -> str:
    words = f"{RiskAssessment(assessed).label.lower()}, {'action taken' if action_taken else 'no action taken'}"
    return f"{words}, {RiskOutcome(risk).label.lower()}" if risk else words
