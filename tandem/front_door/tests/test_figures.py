"""The front-door figures, against numbers worked out by hand from small sets of contacts.

Times are UK local times. 18 November 2026 (a Wednesday, in GMT) is "today"; the weeks shown
begin on Mondays 2, 9 and 16 November.
"""

import itertools
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tandem.core.errors import DomainError
from tandem.front_door.codes import ContactRoute, ContactSource, ContactStatus, OutcomeKind
from tandem.front_door.figures import (
    NO_OUTCOME,
    OVERDUE,
    Figures,
    Grain,
    Span,
    contacts_behind,
    figure_count,
    figure_keys,
    figure_make,
    figures_compute,
    span_between,
    span_default,
)
from tandem.front_door.models import Contact, ContactOutcome, FollowUp
from tandem.identity.models import Team, User

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 18)
S, R, Out = ContactSource, ContactRoute, OutcomeKind


def at(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


@pytest.fixture
def today(set_clock) -> date:
    set_clock(at(2026, 11, 18, 12))
    return TODAY


@pytest.fixture
def make(front_door_team: Team, manager: User) -> Callable[..., Contact]:
    """`make(received_at, person=..., source=..., route=..., outcomes=[...], closed=True)`: a contact as recorded."""
    numbers = itertools.count(1)

    def contact(
        received_at: datetime,
        *,
        person=None,
        source: str = S.SELF,
        route: str = R.PHONE,
        outcomes: tuple[str, ...] = (),
        closed: bool = False,
    ) -> Contact:
        made = Contact.objects.create(
            reference=f"TEST-{next(numbers):04d}",
            person=person,
            source=source,
            route=route,
            reason="Needs a hand at home",
            received_at=received_at,
            team=front_door_team,
            status=ContactStatus.CLOSED if closed else ContactStatus.OPEN,
            closed_at=received_at + timedelta(hours=2) if closed else None,
        )
        for kind in outcomes:
            ContactOutcome.objects.create(contact=made, kind=kind, recorded_at=received_at, recorded_by=manager)
        return made

    return contact


@pytest.fixture
def three_weeks(today, make, person_factory) -> dict[str, Contact]:
    """Six contacts over the weeks of 2, 9 and 16 November, about people A, B and C and one not yet known."""
    a, b, c = person_factory(), person_factory(), person_factory()
    return {
        "c1": make(at(2026, 11, 2, 10), person=a, outcomes=(Out.ADVICE, Out.SIGNPOSTED), closed=True),
        "c2": make(
            at(2026, 11, 3, 10),
            person=a,
            source=S.FAMILY_OR_FRIEND,
            route=R.EMAIL,
            outcomes=(Out.CONNECTED_TO_TEAM,),
            closed=True,
        ),
        "c3": make(
            at(2026, 11, 9, 9), person=b, source=S.GP, outcomes=(Out.EQUIPMENT, Out.CONNECTED_TO_TEAM), closed=True
        ),
        # The last minute of Sunday and the first of Monday fall in different weeks.
        "c4": make(at(2026, 11, 15, 23, 59), source=S.ANONYMOUS, route=R.ONLINE_FORM),
        "c5": make(at(2026, 11, 16, 0, 0), person=c, source=S.HOSPITAL, outcomes=(Out.NO_FURTHER_ACTION,), closed=True),
        "c6": make(at(2026, 11, 18, 9), person=b, source=S.GP, outcomes=(Out.ADVICE,)),
    }


def _nonzero(rows) -> dict[str, tuple[int, ...]]:
    return {row.key: row.counts for row in rows if row.total}


def _weeks() -> Span:
    return span_between(Grain.WEEK, date(2026, 11, 2), TODAY, today=TODAY)


def test_contacts_are_counted_by_source_route_and_outcome_each_week(three_weeks):
    fig = figures_compute(span=_weeks(), today=TODAY)

    assert fig.span.periods == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]
    assert fig.measure("received").counts == (2, 2, 2)
    assert _nonzero(fig.by_source) == {
        "source:self": (1, 0, 0),
        "source:family_or_friend": (1, 0, 0),
        "source:gp": (0, 1, 1),
        "source:hospital": (0, 0, 1),
        "source:anonymous": (0, 1, 0),
    }
    assert _nonzero(fig.by_route) == {
        "route:phone": (1, 1, 2),
        "route:email": (1, 0, 0),
        "route:online_form": (0, 1, 0),
    }
    assert _nonzero(fig.by_outcome) == {
        "outcome:advice": (1, 0, 1),
        "outcome:signposted": (1, 0, 0),
        "outcome:equipment": (0, 1, 0),
        "outcome:connected_to_team": (1, 1, 0),
        "outcome:no_further_action": (0, 0, 1),
        NO_OUTCOME: (0, 1, 0),
    }
    assert [row.total for row in fig.by_source if row.key == "source:gp"] == [2]


def test_the_shares_resolved_and_signposted_to_alternatives(three_weeks):
    fig = figures_compute(span=_weeks(), today=TODAY)

    # Closed: c1, c2, c3, c5. Resolved (closed, not passed on): c1 and c5.
    assert fig.measure("closed").counts == (2, 1, 1)
    assert fig.measure("resolved").counts == (1, 0, 1)
    resolved = fig.share("resolved")
    assert [s.percent for s in resolved.shares] == ["50%", "0%", "100%"]
    assert (resolved.total.numerator, resolved.total.denominator, resolved.total.percent) == (2, 4, "50%")
    # With an outcome: all but c4. Alternatives and not passed on: c1 and c6 (open, but advised).
    assert fig.measure("with_outcome").counts == (2, 1, 2)
    assert fig.measure("alternatives").counts == (1, 0, 1)
    alternatives = fig.share("alternatives").total
    assert (alternatives.numerator, alternatives.denominator, alternatives.percent) == (2, 5, "40%")


def test_repeat_contacts_in_the_weeks(three_weeks):
    fig = figures_compute(span=_weeks(), today=TODAY)

    # c2 is a day after c1 (person A), c6 nine days after c3 (person B); c4 is about nobody known.
    assert fig.measure("linked").counts == (2, 1, 2)
    assert fig.measure("repeat_30").counts == (1, 0, 1)
    assert fig.measure("repeat_90").counts == (1, 0, 1)
    assert fig.share("repeat_30").total.percent == "40%"


def test_repeats_count_an_earlier_contact_exactly_30_or_90_days_before_but_not_a_minute_more(
    today, make, person_factory
):
    d, e, f = person_factory(), person_factory(), person_factory()
    make(at(2026, 8, 1, 12), person=d)
    d2 = make(at(2026, 8, 31, 12), person=d)  # 30 days after the first: a repeat within 30
    d3 = make(at(2026, 9, 30, 12, 1), person=d)  # 30 days and a minute after d2: within 90 only
    make(at(2026, 6, 20, 12), person=e)  # before the months shown, but still earlier
    e2 = make(at(2026, 9, 18, 12), person=e)  # exactly 90 days after
    make(at(2026, 6, 20, 12), person=f)
    make(at(2026, 9, 18, 12, 1), person=f)  # 90 days and a minute after: no repeat
    make(at(2026, 9, 18, 12, 2))  # about nobody known yet: never a repeat
    span = span_between(Grain.MONTH, date(2026, 8, 1), date(2026, 9, 30), today=TODAY)

    fig = figures_compute(span=span, today=TODAY)

    assert fig.measure("received").counts == (2, 4)
    assert fig.measure("linked").counts == (2, 3)
    assert fig.measure("repeat_30").counts == (1, 0)
    assert fig.measure("repeat_90").counts == (1, 2)
    repeat_90 = figure_make(key="repeat_90", span=span, period=None, today=TODAY)
    assert set(contacts_behind(figure=repeat_90, among=Contact.objects.all())) == {d2, d3, e2}


def test_periods_follow_uk_time_not_utc(today, make):
    # 00:30 on Monday 7 September and on Thursday 1 October are 23:30 the day before in UTC (BST).
    monday = make(at(2026, 9, 7, 0, 30))
    make(at(2026, 9, 6, 23, 30))
    first_of_october = make(at(2026, 10, 1, 0, 30))
    make(at(2026, 9, 30, 23, 59))

    weeks = figures_compute(
        span=span_between(Grain.WEEK, date(2026, 8, 31), date(2026, 9, 7), today=TODAY), today=TODAY
    )
    months = figures_compute(
        span=span_between(Grain.MONTH, date(2026, 9, 1), date(2026, 10, 1), today=TODAY), today=TODAY
    )

    assert weeks.measure("received").counts == (1, 1)
    assert months.measure("received").counts == (3, 1)
    week_of_7th = figure_make(key="received", span=weeks.span, period=date(2026, 9, 7), today=TODAY)
    october = figure_make(key="received", span=months.span, period=date(2026, 10, 1), today=TODAY)
    assert list(contacts_behind(figure=week_of_7th, among=Contact.objects.all())) == [monday]
    assert list(contacts_behind(figure=october, among=Contact.objects.all())) == [first_of_october]


def test_follow_ups_overdue_are_those_not_done_and_due_before_today(today, make, manager):
    old = make(at(2026, 3, 2))  # received long before any period shown: still counted
    recent = make(at(2026, 11, 10))
    on_time = make(at(2026, 11, 11))
    for contact, due, done in (
        (old, date(2026, 4, 1), None),
        (old, date(2026, 11, 17), None),
        (recent, date(2026, 11, 17), None),
        (recent, date(2026, 11, 1), at(2026, 11, 1, 15)),
        (on_time, TODAY, None),
        (on_time, date(2026, 12, 1), None),
    ):
        FollowUp.objects.create(contact=contact, due_on=due, created_by=manager, done_at=done)

    fig = figures_compute(span=span_default(Grain.WEEK, TODAY), today=TODAY)

    assert (fig.overdue_follow_ups, fig.overdue_contacts) == (3, 2)
    overdue = figure_make(key=OVERDUE, span=fig.span, period=None, today=TODAY)
    assert set(contacts_behind(figure=overdue, among=Contact.objects.all())) == {old, recent}


def _figure_values(fig: Figures) -> dict[str, tuple[tuple[int, ...], int]]:
    rows = [*fig.measures, *fig.by_source, *fig.by_route, *fig.by_outcome]
    return {row.key: (row.counts, row.total) for row in rows}


def test_every_figure_drills_down_to_exactly_the_contacts_it_counts(three_weeks):
    span = _weeks()
    fig = figures_compute(span=span, today=TODAY)
    values = _figure_values(fig)

    assert set(values) | {OVERDUE} == set(figure_keys())
    for key, (counts, total) in values.items():
        for period, value in [*zip(span.periods, counts, strict=True), (None, total)]:
            figure = figure_make(key=key, span=span, period=period, today=TODAY)
            assert figure_count(figure=figure) == value, (key, period)


def test_the_drill_down_lists_the_very_contacts(three_weeks):
    span = _weeks()
    passed_on = figure_make(key="outcome:connected_to_team", span=span, period=date(2026, 11, 2), today=TODAY)
    resolved = figure_make(key="resolved", span=span, period=None, today=TODAY)
    gp = figure_make(key="source:gp", span=span, period=None, today=TODAY)

    assert list(contacts_behind(figure=passed_on, among=Contact.objects.all())) == [three_weeks["c2"]]
    assert set(contacts_behind(figure=resolved, among=Contact.objects.all())) == {three_weeks["c1"], three_weeks["c5"]}
    assert set(contacts_behind(figure=gp, among=Contact.objects.all())) == {three_weeks["c3"], three_weeks["c6"]}


@pytest.mark.parametrize("how_many", [3, 60])
def test_the_figures_take_three_queries_however_many_contacts(
    how_many, today, make, person_factory, django_assert_max_num_queries
):
    people = [person_factory() for _ in range(3)]
    for n in range(how_many):
        make(
            at(2026, 11, 1) - timedelta(days=n),
            person=people[n % 3],
            outcomes=(Out.ADVICE,) if n % 2 else (Out.CONNECTED_TO_TEAM, Out.EQUIPMENT),
            closed=n % 3 == 0,
        )

    with django_assert_max_num_queries(3):
        fig = figures_compute(span=span_default(Grain.MONTH, TODAY), today=TODAY)

    assert fig.received == how_many


def test_the_default_span_is_the_last_12_weeks_or_months_to_today():
    weeks = span_default(Grain.WEEK, TODAY)
    months = span_default(Grain.MONTH, TODAY)

    assert (weeks.first, weeks.last, len(weeks.periods)) == (date(2026, 8, 31), date(2026, 11, 16), 12)
    assert (months.first, months.last, len(months.periods)) == (date(2025, 12, 1), date(2026, 11, 1), 12)
    assert weeks.describe() == "the 12 weeks from 31 August 2026 to 22 November 2026"


def test_a_span_snaps_to_whole_weeks_and_months():
    weeks = span_between(Grain.WEEK, date(2026, 10, 7), date(2026, 10, 20), today=TODAY)
    months = span_between(Grain.MONTH, date(2025, 12, 31), date(2026, 1, 1), today=TODAY)

    assert (weeks.first, weeks.last_day) == (date(2026, 10, 5), date(2026, 10, 25))
    assert (months.first, months.last_day, len(months.periods)) == (date(2025, 12, 1), date(2026, 1, 31), 2)


@pytest.mark.parametrize(
    ("grain", "start", "end", "message"),
    [
        (Grain.WEEK, date(2026, 11, 10), date(2026, 11, 2), "The start date must be on or before the end date"),
        (Grain.WEEK, None, date(2026, 11, 19), "The end date must be today or in the past"),
        (Grain.WEEK, date(2025, 11, 1), None, "Choose a range of 53 weeks or fewer"),
        (Grain.MONTH, date(2023, 1, 1), None, "Choose a range of 36 months or fewer"),
        ("fortnight", None, None, "Select whether to show figures by week or by month"),
    ],
)
def test_a_span_that_cannot_be_shown_is_refused(grain, start, end, message):
    with pytest.raises(DomainError) as refused:
        span_between(grain, start, end, today=TODAY)

    assert refused.value.message == message


def test_a_drill_down_names_only_figures_and_periods_on_the_page():
    span = span_default(Grain.WEEK, TODAY)

    with pytest.raises(DomainError, match="There is no such figure"):
        figure_make(key="source:martians", span=span, period=None, today=TODAY)
    with pytest.raises(DomainError, match="not one of the columns"):
        figure_make(key="received", span=span, period=date(2026, 11, 17), today=TODAY)


def test_a_figure_says_in_words_what_it_counts():
    span = _weeks()

    def words(key: str, period: date | None = None) -> str:
        return figure_make(key=key, span=span, period=period, today=TODAY).describe()

    assert words("received") == "Contacts received in the 3 weeks from 2 November 2026 to 22 November 2026"
    assert (
        words("source:gp", date(2026, 11, 9))
        == "Contacts received in the week beginning 9 November 2026 where who made contact was ‘GP’"
    )
    assert words(OVERDUE) == (
        "Contacts with a keeping-in-touch follow-up not yet done that was due before 18 November 2026"
    )


def test_adult_figures_leave_out_contacts_about_children(today, make, person_factory):
    """Adults only (Care Act 2014 Part 1): a contact about a 12-year-old is not counted; one about a
    person not yet known still is."""
    adult, child = person_factory(), person_factory(date_of_birth=date(2014, 5, 1))
    make(at(2026, 11, 16, 10), person=adult, outcomes=(Out.ADVICE,))
    make(at(2026, 11, 16, 11), person=child, outcomes=(Out.ADVICE,))
    make(at(2026, 11, 16, 12))

    fig = figures_compute(span=_weeks(), today=TODAY)

    assert fig.measure("received").counts == (0, 0, 2)
    figure = figure_make(key="received", span=_weeks(), period=date(2026, 11, 16), today=TODAY)
    assert figure_count(figure=figure) == 2
