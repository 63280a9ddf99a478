"""The workforce rules as values, and the pure calculations made with them.

Weight, capacity, caseload status, waiting-list priority, keeping-in-touch dates, allocation
suggestions and alert thresholds are all computed here from plain values, so each can be tested
on constructed cases without a database. The rules in force are the newest stored `RuleSet`, or
the defaults below until a principal social worker first saves their own.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from tandem.workforce.codes import AlertKind, FactorKind, Priority, Rag


@dataclass(frozen=True)
class FactorRule:
    code: str
    label: str
    kind: str
    points: int


@dataclass(frozen=True)
class Rules:
    number: int  # 0 for the defaults, never saved
    capacity_per_fte: int
    asye_capacity_percent: int
    amber_from_percent: int
    red_from_percent: int
    high_priority_from: int
    medium_priority_from: int
    touch_days_high: int
    touch_days_medium: int
    touch_days_low: int
    thresholds: dict[str, int]
    factors: tuple[FactorRule, ...]

    def of_kind(self, kind: str) -> list[FactorRule]:
        return [f for f in self.factors if f.kind == kind]

    def points(self) -> dict[str, int]:
        return {f.code: f.points for f in self.factors}

    def threshold(self, kind: str) -> int:
        return int(self.thresholds.get(kind, DEFAULT_THRESHOLDS[kind]))


DEFAULT_FACTORS: tuple[FactorRule, ...] = (
    FactorRule("review", "Review of an existing plan", FactorKind.CASE_TYPE, 2),
    FactorRule("assessment", "Care Act needs or carer's assessment", FactorKind.CASE_TYPE, 4),
    FactorRule("support", "Ongoing support and care management", FactorKind.CASE_TYPE, 3),
    FactorRule("hospital_discharge", "Hospital discharge", FactorKind.CASE_TYPE, 4),
    FactorRule("mental_health_act", "Mental Health Act work", FactorKind.CASE_TYPE, 6),
    FactorRule("section_42", "Section 42 safeguarding enquiry", FactorKind.CASE_TYPE, 6),
    FactorRule("safeguarding", "Safeguarding concerns open", FactorKind.COMPLEXITY, 4),
    FactorRule("multi_agency", "Several agencies involved", FactorKind.COMPLEXITY, 2),
    FactorRule("court", "Court of Protection or other court work", FactorKind.COMPLEXITY, 5),
    FactorRule("fluctuating_capacity", "Fluctuating mental capacity", FactorKind.COMPLEXITY, 3),
    FactorRule("carer_breakdown", "Carer breakdown, or at risk of it", FactorKind.COMPLEXITY, 3),
    FactorRule("interpreter", "Interpreter needed", FactorKind.COMPLEXITY, 1),
    FactorRule("travel", "Long travel to visit", FactorKind.COMPLEXITY, 1),
    FactorRule("lives_alone", "Lives alone, with nobody visiting every day", FactorKind.RISK, 2),
    FactorRule("carer_at_risk", "Their carer cannot carry on, or may not be able to", FactorKind.RISK, 3),
    FactorRule("recent_fall", "A fall or a hospital admission in the last month", FactorKind.RISK, 3),
    FactorRule("self_neglect", "Signs of self-neglect", FactorKind.RISK, 3),
    FactorRule("abuse_risk", "A current risk of abuse or neglect", FactorKind.RISK, 5),
    FactorRule("basic_needs", "Without food, heating or medication", FactorKind.RISK, 5),
    # Set and cleared by prevention's risk score as it changes (core.registry.risk_changed).
    FactorRule("health_risk_moderate", "Moderate risk from health events and frailty", FactorKind.RISK, 2),
    FactorRule("health_risk_severe", "Severe risk from health events and frailty", FactorKind.RISK, 4),
)

# The screening answer each band of prevention's risk score gives (fit and mild give none).
HEALTH_RISK_FACTORS = {"moderate": "health_risk_moderate", "severe": "health_risk_severe"}

DEFAULT_THRESHOLDS: dict[str, int] = {
    AlertKind.OVER_CAPACITY: 0,
    AlertKind.WAITING: 30,
    AlertKind.WAITING_OLDEST: 56,
    AlertKind.KEEP_IN_TOUCH: 0,
    AlertKind.ASSESSMENTS_LATE: 5,
    AlertKind.REVIEWS_OVERDUE: 10,
    AlertKind.SAFEGUARDING: 0,
    AlertKind.DOLS: 10,
    AlertKind.VACANCIES: 2,
}

DEFAULT_RULES = Rules(
    number=0,
    capacity_per_fte=100,
    asye_capacity_percent=80,
    amber_from_percent=85,
    red_from_percent=100,
    high_priority_from=8,
    medium_priority_from=4,
    touch_days_high=7,
    touch_days_medium=14,
    touch_days_low=28,
    thresholds=dict(DEFAULT_THRESHOLDS),
    factors=DEFAULT_FACTORS,
)


# --- Weight, capacity and caseload status ---------------------------------------------------------


def case_weight(rules: Rules, codes: Iterable[str]) -> int:
    """A case's weight: the points of its case type and complexity factors (screening answers
    set its priority, not its weight). Codes the rules no longer hold count nothing."""
    weighed = {f.code: f.points for f in rules.factors if f.kind != FactorKind.RISK}
    return sum(weighed.get(code, 0) for code in set(codes))


def capacity(rules: Rules, *, fte: Decimal, asye: bool) -> int:
    """The weighted caseload a practitioner can carry: points per FTE, less in the ASYE year."""
    points = Decimal(rules.capacity_per_fte) * fte
    if asye:
        points = points * rules.asye_capacity_percent / 100
    return int(points.to_integral_value())


def share_percent(weighted: int, capacity_points: int) -> int:
    """The caseload as a whole percentage of capacity (a practitioner with no capacity is full)."""
    if capacity_points <= 0:
        return 100 if weighted == 0 else 999
    return round(weighted * 100 / capacity_points)


def rag(rules: Rules, share: int) -> Rag:
    if share >= rules.red_from_percent:
        return Rag.RED
    if share >= rules.amber_from_percent:
        return Rag.AMBER
    return Rag.GREEN


# --- Waiting lists --------------------------------------------------------------------------------


def risk_score(rules: Rules, codes: Iterable[str]) -> int:
    risky = {f.code: f.points for f in rules.factors if f.kind == FactorKind.RISK}
    return sum(risky.get(code, 0) for code in set(codes))


def priority_of(rules: Rules, score: int) -> Priority:
    if score >= rules.high_priority_from:
        return Priority.HIGH
    if score >= rules.medium_priority_from:
        return Priority.MEDIUM
    return Priority.LOW


def next_contact_due(rules: Rules, priority: int, *, since: date) -> date:
    """When someone waiting should next be contacted: sooner the higher their priority."""
    days = {
        Priority.HIGH: rules.touch_days_high,
        Priority.MEDIUM: rules.touch_days_medium,
        Priority.LOW: rules.touch_days_low,
    }[Priority(priority)]
    return since + timedelta(days=days)


# --- Allocation suggestions -----------------------------------------------------------------------

CONTINUITY_POINTS = 30
NEIGHBOURHOOD_POINTS = 20
GP_PRACTICE_POINTS = 15
HEADROOM_POINTS = 35
OVER_CAPACITY_PENALTY = 50


@dataclass(frozen=True)
class Candidate:
    """What the suggestion needs to know of one practitioner in the team."""

    user_id: int
    name: str
    capacity: int
    weighted: int
    warrants: frozenset[str]
    neighbourhood_ids: frozenset[int]
    gp_practice_ids: frozenset[int]
    worked_with_person: bool
    worked_as: str = ""  # the kinds of work done with the person ("a needs assessment, a review")


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    score: int
    has_skills: bool
    reasons: list[str] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)


def suggestions(
    candidates: Sequence[Candidate],
    *,
    case_weight_points: int,
    skills_needed: Iterable[str],
    neighbourhood_id: int | None,
    gp_practice_id: int | None,
    skill_labels: dict[str, str],
) -> list[Suggestion]:
    """Practitioners ranked for a waiting case, each with the reasons for their place.

    Anyone without a skill the case needs comes after everyone who has them all; within each
    group the score adds continuity, alignment with the person's neighbourhood and GP practice,
    and the headroom left after taking the case (and takes points away if it would put them
    over capacity). Ties go to the most headroom, then the name.
    """
    needed = set(skills_needed)
    ranked: list[Suggestion] = []
    for c in candidates:
        reasons: list[str] = []
        cautions: list[str] = []
        score = 0
        missing = sorted(needed - c.warrants)
        if missing:
            cautions.append("Does not hold: " + ", ".join(skill_labels.get(m, m) for m in missing))
        elif needed:
            reasons.append("Holds " + ", ".join(skill_labels.get(m, m) for m in sorted(needed)))
        if c.worked_with_person:
            score += CONTINUITY_POINTS
            reasons.append(
                f"Has worked with the person before ({c.worked_as})"
                if c.worked_as
                else "Has worked with the person before"
            )
        if neighbourhood_id is not None and neighbourhood_id in c.neighbourhood_ids:
            score += NEIGHBOURHOOD_POINTS
            reasons.append("Works in the person's neighbourhood")
        if gp_practice_id is not None and gp_practice_id in c.gp_practice_ids:
            score += GP_PRACTICE_POINTS
            reasons.append("Aligned with the person's GP practice")
        after = c.weighted + case_weight_points
        headroom = c.capacity - after
        if headroom >= 0 and c.capacity > 0:
            score += round(HEADROOM_POINTS * headroom / c.capacity)
            reasons.append(f"Room for it: {headroom} of {c.capacity} points free after taking it")
        else:
            score -= OVER_CAPACITY_PENALTY
            cautions.append(f"Would go over capacity: {after} of {c.capacity} points")
        ranked.append(Suggestion(candidate=c, score=score, has_skills=not missing, reasons=reasons, cautions=cautions))
    ranked.sort(
        key=lambda s: (not s.has_skills, -s.score, -(s.candidate.capacity - s.candidate.weighted), s.candidate.name)
    )
    return ranked


# --- Alerts ---------------------------------------------------------------------------------------


def crossed(rules: Rules, figures: dict[str, int]) -> dict[str, int]:
    """The figures above their threshold (an alert is raised when a figure is *over* it)."""
    return {kind: value for kind, value in figures.items() if value > rules.threshold(kind)}
