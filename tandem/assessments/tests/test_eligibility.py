"""The eligibility engine follows the regulations for every combination of answers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.assessments.eligibility import Achievement, adult_determination, carer_determination
from tandem.core.care_act import ADULT_OUTCOMES, CARER_OUTCOMES

adult_answers = st.fixed_dictionaries({o.code: st.sampled_from(list(Achievement)) for o in ADULT_OUTCOMES})
carer_answers = st.fixed_dictionaries({o.code: st.sampled_from(list(Achievement)) for o in CARER_OUTCOMES})


@given(impairment=st.booleans(), outcomes=adult_answers, impact=st.booleans())
def test_an_adult_is_eligible_exactly_when_all_three_conditions_hold(impairment, outcomes, impact):
    unable = [
        code for code, found in outcomes.items() if found not in (Achievement.ACHIEVES, Achievement.NOT_APPLICABLE)
    ]

    found = adult_determination(
        arises_from_impairment_or_illness=impairment, outcomes=outcomes, significant_impact_on_wellbeing=impact
    )

    assert found.eligible == (impairment and len(unable) >= 2 and impact)
    assert [c.met for c in found.conditions] == [impairment, len(unable) >= 2, impact]
    assert sorted(o.code for o in found.unable_outcomes) == sorted(unable)
    assert ("do not meet" in found.summary) is not found.eligible


@given(necessary=st.booleans(), health=st.booleans(), outcomes=carer_answers, impact=st.booleans())
def test_a_carer_is_eligible_exactly_when_all_three_conditions_hold(necessary, health, outcomes, impact):
    # Regulation 3(3): three ways; "takes significantly longer" (regulation 2(3)(d)) is an adult's only.
    unable_any = any(
        found
        in (
            Achievement.UNABLE_WITHOUT_ASSISTANCE,
            Achievement.SIGNIFICANT_PAIN_DISTRESS_OR_ANXIETY,
            Achievement.ENDANGERS_HEALTH_OR_SAFETY,
        )
        for found in outcomes.values()
    )

    found = carer_determination(
        arises_from_providing_necessary_care=necessary,
        health_deteriorating_or_at_risk=health,
        outcomes=outcomes,
        significant_impact_on_wellbeing=impact,
    )

    assert found.eligible == (necessary and (health or unable_any) and impact)
    assert found.conditions[1].met == (health or unable_any)


@pytest.mark.parametrize(
    "way",
    [
        Achievement.UNABLE_WITHOUT_ASSISTANCE,
        Achievement.SIGNIFICANT_PAIN_DISTRESS_OR_ANXIETY,
        Achievement.ENDANGERS_HEALTH_OR_SAFETY,
        Achievement.SIGNIFICANTLY_LONGER,
    ],
)
def test_each_of_the_four_ways_counts_as_unable(way):
    found = adult_determination(
        arises_from_impairment_or_illness=True, outcomes={"a": way, "b": way}, significant_impact_on_wellbeing=True
    )

    assert found.eligible


def test_one_outcome_is_not_enough_and_the_explanation_says_so():
    found = adult_determination(
        arises_from_impairment_or_illness=True,
        outcomes={"a": Achievement.UNABLE_WITHOUT_ASSISTANCE},
        significant_impact_on_wellbeing=True,
    )

    assert not found.eligible
    assert found.conditions[1].explanation == (
        "Because of the needs, the person is unable to achieve 1 of the specified outcomes "
        "(managing and maintaining nutrition); the regulations need two or more."
    )
    assert found.summary == "The needs do not meet the eligibility criteria: condition 2 is not met."


def test_an_unknown_outcome_is_refused():
    with pytest.raises(ValueError, match="Not a specified outcome: z"):
        adult_determination(
            arises_from_impairment_or_illness=True,
            outcomes={"z": Achievement.ACHIEVES},
            significant_impact_on_wellbeing=True,
        )


@given(necessary=st.booleans(), health=st.booleans(), outcomes=carer_answers, impact=st.booleans())
def test_a_carer_s_explanation_names_what_met_condition_2(necessary, health, outcomes, impact):
    found = carer_determination(
        arises_from_providing_necessary_care=necessary,
        health_deteriorating_or_at_risk=health,
        outcomes=outcomes,
        significant_impact_on_wellbeing=impact,
    )

    explanation = found.conditions[1].explanation
    counted, _, not_counted = explanation.partition(" Not counted: ")
    assert ("health is deteriorating or at risk of deteriorating" in counted) is health
    for outcome in CARER_OUTCOMES:
        assert (outcome.statutory in counted) is outcomes[outcome.code].carer_unable
        longer = outcomes[outcome.code] is Achievement.SIGNIFICANTLY_LONGER
        assert (f"({outcome.mark}) {outcome.statutory}" in not_counted) is longer
    assert ("do not meet" in found.summary) is not found.eligible


@pytest.mark.parametrize(
    "way",
    [
        Achievement.UNABLE_WITHOUT_ASSISTANCE,
        Achievement.SIGNIFICANT_PAIN_DISTRESS_OR_ANXIETY,
        Achievement.ENDANGERS_HEALTH_OR_SAFETY,
    ],
)
def test_each_of_the_three_ways_of_regulation_3_3_makes_a_carer_unable(way):
    found = carer_determination(
        arises_from_providing_necessary_care=True,
        health_deteriorating_or_at_risk=False,
        outcomes={"h": way},
        significant_impact_on_wellbeing=True,
    )

    assert found.eligible
    assert [o.regulation for o in found.unable_outcomes] == ["3(2)(b)(viii)"]


def test_taking_significantly_longer_does_not_make_a_carer_unable_and_the_explanation_says_so():
    found = carer_determination(
        arises_from_providing_necessary_care=True,
        health_deteriorating_or_at_risk=False,
        outcomes={"c": Achievement.SIGNIFICANTLY_LONGER},
        significant_impact_on_wellbeing=True,
    )

    assert not found.eligible
    assert found.unable_outcomes == ()
    assert [o.mark for o in found.not_counted] == ["iii"]
    assert found.conditions[1].explanation == (
        "The carer's health is not deteriorating or at risk, and they can achieve each of the carer outcomes. "
        "Not counted: (iii) maintaining a habitable home environment in the carer's home (whether or not this is "
        "also the home of the adult needing care), recorded as able but taking significantly longer than would "
        "normally be expected; regulation 3(3) does not count that for a carer."
    )
    assert found.summary == "The needs do not meet the eligibility criteria: condition 2 is not met."


def test_taking_significantly_longer_still_makes_an_adult_unable():
    assert Achievement.SIGNIFICANTLY_LONGER.unable
    assert not Achievement.SIGNIFICANTLY_LONGER.carer_unable
