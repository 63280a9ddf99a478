"""Referrals from wards and the board: validation, states, delay reasons and day counts."""

from datetime import date, timedelta

import pytest

from tandem.core import clock
from tandem.core.errors import DomainError, NotPermitted, StaleVersion
from tandem.people.models import Person
from tandem.prevention.discharge import selectors, services
from tandem.prevention.discharge.codes import DelayReason, ReferralStatus
from tandem.prevention.discharge.models import DischargeReferral
from tandem.prevention.discharge.tests.hub_data import referral_make
from tests.personas import person_make


def _details(**dates: date | None) -> services.ReferralDetails:
    today = clock.today()
    return services.ReferralDetails(
        hospital="Arrowe Park Hospital",
        ward="Ward 23",
        dates=services.Dates(admitted_on=dates.pop("admitted_on", today - timedelta(days=5)), **dates),
        pathway="1",
    )


def test_a_referral_goes_on_the_board_awaiting_assessment_once_they_no_longer_meet_the_criteria(person, practitioner):
    referral = referral_make(person, practitioner, nctr_ago=3)

    assert referral.status == ReferralStatus.WAITING
    assert referral.delay_reason == DelayReason.ASSESSMENT
    assert [e.kind for e in selectors.events_of(referral=referral)] == ["referred"]


def test_it_refuses_a_child(db, practitioner):
    today = clock.today()
    child = person_make(given_name="Tom", family_name="Young", date_of_birth=today.replace(year=today.year - 17))

    with pytest.raises(DomainError, match="adults only"):
        services.referral_record(person=child, details=_details(), actor=practitioner)

    assert not DischargeReferral.objects.exists()


def test_it_takes_someone_on_their_eighteenth_birthday(db, practitioner):
    admitted = clock.today() - timedelta(days=1)
    born = date(admitted.year - 18, admitted.month, min(admitted.day, 28))
    adult = person_make(given_name="Ada", family_name="Young", date_of_birth=born)

    referral = services.referral_record(
        person=adult, details=_details(admitted_on=date(admitted.year, born.month, born.day)), actor=practitioner
    )

    assert referral.admitted_on.replace(year=born.year) == born


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"admitted_on": date(2099, 1, 1)}, "admitted_on"),
        ({"nctr_on": date(2000, 1, 1)}, "nctr_on"),
        ({"ready_on": "today"}, "nctr_on"),
        ({"nctr_on": "yesterday", "ready_on": "two_days_ago"}, "ready_on"),
        ({"expected_ready_on": date(2000, 1, 1)}, "expected_ready_on"),
    ],
)
def test_it_refuses_dates_out_of_order(person, practitioner, dates, field):
    today = clock.today()
    named = {"today": today, "yesterday": today - timedelta(days=1), "two_days_ago": today - timedelta(days=2)}
    given = {key: named.get(value, value) if isinstance(value, str) else value for key, value in dates.items()}

    with pytest.raises(DomainError) as refused:
        services.referral_record(person=person, details=_details(**given), actor=practitioner)

    assert refused.value.field == field
    assert not DischargeReferral.objects.exists()


def test_one_open_referral_a_person(person, practitioner):
    referral_make(person, practitioner)

    with pytest.raises(DomainError, match="already on the hub's board"):
        referral_make(person, practitioner)


def test_an_administrator_cannot_refer(person, administrator):
    with pytest.raises(NotPermitted):
        services.referral_record(person=person, details=_details(), actor=administrator)


@pytest.mark.parametrize(("ago", "days"), [(0, 0), (1, 1), (7, 7)])
def test_days_since_no_longer_meeting_the_criteria_count_from_that_day_as_day_0(person, practitioner, ago, days):
    referral = referral_make(person, practitioner, nctr_ago=ago)

    assert selectors.days_since_nctr(referral, clock.today()) == days


def test_no_days_count_while_they_still_meet_the_criteria(person, practitioner):
    referral = referral_make(person, practitioner, nctr_ago=None)

    assert selectors.days_since_nctr(referral, clock.today()) is None
    assert referral.delay_reason == ""


def test_days_stop_counting_on_discharge(person, practitioner):
    referral = referral_make(person, practitioner, admitted_ago=20, nctr_ago=10)
    referral.closed_on = clock.today() - timedelta(days=4)

    assert selectors.days_since_nctr(referral, clock.today()) == 6


@pytest.mark.parametrize("reason", DelayReason.values)
def test_the_board_keeps_each_reason_for_delay_with_the_next_action_and_its_owner(person, practitioner, reason):
    referral = referral_make(person, practitioner)
    today = clock.today()

    services.referral_update(
        referral=referral,
        update=services.BoardUpdate(
            ward="Ward 24",
            dates=services.Dates(admitted_on=referral.admitted_on, nctr_on=referral.nctr_on),
            pathway="2",
            delay_reason=reason,
            next_action="Ring the family",
            action_owner=practitioner,
            action_due_on=today,
        ),
        version=referral.version,
        actor=practitioner,
    )

    referral.refresh_from_db()
    assert (referral.delay_reason, referral.next_action, referral.action_owner, referral.ward) == (
        reason,
        "Ring the family",
        practitioner,
        "Ward 24",
    )
    changes = selectors.events_of(referral=referral)[0].changes
    assert changes["Ward"] == ["Ward 23", "Ward 24"]
    if reason != DelayReason.ASSESSMENT:  # the reason a referral starts with
        assert changes["Reason for delay"] == [DelayReason.ASSESSMENT.label, DelayReason(reason).label]


def test_a_save_from_an_older_version_is_refused_and_changes_nothing(person, practitioner):
    referral = referral_make(person, practitioner)

    with pytest.raises(StaleVersion):
        services.referral_update(
            referral=referral,
            update=services.BoardUpdate(
                ward="Ward 99",
                dates=services.Dates(admitted_on=referral.admitted_on, nctr_on=referral.nctr_on),
                pathway="1",
                delay_reason="",
                next_action="",
                action_owner=None,
                action_due_on=None,
            ),
            version=referral.version - 1 if referral.version > 1 else 99,
            actor=practitioner,
        )

    referral.refresh_from_db()
    assert referral.ward == "Ward 23"


def test_the_board_sorts_the_longest_delayed_first_and_counts_delayed_days(db, practitioner):
    people = [person_make(given_name=n, family_name="Hub", date_of_birth=date(1940, 1, 1)) for n in ("A", "B", "C")]
    for who, ago in zip(people, (2, 9, None), strict=True):
        referral_make(who, practitioner, admitted_ago=12, nctr_ago=ago)

    board = selectors.board(actor=practitioner, today=clock.today())

    assert [row.given_name for row in board.rows] == ["B", "A", "C"]
    assert (board.delayed, board.delayed_days) == (2, 11)
    by_name = selectors.board(actor=practitioner, today=clock.today(), sort="name", descending=True)
    assert [row.given_name for row in by_name.rows] == ["C", "B", "A"]


def test_the_board_answers_in_two_queries_the_actors_teams_then_the_board(db, practitioner, django_assert_num_queries):
    for n in range(5):
        who = person_make(given_name=f"P{n}", family_name="Hub", date_of_birth=date(1940, 1, 1))
        referral = referral_make(who, practitioner)
        DischargeReferral.objects.filter(pk=referral.pk).update(action_owner=practitioner, next_action="Ring")

    with django_assert_num_queries(2):
        board = selectors.board(actor=practitioner, today=clock.today())

    assert [row.owner for row in board.rows] == [practitioner.get_full_name()] * 5


def test_withdrawal_takes_them_off_the_board(person, practitioner):
    referral = referral_make(person, practitioner)

    services.referral_withdraw(referral=referral, reason="Transferred to another hospital", actor=practitioner)

    assert selectors.board(actor=practitioner, today=clock.today()).rows == []
    assert Person.objects.filter(pk=person.pk).exists()
