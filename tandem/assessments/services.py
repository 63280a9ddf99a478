"""Every write to a needs assessment: permission-checked, transactional, audited, saved with compare-and-swap."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from tandem.assessments import eligibility, policies, selectors
from tandem.assessments.models import (
    AchievementChoice,
    AssessmentKind,
    AssessmentStatus,
    EventKind,
    NeedsAssessment,
    OutcomeFinding,
    StartedFrom,
)
from tandem.audit import services as audit
from tandem.core import clock, registry
from tandem.core.care_act import ADULT_OUTCOMES, CARER_OUTCOMES
from tandem.core.errors import DomainError, require
from tandem.core.versioned import check_version, locked, record_event
from tandem.front_door.codes import RequestStatus
from tandem.identity.actors import Actor
from tandem.identity.models import Membership, Team, TeamKind
from tandem.people import selectors as people_selectors

MAX_TEXT = 5000
CODES = tuple(outcome.code for outcome in ADULT_OUTCOMES)
CARER_CODES = tuple(outcome.code for outcome in CARER_OUTCOMES)


def codes_for(kind: str) -> tuple[str, ...]:
    """The keys of the specified outcomes: an adult's ten (regulation 2(2)(a) to (j)) or a carer's eight
    (a to h, for regulation 3(2)(b)(i) to (viii))."""
    return CARER_CODES if kind == AssessmentKind.CARER else CODES


def finding_field(code: str, name: str) -> str:
    """The form field, and the field a refusal names, for one answer about one outcome."""
    return f"outcome_{code}_{name}"


def _text(value: str, *, field: str, label: str) -> str:
    value = value.strip()
    if "\x00" in value:
        raise DomainError(f"{label} must not contain null characters", field=field)
    if len(value) > MAX_TEXT:
        raise DomainError(f"{label} must be {MAX_TEXT:,} characters or fewer", field=field)
    return value


def _check_version(assessment: NeedsAssessment, version: int | None) -> None:
    check_version(assessment, version, events=assessment.events, kinds=EventKind, what="this assessment")


def _assessor_team(actor: Actor) -> Team:
    today = clock.today()
    memberships = (
        Membership.objects.filter(user=actor)
        .exclude(ended_on__lte=today)
        .exclude(team__kind=TeamKind.FRONT_DOOR)
        .select_related("team")
        .order_by("team__name")
    )
    first = memberships.first()
    if first is None:
        raise DomainError("You are not in a team that assesses: ask a manager to add you to one")
    return first.team


@transaction.atomic
def assessment_start(
    *,
    person: Any,
    started_from: str,
    actor: Actor,
    support_request: Any | None = None,
    contact: Any | None = None,
    requested_on: date | None = None,
    transition: bool = False,
) -> NeedsAssessment:
    """Start a needs assessment (Care Act 2014 s9): from a request for support, the person's own
    self-assessment (its answers carried in, never retyped), or a review with the date it was asked for.

    Adults only: someone under 18 is assessed only by a transition assessment (Care Act 2014 ss58-59:
    a child likely to have needs for care and support after turning 18), flagged `transition`.
    """
    require(policies.can_record(actor), "You do not have permission to assess")
    if person.merged_into_id is not None:
        raise DomainError("That record was merged into another: use the record kept")
    child = people_selectors.is_child(person, clock.today())
    if child and not transition:
        raise DomainError(
            "This person is under 18: a needs assessment is for adults. Start a transition assessment"
            " (Care Act 2014 section 58) if they are likely to have needs for care and support at 18",
            field="transition",
        )
    if transition and not child:
        raise DomainError("A transition assessment is for a young person under 18", field="transition")
    persons_account = ""
    if started_from == StartedFrom.REQUEST:
        if support_request is None or support_request.person_id != person.pk:
            raise DomainError("Select the request for support", field="started_from")
        if support_request.status == RequestStatus.CLOSED:
            raise DomainError("That request for support is closed", field="started_from")
        if NeedsAssessment.objects.filter(support_request=support_request).exists():
            raise DomainError("An assessment has already been started from that request", field="started_from")
        team, requested_on, contact = support_request.team, timezone.localdate(support_request.requested_at), None
    elif started_from == StartedFrom.SELF_ASSESSMENT:
        if contact is None or contact.person_id != person.pk or not contact.is_self_assessment:
            raise DomainError("Select the person's self-assessment", field="started_from")
        if NeedsAssessment.objects.filter(contact=contact).exists():
            raise DomainError("An assessment has already been started from that self-assessment", field="started_from")
        team, requested_on, support_request = _assessor_team(actor), timezone.localdate(contact.received_at), None
        persons_account = str(contact.submission.get("answers", {}).get("hard_in_own_words", ""))[:MAX_TEXT]
    elif started_from == StartedFrom.REVIEW:
        requested_on = _asked_on(requested_on)
        team, support_request, contact = _assessor_team(actor), None, None
    else:
        raise DomainError("Select what the assessment starts from", field="started_from")
    assessment = NeedsAssessment.objects.create(
        person=person,
        team=team,
        practitioner=actor,
        started_from=started_from,
        support_request=support_request,
        contact=contact,
        requested_on=requested_on,
        started_on=clock.today(),
        persons_account=persons_account,
        transition=transition,
    )
    return _started(assessment, actor)


def _asked_on(requested_on: date | None) -> date:
    if requested_on is None:
        raise DomainError("Enter the date the assessment was asked for", field="requested_on")
    if requested_on > clock.today():
        raise DomainError("The date it was asked for must be today or in the past", field="requested_on")
    if requested_on < clock.today() - timedelta(days=3 * 366):
        raise DomainError("The date it was asked for must be within the last three years", field="requested_on")
    return requested_on


def _started(assessment: NeedsAssessment, actor: Actor) -> NeedsAssessment:
    OutcomeFinding.objects.bulk_create(
        [OutcomeFinding(assessment=assessment, code=code) for code in codes_for(assessment.kind)]
    )
    record_event(assessment.events, assessment, kind=EventKind.STARTED, actor=actor)
    kind = AssessmentKind(assessment.kind).label.lower()
    audit.record(
        actor=actor,
        action="assessments.assessment.started",
        person=assessment.person,
        target=assessment,
        summary=f"Started a {kind} from {StartedFrom(assessment.started_from).label.lower()}",
    )
    _moved_on(assessment, registry.WorkStepKind.ASSESSMENT_STARTED, actor, f"{kind.capitalize()} started")
    return assessment


def _moved_on(assessment: NeedsAssessment, kind: str, actor: Actor, detail: str, eligible: bool | None = None) -> None:
    """Tell the apps holding the work this assessment came from (the workforce case, the front
    door's request) that it has moved on (core.registry), inside this transaction."""
    registry.work_moved_on(
        registry.WorkStep(
            kind=kind,
            person=assessment.person,
            team_id=assessment.team_id,
            actor=actor,
            support_request=assessment.support_request,
            eligible=eligible,
            detail=detail,
        )
    )


@transaction.atomic
def carer_assessment_start(
    *,
    carer: Any,
    cared_for: Any,
    requested_on: date | None,
    actor: Actor,
    joint_with: NeedsAssessment | None = None,
) -> NeedsAssessment:
    """Start a carer's assessment (Care Act 2014 s10) of someone who cares for `cared_for`, as their
    network records them; done jointly with the cared-for person's needs assessment if `joint_with`."""
    require(policies.can_record(actor), "You do not have permission to assess")
    if carer.pk == cared_for.pk:
        raise DomainError("Select the carer, not the person they care for", field="carer")
    if carer.merged_into_id is not None or cared_for.merged_into_id is not None:
        raise DomainError("That record was merged into another: use the record kept", field="carer")
    carers = [
        m for m in people_selectors.network_of(person=cared_for) if m.is_unpaid_carer and m.linked_person_id == carer.pk
    ]
    if not carers:
        raise DomainError(
            f"Select someone recorded in {cared_for.given_name}'s network as their unpaid carer", field="carer"
        )
    if joint_with is not None and (
        joint_with.kind != AssessmentKind.ADULT
        or joint_with.person_id != cared_for.pk
        or joint_with.status != AssessmentStatus.DRAFT
    ):
        raise DomainError(
            f"A joint assessment is done alongside {cared_for.given_name}'s needs assessment while it is a draft",
            field="joint_with",
        )
    assessment = NeedsAssessment.objects.create(
        kind=AssessmentKind.CARER,
        person=carer,
        cared_for=cared_for,
        joint_with=joint_with,
        team=joint_with.team if joint_with is not None else _assessor_team(actor),
        practitioner=actor,
        started_from=StartedFrom.CARER_ASKED,
        requested_on=_asked_on(requested_on),
        started_on=clock.today(),
    )
    return _started(assessment, actor)


@dataclass(frozen=True)
class FindingAnswers:
    """What the assessment found for one outcome, as the practitioner typed it."""

    code: str
    achievement: str = ""
    in_own_words: str = ""
    practitioner_view: str = ""
    fluctuates: bool = False
    fluctuation_note: str = ""


@dataclass(frozen=True)
class AssessmentAnswers:
    """The answers on the assessment form: an adult's conditions 1 and 3, or a carer's 1, 2 and 3."""

    persons_account: str
    arises_from_impairment_or_illness: bool | None
    impairment_reason: str
    significant_impact_on_wellbeing: bool | None
    wellbeing_reason: str
    findings: tuple[FindingAnswers, ...]
    arises_from_providing_care: bool | None = None
    care_reason: str = ""
    health_at_risk: bool | None = None
    health_reason: str = ""


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


_ASSESSMENT_LABELS = {
    "persons_account": "The person's own account",
    "arises_from_impairment_or_illness": "Condition 1: the needs arise from an impairment or illness",
    "impairment_reason": "Condition 1: reasons",
    "significant_impact_on_wellbeing": "Condition 3: significant impact on wellbeing",
    "wellbeing_reason": "Condition 3: reasons",
}
_CARER_LABELS = {
    "persons_account": "The carer's own account",
    "arises_from_providing_care": "Condition 1: the needs arise from providing necessary care",
    "care_reason": "Condition 1: reasons",
    "health_at_risk": "Condition 2: the carer's health is deteriorating or at risk",
    "health_reason": "Condition 2: reasons",
    "significant_impact_on_wellbeing": "Condition 3: significant impact on wellbeing",
    "wellbeing_reason": "Condition 3: reasons",
}
_TEXTS = ("persons_account", "impairment_reason", "wellbeing_reason", "care_reason", "health_reason")


def _labels(kind: str) -> dict[str, str]:
    return _CARER_LABELS if kind == AssessmentKind.CARER else _ASSESSMENT_LABELS


_FINDING_LABELS = {
    "achievement": "whether it can be achieved",
    "in_own_words": "in the person's own words",
    "practitioner_view": "the practitioner's view",
    "fluctuates": "whether needs fluctuate",
    "fluctuation_note": "over what period",
}


def _shown(name: str, value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return _yes_no(value)
    if name == "achievement":
        return str(AchievementChoice(value).label) if value else ""
    return str(value)


def _clean_answers(answers: AssessmentAnswers, kind: str) -> AssessmentAnswers:
    labels = {**_CARER_LABELS, **_ASSESSMENT_LABELS, **_labels(kind)}
    texts = {name: _text(getattr(answers, name), field=name, label=labels[name]) for name in _TEXTS}
    codes = codes_for(kind)
    if sorted(f.code for f in answers.findings) != sorted(codes):
        raise DomainError(f"Give an answer for each of the {len(codes)} outcomes")
    findings = []
    for finding in answers.findings:
        prefix = f"outcome_{finding.code}_"
        name = f"Outcome ({selectors.outcome_of(kind, finding.code).mark})"
        if finding.achievement and finding.achievement not in AchievementChoice.values:
            raise DomainError(f"{name}: choose an answer from the list", field=f"{prefix}achievement")
        if kind == AssessmentKind.CARER and finding.achievement == eligibility.Achievement.SIGNIFICANTLY_LONGER:
            # Regulation 3(3): a carer has three ways of being unable to achieve an outcome, not four.
            raise DomainError(
                f"{name}: taking significantly longer than would normally be expected does not count for a carer "
                "(regulation 3(3)): choose another answer",
                field=f"{prefix}achievement",
            )
        note = _text(finding.fluctuation_note, field=f"{prefix}fluctuation_note", label=f"{name}: over what period")
        if finding.fluctuates and not note:
            raise DomainError(
                f"{name}: say how the needs fluctuate and over what period", field=f"{prefix}fluctuation_note"
            )
        findings.append(
            FindingAnswers(
                code=finding.code,
                achievement=finding.achievement,
                in_own_words=_text(
                    finding.in_own_words, field=f"{prefix}in_own_words", label=f"{name}: in the person's own words"
                ),
                practitioner_view=_text(
                    finding.practitioner_view, field=f"{prefix}practitioner_view", label=f"{name}: your view"
                ),
                fluctuates=finding.fluctuates,
                fluctuation_note=note if finding.fluctuates else "",
            )
        )
    return AssessmentAnswers(
        persons_account=texts["persons_account"],
        arises_from_impairment_or_illness=answers.arises_from_impairment_or_illness,
        impairment_reason=texts["impairment_reason"],
        significant_impact_on_wellbeing=answers.significant_impact_on_wellbeing,
        wellbeing_reason=texts["wellbeing_reason"],
        findings=tuple(sorted(findings, key=lambda f: f.code)),
        arises_from_providing_care=answers.arises_from_providing_care,
        care_reason=texts["care_reason"],
        health_at_risk=answers.health_at_risk,
        health_reason=texts["health_reason"],
    )


def adult_only_answers(assessment: NeedsAssessment, findings: list[OutcomeFinding]) -> list[str]:
    """The marks of a carer's outcomes still answered "takes significantly longer" (saved before the
    carer's form stopped offering it): not a way of being unable for a carer (regulation 3(3)), so
    the outcome must be answered again before the assessment is completed."""
    if assessment.kind != AssessmentKind.CARER:
        return []
    return [
        f"({selectors.outcome_of(assessment.kind, f.code).mark})"
        for f in findings
        if f.achievement == eligibility.Achievement.SIGNIFICANTLY_LONGER
    ]


def adult_only_gap(marks: list[str]) -> str:
    plural = "s" if len(marks) > 1 else ""
    return (
        f"Answer outcome{plural} {', '.join(marks)} again: saved as able but taking significantly longer than "
        "would normally be expected, which regulation 3(3) does not count for a carer"
    )


def condition_gaps(assessment: NeedsAssessment) -> list[str]:
    """The conditions' answers still missing (an adult's condition 2 follows from the outcomes alone)."""
    gaps: list[str] = []
    if assessment.kind == AssessmentKind.CARER:
        if assessment.arises_from_providing_care is None or not assessment.care_reason:
            gaps.append("Say whether the needs arise from providing necessary care, and why")
        if assessment.health_at_risk is None or not assessment.health_reason:
            gaps.append("Say whether the carer's health is deteriorating or at risk, and why")
    elif assessment.arises_from_impairment_or_illness is None or not assessment.impairment_reason:
        gaps.append("Say whether the needs arise from an impairment or illness, and why")
    if assessment.significant_impact_on_wellbeing is None or not assessment.wellbeing_reason:
        whose = "carer" if assessment.kind == AssessmentKind.CARER else "person"
        gaps.append(f"Say whether there is a significant impact on the {whose}'s wellbeing, and why")
    return gaps


def _require_draft(assessment: NeedsAssessment) -> None:
    if assessment.status != AssessmentStatus.DRAFT:
        raise DomainError("This assessment is completed: its answers can no longer be changed")


@transaction.atomic
def assessment_save(
    *, assessment: NeedsAssessment, answers: AssessmentAnswers, version: int | None, actor: Actor
) -> NeedsAssessment:
    """Save a draft assessment. A save that started from an older version is refused with what
    changed since, so nobody's work is silently overwritten."""
    require(policies.can_record(actor), "You do not have permission to assess")
    assessment = locked(assessment)
    _require_draft(assessment)
    _check_version(assessment, version)
    answers = _clean_answers(answers, assessment.kind)
    changes: dict[str, list[str]] = {}
    for name, label in _labels(assessment.kind).items():
        before, after = getattr(assessment, name), getattr(answers, name)
        if before != after:
            changes[label] = [_shown(name, before), _shown(name, after)]
            setattr(assessment, name, after)
    findings = {f.code: f for f in assessment.findings.select_for_update()}
    changed_findings = []
    for answer in answers.findings:
        finding = findings[answer.code]
        touched = False
        for name, label in _FINDING_LABELS.items():
            before, after = getattr(finding, name), getattr(answer, name)
            if before != after:
                changes[f"{selectors.outcome_label(answer.code, assessment.kind)}: {label}"] = [
                    _shown(name, before),
                    _shown(name, after),
                ]
                setattr(finding, name, after)
                touched = True
        if touched:
            changed_findings.append(finding)
    if not changes:
        return assessment
    OutcomeFinding.objects.bulk_update(changed_findings, list(_FINDING_LABELS))
    assessment.version += 1
    assessment.save()
    record_event(assessment.events, assessment, kind=EventKind.SAVED, actor=actor, changes=changes)
    audit.record(
        actor=actor,
        action="assessments.assessment.saved",
        person=assessment.person,
        target=assessment,
        summary=f"Saved the needs assessment ({len(changes)} answers changed)",
        changes=changes,
    )
    return assessment


def determination_of(assessment: NeedsAssessment, findings: list[OutcomeFinding]) -> eligibility.Determination:
    """What the regulations make of the answers so far (unanswered outcomes count as achieved)."""
    outcomes = {f.code: eligibility.Achievement(f.achievement) for f in findings if f.achievement}
    if assessment.kind == AssessmentKind.CARER:
        return eligibility.carer_determination(
            arises_from_providing_necessary_care=bool(assessment.arises_from_providing_care),
            health_deteriorating_or_at_risk=bool(assessment.health_at_risk),
            outcomes=outcomes,
            significant_impact_on_wellbeing=bool(assessment.significant_impact_on_wellbeing),
        )
    return eligibility.adult_determination(
        arises_from_impairment_or_illness=bool(assessment.arises_from_impairment_or_illness),
        outcomes=outcomes,
        significant_impact_on_wellbeing=bool(assessment.significant_impact_on_wellbeing),
    )


def _stored(determination: eligibility.Determination) -> dict[str, Any]:
    return {
        "eligible": determination.eligible,
        "summary": determination.summary,
        "conditions": [
            {"label": c.label, "met": c.met, "explanation": c.explanation} for c in determination.conditions
        ],
        "unable": [o.code for o in determination.unable_outcomes],
    }


@transaction.atomic
def assessment_complete(*, assessment: NeedsAssessment, version: int | None, actor: Actor) -> NeedsAssessment:
    """Complete the assessment and store the eligibility determination of the Care and Support
    (Eligibility Criteria) Regulations 2015 (regulation 2, or 3 for a carer), as the answers stand."""
    require(policies.can_record(actor), "You do not have permission to assess")
    assessment = locked(assessment)
    _require_draft(assessment)
    _check_version(assessment, version)
    findings = list(assessment.findings.order_by("code"))
    missing = [selectors.outcome_of(assessment.kind, f.code).mark for f in findings if not f.achievement]
    if missing:
        whose = "carer" if assessment.kind == AssessmentKind.CARER else "person"
        raise DomainError(
            f"Say whether the {whose} can achieve each outcome: outcomes {', '.join(missing)} have no answer yet"
        )
    adult_only = adult_only_answers(assessment, findings)
    if adult_only:
        raise DomainError(adult_only_gap(adult_only))
    gaps = condition_gaps(assessment)
    if gaps:
        raise DomainError(gaps[0])
    determination = determination_of(assessment, findings)
    assessment.status = AssessmentStatus.COMPLETED
    assessment.completed_on = clock.today()
    assessment.eligible_by_criteria = determination.eligible
    assessment.determination = _stored(determination)
    assessment.version += 1
    assessment.save()
    record_event(assessment.events, assessment, kind=EventKind.COMPLETED, actor=actor)
    audit.record(
        actor=actor,
        action="assessments.assessment.completed",
        person=assessment.person,
        target=assessment,
        summary=f"Completed the {AssessmentKind(assessment.kind).label.lower()}: {determination.summary}",
    )
    _moved_on(
        assessment,
        registry.WorkStepKind.ASSESSMENT_COMPLETED,
        actor,
        f"{AssessmentKind(assessment.kind).label} completed, waiting for authorisation",
    )
    return assessment


@transaction.atomic
def eligibility_judgement_record(
    *, assessment: NeedsAssessment, eligible: bool, reason: str, version: int | None, actor: Actor
) -> NeedsAssessment:
    """Record a professional judgement that differs from the criteria's determination; only with a reason."""
    require(policies.can_record(actor), "You do not have permission to assess")
    assessment = locked(assessment)
    if assessment.status != AssessmentStatus.COMPLETED:
        raise DomainError("A professional judgement is recorded once the assessment is completed, before authorising")
    _check_version(assessment, version)
    if eligible == assessment.eligible_by_criteria:
        raise DomainError(
            "That is what the eligibility criteria found: a professional judgement must differ from it",
            field="eligible",
        )
    reason = _text(reason, field="reason", label="The reason")
    if not reason:
        raise DomainError("Give the reason for your professional judgement", field="reason")
    before = assessment.eligible
    assessment.judgement_eligible = eligible
    assessment.judgement_reason = reason
    assessment.version += 1
    assessment.save()
    record_event(
        assessment.events,
        assessment,
        kind=EventKind.JUDGEMENT,
        actor=actor,
        changes={"Eligible": [_yes_no(before), _yes_no(eligible)], "Reason": ["", reason]},
    )
    audit.record(
        actor=actor,
        action="assessments.eligibility.judged",
        person=assessment.person,
        target=assessment,
        summary=f"Recorded a professional judgement: {'eligible' if eligible else 'not eligible'}",
        changes={"eligible": [before, eligible]},
        reason=reason,
    )
    return assessment


@transaction.atomic
def assessment_authorise(*, assessment: NeedsAssessment, version: int | None, actor: Actor) -> NeedsAssessment:
    """Authorise a completed assessment: a manager other than the one who completed it."""
    require(policies.can_authorise(actor), "Only a team manager can authorise an assessment")
    assessment = locked(assessment)
    if assessment.status != AssessmentStatus.COMPLETED:
        raise DomainError("Only a completed assessment can be authorised")
    _check_version(assessment, version)
    if selectors.completed_by_id(assessment=assessment) == actor.pk:
        raise DomainError("You completed this assessment: another manager must authorise it")
    assessment.status = AssessmentStatus.AUTHORISED
    assessment.version += 1
    assessment.save()
    record_event(assessment.events, assessment, kind=EventKind.AUTHORISED, actor=actor)
    audit.record(
        actor=actor,
        action="assessments.assessment.authorised",
        person=assessment.person,
        target=assessment,
        summary="Authorised the needs assessment",
    )
    eligible = bool(assessment.eligible)
    found = "eligible needs: a care and support plan follows" if eligible else "no eligible needs"
    _moved_on(
        assessment,
        registry.WorkStepKind.ASSESSMENT_AUTHORISED,
        actor,
        f"{AssessmentKind(assessment.kind).label} authorised, {found}",
        eligible=eligible,
    )
    return assessment
