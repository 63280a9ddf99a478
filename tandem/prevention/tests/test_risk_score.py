"""Every rule of the risk score on constructed cases, scored by the set-based batch (SQL) and
checked against the same rules in Python; the window boundaries; who is scored; bands."""

from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from tandem.core import clock
from tandem.prevention.codes import EventKind
from tandem.prevention.models import RiskScore
from tandem.prevention.risk import rules, scoring, services
from tandem.prevention.risk.codes import Band
from tandem.prevention.tests.risk_data import adult_make, diagnosis, event_make

pytestmark = pytest.mark.django_db

RULES = rules.DEFAULT_RULES


def scored(person):
    services.scores_refresh(person_ids=[person.pk])
    return RiskScore.objects.get(person=person)


def agrees(score):
    """The batch's points are the Python rules' points for the same facts."""
    assert score.points == rules.points(RULES, scoring.facts_of(score))
    assert score.band == rules.band_of(RULES, score.points)
    return score.points


def test_someone_with_nothing_recorded_is_fit_with_no_points():
    score = scored(adult_make())

    assert (score.points, score.band) == (0, Band.FIT)


def test_a_fall_today_counts_in_every_window():
    person = adult_make()
    event_make(person, EventKind.FALL, 0)

    score = scored(person)

    assert (score.falls_30, score.falls_90, score.falls_365) == (1, 1, 1)
    assert agrees(score) == 2 + 1 + 1


@pytest.mark.parametrize(
    ("days", "windows"),
    [
        (30, (1, 1, 1)),
        (31, (0, 1, 1)),
        (90, (0, 1, 1)),
        (91, (0, 0, 1)),
        (365, (0, 0, 1)),
        (366, (0, 0, 0)),
    ],
)
def test_a_window_of_n_days_takes_an_event_n_days_ago_and_not_one_a_day_earlier(days, windows):
    person = adult_make()
    event_make(person, EventKind.FALL, days, at=time(0, 0))

    score = scored(person)

    assert (score.falls_30, score.falls_90, score.falls_365) == windows
    agrees(score)


def test_the_last_minute_of_day_31_is_still_outside_the_30_day_window():
    person = adult_make()
    event_make(person, EventKind.FALL, 31, at=time(23, 59))

    assert scored(person).falls_30 == 0


def test_counts_above_the_most_count_as_the_most():
    person = adult_make()
    for _ in range(5):
        event_make(person, EventKind.FALL, 10)

    score = scored(person)

    assert score.falls_30 == 5
    assert agrees(score) == 3 * (2 + 1 + 1)


def test_gp_contacts_score_only_when_frequent():
    person = adult_make()
    for day in (5, 20, 40):
        event_make(person, EventKind.GP_CONTACT, day)
    assert agrees(scored(person)) == 0

    event_make(person, EventKind.GP_CONTACT, 60)

    assert agrees(scored(person)) == 4


def test_emergency_admissions_ae_and_telecare_alerts_score_by_their_own_weights():
    person = adult_make()
    event_make(person, EventKind.EMERGENCY_ADMISSION, 10)
    event_make(person, EventKind.AE_ATTENDANCE, 50)
    event_make(person, EventKind.TELECARE_ALERT, 200)  # beyond telecare's 90 days: nothing

    score = scored(person)

    assert agrees(score) == (3 + 1 + 2) + (1) + 0
    assert score.last_emergency_at.date() == clock.today() - timedelta(days=10)


def test_elective_admissions_and_discharges_do_not_score():
    person = adult_make()
    event_make(person, EventKind.ELECTIVE_ADMISSION, 3)
    event_make(person, EventKind.DISCHARGE, 3)

    assert scored(person).points == 0


def test_each_condition_counts_once_and_sensory_loss_apart():
    person = adult_make()
    event_make(person, EventKind.ELECTIVE_ADMISSION, 400, codes=[diagnosis("I50.9"), diagnosis("E11")])
    event_make(person, EventKind.ELECTIVE_ADMISSION, 200, codes=[diagnosis("I509"), diagnosis("H90.3")])
    event_make(person, EventKind.GP_CONTACT, 2, codes=[diagnosis("15188001", "http://snomed.info/sct")])

    score = scored(person)

    assert (score.conditions, score.sensory) == (2, 1)
    assert agrees(score) == 2 + 1


def test_mobility_and_daily_living_come_from_a_completed_assessment(practitioner, team):
    from tandem.prevention.tests.risk_records import assessment_with

    person = adult_make()
    assessment_with(person, practitioner=practitioner, team=team, unable=["a", "b", "e"], completed_days=100)

    score = scored(person)

    assert (score.mobility, score.daily_living) == (True, 2)
    assert agrees(score) == 2 + 2


def test_an_assessment_older_than_two_years_no_longer_counts(practitioner, team):
    from tandem.prevention.tests.risk_records import assessment_with

    person = adult_make()
    assessment_with(person, practitioner=practitioner, team=team, unable=["e"], completed_days=731)

    assert scored(person).mobility is False


def test_living_alone_counts_only_without_an_unpaid_carer(practitioner, team):
    from tandem.prevention.tests.risk_records import carer_add, screened_case

    person = adult_make()
    screened_case(person, team=team, risks=["lives_alone"])
    assert agrees(scored(person)) == 2

    carer_add(person, added_by=practitioner)

    assert scored(person).lives_alone is False


def test_a_carers_assessment_finding_the_carers_health_at_risk_is_carer_breakdown(practitioner, team):
    from tandem.prevention.tests.risk_records import carers_assessment_at_risk

    person = adult_make()
    carers_assessment_at_risk(cared_for=person, practitioner=practitioner, team=team)

    score = scored(person)

    assert score.carer_breakdown is True
    assert agrees(score) == 3


def test_screening_that_the_carer_cannot_carry_on_is_carer_breakdown(team):
    from tandem.prevention.tests.risk_records import screened_case

    person = adult_make()
    screened_case(person, team=team, risks=["carer_at_risk"])

    assert scored(person).carer_breakdown is True


@pytest.mark.parametrize(
    ("points", "band"),
    [(0, Band.FIT), (3, Band.FIT), (4, Band.MILD), (7, Band.MILD), (8, Band.MODERATE), (12, Band.SEVERE)],
)
def test_bands_start_at_their_thresholds(points, band):
    assert rules.band_of(RULES, points) == band


def test_children_the_dead_and_merged_records_are_not_scored():
    today = clock.today()
    child = adult_make(date_of_birth=today.replace(year=today.year - 17))
    dead = adult_make(date_of_death=today - timedelta(days=1))
    adult = adult_make(date_of_birth=scoring.adult_born_by(today))

    services.scores_refresh()

    assert set(RiskScore.objects.values_list("person_id", flat=True)) == {adult.pk}
    assert child.pk
    assert dead.pk


def test_born_on_29_february_is_an_adult_from_1_march():
    born = date(2008, 2, 29)

    assert not born <= scoring.adult_born_by(date(2026, 2, 28))
    assert born <= scoring.adult_born_by(date(2026, 3, 1))
    assert scoring.adult_born_by(date(2028, 2, 29)) == date(2010, 2, 28)


def test_weights_come_from_the_rules_in_force():
    person = adult_make()
    event_make(person, EventKind.FALL, 5)
    heavier = replace(
        RULES, events=tuple(replace(e, points=(5, 0, 0)) if e.kind == "fall" else e for e in RULES.events)
    )

    services.scores_refresh(person_ids=[person.pk])
    scoring.scores_write(in_force=heavier, person_ids=[person.pk])

    assert RiskScore.objects.get(person=person).points == 5


def test_a_rescore_keeps_one_row_and_notes_a_change_of_band():
    person = adult_make()
    services.scores_refresh(person_ids=[person.pk])
    for _ in range(2):
        event_make(person, EventKind.FALL, 3)

    services.scores_refresh(person_ids=[person.pk])

    score = RiskScore.objects.get(person=person)
    assert (score.band, score.previous_band) == (Band.MODERATE, Band.FIT)
    assert RiskScore.objects.filter(person=person).count() == 1
