"""DoLS dates on their edges: the day before, the day and the day after.

A renewal is asked for in the last 28 days of a standard authorisation (RENEWAL_NOTICE_DAYS,
`dols_deadlines().renewal_due_on` is the first of them); `authorised_to` is the last day the
authorisation is in force, so on the day after it has expired and is no longer "due for renewal"
(a new request is needed, not a renewal). The standard request is decided within the 21 days
beginning with the day received (reg 13(1)); the urgent authorisation lasts 7 days from the moment
it was given (Sch A1 para 78(2)).
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tandem.safeguarding import selectors
from tandem.safeguarding.codes import DolsStatus
from tandem.safeguarding.models import DolsApplication

LONDON = ZoneInfo("Europe/London")
ENDS = date(2026, 12, 10)  # the last day the authorisation is in force


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


@pytest.fixture
def granted(person, receive, set_clock):
    set_clock(at(date(2026, 1, 5)))
    application = receive(person, received=date(2026, 1, 5))
    DolsApplication.objects.filter(pk=application.pk).update(
        status=DolsStatus.GRANTED, decided_on=date(2026, 1, 10), authorised_from=date(2026, 1, 10), authorised_to=ENDS
    )
    application.refresh_from_db()
    return application


def test_the_renewal_is_due_twenty_eight_days_before_the_end(granted):
    assert selectors.dols_deadlines(granted).renewal_due_on == ENDS - timedelta(days=28)


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (ENDS - timedelta(days=29), False),  # the day before the renewal is due
        (ENDS - timedelta(days=28), True),  # the day it is due
        (ENDS - timedelta(days=27), True),
        (ENDS - timedelta(days=1), True),
        (ENDS, True),  # the last day in force: still to be renewed
        (ENDS + timedelta(days=1), False),  # expired: not "due for renewal"
    ],
)
def test_renewals_due_on_both_edges_of_the_window(today, due, granted, worker, set_clock):
    set_clock(at(today))

    assert (granted in selectors.dols_renewals_due(actor=worker)) is due


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (ENDS - timedelta(days=29), False),
        (ENDS - timedelta(days=28), True),
        (ENDS + timedelta(days=1), False),
    ],
)
def test_the_renewals_list_page_follows_the_same_edges(today, due, granted, worker, client, set_clock):
    set_clock(at(today))
    client.force_login(worker)

    response = client.get(reverse("safeguarding:dols_renewals"))

    assert response.status_code == 200
    assert (granted.person.family_name in response.content.decode()) is due


@pytest.mark.parametrize(
    ("received", "due_on"),
    [
        (date(2026, 11, 1), date(2026, 11, 21)),
        (date(2026, 11, 2), date(2026, 11, 22)),  # day 1 is the day received, day 21 the last
        (date(2026, 11, 3), date(2026, 11, 23)),
    ],
)
def test_the_standard_request_is_due_on_its_twenty_first_day(received, due_on):
    assert selectors.standard_due_on(received) == due_on


@pytest.mark.parametrize(
    "given",
    [
        at(date(2026, 11, 1), 23) - timedelta(minutes=1),
        at(date(2026, 11, 1), 23),
        at(date(2026, 11, 1), 23) + timedelta(minutes=1),
    ],
)
def test_the_urgent_authorisation_ends_seven_days_to_the_minute(given, person, receive, set_clock):
    set_clock(at(date(2026, 11, 2)))
    application = receive(person, received=date(2026, 11, 2), urgent=True, given=given)

    deadlines = selectors.dols_deadlines(application)

    assert deadlines.urgent_expires_at == given + timedelta(days=7)
    assert deadlines.urgent_expires_on == (given + timedelta(days=7)).astimezone(LONDON).date()
