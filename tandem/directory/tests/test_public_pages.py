"""The public directory pages: search, a service, the printable list; open to anyone."""

import uuid
from datetime import date, time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.directory.models import CostOption, Schedule, Service
from tandem.directory.public_presenters import schedule_text, time_text
from tandem.directory.tests.caches import caches_clear
from tandem.directory.tests.search_world import BIRKENHEAD, WALLASEY, WEST_KIRBY, centroids_make, service_make

pytestmark = pytest.mark.django_db

SEARCH = reverse("directory:public_search")
PRINT = reverse("directory:public_print")


def _text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def directory():
    centroids_make()
    service_make(
        "Dementia Café",
        description="A friendly café for people living with dementia and their carers.",
        categories=("dementia",),
        postcode=WALLASEY,
        address="Liscard Methodist Church",
        city="Wallasey",
        phone="0151 555 0123",
        schedules=(("TH", time(10), time(12)),),
    )
    service_make(
        "Memory Lane Dementia Café",
        categories=("dementia",),
        postcode=WEST_KIRBY,
        city="West Kirby",
        schedules=(("MO,TU,WE,TH,FR", time(9), time(17, 30)),),
    )


def test_the_search_page_opens_without_signing_in_and_offers_the_categories():
    response = Client().get(SEARCH)

    assert response.status_code == 200
    text = _text(response)
    assert "Find community services" in text
    assert "Browse by category" in text
    assert f'href="{SEARCH}?category=lunch-clubs">Lunch clubs</a>' in response.content.decode()


def test_a_misspelt_search_near_a_postcode_shows_ranked_results_with_distances(directory):
    response = Client().get(SEARCH, {"keywords": "dementa cafe", "postcode": "ch41 5lh"})

    text = _text(response)
    assert response.status_code == 200
    assert "Showing results for <strong>dementia cafe</strong>" in text
    assert "2 services found near CH41 5LH" in text
    assert text.index("Dementia Café") < text.index("Memory Lane Dementia Café")
    assert "2.3 miles away" in text
    assert "Liscard Methodist Church, Wallasey, CH44 5UR" in text
    assert "0151 555 0123" in text
    assert "Thursdays, 10am to midday" in text
    assert "Monday to Friday, 9am to 5:30pm" in text


def test_a_result_links_to_its_service_page_carrying_the_search():
    service = service_make("Lunch Club")

    response = Client().get(SEARCH, {"keywords": "lunch"})

    assert f'href="/directory/services/{service.pk}/?keywords=lunch"' in response.content.decode()


def test_a_postcode_we_cannot_find_is_an_error_that_keeps_what_was_typed(directory):
    response = Client().get(SEARCH, {"keywords": "dementia", "postcode": "CH99 9ZZ", "category": "dementia"})

    text = _text(response)
    assert response.status_code == 400
    assert "There is a problem" in text
    assert "We could not find that postcode" in text
    assert 'value="CH99 9ZZ"' in response.content.decode()
    assert 'value="dementia"' in response.content.decode()
    assert '<option value="dementia" selected>' in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"within": "3"}, "Enter a postcode to search within a distance of it"),
        ({"category": "knitting"}, "Select a category from the list"),
        ({"when": "someday"}, "Select when from the list"),
        ({"keywords": "x" * 101}, "What you are looking for must be 100 characters or fewer"),
    ],
)
def test_bad_choices_are_named(params, message):
    response = Client().get(SEARCH, params)

    assert response.status_code == 400
    assert message in _text(response)


def test_no_results_says_so_and_suggests_what_to_change(directory):
    response = Client().get(SEARCH, {"keywords": "dementia", "when": "6"})

    text = _text(response)
    assert "No services match your search" in text
    assert "services that do not publish opening times are only shown then" in text


def test_open_now_and_a_day_filter_the_results(directory):
    response = Client().get(SEARCH, {"keywords": "dementia", "when": "0"})

    text = _text(response)
    assert "1 service found" in text
    assert "Memory Lane Dementia Café" in text


def test_results_are_paged_keeping_the_search_in_the_links():
    for number in range(23):
        service_make(f"Lunch Club {number:02d}")

    first = Client().get(SEARCH, {"keywords": "lunch"})
    second = Client().get(SEARCH, {"keywords": "lunch", "page": "2"})

    assert "23 services found" in _text(first)
    assert "Page 1 of 2" in _text(first)
    assert 'href="?keywords=lunch&amp;page=2"' in first.content.decode()
    assert "Lunch Club 22" in _text(second)
    assert "Lunch Club 00" not in _text(second)


def test_the_search_page_costs_the_same_queries_whatever_the_number_of_results():
    def queries() -> int:
        caches_clear()  # each measured from cold: the postcode and words are looked up every time
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(SEARCH, {"keywords": "lunch", "postcode": BIRKENHEAD}).status_code == 200
        return len(captured)

    centroids_make()
    service_make("Lunch Club 1", postcode=WALLASEY, schedules=(("TH", time(12), time(14)),))
    one = queries()
    for number in range(2, 15):
        service_make(f"Lunch Club {number}", postcode=WALLASEY, schedules=(("TH", time(12), time(14)),))

    assert queries() == one


def test_the_printable_list_has_names_addresses_phones_and_times(directory):
    response = Client().get(PRINT, {"keywords": "dementia", "postcode": BIRKENHEAD, "page": "2"})

    text = _text(response)
    assert response.status_code == 200
    assert "Community services" in text
    assert "2 services found near CH41 5LH, for “dementia”" in text
    assert "Dementia Café" in text
    assert "Liscard Methodist Church, Wallasey, CH44 5UR" in text
    assert "0151 555 0123" in text
    assert "Thursdays, 10am to midday" in text
    assert 'href="/directory/?keywords=dementia&amp;postcode=CH41+5LH"' in response.content.decode()


def test_the_printable_list_without_a_search_goes_back_to_the_search():
    response = Client().get(PRINT, {"postcode": "nowhere"})

    assert response.status_code == 302
    assert response["Location"] == f"{SEARCH}?postcode=nowhere"


def test_the_service_page_shows_everything_needed_to_get_in_touch():
    service = service_make(
        "Dementia Café",
        description="A friendly café.",
        postcode=WALLASEY,
        address="Liscard Methodist Church",
        city="Wallasey",
        phone="0151 555 0123",
        schedules=(("-1FR", time(14), time(16)),),
        freq="MONTHLY",
        categories=("dementia",),
    )
    Service.objects.filter(pk=service.pk).update(url="https://cafe.example", email="cafe@example.org", minimum_age=18)
    CostOption.objects.create(service=service, option="Entry", amount_description="£2 with tea and cake")

    response = Client().get(reverse("directory:public_service", args=[service.pk]))

    text = _text(response)
    assert response.status_code == 200
    assert "Dementia Café" in text
    assert "Liscard Methodist Church<br>Wallasey<br>CH44 5UR" in response.content.decode()
    assert 'href="tel:01515550123">0151 555 0123</a>' in response.content.decode()
    assert "Last Friday of the month, 2pm to 4pm" in text
    assert "£2 with tea and cake" in text
    assert "Aged 18 and over" in text
    assert "Dementia cafés and support" in text
    assert 'href="mailto:cafe@example.org"' in response.content.decode()


def test_a_closed_service_page_says_it_has_closed():
    service = service_make("Old Lunch Club", status="defunct")

    response = Client().get(reverse("directory:public_service", args=[service.pk]))

    assert "This service has closed." in _text(response)


def test_an_unknown_service_is_not_found():
    response = Client().get(reverse("directory:public_service", args=[uuid.uuid4()]))

    assert response.status_code == 404


def test_the_pages_send_a_print_stylesheet():
    response = Client().get(SEARCH)

    assert "/static/directory/public.css" in response.content.decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (time(9), "9am"),
        (time(17, 30), "5:30pm"),
        (time(12), "midday"),
        (time(0), "midnight"),
        (time(12, 15), "12:15pm"),
    ],
)
def test_times_are_written_the_govuk_way(value, expected):
    assert time_text(value) == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"freq": "WEEKLY", "byday": "TH", "opens_at": time(12), "closes_at": time(14)}, "Thursdays, midday to 2pm"),
        ({"freq": "WEEKLY", "byday": "MO,WE"}, "Mondays and Wednesdays"),
        ({"freq": "WEEKLY", "byday": "SA,SU,FR"}, "Friday to Sunday"),
        ({"freq": "WEEKLY", "byday": "TU", "interval": 2, "dtstart": date(2026, 1, 6)}, "Every other Tuesday"),
        ({"freq": "MONTHLY", "byday": "1MO"}, "First Monday of the month"),
        ({"freq": "", "byday": "", "description": "Ring for an appointment"}, "Ring for an appointment"),
    ],
)
def test_schedules_are_written_in_words(fields, expected):
    assert schedule_text(Schedule(**fields)) == expected
