"""The workforce rules on constructed cases: weight, capacity, status, priority, suggestions, alerts."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from tandem.workforce import rules
from tandem.workforce.codes import AlertKind, Priority, Rag

R = rules.DEFAULT_RULES


def test_a_cases_weight_is_its_type_and_complexity_points_and_screening_does_not_count():
    # assessment 4 + court 5 + interpreter 1; a screening answer (abuse_risk) weighs nothing
    assert rules.case_weight(R, ["assessment", "court", "interpreter", "abuse_risk"]) == 10


def test_a_factor_named_twice_counts_once_and_a_retired_one_counts_nothing():
    assert rules.case_weight(R, ["review", "review", "no_longer_a_factor"]) == 2


@pytest.mark.parametrize(
    ("fte", "asye", "expected"),
    [(Decimal("1"), False, 100), (Decimal("0.6"), False, 60), (Decimal("1"), True, 80), (Decimal("0.5"), True, 40)],
)
def test_capacity_follows_contracted_hours_and_is_lower_in_the_asye_year(fte, asye, expected):
    assert rules.capacity(R, fte=fte, asye=asye) == expected


@pytest.mark.parametrize(
    ("weighted", "capacity", "share", "rag"),
    [
        (0, 100, 0, Rag.GREEN),
        (84, 100, 84, Rag.GREEN),
        (85, 100, 85, Rag.AMBER),
        (99, 100, 99, Rag.AMBER),
        (100, 100, 100, Rag.RED),
        (51, 40, 128, Rag.RED),
    ],
)
def test_share_of_capacity_sets_the_status_at_the_configured_thresholds(weighted, capacity, share, rag):
    assert rules.share_percent(weighted, capacity) == share
    assert rules.rag(R, share) == rag


def test_someone_with_no_capacity_and_any_case_is_over_it():
    assert rules.share_percent(0, 0) == 100
    assert rules.rag(R, rules.share_percent(3, 0)) == Rag.RED


@pytest.mark.parametrize(
    ("codes", "score", "priority"),
    [
        ([], 0, Priority.LOW),
        (["lives_alone"], 2, Priority.LOW),
        (["lives_alone", "recent_fall"], 5, Priority.MEDIUM),
        (["abuse_risk", "carer_at_risk"], 8, Priority.HIGH),
        (["basic_needs", "abuse_risk"], 10, Priority.HIGH),
    ],
)
def test_the_risk_screening_score_sets_the_priority(codes, score, priority):
    assert rules.risk_score(R, codes) == score
    assert rules.priority_of(R, score) == priority


def test_changed_bands_change_the_priority_of_the_same_score():
    stricter = replace(R, high_priority_from=5, medium_priority_from=2)
    assert rules.priority_of(stricter, 5) == Priority.HIGH
    assert rules.priority_of(stricter, 2) == Priority.MEDIUM


def test_keeping_in_touch_falls_due_sooner_the_higher_the_priority():
    since = date(2026, 11, 2)
    assert rules.next_contact_due(R, Priority.HIGH, since=since) == date(2026, 11, 9)
    assert rules.next_contact_due(R, Priority.MEDIUM, since=since) == date(2026, 11, 16)
    assert rules.next_contact_due(R, Priority.LOW, since=since) == date(2026, 11, 30)


def _candidate(name: str, **overrides) -> rules.Candidate:
    values = {
        "user_id": abs(hash(name)) % 10_000,
        "name": name,
        "capacity": 100,
        "weighted": 50,
        "warrants": frozenset(),
        "neighbourhood_ids": frozenset(),
        "gp_practice_ids": frozenset(),
        "worked_with_person": False,
    }
    return rules.Candidate(**(values | overrides))


def _rank(candidates, **case):
    given = {
        "case_weight_points": 10,
        "skills_needed": [],
        "neighbourhood_id": 7,
        "gp_practice_id": 3,
        "skill_labels": {"amhp": "AMHP"},
    }
    return rules.suggestions(candidates, **(given | case))


def test_continuity_then_neighbourhood_then_gp_practice_outrank_headroom_alone():
    ranked = _rank(
        [
            _candidate("Roomy", weighted=0),
            _candidate("Local", neighbourhood_ids=frozenset({7})),
            _candidate("Known", worked_with_person=True),
            _candidate("Same surgery", gp_practice_ids=frozenset({3})),
        ]
    )

    assert [s.candidate.name for s in ranked] == ["Known", "Local", "Roomy", "Same surgery"]
    known = ranked[0]
    # 30 for continuity + 35 * (100 - 60) / 100 = 14 for headroom
    assert known.score == 44
    assert known.reasons == ["Has worked with the person before", "Room for it: 40 of 100 points free after taking it"]


def test_a_practitioner_without_a_needed_skill_comes_after_everyone_who_has_it_whatever_their_score():
    ranked = _rank(
        [
            _candidate("No warrant", worked_with_person=True, weighted=0),
            _candidate("AMHP", warrants=frozenset({"amhp"})),
        ],
        skills_needed=["amhp"],
    )

    assert [s.candidate.name for s in ranked] == ["AMHP", "No warrant"]
    assert ranked[0].reasons[0] == "Holds AMHP"
    assert ranked[1].cautions == ["Does not hold: AMHP"]
    assert ranked[1].score > ranked[0].score


def test_taking_a_case_that_would_go_over_capacity_costs_points_and_says_so():
    ranked = _rank([_candidate("Full", weighted=95), _candidate("Some room", weighted=80)])

    assert [s.candidate.name for s in ranked] == ["Some room", "Full"]
    assert ranked[1].score == -50
    assert ranked[1].cautions == ["Would go over capacity: 105 of 100 points"]


def test_equal_scores_go_to_the_most_headroom_then_the_name():
    ranked = _rank(
        [
            _candidate("Beth", capacity=80, weighted=30),
            _candidate("Abel", capacity=80, weighted=30),
            _candidate("Cara", capacity=100, weighted=50),
        ],
        case_weight_points=0,
    )
    # Beth and Abel: 35 * 50 / 80 = 22; Cara: 35 * 50 / 100 = 18
    assert [s.candidate.name for s in ranked] == ["Abel", "Beth", "Cara"]


def test_an_alert_is_raised_only_for_figures_above_their_threshold():
    figures = {AlertKind.WAITING: 31, AlertKind.VACANCIES: 2, AlertKind.OVER_CAPACITY: 1, AlertKind.DOLS: 0}

    assert rules.crossed(R, figures) == {AlertKind.WAITING: 31, AlertKind.OVER_CAPACITY: 1}


def test_a_threshold_the_rules_do_not_name_falls_back_to_the_default():
    partial = replace(R, thresholds={AlertKind.WAITING: 5})
    assert partial.threshold(AlertKind.WAITING) == 5
    assert partial.threshold(AlertKind.VACANCIES) == 2
