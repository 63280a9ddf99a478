"""The risk rules as values, and the pure calculations made with them: points, band and the
explanation in plain words, from a person's facts.

The score follows the electronic frailty index's approach (Clegg A, Bates C, Young J, et al.
Development and validation of an electronic frailty index using routine primary care electronic
health record data. Age and Ageing 2016;45(3):353-60): count the deficits the record shows, and
band the count into fit, mild, moderate and severe. The eFI counts 36 deficits from GP codes;
Tandem counts what social care and its partners record (conditions and sensory loss sent with
health events, mobility and daily living from assessments, living alone without a carer, a carer
at risk of breaking down) and adds recent health events (falls, emergency admissions, A&E
attendances, frequent GP contacts, telecare alerts) in 30, 90 and 365-day windows, so a recent
event counts in every window it falls in and weighs more than an old one. Every weight and band
is the principal social worker's or a clinical lead's to change, with history (`RiskRuleSet`).

The batch in `scoring.py` computes the same points in SQL; `tests/test_risk_rules.py` checks the
two agree on constructed cases.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from tandem.prevention.risk.codes import SCORED_KINDS, WINDOWS, Band, Deficit, NextStep


@dataclass(frozen=True)
class EventRule:
    """Points for each event of a kind in each window (30, 90, 365 days); counts above `most` count
    as `most`, and a window scores nothing below `at_least` events (frequent GP contacts)."""

    kind: str
    points: tuple[int, int, int]  # for each event in the last 30, 90 and 365 days
    most: int = 3
    at_least: int = 1


@dataclass(frozen=True)
class DeficitRule:
    code: str
    points: int
    most: int = 1  # how many of this deficit count (conditions, daily living tasks)


@dataclass(frozen=True)
class RiskRules:
    number: int  # 0 for the defaults, never saved
    mild_from: int
    moderate_from: int
    severe_from: int
    events: tuple[EventRule, ...]
    deficits: tuple[DeficitRule, ...]

    def event(self, kind: str) -> EventRule:
        for rule in self.events:
            if rule.kind == kind:
                return rule
        return EventRule(kind, (0, 0, 0), most=0)

    def deficit(self, code: str) -> DeficitRule:
        for rule in self.deficits:
            if rule.code == code:
                return rule
        return DeficitRule(code, 0, most=0)


DEFAULT_RULES = RiskRules(
    number=0,
    mild_from=4,
    moderate_from=8,
    severe_from=12,
    events=(
        EventRule("emergency_admission", (3, 1, 2)),
        EventRule("fall", (2, 1, 1)),
        EventRule("ae_attendance", (1, 1, 0)),
        # Frequent GP contact: four or more in 90 days is a point each (at most four).
        EventRule("gp_contact", (0, 1, 0), most=4, at_least=4),
        EventRule("telecare_alert", (2, 1, 0)),
    ),
    deficits=(
        DeficitRule(Deficit.CONDITION, 1, most=6),
        DeficitRule(Deficit.SENSORY, 1, most=2),
        DeficitRule(Deficit.MOBILITY, 2),
        DeficitRule(Deficit.DAILY_LIVING, 1, most=4),
        DeficitRule(Deficit.LIVES_ALONE, 2),
        DeficitRule(Deficit.CARER_BREAKDOWN, 3),
    ),
)


@dataclass
class Facts:
    """What the records say of one person as at a day: event counts by kind and window, the last
    emergency admission, and the deficits."""

    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    last_emergency: datetime | None = None
    conditions: int = 0
    condition_names: tuple[str, ...] = ()
    sensory: int = 0
    mobility: bool = False
    daily_living: int = 0
    lives_alone: bool = False
    carer_breakdown: bool = False

    def count(self, kind: str, window: int) -> int:
        return self.counts.get(kind, (0, 0, 0))[WINDOWS.index(window)]

    def deficit_counts(self) -> dict[str, int]:
        return {
            Deficit.CONDITION: self.conditions,
            Deficit.SENSORY: self.sensory,
            Deficit.MOBILITY: int(self.mobility),
            Deficit.DAILY_LIVING: self.daily_living,
            Deficit.LIVES_ALONE: int(self.lives_alone),
            Deficit.CARER_BREAKDOWN: int(self.carer_breakdown),
        }


def event_points(rule: EventRule, count: int, window_index: int) -> int:
    if count < rule.at_least or count <= 0:
        return 0
    return rule.points[window_index] * min(count, rule.most)


def deficit_points(rule: DeficitRule, count: int) -> int:
    return rule.points * min(max(count, 0), rule.most)


def points(rules: RiskRules, facts: Facts) -> int:
    total = 0
    for kind in SCORED_KINDS:
        rule = rules.event(kind)
        for n, window in enumerate(WINDOWS):
            total += event_points(rule, facts.count(kind, window), n)
    for code, count in facts.deficit_counts().items():
        total += deficit_points(rules.deficit(code), count)
    return total


def band_of(rules: RiskRules, score: int) -> Band:
    if score >= rules.severe_from:
        return Band.SEVERE
    if score >= rules.moderate_from:
        return Band.MODERATE
    if score >= rules.mild_from:
        return Band.MILD
    return Band.FIT


# --- The explanation, in plain words --------------------------------------------------------------

_NOUNS = {
    "emergency_admission": ("emergency admission", "emergency admissions"),
    "fall": ("fall", "falls"),
    "ae_attendance": ("A&E attendance", "A&E attendances"),
    "gp_contact": ("GP contact", "GP contacts"),
    "telecare_alert": ("telecare alert", "telecare alerts"),
}


def _day(when: datetime | date) -> str:
    return f"{when.day} {when:%B %Y}"


def reasons(rules: RiskRules, facts: Facts) -> list[str]:
    """Why the score is what it is, most telling first: each kind of event in the narrowest window
    that scored, then each deficit that scored. A rule that scores nothing is not named."""
    said: list[str] = []
    for kind in SCORED_KINDS:
        rule = rules.event(kind)
        for n, window in enumerate(WINDOWS):
            count = facts.count(kind, window)
            if event_points(rule, count, n) > 0:
                one, many = _NOUNS[kind]
                if kind == "emergency_admission" and facts.last_emergency is not None and count == 1:
                    said.append(f"admitted as an emergency on {_day(facts.last_emergency)}")
                elif kind == "emergency_admission" and facts.last_emergency is not None:
                    said.append(f"{count} {many} in {window} days, the last on {_day(facts.last_emergency)}")
                else:
                    said.append(f"{count} {one if count == 1 else many} in {window} days")
                break
    counts = facts.deficit_counts()
    if deficit_points(rules.deficit(Deficit.CONDITION), counts[Deficit.CONDITION]):
        names = ", ".join(facts.condition_names) if facts.condition_names else ""
        n = facts.conditions
        said.append(f"{n} long-term condition{'s' if n != 1 else ''}" + (f" ({names})" if names else ""))
    if deficit_points(rules.deficit(Deficit.SENSORY), counts[Deficit.SENSORY]):
        said.append("sight or hearing loss" if facts.sensory == 1 else "sight and hearing loss")
    if deficit_points(rules.deficit(Deficit.MOBILITY), counts[Deficit.MOBILITY]):
        said.append("their assessment says they cannot move about the home safely without help")
    if deficit_points(rules.deficit(Deficit.DAILY_LIVING), counts[Deficit.DAILY_LIVING]):
        n = facts.daily_living
        said.append(f"needs help with {n} daily living task{'s' if n != 1 else ''}")
    if deficit_points(rules.deficit(Deficit.LIVES_ALONE), counts[Deficit.LIVES_ALONE]):
        said.append("lives alone, without an unpaid carer")
    if deficit_points(rules.deficit(Deficit.CARER_BREAKDOWN), counts[Deficit.CARER_BREAKDOWN]):
        said.append("their carer's assessment or screening says caring is at breaking point")
    return said


def sentence(said: list[str]) -> str:
    """The reasons as one line ("2 falls in 90 days; lives alone, without an unpaid carer")."""
    if not said:
        return "Nothing in the record scores"
    text = "; ".join(said)
    return text[0].upper() + text[1:]


def next_steps(facts: Facts, band: Band) -> list[NextStep]:
    """What to offer first, from what the score found: falls prevention after a fall, an OT
    assessment where moving about the home is hard, a telecare review after alerts, support for a
    carer at breaking point, community services for someone alone; a strengths-based conversation
    always comes first (Three Conversations, conversation 1)."""
    steps = [NextStep.CONVERSATION]
    if facts.count("fall", 365):
        steps.append(NextStep.FALLS_PREVENTION)
    if facts.mobility or (facts.count("fall", 90) and band in (Band.MODERATE, Band.SEVERE)):
        steps.append(NextStep.OT_ASSESSMENT)
    if facts.count("telecare_alert", 90):
        steps.append(NextStep.TELECARE_REVIEW)
    if facts.carer_breakdown:
        steps.append(NextStep.CARER_SUPPORT)
    if facts.lives_alone:
        steps.append(NextStep.COMMUNITY)
    return steps
