"""The eligibility determination of the Care and Support (Eligibility Criteria) Regulations 2015.

A pure function of the answers: no database, no clock. The assessment records the answers; this
module says what the regulations make of them, and why, in words the person can read.

Adults (regulation 2(1)): all three conditions must be met:
  (a) the needs arise from or relate to a physical or mental impairment or illness;
  (b) as a result, the adult is unable to achieve two or more of the specified outcomes
      (regulation 2(2)); "unable to achieve" means any of the four ways in regulation 2(3);
  (c) as a consequence, there is, or is likely to be, a significant impact on the adult's
      wellbeing.

Carers (regulation 3(1)): all three must be met:
  (a) the needs arise as a consequence of providing necessary care for an adult;
  (b) the effect is that the carer's physical or mental health is, or is at risk of,
      deteriorating (regulation 3(2)(a)), or the carer is unable to achieve any of the outcomes in
      regulation 3(2)(b)(i) to (viii);
  (c) as a consequence, there is, or is likely to be, a significant impact on the carer's wellbeing.

"Unable to achieve" is not the same for both. Regulation 2(3) gives an adult four ways: unable
without assistance; able without assistance but with significant pain, distress or anxiety; able
but it endangers or is likely to endanger the health or safety of the adult or others; able but it
takes significantly longer than would normally be expected. Regulation 3(3) gives a carer only the
first three (the last of them: "endangers or is likely to endanger the health or safety of the
carer, or of others"). An answer of "takes significantly longer" saved for a carer's outcome (the
carer's form offered it until this was corrected) is therefore not counted, and the explanation
of condition 2 says so by name.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from tandem.core.care_act import ADULT_BY_CODE, ADULT_OUTCOMES, CARER_BY_CODE, CARER_OUTCOMES, Outcome


class Achievement(StrEnum):
    """Whether a person can achieve an outcome, and if not, which way of regulation 2(3) applies."""

    ACHIEVES = "achieves"
    UNABLE_WITHOUT_ASSISTANCE = "unable_without_assistance"
    SIGNIFICANT_PAIN_DISTRESS_OR_ANXIETY = "significant_pain_distress_or_anxiety"
    ENDANGERS_HEALTH_OR_SAFETY = "endangers_health_or_safety"
    SIGNIFICANTLY_LONGER = "significantly_longer"
    NOT_APPLICABLE = "not_applicable"  # for example, the adult has no caring responsibility for a child

    @property
    def unable(self) -> bool:
        """An adult is unable to achieve the outcome this way (regulation 2(3), four ways)."""
        return self in ADULT_WAYS

    @property
    def carer_unable(self) -> bool:
        """A carer is unable to achieve the outcome this way (regulation 3(3), three ways)."""
        return self in CARER_WAYS


# Regulation 2(3): the four ways an adult is regarded as unable to achieve an outcome.
ADULT_WAYS = frozenset(
    {
        Achievement.UNABLE_WITHOUT_ASSISTANCE,
        Achievement.SIGNIFICANT_PAIN_DISTRESS_OR_ANXIETY,
        Achievement.ENDANGERS_HEALTH_OR_SAFETY,
        Achievement.SIGNIFICANTLY_LONGER,
    }
)
# Regulation 3(3): a carer's three; "takes significantly longer" is an adult's way only.
CARER_WAYS = frozenset(
    {
        Achievement.UNABLE_WITHOUT_ASSISTANCE,
        Achievement.SIGNIFICANT_PAIN_DISTRESS_OR_ANXIETY,
        Achievement.ENDANGERS_HEALTH_OR_SAFETY,
    }
)
# The answers a carer's outcome can be given: every answer but the adult-only way.
CARER_ACHIEVEMENTS = tuple(a for a in Achievement if a is not Achievement.SIGNIFICANTLY_LONGER)


ACHIEVEMENT_WORDS = {
    Achievement.ACHIEVES: "can achieve this",
    Achievement.UNABLE_WITHOUT_ASSISTANCE: "cannot achieve this without help",
    Achievement.SIGNIFICANT_PAIN_DISTRESS_OR_ANXIETY: "can, but only with significant pain, distress or anxiety",
    Achievement.ENDANGERS_HEALTH_OR_SAFETY: "can, but it puts their own or someone else's health or safety at risk",
    Achievement.SIGNIFICANTLY_LONGER: "can, but it takes significantly longer than would normally be expected",
    Achievement.NOT_APPLICABLE: "does not apply",
}


@dataclass(frozen=True)
class Condition:
    """One of the three conditions: met or not, and why, in plain English."""

    label: str  # "Condition 1", for headings
    met: bool
    explanation: str


@dataclass(frozen=True)
class Determination:
    eligible: bool
    conditions: tuple[Condition, Condition, Condition]
    unable_outcomes: tuple[Outcome, ...] = field(default=())
    # A carer's outcomes answered "takes significantly longer", which regulation 3(3) does not count.
    not_counted: tuple[Outcome, ...] = field(default=())

    @property
    def summary(self) -> str:
        if self.eligible:
            return "The needs meet the eligibility criteria: all three conditions are met."
        unmet = [c.label.lower() for c in self.conditions if not c.met]
        verb = "is" if len(unmet) == 1 else "are"
        return f"The needs do not meet the eligibility criteria: {_and(unmet)} {verb} not met."


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _unknown(codes: Mapping[str, Achievement], known: Mapping[str, Outcome]) -> None:
    extra = sorted(set(codes) - set(known))
    if extra:
        raise ValueError(f"Not a specified outcome: {', '.join(extra)}")


def adult_determination(
    *,
    arises_from_impairment_or_illness: bool,
    outcomes: Mapping[str, Achievement],
    significant_impact_on_wellbeing: bool,
) -> Determination:
    """Apply regulation 2. `outcomes` maps each outcome's letter (a to j) to what the assessment found;
    an outcome not given is taken as achieved."""
    _unknown(outcomes, ADULT_BY_CODE)
    unable = tuple(o for o in ADULT_OUTCOMES if Achievement(outcomes.get(o.code, Achievement.ACHIEVES)).unable)
    first = Condition(
        "Condition 1",
        arises_from_impairment_or_illness,
        "The needs arise from or relate to a physical or mental impairment or illness."
        if arises_from_impairment_or_illness
        else "The needs do not arise from or relate to a physical or mental impairment or illness.",
    )
    if unable:
        listed = _and([o.statutory for o in unable])
        counted = f"{len(unable)} of the specified outcomes ({listed})"
    else:
        counted = "none of the specified outcomes"
    second = Condition(
        "Condition 2",
        len(unable) >= 2,
        f"Because of the needs, the person is unable to achieve {counted}; "
        + (
            "the regulations need two or more, so this is met."
            if len(unable) >= 2
            else "the regulations need two or more."
        ),
    )
    third = Condition(
        "Condition 3",
        significant_impact_on_wellbeing,
        "As a consequence there is, or is likely to be, a significant impact on the person's wellbeing."
        if significant_impact_on_wellbeing
        else "There is not, and is not likely to be, a significant impact on the person's wellbeing as a consequence.",
    )
    return Determination(
        eligible=first.met and second.met and third.met,
        conditions=(first, second, third),
        unable_outcomes=unable,
    )


def carer_determination(
    *,
    arises_from_providing_necessary_care: bool,
    health_deteriorating_or_at_risk: bool,
    outcomes: Mapping[str, Achievement],
    significant_impact_on_wellbeing: bool,
) -> Determination:
    """Apply regulation 3. `outcomes` maps each carer outcome's key (a to h, for regulation 3(2)(b)(i) to
    (viii)) to what the assessment found; only the three ways of regulation 3(3) count as unable."""
    _unknown(outcomes, CARER_BY_CODE)
    found = {o.code: Achievement(outcomes.get(o.code, Achievement.ACHIEVES)) for o in CARER_OUTCOMES}
    unable = tuple(o for o in CARER_OUTCOMES if found[o.code].carer_unable)
    not_counted = tuple(o for o in CARER_OUTCOMES if found[o.code] is Achievement.SIGNIFICANTLY_LONGER)
    first = Condition(
        "Condition 1",
        arises_from_providing_necessary_care,
        "The needs arise as a consequence of providing necessary care for an adult."
        if arises_from_providing_necessary_care
        else "The needs do not arise as a consequence of providing necessary care for an adult.",
    )
    reasons = []
    if health_deteriorating_or_at_risk:
        reasons.append("the carer's physical or mental health is deteriorating or at risk of deteriorating")
    if unable:
        reasons.append(f"the carer is unable to achieve {_and([o.statutory for o in unable])}")
    explanation = (
        f"As a result, {' and '.join(reasons)}."
        if reasons
        else "The carer's health is not deteriorating or at risk, and they can achieve each of the carer outcomes."
    )
    if not_counted:
        marks = _and([f"({o.mark}) {o.statutory}" for o in not_counted])
        explanation += (
            f" Not counted: {marks}, recorded as able but taking significantly longer than would normally be "
            "expected; regulation 3(3) does not count that for a carer."
        )
    second = Condition("Condition 2", bool(reasons), explanation)
    third = Condition(
        "Condition 3",
        significant_impact_on_wellbeing,
        "As a consequence there is, or is likely to be, a significant impact on the carer's wellbeing."
        if significant_impact_on_wellbeing
        else "There is not, and is not likely to be, a significant impact on the carer's wellbeing as a consequence.",
    )
    return Determination(
        eligible=first.met and second.met and third.met,
        conditions=(first, second, third),
        unable_outcomes=unable,
        not_counted=not_counted,
    )
