"""Pressure figures, alerts raised and cleared at their thresholds, the trend and the daily digest."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command

from tandem.workforce import pressures, rules, selectors, services
from tandem.workforce.codes import AlertKind
from tandem.workforce.models import Alert, Post
from tandem.workforce.tests.conftest import profile_for

pytestmark = pytest.mark.django_db


def test_figures_count_each_pressure_for_the_team(team, manager, practitioner, person_factory, profiles, set_clock):
    set_clock(datetime(2026, 10, 1, 9, tzinfo=UTC))
    old = services.case_open(person=person_factory(), team=team, summary="Old", actor=practitioner)
    set_clock(datetime(2026, 11, 20, 9, tzinfo=UTC))
    services.case_open(person=person_factory(), team=team, summary="New", actor=practitioner)
    heavy = services.case_open(person=person_factory(), team=team, summary="Heavy", actor=practitioner)
    services.case_weight_override(case=heavy, weight=100, reason="Court work every week", version=None, actor=manager)
    services.case_allocate(case=heavy, worker=practitioner, reason="Only AMHP", version=None, actor=manager)
    Post.objects.create(team=team, title="Social Worker", fte=Decimal("1"))

    figures = pressures.figures_by_team(team_ids=[team.pk], today=date(2026, 11, 20), in_force=rules.DEFAULT_RULES)[
        team.pk
    ]

    assert figures[AlertKind.WAITING] == 2
    assert figures[AlertKind.WAITING_OLDEST] == 50  # 1 October to 20 November
    assert figures[AlertKind.KEEP_IN_TOUCH] == 1  # the old case's contact was due on 15 October
    assert figures[AlertKind.OVER_CAPACITY] == 1
    assert figures[AlertKind.VACANCIES] == 1
    assert old.next_contact_due == date(2026, 10, 15)


def test_an_alert_is_raised_once_above_the_threshold_and_cleared_when_back_within_it(
    team, manager, practitioner, waiting
):
    services.case_weight_override(case=waiting, weight=100, reason="Complex", version=None, actor=manager)
    case = services.case_allocate(case=waiting, worker=practitioner, reason="Room", version=None, actor=manager)

    raised, cleared = services.alerts_check()
    again, _ = services.alerts_check()

    assert [(a.team, a.kind, a.value, a.threshold) for a in raised] == [(team, AlertKind.OVER_CAPACITY, 1, 0)]
    assert (again, cleared) == ([], 0)

    services.case_close(case=case, reason="Done", version=None, actor=manager)
    raised, cleared = services.alerts_check()

    assert (raised, cleared) == ([], 1)
    assert Alert.objects.get().cleared_at is not None


def test_the_digest_mails_each_team_manager_their_open_alerts_and_nobody_when_none(
    team, manager, practitioner, waiting
):
    assert services.digest_send() == 0
    manager.email = "martin.hughes@example.org"
    manager.save()
    services.case_weight_override(case=waiting, weight=100, reason="Complex", version=None, actor=manager)
    services.case_allocate(case=waiting, worker=practitioner, reason="Room", version=None, actor=manager)
    services.alerts_check()

    sent = services.digest_send(today=date(2026, 11, 23))

    assert sent == 1
    assert mail.outbox[0].to == ["martin.hughes@example.org"]
    assert mail.outbox[0].subject == "Tandem: 1 workforce alert"
    assert f"- {team.name}: Practitioners over capacity 1 (threshold 0)" in mail.outbox[0].body


def test_the_scheduled_command_checks_then_sends(team, manager, practitioner, waiting, capsys):
    call_command("workforce_digest", "--no-mail")

    assert "Alerts: 0 raised, 0 cleared." in capsys.readouterr().out


def test_the_trend_counts_who_was_waiting_at_the_end_of_each_week(
    team, manager, practitioner, person_factory, profiles, set_clock
):
    set_clock(datetime(2026, 11, 2, 9, tzinfo=UTC))
    first = services.case_open(person=person_factory(), team=team, summary="A", actor=practitioner)
    set_clock(datetime(2026, 11, 10, 9, tzinfo=UTC))
    services.case_open(person=person_factory(), team=team, summary="B", actor=practitioner)
    set_clock(datetime(2026, 11, 18, 9, tzinfo=UTC))
    services.case_allocate(case=first, worker=practitioner, reason="Room", version=None, actor=manager)

    trend = pressures.waiting_trend(team_ids=[team.pk], today=date(2026, 11, 23), weeks=3)

    assert [(p.on, p.waiting, p.oldest_days) for p in trend] == [
        (date(2026, 11, 2), 1, 0),
        (date(2026, 11, 9), 1, 7),
        (date(2026, 11, 16), 2, 14),
        (date(2026, 11, 23), 1, 13),
    ]


def test_drill_down_lists_the_cases_behind_a_figure(team, manager, waiting):
    rows = pressures.behind(kind=AlertKind.WAITING, team_ids=[team.pk], actor=manager)

    assert rows is not None
    assert [(r.person, r.what) for r in rows] == [("Mary Smith", "Waiting for allocation (medium priority)")]
    assert pressures.behind(kind=AlertKind.VACANCIES, team_ids=[team.pk], actor=manager) is None


def test_an_asye_practitioner_is_red_sooner(team, manager, practitioner, person, profiles):
    profile_for(practitioner, team, manager, asye=True)
    case = services.case_open(person=person, team=team, summary="Case", actor=practitioner)
    services.case_weight_override(case=case, weight=80, reason="Heavy", version=None, actor=manager)
    services.case_allocate(case=case, worker=practitioner, reason="Room", version=None, actor=manager)

    row = next(r for r in selectors.team_caseloads(team_ids=[team.pk]) if r.profile.user == practitioner)

    assert (row.capacity, row.share, row.rag) == (80, 100, "red")
