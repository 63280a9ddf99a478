"""The risk rules: versions with who, when and why, kept by the principal social worker or a
clinical lead; and the evaluation's figures on datasets with a known answer."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.core.errors import DomainError, NotPermitted
from tandem.identity.models import Profession
from tandem.prevention.codes import EventKind
from tandem.prevention.models import RiskRuleSet, RiskScore
from tandem.prevention.risk import evaluation, rules, selectors, services
from tandem.prevention.risk.codes import Outcome
from tandem.prevention.tests.risk_data import adult_make, event_make

RULES = rules.DEFAULT_RULES


# --- The evaluation's arithmetic ------------------------------------------------------------------


def test_a_perfect_ranking_has_an_auc_of_one():
    assert evaluation.auc([1, 2, 3, 4], [False, False, True, True]) == 1.0


def test_a_reversed_ranking_has_an_auc_of_zero():
    assert evaluation.auc([4, 3, 2, 1], [False, False, True, True]) == 0.0


def test_all_ties_have_an_auc_of_a_half():
    assert evaluation.auc([5, 5, 5, 5], [True, False, True, False]) == 0.5


def test_a_mixed_ranking_counts_each_pair():
    # Pairs (positive, negative): (3 vs 1) win, (3 vs 4) loss, (2 vs 1) win, (2 vs 4) loss; and a tie.
    assert evaluation.auc([3, 1, 2, 4], [True, False, True, False]) == 0.5
    assert evaluation.auc([2, 2, 1], [True, False, False]) == 0.75


def test_no_auc_when_nobody_or_everybody_had_the_outcome():
    assert evaluation.auc([1, 2], [False, False]) is None
    assert evaluation.auc([1, 2], [True, True]) is None


def test_calibration_counts_each_band_and_its_share():
    rows = evaluation.calibration(
        ["fit", "fit", "mild", "severe", "severe"],
        [False, True, False, True, True],
        order=["fit", "mild", "moderate", "severe"],
    )

    assert [(r.band, r.people, r.with_outcome, r.rate) for r in rows] == [
        ("fit", 2, 1, 0.5),
        ("mild", 1, 0, 0.0),
        ("moderate", 0, 0, None),
        ("severe", 2, 2, 1.0),
    ]
    assert evaluation.relative_to_first(rows) == [1.0, 0.0, None, 2.0]


def test_the_interval_of_an_auc_contains_it():
    low, high = evaluation.auc_interval(0.7, 50, 500)

    assert low < 0.7 < high


@pytest.mark.django_db
def test_the_evaluation_scores_people_a_year_ago_and_finds_what_happened_after():
    today = clock.now()
    frail = [adult_make() for _ in range(3)]
    well = [adult_make() for _ in range(3)]
    for person in frail:
        for _ in range(3):
            event_make(person, EventKind.FALL, 400)  # falls before the baseline, a year and a month ago
        event_make(person, EventKind.EMERGENCY_ADMISSION, 100)  # admitted after it
    event_make(well[0], EventKind.FALL, 50)

    found = selectors.evaluation_figures(today=today)

    admissions = next(f for f in found.figures if f.outcome == Outcome.EMERGENCY_ADMISSION)
    assert found.people == 6
    assert admissions.positives == 3
    assert admissions.auc == 1.0
    falls = next(f for f in found.figures if f.outcome == Outcome.FALL)
    # The one fall after the baseline was by someone scored 0: tied with the two other well people
    # (a half each) and below the three frail (none): 1 of 5 pairs.
    assert falls.auc == pytest.approx(0.2)
    by_band = {row.band: (row.people, row.with_outcome) for row in admissions.bands}
    assert by_band["fit"] == (3, 0)


# --- The rules ----------------------------------------------------------------------------------


@pytest.fixture
def clinical_lead(manager):
    manager.profession = Profession.NURSE
    manager.save()
    return manager


@pytest.mark.django_db
def test_a_clinical_lead_saves_a_version_with_who_when_and_why(clinical_lead, django_capture_on_commit_callbacks):
    person = adult_make()
    event_make(person, EventKind.FALL, 5)
    heavier = replace(
        RULES, events=tuple(replace(e, points=(6, 1, 1)) if e.kind == "fall" else e for e in RULES.events)
    )

    with django_capture_on_commit_callbacks(execute=True):
        saved = services.rules_save(values=heavier, reason="Falls matter more locally", actor=clinical_lead)

    assert (saved.number, saved.made_by, saved.made_as) == (1, clinical_lead, "Clinical lead (nurse)")
    assert selectors.rules_in_force().event("fall").points == (6, 1, 1)
    assert RiskScore.objects.get(person=person).points == 8
    assert RiskScore.objects.get(person=person).rules_number == 1
    event = AuditEvent.objects.get(action="prevention.risk_rules.saved")
    assert event.reason == "Falls matter more locally"
    assert event.changes == {"fall (points in 30, 90, 365 days; most; at least)": [[2, 1, 1, 3, 1], [6, 1, 1, 3, 1]]}


@pytest.mark.django_db
def test_the_principal_social_worker_may_and_other_managers_may_not(manager):
    with pytest.raises(NotPermitted):
        services.rules_save(values=RULES, reason="Tidy", actor=manager)
    assert not RiskRuleSet.objects.exists()

    manager.profession = Profession.PRINCIPAL_SOCIAL_WORKER
    manager.save()
    services.rules_save(values=RULES, reason="Agreed at the practice board", actor=manager)

    assert [r.made_as for r in selectors.rules_history()] == ["Principal social worker"]


@pytest.mark.django_db
def test_bands_must_rise_and_a_reason_is_needed(clinical_lead):
    with pytest.raises(DomainError, match="Say why"):
        services.rules_save(values=RULES, reason=" ", actor=clinical_lead)
    with pytest.raises(DomainError, match="bands must rise"):
        services.rules_save(values=replace(RULES, moderate_from=3), reason="Try", actor=clinical_lead)

    assert not RiskRuleSet.objects.exists()


@pytest.mark.django_db
def test_the_rules_page_saves_a_version_from_the_form(client, clinical_lead):
    from tandem.prevention.risk.forms import rules_initial

    client.force_login(clinical_lead)
    data = {**rules_initial(RULES), "severe_from": 14, "reason": "Fewer people in severe"}

    response = client.post(reverse("prevention:risk_rules_edit"), data)

    assert response.status_code == 302
    assert selectors.rules_in_force().severe_from == 14
    page = client.get(reverse("prevention:risk_rules")).content.decode()
    assert "Fewer people in severe" in page


@pytest.mark.django_db
def test_the_rules_page_refuses_bands_out_of_order_and_keeps_what_was_typed(client, clinical_lead):
    from tandem.prevention.risk.forms import rules_initial

    client.force_login(clinical_lead)
    data = {**rules_initial(RULES), "moderate_from": 20, "reason": "Trying"}

    response = client.post(reverse("prevention:risk_rules_edit"), data)

    assert response.status_code == 400
    assert "Moderate must start above mild" in response.content.decode()
    assert not RiskRuleSet.objects.exists()


# --- By hand and nightly ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_command_scores_everyone_and_says_so(capsys):
    person = adult_make()
    event_make(person, EventKind.FALL, 1)

    call_command("prevention", "score", "--conditions")

    out = capsys.readouterr().out
    assert "Scored 1 adults" in out
    assert RiskScore.objects.get(person=person).points == 4
    assert AuditEvent.objects.filter(action="prevention.risk.scored").count() == 1


@pytest.mark.django_db
def test_the_nightly_task_moves_the_windows_on():
    from tandem.prevention.tasks import risk_nightly_task

    person = adult_make()
    event_make(person, EventKind.FALL, 29)
    call_command("prevention", "score")
    RiskScore.objects.filter(person=person).update(computed_at=clock.now() - timedelta(days=2))

    result = risk_nightly_task()

    assert result["people"] == 1
    assert RiskScore.objects.get(person=person).falls_30 == 1
