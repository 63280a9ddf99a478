"""Every score explains itself in plain words, naming only what scored, and suggests what to offer."""

from datetime import UTC, datetime

import pytest

from tandem.prevention.risk import rules
from tandem.prevention.risk.codes import Band, NextStep

RULES = rules.DEFAULT_RULES


def facts(**fields):
    return rules.Facts(**fields)


def test_the_example_in_the_issue_reads_as_it_should():
    said = rules.reasons(
        RULES,
        facts(
            counts={"fall": (0, 2, 2), "emergency_admission": (1, 1, 1)},
            last_emergency=datetime(2026, 3, 3, 10, 0, tzinfo=UTC),
            lives_alone=True,
            carer_breakdown=True,
        ),
    )

    assert rules.sentence(said) == (
        "Admitted as an emergency on 3 March 2026; 2 falls in 90 days; lives alone, without an unpaid carer;"
        " their carer's assessment or screening says caring is at breaking point"
    )


def test_each_kind_is_named_in_the_narrowest_window_that_scored():
    said = rules.reasons(RULES, facts(counts={"fall": (1, 1, 3)}))

    assert said == ["1 fall in 30 days"]


def test_several_emergency_admissions_name_the_last():
    said = rules.reasons(
        RULES, facts(counts={"emergency_admission": (0, 0, 2)}, last_emergency=datetime(2026, 1, 9, 8, 0, tzinfo=UTC))
    )

    assert said == ["2 emergency admissions in 365 days, the last on 9 January 2026"]


def test_gp_contacts_below_frequent_are_not_named():
    assert rules.reasons(RULES, facts(counts={"gp_contact": (3, 3, 9)})) == []
    assert rules.reasons(RULES, facts(counts={"gp_contact": (3, 4, 9)})) == ["4 GP contacts in 90 days"]


def test_conditions_are_named_and_sensory_loss_said_apart():
    said = rules.reasons(RULES, facts(conditions=2, condition_names=("heart failure", "diabetes"), sensory=2))

    assert said == ["2 long-term conditions (heart failure, diabetes)", "sight and hearing loss"]


def test_assessment_findings_read_in_words():
    said = rules.reasons(RULES, facts(mobility=True, daily_living=1))

    assert said == [
        "their assessment says they cannot move about the home safely without help",
        "needs help with 1 daily living task",
    ]


def test_a_rule_worth_nothing_is_not_named():
    nothing = rules.RiskRules(0, 4, 8, 12, events=(), deficits=())

    assert rules.reasons(nothing, facts(counts={"fall": (3, 3, 3)}, lives_alone=True)) == []
    assert rules.sentence([]) == "Nothing in the record scores"


def test_points_add_every_window_an_event_falls_in():
    assert rules.points(RULES, facts(counts={"fall": (1, 2, 2)})) == 2 * 1 + 1 * 2 + 1 * 2


@pytest.mark.parametrize(
    ("given", "band", "expected"),
    [
        (facts(), Band.FIT, [NextStep.CONVERSATION]),
        (facts(counts={"fall": (0, 0, 1)}), Band.MILD, [NextStep.CONVERSATION, NextStep.FALLS_PREVENTION]),
        (
            facts(counts={"fall": (0, 1, 1)}),
            Band.MODERATE,
            [NextStep.CONVERSATION, NextStep.FALLS_PREVENTION, NextStep.OT_ASSESSMENT],
        ),
        (facts(mobility=True), Band.MILD, [NextStep.CONVERSATION, NextStep.OT_ASSESSMENT]),
        (facts(counts={"telecare_alert": (0, 2, 2)}), Band.MILD, [NextStep.CONVERSATION, NextStep.TELECARE_REVIEW]),
        (facts(carer_breakdown=True), Band.MILD, [NextStep.CONVERSATION, NextStep.CARER_SUPPORT]),
        (facts(lives_alone=True), Band.MILD, [NextStep.CONVERSATION, NextStep.COMMUNITY]),
    ],
)
def test_next_steps_follow_what_the_score_found(given, band, expected):
    assert rules.next_steps(given, band) == expected
