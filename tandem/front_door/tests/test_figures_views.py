"""The figures page and the lists behind its figures, as a manager uses them."""

import re
from datetime import date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.front_door.codes import ContactRoute, ContactSource, ContactStatus, OutcomeKind
from tandem.front_door.models import Contact, ContactOutcome
from tandem.identity.permissions import Role

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 18)
FIGURES = reverse("front_door:figures")
CONTACTS = reverse("front_door:figures_contacts")


@pytest.fixture
def today(set_clock) -> date:
    set_clock(datetime(2026, 11, 18, 12, tzinfo=LONDON))
    return TODAY


@pytest.fixture
def make(front_door_team, manager):
    made: list[Contact] = []

    def contact(received_at: datetime, *, person=None, source=ContactSource.SELF, outcomes=(), closed=False):
        new = Contact.objects.create(
            reference=f"FIG-{len(made) + 1:04d}",
            person=person,
            source=source,
            route=ContactRoute.PHONE,
            reason="Struggling with the stairs",
            received_at=received_at,
            team=front_door_team,
            status=ContactStatus.CLOSED if closed else ContactStatus.OPEN,
            closed_at=received_at + timedelta(hours=1) if closed else None,
        )
        for kind in outcomes:
            ContactOutcome.objects.create(contact=new, kind=kind, recorded_at=received_at, recorded_by=manager)
        made.append(new)
        return new

    return contact


def at(day: int, hour: int = 10, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=LONDON)


def drill(**params: str) -> str:
    return f"{CONTACTS}?{urlencode(params)}"


def references(response) -> list[str]:
    return re.findall(r">(FIG-\d{4})</a>", response.content.decode())


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_a_manager_sees_the_last_12_weeks_with_every_figure_linked(today, make, person, client, manager):
    make(at(2), person=person, outcomes=(OutcomeKind.ADVICE,), closed=True)
    make(at(3), person=person, outcomes=(OutcomeKind.CONNECTED_TO_TEAM,), closed=True)
    client.force_login(manager)

    response = client.get(FIGURES)

    assert response.status_code == 200
    page = text(response)
    assert "Contacts received in the 12 weeks from 31 August 2026 to 22 November 2026" in page
    assert "Resolved at the front door 50% ( 1 of 2 closed contacts)" in page
    assert "16 Nov 2026 (so far)" in page
    html = response.content.decode()
    resolved = drill(grain="week", start="2026-08-31", end="2026-11-18", figure="resolved")
    assert f'href="{resolved.replace("&", "&amp;")}"' in html
    assert 'role="img"' in html
    assert 'aria-labelledby="chart-source-title"' in html


def test_by_month_over_a_chosen_range(today, make, client, manager):
    make(at(20, month=9))
    client.force_login(manager)

    response = client.get(
        FIGURES,
        {
            "grain": "month",
            "start-day": "1",
            "start-month": "8",
            "start-year": "2026",
            "end-day": "",
            "end-month": "",
            "end-year": "",
        },
    )

    assert response.status_code == 200
    page = text(response)
    assert "Contacts received in the 4 months from 1 August 2026 to 30 November 2026" in page
    assert "Aug 2026" in page
    assert "Nov 2026 (so far)" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {
                "start-day": "10",
                "start-month": "11",
                "start-year": "2026",
                "end-day": "2",
                "end-month": "11",
                "end-year": "2026",
            },
            "The start date must be on or before the end date",
        ),
        ({"end-day": "30", "end-month": "2", "end-year": "2026"}, "To must be a real date"),
        ({"start-day": "1", "start-month": "1", "start-year": "2020"}, "Choose a range of 53 weeks or fewer"),
        ({"end-day": "1", "end-month": "1", "end-year": "2027"}, "To must be today or in the past"),
    ],
)
def test_a_range_that_cannot_be_shown_gets_a_clear_message_and_keeps_what_was_typed(
    today, client, manager, params, message
):
    client.force_login(manager)

    response = client.get(FIGURES, {"grain": "week", **params})

    assert response.status_code == 400
    page = text(response)
    assert "There is a problem" in page
    assert message in page
    for name, value in params.items():
        assert f'name="{name}" type="text" value="{value}"' in response.content.decode() or not value


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.BUSINESS_SUPPORT, Role.SYSTEM_ADMINISTRATOR])
def test_only_managers_see_the_figures_or_the_lists(today, make, person, client, user_factory, team, role):
    make(at(2), person=person)
    client.force_login(user_factory(role=role, teams=[team]))

    assert client.get(FIGURES).status_code == 403
    response = client.get(drill(figure="received"))

    assert response.status_code == 403
    assert "FIG-0001" not in response.content.decode()


def test_the_list_behind_a_figure_holds_exactly_its_contacts(today, make, person, client, manager):
    gp = make(at(9), person=person, source=ContactSource.GP)
    make(at(2), person=person, source=ContactSource.GP)  # a GP contact in another week
    make(at(10), person=person, source=ContactSource.POLICE)  # the same week, another source
    client.force_login(manager)

    response = client.get(
        drill(grain="week", start="2026-08-31", end="2026-11-18", period="2026-11-09", figure="source:gp")
    )

    assert response.status_code == 200
    assert references(response) == [gp.reference]
    page = text(response)
    assert "Contacts received in the week beginning 9 November 2026 where who made contact was ‘GP’" in page
    assert "This figure counts 1 contact." in page
    assert "Back to the figures" in page


def test_the_list_shows_the_person_source_route_outcomes_and_status(today, make, person, client, manager):
    make(at(9), person=person, outcomes=(OutcomeKind.ADVICE, OutcomeKind.EQUIPMENT), closed=True)
    make(at(10))
    client.force_login(manager)

    page = text(client.get(drill(figure="received")))

    assert (
        f"FIG-0001 9 November 2026 at 10:00am {person.full_name} The person themselves Phone "
        "Information and advice given; Equipment or minor adaptation Closed"
    ) in page
    assert "FIG-0002 10 November 2026 at 10:00am Not yet linked The person themselves Phone None yet Open" in page


def test_the_list_leaves_out_contacts_the_manager_may_not_open_and_says_so(
    today, make, person, restricted_person, client, user_factory, other_team
):
    make(at(9), person=person)
    make(at(9, 11), person=restricted_person)
    elsewhere = user_factory(role=Role.TEAM_MANAGER, teams=[other_team])
    client.force_login(elsewhere)

    figures_page = text(client.get(FIGURES))
    response = client.get(drill(figure="received"))

    assert "Contacts received 2" in figures_page
    assert references(response) == ["FIG-0001"]
    page = text(response)
    assert "This figure counts 2 contacts." in page
    assert "1 of them is about people whose records you may not open" in page
    assert restricted_person.family_name not in page


def test_the_list_sorts_by_received_date_and_pages_by_50(today, make, client, manager):
    for n in range(51):
        make(at(2) + timedelta(hours=n))
    client.force_login(manager)

    newest = client.get(drill(figure="received"))
    oldest = client.get(drill(figure="received", sort="received"))
    second_page = client.get(drill(figure="received", sort="received", page="2"))

    assert references(newest)[:2] == ["FIG-0051", "FIG-0050"]
    assert 'aria-sort="descending"' in newest.content.decode()
    assert references(oldest)[:2] == ["FIG-0001", "FIG-0002"]
    assert 'aria-sort="ascending"' in oldest.content.decode()
    assert len(references(oldest)) == 50
    assert references(second_page) == ["FIG-0051"]
    assert "Showing 51 to 51 of 51 contacts you may open." in text(second_page)


def test_an_empty_figure_says_there_is_nothing_behind_it(today, client, manager):
    client.force_login(manager)

    response = client.get(drill(figure="outcome:safeguarding"))

    assert response.status_code == 200
    assert "There are no contacts behind this figure." in text(response)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"figure": "source:martians"}, "There is no such figure"),
        ({"figure": "received", "period": "2026-11-17"}, "The period is not one of the columns of the figures"),
        ({"figure": "received", "start": "yesterday"}, "The start date must be a real date"),
        ({"figure": "received", "grain": "year"}, "Select a valid choice"),
    ],
)
def test_a_link_that_names_no_figure_answers_400_with_the_reason(today, client, manager, params, message):
    client.force_login(manager)

    response = client.get(drill(**params))

    assert response.status_code == 400
    assert message in text(response)


def test_the_pages_take_the_same_few_queries_however_many_contacts(
    today, make, person_factory, client, manager, django_assert_max_num_queries
):
    client.force_login(manager)
    people = [person_factory() for _ in range(4)]

    def add(how_many: int) -> None:
        for n in range(how_many):
            make(at(1, month=10) + timedelta(hours=n), person=people[n % 4], outcomes=(OutcomeKind.ADVICE,))

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as page:
            assert client.get(FIGURES).status_code == 200
        with CaptureQueriesContext(connection) as listed:
            assert client.get(drill(figure="received")).status_code == 200
        return len(page), len(listed)

    add(2)
    queries()  # the first request of a session does some one-off work (the session's own rows)
    few = queries()
    add(70)
    many = queries()

    assert few == many
    with django_assert_max_num_queries(6):
        client.get(FIGURES)
    with django_assert_max_num_queries(9):
        client.get(drill(figure="received"))
