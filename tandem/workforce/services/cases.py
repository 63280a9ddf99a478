"""Writes about cases on waiting lists and caseloads: open, screen, weigh, keep in touch, allocate, close."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from tandem.audit import services as audit
from tandem.core import clock, registry
from tandem.core.errors import DomainError, require
from tandem.core.versioned import check_version, record_event
from tandem.front_door import services as front_door
from tandem.front_door.codes import Urgency
from tandem.identity.actors import Actor
from tandem.identity.models import Team, TeamKind, User
from tandem.people import selectors as people_selectors
from tandem.workforce import policies, rules, selectors
from tandem.workforce.codes import (
    CaseEventKind,
    CaseProgress,
    CaseStatus,
    FactorKind,
    Priority,
    WaitingFor,
    Warrant,
)
from tandem.workforce.models import Case, PractitionerProfile
from tandem.workforce.services.establishment import NOT_YOUR_TEAM


def _event(
    case: Case, kind: CaseEventKind, actor: Actor, *, worker: User | None = None, reason: str = "", detail: str = ""
) -> None:
    """The case's event at its (new) version, so a stale save can say what changed since."""
    record_event(case.events, case, kind=kind, actor=actor, worker=worker, reason=reason, detail=detail[:300])


UNDER_18 = (
    "This person is under 18: adult waiting lists are for adults. Refer them to children's services,"
    " or start a transition assessment if they are likely to need care and support at 18"
)


@transaction.atomic
def case_open(
    *,
    person: Any,
    team: Team,
    summary: str,
    waiting_for: str = WaitingFor.ALLOCATION,
    support_request: Any = None,
    priority: Priority = Priority.MEDIUM,
    actor: Actor,
) -> Case:
    """Put a person on a team's waiting list; until screened they wait at the priority given."""
    require(policies.can_work_waiting_list(actor, team.pk), NOT_YOUR_TEAM)
    if people_selectors.is_child(person, clock.today()):  # adult social care only (Care Act 2014 Part 1)
        raise DomainError(UNDER_18, field="person")
    return _case_open(
        person=person,
        team=team,
        summary=summary,
        waiting_for=waiting_for,
        support_request=support_request,
        priority=priority,
        actor=actor,
    )


def _case_open(
    *, person: Any, team: Team, summary: str, waiting_for: str, support_request: Any, priority: Priority, actor: Actor
) -> Case:
    summary = summary.strip()
    if not summary:
        raise DomainError("Say what the person is waiting for", field="summary")
    if waiting_for not in WaitingFor.values:
        raise DomainError("Select what the person is waiting for", field="waiting_for")
    if team.kind == TeamKind.FRONT_DOOR:
        raise DomainError("The front door keeps its own queue: choose a team that holds cases", field="team")
    in_force = selectors.rules_in_force()
    now = clock.now()
    case = Case.objects.create(
        person=person,
        team=team,
        support_request=support_request,
        summary=summary,
        waiting_for=waiting_for,
        opened_at=now,
        priority=priority,
        next_contact_due=rules.next_contact_due(in_force, priority, since=timezone.localdate(now)),
    )
    _event(
        case,
        CaseEventKind.OPENED,
        actor,
        detail=f"{WaitingFor(waiting_for).label}, {Priority(priority).label} priority",
    )
    audit.record(
        actor=actor,
        action="workforce.case.opened",
        person=person,
        target=case,
        summary=f"Added to the {team.name} waiting list",
    )
    return case


def case_open_for_request(request: Any) -> None:
    """Every request for support the front door passes to a team waits on that team's list (an
    urgent one at high priority until screened).

    Adults only (Care Act 2014 Part 1): a request about someone under 18 joins an adult team's
    list only when it is flagged as a transition assessment (Care Act 2014 ss58-59, a young person
    likely to have needs for care and support at 18), and waits for that assessment.
    """
    child = people_selectors.is_child(request.person, clock.today())
    transition = bool(request.transition)
    if child and not transition:
        raise DomainError(UNDER_18, field="transition")
    if transition and not child:
        raise DomainError("A transition assessment is for a young person under 18", field="transition")
    urgent = request.urgency == Urgency.URGENT
    _case_open(
        person=request.person,
        team=request.team,
        summary=f"Transition assessment: {request.reason}" if transition else request.reason,
        waiting_for=WaitingFor.ASSESSMENT if transition else WaitingFor.ALLOCATION,
        support_request=request,
        priority=Priority.HIGH if urgent else Priority.MEDIUM,
        actor=request.requested_by,
    )


def _locked(case: Case, version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    check_version(locked, version, events=locked.events, kinds=CaseEventKind, what="this case")
    locked.person = case.person
    locked.team = case.team
    return locked


def _codes_of(in_force: rules.Rules, codes: Iterable[str], kind: str) -> list[str]:
    known = {f.code for f in in_force.of_kind(kind)}
    chosen = sorted(set(codes))
    if set(chosen) - known:
        raise DomainError("Select from the factors listed", field="factors" if kind != FactorKind.RISK else "risks")
    return chosen


@transaction.atomic
def case_screen(*, case: Case, risks: Iterable[str], version: int | None, actor: Actor) -> Case:
    """Record the risk screening of someone waiting; their priority follows the score, and a change
    of priority is logged and brings the next keeping-in-touch contact forward where it is due sooner."""
    require(policies.can_work_waiting_list(actor, case.team_id), NOT_YOUR_TEAM)
    case = _locked(case, version)
    if case.status == CaseStatus.CLOSED:
        raise DomainError("The case is closed")
    in_force = selectors.rules_in_force()
    chosen = _codes_of(in_force, risks, FactorKind.RISK)
    score = rules.risk_score(in_force, chosen)
    priority = rules.priority_of(in_force, score)
    before = case.priority
    case.risks, case.risk_score, case.priority, case.screened_at = chosen, score, priority, clock.now()
    labels = {f.code: f.label for f in in_force.factors}
    case.version += 1
    _event(
        case,
        CaseEventKind.SCREENED,
        actor,
        detail=f"Score {score}: " + ("; ".join(labels[c] for c in chosen) or "no risks"),
    )
    if priority != before:
        _event(
            case, CaseEventKind.REPRIORITISED, actor, detail=f"{Priority(before).label} to {Priority(priority).label}"
        )
        if case.status == CaseStatus.WAITING:
            sooner = rules.next_contact_due(in_force, priority, since=clock.today())
            case.next_contact_due = min(case.next_contact_due or sooner, sooner)
    case.save()
    audit.record(
        actor=actor,
        action="workforce.case.screened",
        person=case.person,
        target=case,
        summary=f"Risk screened: score {score}, {Priority(priority).label.lower()} priority",
        changes={"priority": [int(before), int(priority)], "risks": chosen},
    )
    return case


@transaction.atomic
def case_weigh(
    *,
    case: Case,
    case_type: str,
    complexity: Iterable[str],
    skills_needed: Iterable[str],
    version: int | None,
    actor: Actor,
) -> Case:
    """Record a case's type and complexity factors (which give its weight) and the skills it needs."""
    require(policies.can_manage_team(actor, case.team_id), NOT_YOUR_TEAM)
    case = _locked(case, version)
    in_force = selectors.rules_in_force()
    if case_type not in {f.code for f in in_force.of_kind(FactorKind.CASE_TYPE)}:
        raise DomainError("Select the type of case", field="case_type")
    factors = [case_type, *_codes_of(in_force, complexity, FactorKind.COMPLEXITY)]
    skills = sorted(set(skills_needed))
    if set(skills) - set(Warrant.values):
        raise DomainError("Select skills from the list", field="skills_needed")
    before = case.weight
    case.factors, case.skills_needed = factors, skills
    case.computed_weight = rules.case_weight(in_force, factors)
    case.weight = case.weight_override if case.weight_override is not None else case.computed_weight
    case.version += 1
    case.save()
    _event(case, CaseEventKind.FACTORS, actor, detail=f"Weight {case.computed_weight}")
    audit.record(
        actor=actor,
        action="workforce.case.weighed",
        person=case.person,
        target=case,
        summary=f"Case weighed at {case.computed_weight} points",
        changes={"weight": [before, case.weight], "factors": factors},
    )
    return case


@transaction.atomic
def case_weight_override(*, case: Case, weight: int | None, reason: str, version: int | None, actor: Actor) -> Case:
    """Set a weight other than the factors give (with the reason), or remove the override (None)."""
    require(policies.can_manage_team(actor, case.team_id), NOT_YOUR_TEAM)
    case = _locked(case, version)
    reason = reason.strip()
    if weight is not None and not reason:
        raise DomainError("Say why this case weighs more or less than its factors", field="reason")
    if weight is not None and not 0 <= weight <= 100:
        raise DomainError("A weight is between 0 and 100 points", field="weight")
    before = case.weight
    case.weight_override = weight
    case.override_reason = reason if weight is not None else ""
    case.weight = weight if weight is not None else case.computed_weight
    case.version += 1
    case.save()
    _event(
        case,
        CaseEventKind.OVERRIDDEN,
        actor,
        reason=reason,
        detail=f"Weight {weight} instead of {case.computed_weight}" if weight is not None else "Override removed",
    )
    audit.record(
        actor=actor,
        action="workforce.case.weight_overridden",
        person=case.person,
        target=case,
        summary="Weight overridden" if weight is not None else "Weight override removed",
        changes={"weight": [before, case.weight]},
        reason=reason,
    )
    return case


@transaction.atomic
def case_keep_in_touch(*, case: Case, note: str, actor: Actor) -> Case:
    """Record a keeping-in-touch contact with someone waiting; the next falls due by their priority."""
    require(policies.can_work_waiting_list(actor, case.team_id), NOT_YOUR_TEAM)
    case = _locked(case, None)
    if case.status != CaseStatus.WAITING:
        raise DomainError("Keeping in touch is for people still waiting")
    note = note.strip()
    if not note:
        raise DomainError("Say how the person is and what was agreed", field="note")
    case.next_contact_due = rules.next_contact_due(selectors.rules_in_force(), case.priority, since=clock.today())
    case.version += 1
    case.save(update_fields=["next_contact_due", "version", "updated_at"])
    _event(case, CaseEventKind.KEPT_IN_TOUCH, actor, detail=note)
    audit.record(
        actor=actor,
        action="workforce.case.kept_in_touch",
        person=case.person,
        target=case,
        summary="Kept in touch while waiting",
    )
    return case


@transaction.atomic
def case_allocate(*, case: Case, worker: User, reason: str, version: int | None, actor: Actor) -> Case:
    """Allocate a waiting case to a practitioner of its team, or reallocate an allocated one, with
    the reason; the history keeps every holder."""
    require(policies.can_allocate(actor, case.team_id), "Only a manager of the team can allocate its cases")
    case = _locked(case, version)
    if case.status == CaseStatus.CLOSED:
        raise DomainError("The case is closed")
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why this practitioner should hold the case", field="reason")
    if not PractitionerProfile.objects.filter(user=worker, team_id=case.team_id, user__is_active=True).exists():
        raise DomainError("Choose a practitioner who carries a caseload in this team", field="worker")
    if worker.pk == case.allocated_to_id:
        raise DomainError(f"The case is already allocated to {worker.get_full_name()}", field="worker")
    reallocating = case.status == CaseStatus.ALLOCATED
    before = case.allocated_to_id
    now = clock.now()
    case.status, case.allocated_to, case.allocated_at = CaseStatus.ALLOCATED, worker, now
    case.left_waiting_at = case.left_waiting_at or now
    case.next_contact_due = None
    case.version += 1
    case.save()
    _event(
        case,
        CaseEventKind.REALLOCATED if reallocating else CaseEventKind.ALLOCATED,
        actor,
        worker=worker,
        reason=reason,
    )
    if case.support_request is not None:
        front_door.support_request_allocate(request=case.support_request, actor=actor)
    audit.record(
        actor=actor,
        action="workforce.case.reallocated" if reallocating else "workforce.case.allocated",
        person=case.person,
        target=case,
        summary=f"{'Reallocated' if reallocating else 'Allocated'} to {worker.get_full_name()}",
        changes={"allocated_to": [before, worker.pk]},
        reason=reason,
    )
    return case


@transaction.atomic
def case_close(*, case: Case, reason: str, version: int | None, actor: Actor) -> Case:
    """Close a case: the work is done, or the person no longer needs to wait."""
    require(
        policies.can_allocate(actor, case.team_id) or (case.allocated_to_id == actor.pk),
        "Only a manager of the team or the practitioner holding it can close a case",
    )
    case = _locked(case, version)
    if case.status == CaseStatus.CLOSED:
        raise DomainError("The case is already closed")
    reason = reason.strip()
    if not reason:
        raise DomainError("Say why the case is closing", field="reason")
    return _closed(case, reason=reason, actor=actor)


def _closed(case: Case, *, reason: str, actor: Actor) -> Case:
    now = clock.now()
    case.status, case.closed_at = CaseStatus.CLOSED, now
    case.left_waiting_at = case.left_waiting_at or now
    case.next_contact_due = None
    case.version += 1
    case.save()
    _event(case, CaseEventKind.CLOSED, actor, reason=reason)
    audit.record(
        actor=actor,
        action="workforce.case.closed",
        person=case.person,
        target=case,
        summary="Case closed",
        reason=reason,
    )
    return case


# The steps of work that move a case on (core.registry): an assessment started puts the case in
# progress; completed, it waits for authorisation; authorised with eligible needs, a plan is to be
# agreed, and without, the case closes (the person has the written record, Care Act 2014 s13(2));
# a plan in force closes it (its reviews follow, s27); a review done closes a case waiting for one.
_PROGRESS = {
    registry.WorkStepKind.ASSESSMENT_STARTED: CaseProgress.ASSESSING,
    registry.WorkStepKind.ASSESSMENT_COMPLETED: CaseProgress.ASSESSED,
    registry.WorkStepKind.ASSESSMENT_AUTHORISED: CaseProgress.PLANNING,
}


def _cases_behind(step: registry.WorkStep) -> list[Case]:
    """The open cases this step of work belongs to: the one made for its request for support, or,
    for work not started from a request, the person's open cases in the team doing it (waiting for a
    review, for a review; for anything else, not)."""
    open_cases = Case.objects.select_for_update().exclude(status=CaseStatus.CLOSED)
    if step.support_request is not None:
        found = open_cases.filter(support_request_id=step.support_request.pk)
    else:
        found = open_cases.filter(person_id=step.person.pk, team_id=step.team_id, support_request__isnull=True)
        if step.kind == registry.WorkStepKind.REVIEW_COMPLETED:
            found = found.filter(waiting_for=WaitingFor.REVIEW)
        else:
            found = found.exclude(waiting_for=WaitingFor.REVIEW)
    return list(found.order_by("id"))


def case_move_on(step: registry.WorkStep) -> None:
    """Move the person's case on with the work done in another app (a listener of `core.registry`,
    told inside the writing transaction; the actor is whoever did the work, not a manager)."""
    kind = registry.WorkStepKind
    closes = step.kind in (kind.PLAN_IN_FORCE, kind.REVIEW_COMPLETED) or (
        step.kind == kind.ASSESSMENT_AUTHORISED and step.eligible is False
    )
    for case in _cases_behind(step):
        case.person = step.person
        if closes:
            _closed(case, reason=step.detail or "The work is done", actor=step.actor)
            continue
        progress = _PROGRESS.get(step.kind)
        if progress is None or case.progress == progress:
            continue
        before = case.progress
        case.progress = progress
        case.version += 1
        case.save(update_fields=["progress", "version", "updated_at"])
        _event(case, CaseEventKind.PROGRESSED, step.actor, detail=CaseProgress(progress).label)
        audit.record(
            actor=step.actor,
            action="workforce.case.progressed",
            person=step.person,
            target=case,
            summary=CaseProgress(progress).label,
            changes={"progress": [before, progress]},
        )
