"""Shaping assessments for pages and for the statement of needs the person is given."""

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from tandem.access import scope
from tandem.assessments import eligibility
from tandem.assessments.models import AchievementChoice, AssessmentKind, AssessmentStatus, EventKind, StartedFrom
from tandem.assessments.selectors import StartingPoints, Timeliness, outcome_of, outcomes_for
from tandem.assessments.services import adult_only_answers, adult_only_gap, condition_gaps, finding_field
from tandem.core.care_act import ADULT_BY_CODE, REGULATIONS
from tandem.core.presenters import format_date, format_datetime
from tandem.core.versioned import ChangeSince
from tandem.identity.actors import Actor
from tandem.people.presenters import RESTRICTED_RECORD

STATUS_TAGS: dict[str, str] = {
    AssessmentStatus.DRAFT: "govuk-tag--yellow",
    AssessmentStatus.COMPLETED: "govuk-tag--blue",
    AssessmentStatus.AUTHORISED: "govuk-tag--green",
}


def _sentence(text: str) -> str:
    return f"{text[:1].upper()}{text[1:]}"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[: limit - 1].rstrip()}…"


def _who(user: Any) -> str:
    return str(user.get_full_name() or user.username) if user is not None else ""


def start_choices(points: StartingPoints) -> list[tuple[str, str]]:
    """The radio options of the start page: each open request and unused self-assessment."""
    choices = [
        (
            f"{StartedFrom.REQUEST}:{r.uuid}",
            f"Request for support to {r.team.name}, {format_date(timezone.localdate(r.requested_at))}: "
            f"{_short(r.reason)}",
        )
        for r in points.requests
    ]
    choices += [
        (
            f"{StartedFrom.SELF_ASSESSMENT}:{c.uuid}",
            f"Online self-assessment {c.reference}, sent {format_date(timezone.localdate(c.received_at))} "
            "(its answers are carried in)",
        )
        for c in points.self_assessments
    ]
    return choices


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def assessment_initial(assessment: Any, findings: list[Any]) -> dict[str, Any]:
    """What the assessment form starts from: the answers as saved."""
    initial: dict[str, Any] = {
        "version": assessment.version,
        "persons_account": assessment.persons_account,
        "arises_from_impairment_or_illness": _yes_no(assessment.arises_from_impairment_or_illness),
        "impairment_reason": assessment.impairment_reason,
        "significant_impact_on_wellbeing": _yes_no(assessment.significant_impact_on_wellbeing),
        "wellbeing_reason": assessment.wellbeing_reason,
        "arises_from_providing_care": _yes_no(assessment.arises_from_providing_care),
        "care_reason": assessment.care_reason,
        "health_at_risk": _yes_no(assessment.health_at_risk),
        "health_reason": assessment.health_reason,
    }
    for finding in findings:
        for name in ("achievement", "in_own_words", "practitioner_view", "fluctuates", "fluctuation_note"):
            initial[finding_field(finding.code, name)] = getattr(finding, name)
    return initial


@dataclass(frozen=True)
class OutcomeSection:
    """One outcome on the assessment form: its words, the names of its five fields, and a note when
    the answer saved is one this kind of assessment no longer offers."""

    code: str
    heading: str
    plain: str
    hint: str
    note: str = ""

    def field(self, name: str) -> str:
        return finding_field(self.code, name)


ADULT_ONLY_NOTE = (
    "Saved earlier as “able, but it takes significantly longer”. For a carer that does not count as being "
    "unable to achieve an outcome (regulation 3(3)), so it is no longer offered: choose one of the answers below. "
    "Saving without choosing leaves this outcome unanswered."
)


def outcome_sections(kind: str, findings: list[Any] | None = None) -> list[OutcomeSection]:
    adult_only = {
        f.code
        for f in findings or []
        if kind == AssessmentKind.CARER and f.achievement == eligibility.Achievement.SIGNIFICANTLY_LONGER
    }
    return [
        OutcomeSection(
            code=o.code,
            heading=f"({o.mark}) {_sentence(o.statutory)}",
            plain=o.plain,
            hint=o.hint,
            note=ADULT_ONLY_NOTE if o.code in adult_only else "",
        )
        for o in outcomes_for(kind)
    ]


@dataclass(frozen=True)
class FindingRow:
    """One outcome as found, for the read-only page and the statement of needs."""

    code: str
    heading: str
    plain: str
    achievement: str
    achievement_plain: str
    unable: bool
    in_own_words: str
    practitioner_view: str
    fluctuation: str


NOT_COUNTED_FOR_A_CARER = " (not counted: for a carer, regulation 3(3) does not count this as unable)"


def finding_rows(findings: list[Any], kind: str) -> list[FindingRow]:
    carer = kind == AssessmentKind.CARER
    rows = []
    for finding in findings:
        outcome = outcome_of(kind, finding.code)
        achievement = eligibility.Achievement(finding.achievement) if finding.achievement else None
        # A carer's answer saved as "takes significantly longer" is shown as saved, and said not to count.
        adult_only = carer and achievement is eligibility.Achievement.SIGNIFICANTLY_LONGER
        note = NOT_COUNTED_FOR_A_CARER if adult_only else ""
        rows.append(
            FindingRow(
                code=finding.code,
                heading=f"({outcome.mark}) {_sentence(outcome.statutory)}",
                plain=outcome.plain,
                achievement=(str(AchievementChoice(finding.achievement).label) + note)
                if achievement
                else "Not answered yet",
                achievement_plain=(_sentence(eligibility.ACHIEVEMENT_WORDS[achievement]) + note) if achievement else "",
                unable=bool(achievement and (achievement.carer_unable if carer else achievement.unable)),
                in_own_words=finding.in_own_words,
                practitioner_view=finding.practitioner_view,
                fluctuation=finding.fluctuation_note if finding.fluctuates else "",
            )
        )
    return rows


@dataclass(frozen=True)
class ConditionView:
    label: str
    met: bool
    explanation: str


@dataclass(frozen=True)
class DeterminationView:
    """The determination as the page and the statement show it, from the engine or as stored."""

    eligible: bool
    summary: str
    conditions: list[ConditionView]
    unable: list[str]


def determination_view(determination: eligibility.Determination) -> DeterminationView:
    return DeterminationView(
        eligible=determination.eligible,
        summary=determination.summary,
        conditions=[ConditionView(c.label, c.met, c.explanation) for c in determination.conditions],
        unable=[f"({o.mark}) {_sentence(o.statutory)}" for o in determination.unable_outcomes],
    )


def stored_determination(stored: dict[str, Any], kind: str) -> DeterminationView | None:
    """The determination stored on completion (the words the engine used then)."""
    if not stored:
        return None
    return DeterminationView(
        eligible=bool(stored["eligible"]),
        summary=str(stored["summary"]),
        conditions=[ConditionView(c["label"], bool(c["met"]), c["explanation"]) for c in stored["conditions"]],
        unable=[
            f"({outcome_of(kind, code).mark}) {_sentence(outcome_of(kind, code).statutory)}"
            for code in stored.get("unable", [])
        ],
    )


def adult_only_warning(assessment: Any, findings: list[Any]) -> str:
    """For a carer's assessment completed while "takes significantly longer" still counted: which
    outcomes its stored determination counted that way, which regulation 3(3) does not allow."""
    if assessment.kind != AssessmentKind.CARER or not assessment.determination:
        return ""
    counted = set(assessment.determination.get("unable", []))
    marks = [
        f"({outcome_of(assessment.kind, f.code).mark})"
        for f in findings
        if f.code in counted and f.achievement == eligibility.Achievement.SIGNIFICANTLY_LONGER
    ]
    if not marks:
        return ""
    plural = "s" if len(marks) > 1 else ""
    return (
        f"This determination counted outcome{plural} {', '.join(marks)} as not achieved because "
        "it takes the carer significantly longer than would normally be expected. Regulation 3(3) does not "
        "count that for a carer, so check the decision: record a professional judgement if it no longer stands."
    )


def decision_words(eligible: bool | None) -> str:
    if eligible is None:
        return "Not decided yet"
    return "Eligible: the needs meet the eligibility criteria" if eligible else "Not eligible"


@dataclass(frozen=True)
class ChangeRow:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class ChangeGroup:
    """One save (or transition) by someone: who, when, and each field before and after."""

    by: str
    at: str
    kind: str
    rows: list[ChangeRow]


def _rows(changes: dict[str, Any]) -> list[ChangeRow]:
    return [
        ChangeRow(field=label, before=str(values[0] or "(blank)"), after=str(values[1] or "(blank)"))
        for label, values in changes.items()
    ]


def change_groups(changes: list[ChangeSince]) -> list[ChangeGroup]:
    return [ChangeGroup(by=c.by, at=format_datetime(c.at), kind=c.kind, rows=_rows(c.changes)) for c in changes]


def history_groups(events: list[Any]) -> list[ChangeGroup]:
    return [
        ChangeGroup(by=_who(e.by), at=format_datetime(e.at), kind=EventKind(e.kind).label, rows=_rows(e.changes))
        for e in reversed(events)
    ]


def carer_choices(network: list[Any], *, actor: Actor) -> list[tuple[str, str]]:
    """The carers a carer's assessment can be for: unpaid carers in the network with a record of their own.
    A carer whose record is restricted and closed to the actor shows as "A restricted record", never by
    name or relationship (ADR 0003); choosing one asks the actor to open that record first."""
    return [
        (
            str(m.linked_person.uuid),
            f"{m.name}, {m.get_relationship_display().lower()}"
            if scope.may_open(actor, m.linked_person)
            else RESTRICTED_RECORD,
        )
        for m in network
        if m.is_unpaid_carer and m.linked_person is not None
    ]


def joint_choices(drafts: list[Any]) -> list[tuple[str, str]]:
    return [
        (
            str(a.uuid),
            f"Yes, with the needs assessment {_who(a.practitioner)} started on {format_date(a.started_on)} "
            f"(asked for on {format_date(a.requested_on)})",
        )
        for a in drafts
    ]


def title_of(assessment: Any) -> str:
    """'Needs assessment for Mary Smith', "Carer's assessment for John Smith", or a young person's
    "Transition assessment (Care Act s58) for Sam Smith"."""
    kind = "Transition assessment (Care Act s58)" if assessment.transition else AssessmentKind(assessment.kind).label
    return f"{kind} for {assessment.person.full_name}"


def timeliness_text(shown: Timeliness) -> str:
    days = f"{shown.days} day{'s' if shown.days != 1 else ''}"
    if shown.completed:
        return f"Completed {days} after the request (local target {shown.target} days)"
    return f"{days} since the request (local target {shown.target} days)"


def started_from_text(assessment: Any) -> str:
    if assessment.started_from == StartedFrom.REQUEST and assessment.support_request is not None:
        return f"A request for support to {assessment.support_request.team.name}"
    if assessment.started_from == StartedFrom.SELF_ASSESSMENT and assessment.contact is not None:
        return f"The person's online self-assessment ({assessment.contact.reference})"
    if assessment.started_from == StartedFrom.CARER_ASKED:
        return str(StartedFrom.CARER_ASKED.label)
    return "A review, or a change in the person's needs"


def self_assessment_rows(contact: Any) -> list[tuple[str, str]]:
    """What the person told us in their online self-assessment, carried in as they wrote it."""
    if contact is None:
        return []
    answers = contact.submission.get("answers", {}) if isinstance(contact.submission, dict) else {}
    hard = [ADULT_BY_CODE[c].plain for c in answers.get("hard_outcomes", []) if c in ADULT_BY_CODE]
    rows = [
        ("What matters to them", str(answers.get("what_matters") or "")),
        ("What is hard", "; ".join(hard)),
        ("What is hard, in their words", str(answers.get("hard_in_own_words") or "")),
        ("Who helps", str(answers.get("who_helps") or "")),
    ]
    return [(key, value) for key, value in rows if value]


def completion_gaps(assessment: Any, findings: list[Any]) -> list[str]:
    """What must be answered before the assessment can be completed (the service checks the same)."""
    gaps: list[str] = []
    missing = [f"({outcome_of(assessment.kind, f.code).mark})" for f in findings if not f.achievement]
    if missing:
        whose = "carer" if assessment.is_carers else "person"
        plural = "s" if len(missing) > 1 else ""
        gaps.append(f"Say whether the {whose} can achieve outcome{plural} {', '.join(missing)}")
    adult_only = adult_only_answers(assessment, findings)
    if adult_only:
        gaps.append(adult_only_gap(adult_only))
    return gaps + condition_gaps(assessment)


def statement_context(assessment: Any, *, findings: list[Any], network: list[Any]) -> dict[str, Any]:
    """Everything the statement of needs shows: the person's own words first, then the decision."""
    person = assessment.person
    rows = finding_rows(findings, assessment.kind)
    return {
        "assessment": assessment,
        "person": person,
        "born": format_date(person.date_of_birth) or "Not known",
        "network": network,
        "findings": rows,
        "needs": [row for row in rows if row.unable],
        "determination": stored_determination(assessment.determination, assessment.kind),
        "decision": decision_words(assessment.eligible),
        "carer": assessment.is_carers,
        "cared_for": assessment.cared_for,
        "outcome_count": len(rows),
        "assessed_by": _who(assessment.practitioner),
        "started_on": format_date(assessment.started_on),
        "completed_on": format_date(assessment.completed_on),
        "regulations": REGULATIONS,
    }
