"""Pressure figures, alerts raised and cleared at their thresholds, the trend and the daily digest."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command

from tandem.workforce import pressures, rules, selectors, services
from tandem.workforce.codes import AlertKind
from tandem.workforce.models import Alert, Case, Post
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

    set_clock(datetime(2026, 11, 23, 9, tzinfo=UTC))

    trend = pressures.waiting_trend(team_ids=[team.pk], today=date(2026, 11, 23), weeks=3)

    # Monday 23 November: the weeks ended on Sundays 8, 15 and 22 November, then now.
    assert [(p.on, p.waiting, p.oldest_days, p.is_now) for p in trend] == [
        (date(2026, 11, 8), 1, 6, False),
        (date(2026, 11, 15), 2, 13, False),
        (date(2026, 11, 22), 1, 12, False),
        (date(2026, 11, 23), 1, 13, True),
    ]


def test_the_trends_now_is_the_figure_now_whatever_a_case_records_of_leaving(
    team, manager, practitioner, person_factory, profiles, set_clock
):
    """The dashboard's "now" and the last row of its weekly table count the same cases: a case
    allocated with a leaving time still to come, or none recorded, is not waiting now."""
    set_clock(datetime(2026, 11, 2, 9, tzinfo=UTC))
    waiting = services.case_open(person=person_factory(), team=team, summary="A", actor=practitioner)
    future = services.case_open(person=person_factory(), team=team, summary="B", actor=practitioner)
    unrecorded = services.case_open(person=person_factory(), team=team, summary="C", actor=practitioner)
    for case in (future, unrecorded):
        services.case_allocate(case=case, worker=practitioner, reason="Room", version=None, actor=manager)
    Case.objects.filter(pk=future.pk).update(left_waiting_at=datetime(2026, 12, 30, 9, tzinfo=UTC))
    Case.objects.filter(pk=unrecorded.pk).update(left_waiting_at=None)
    set_clock(datetime(2026, 11, 25, 9, tzinfo=UTC))
    today = date(2026, 11, 25)

    figures = pressures.totals(
        pressures.figures_by_team(team_ids=[team.pk], today=today, in_force=selectors.rules_in_force())
    )
    now = pressures.waiting_trend(team_ids=[team.pk], today=today)[-1]

    assert (now.waiting, now.oldest_days) == (figures[AlertKind.WAITING], figures[AlertKind.WAITING_OLDEST]) == (1, 23)
    assert waiting.pk in Case.objects.filter(status="waiting").values_list("pk", flat=True)


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
