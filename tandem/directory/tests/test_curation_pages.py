"""The staff curation pages: the list, the stale list, a service, adding, changing, checking, status."""

# pytest hands a test its fixtures as positional arguments, however many it needs.

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from tandem.directory.models import Organization, Service
from tandem.directory.tests.curation_data import curated_service_make
from tests.conftest import AuditWatch, page_read

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _march_2026(set_clock):
    set_clock(datetime(2026, 3, 5, 10, 0, tzinfo=UTC))


@pytest.fixture
def read():
    return page_read


@pytest.fixture
def audit(db):
    return AuditWatch()


@pytest.fixture
def lunch_club(practitioner):
    return curated_service_make(practitioner)


def form_data(**changes):
    """What someone fills in on the add page for a lunch club run by a new organisation."""
    data = {
        "organisation": "",
        "new_organisation_name": "Hoylake Good Neighbours",
        "new_organisation_description": "Volunteers helping older neighbours",
        "name": "Thursday Lunch Club",
        "description": "A hot two-course lunch and a chat.",
        "status": "active",
        "email": "",
        "phone": "0151 496 0123",
        "url": "hoylake.example.org/lunch",
        "locations-0-location_id": "",
        "locations-0-name": "Hoylake Community Centre",
        "locations-0-address_1": "1 Market Street",
        "locations-0-city": "Hoylake",
        "locations-0-state_province": "Merseyside",
        "locations-0-postal_code": "ch47 2ba",
        "opening_times-0-day": "TH",
        "opening_times-0-opens_at": "12",
        "opening_times-0-closes_at": "2pm",
        "cost": "charge",
        "cost_description": "£4 for lunch",
        "minimum_age": "60",
        "maximum_age": "",
        "eligibility": "Anyone over 60",
        "categories": ["lunch-clubs", "befriending"],
    }
    return data | changes


def services_make(count: int, **fields):
    Service.objects.bulk_create(Service(name=f"Service {n:03d}", status="active", **fields) for n in range(count))


# The list


def test_the_list_shows_each_service_its_status_and_when_it_was_last_checked(client, practitioner, lunch_club, read):
    Service.objects.create(name="Walking Football", status="temporarily closed")
    client.force_login(practitioner)

    page = read(client.get(reverse("directory:manage")))

    assert page.title == "Directory of community services – Tandem"
    assert "2 services in the directory." in page.text
    assert "Thursday Lunch Club Hoylake Good Neighbours Active 5 March 2026 by Priya Shah" in page.text
    assert "Walking Football None recorded Temporarily closed Never Needs checking" in page.text
    assert "1 service needs checking" in page.text


def test_the_list_searches_and_filters_and_keeps_the_choices(client, practitioner, lunch_club, read):
    Service.objects.create(name="Hoylake Walking Football", status="temporarily closed")
    client.force_login(practitioner)

    page = read(client.get(reverse("directory:manage"), {"q": "hoylake", "status": "active", "sort": "checked"}))

    assert "1 service matches." in page.text
    assert "Thursday Lunch Club" in page.text
    assert "Walking Football" not in page.text
    assert page.values == {"q": "hoylake", "status": "active", "category": "", "sort": "checked"}


def test_no_match_says_so_and_offers_to_clear_the_search(client, practitioner, lunch_club, read):
    client.force_login(practitioner)

    page = read(client.get(reverse("directory:manage"), {"q": "bingo"}))

    assert "No services match your search" in page.text
    assert "clear the search and filters" in page.text


def test_an_empty_directory_says_how_to_fill_it(client, practitioner, read):
    client.force_login(practitioner)

    page = read(client.get(reverse("directory:manage")))

    assert "The directory is empty" in page.text
    assert "Add the first service" in page.text


def test_a_filter_nobody_offered_is_a_problem(client, practitioner, lunch_club, read):
    client.force_login(practitioner)

    response = client.get(reverse("directory:manage"), {"status": "open"})

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Select a status from the list"]
    assert "1 service in the directory." in page.text


def test_the_list_shows_fifty_a_page_in_a_fixed_number_of_queries(
    client, practitioner, read, django_assert_num_queries
):
    services_make(120)
    client.force_login(practitioner)

    # Session and user (2), the count, the stale count and the page (3), the session's save (3).
    with django_assert_num_queries(8):
        response = client.get(reverse("directory:manage"), {"page": "3"})

    page = read(response)
    assert "120 services in the directory. Showing 101 to 120." in page.text
    assert "Service 100" in page.text
    assert "Service 099" not in page.text


# The stale list


def test_the_stale_list_shows_what_needs_checking_oldest_first(client, practitioner, read):
    Service.objects.create(name="Checked last week", status="active", last_checked_on=date(2026, 2, 26))
    Service.objects.create(name="Checked two years ago", status="active", last_checked_on=date(2024, 3, 1))
    Service.objects.create(name="Checked a year and a day ago", status="active", last_checked_on=date(2025, 3, 4))
    Service.objects.create(name="Never checked", status="inactive")
    Service.objects.create(name="Closed for good", status="defunct")
    client.force_login(practitioner)

    page = read(client.get(reverse("directory:manage_stale")))

    assert page.title == "Services to check – Tandem"
    assert "Entries nobody has checked since 5 March 2025 (in the last 365 days)" in page.text
    assert "3 services need checking." in page.text
    order = [page.text.index(name) for name in ("Never checked", "Checked two years ago", "Checked a year and a day")]
    assert order == sorted(order)
    assert "Checked last week" not in page.text
    assert "Closed for good" not in page.text


def test_the_stale_age_comes_from_the_setting(client, practitioner, read, settings):
    settings.TANDEM_DIRECTORY_STALE_AFTER_DAYS = 6
    Service.objects.create(name="Checked last week", status="active", last_checked_on=date(2026, 2, 26))
    client.force_login(practitioner)

    page = read(client.get(reverse("directory:manage_stale")))

    assert "1 service needs checking." in page.text
    assert "Checked last week" in page.text


def test_when_nothing_is_stale_the_list_says_so(client, practitioner, lunch_club, read):
    client.force_login(practitioner)

    page = read(client.get(reverse("directory:manage_stale")))

    assert "Every service is up to date" in page.text


def test_marking_as_checked_from_the_stale_list_comes_back_to_it(client, business_support, read, audit):
    service = Service.objects.create(name="Never checked", status="active")
    client.force_login(business_support)
    stale = reverse("directory:manage_stale") + "?page=1"

    response = client.post(reverse("directory:manage_service_check", args=[service.id]), {"next": stale})

    assert response.status_code == 302
    assert response["Location"] == stale
    service.refresh_from_db()
    assert (service.last_checked_on, service.checked_by) == (date(2026, 3, 5), business_support)
    assert audit.actions() == ["directory.service.checked"]
    page = read(client.get(stale))
    assert "Never checked marked as checked today" in page.text
    assert "Every service is up to date" in page.text


@pytest.mark.parametrize("target", ["https://evil.example.com/directory/manage/", "/people/", ""])
def test_marking_as_checked_goes_back_only_to_a_curation_page(client, practitioner, lunch_club, target):
    client.force_login(practitioner)

    response = client.post(reverse("directory:manage_service_check", args=[lunch_club.id]), {"next": target})

    assert response["Location"] == reverse("directory:manage_service", args=[lunch_club.id])


# One service


def test_the_service_page_shows_the_whole_entry(client, practitioner, lunch_club, read):
    client.force_login(practitioner)

    page = read(client.get(reverse("directory:manage_service", args=[lunch_club.id])))

    assert page.title == "Thursday Lunch Club – Tandem"
    for text in (
        "Hoylake Good Neighbours",
        "What it offers A hot two-course lunch and a chat, with bingo afterwards.",
        "Who can use it Anyone over 60 living in Hoylake or Meols",
        "Ages 60 and over",
        "Cost £4 for lunch",
        "Telephone 0151 496 0123",
        "Places Hoylake Community Centre, 1 Market Street, Hoylake, Merseyside, CH47 2BA",
        "Opening times Thursdays, midday to 2pm",
        "Categories Lunch clubs Befriending",
        "Last checked 5 March 2026 by Priya Shah",
    ):
        assert text in page.text
    assert "check it is still right" not in page.text


def test_the_service_page_warns_when_the_entry_is_stale(client, practitioner, read):
    service = Service.objects.create(name="Old Entry", status="active", last_checked_on=date(2024, 1, 2))
    client.force_login(practitioner)

    page = read(client.get(reverse("directory:manage_service", args=[service.id])))

    assert "This entry was last checked on 2 January 2024: check it is still right." in page.text


def test_a_service_that_does_not_exist_is_not_found(client, practitioner):
    client.force_login(practitioner)

    response = client.get(reverse("directory:manage_service", args=["6f1c2a52-8d0e-4b7e-9a3c-3d2b7c1e0aff"]))

    assert response.status_code == 404


# Adding


def test_the_add_page_starts_empty_and_active(client, practitioner, read):
    Organization.objects.create(name="Wirral Carers Network", description="Carers")
    client.force_login(practitioner)

    page = read(client.get(reverse("directory:manage_service_add")))

    assert page.title == "Add a service – Tandem"
    assert page.values["status"] == "active"
    assert page.values["name"] == ""
    assert page.values["locations-0-address_1"] == ""
    assert page.values["opening_times-0-day"] == ""
    assert "Wirral Carers Network" in page.text


def test_adding_a_service_saves_it_and_shows_it(client, practitioner, read, audit):
    client.force_login(practitioner)

    response = client.post(reverse("directory:manage_service_add"), form_data())

    service = Service.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:manage_service", args=[service.id])
    assert audit.actions() == ["directory.organization.created", "directory.service.created"]
    assert service.url == "https://hoylake.example.org/lunch"
    page = read(client.get(response["Location"]))
    assert "Thursday Lunch Club added to the directory" in page.text
    assert "Places Hoylake Community Centre, 1 Market Street, Hoylake, Merseyside, CH47 2BA" in page.text
    assert "Opening times Thursdays, midday to 2pm" in page.text


def test_mistakes_are_listed_in_page_order_and_nothing_typed_is_lost(client, practitioner, read, audit):
    client.force_login(practitioner)
    data = form_data(
        new_organisation_description="",
        name="",
        phone="call us",
        **{
            "locations-0-postal_code": "HOYLAKE",
            "locations-1-address_1": "2 Grange Road",
            "opening_times-0-closes_at": "11am",
            "opening_times-1-day": "FR",
            "opening_times-1-opens_at": "teatime",
        },
        cost="charge",
        cost_description="",
        minimum_age="sixty",
        categories=[],
    )

    response = client.post(reverse("directory:manage_service_add"), data)

    page = read(response)
    assert response.status_code == 400
    assert page.title == "Error: Add a service – Tandem"
    assert page.error_summary == [
        "Describe what the new organisation does",
        "Enter the name of the service",
        "Enter a telephone number, like 0151 496 0000 or +44 151 496 0000",
        "Location 1: enter a real postcode, like CH41 5LH",
        "Location 2: enter the town or city",
        "Location 2: enter the county",
        "Location 2: enter the postcode",
        "Opening time 1: it must close later than it opens",
        "Opening time 2: enter the time it opens as a time of day, like 10am or 14:30",
        "Opening time 2: enter when it closes, like 4pm",
        "Describe what it costs, like £3 for lunch",
        "The minimum age must be a whole number, like 60",
        "Select at least one category",
    ]
    assert page.field_errors == page.error_summary
    assert page.values["phone"] == "call us"
    assert page.values["locations-0-postal_code"] == "HOYLAKE"
    assert page.values["locations-1-address_1"] == "2 Grange Road"
    assert page.values["opening_times-1-opens_at"] == "teatime"
    assert page.values["minimum_age"] == "sixty"
    assert page.values["eligibility"] == "Anyone over 60"
    assert Service.objects.count() == 0
    assert audit.actions() == []


def test_a_refusal_from_the_service_lands_beside_its_box(client, practitioner, read):
    Organization.objects.create(name="Hoylake Good Neighbours", description="Already here")
    client.force_login(practitioner)

    response = client.post(reverse("directory:manage_service_add"), form_data())

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["Hoylake Good Neighbours is already in the directory: pick it from the list"]
    assert page.field_errors == page.error_summary
    assert page.values["name"] == "Thursday Lunch Club"


@pytest.mark.parametrize(
    ("add", "new_field"), [("location", "locations-1-address_1"), ("opening_time", "opening_times-1-day")]
)
def test_adding_another_row_keeps_everything_and_checks_nothing(client, practitioner, read, audit, add, new_field):
    client.force_login(practitioner)

    response = client.post(reverse("directory:manage_service_add"), form_data(name="", add=add))

    page = read(response)
    assert response.status_code == 200
    assert page.error_summary == []
    assert page.field_errors == []
    assert page.values[new_field] == ""
    assert page.values["locations-0-postal_code"] == "ch47 2ba"
    assert page.values["opening_times-0-closes_at"] == "2pm"
    assert page.values["categories"] == ["lunch-clubs", "befriending"]
    assert page.values["new_organisation_name"] == "Hoylake Good Neighbours"
    assert Service.objects.count() == 0
    assert audit.actions() == []


# Changing


def test_the_change_page_shows_the_entry_as_it_is(client, practitioner, lunch_club, read):
    client.force_login(practitioner)

    page = read(client.get(reverse("directory:manage_service_edit", args=[lunch_club.id])))

    assert page.title == "Change Thursday Lunch Club – Tandem"
    assert "status" not in page.values
    assert page.values["organisation"] == str(lunch_club.organization_id)
    assert page.values["description"] == "A hot two-course lunch and a chat, with bingo afterwards."
    assert page.values["eligibility"] == "Anyone over 60 living in Hoylake or Meols"
    assert page.values["locations-0-postal_code"] == "CH47 2BA"
    assert page.values["locations-1-postal_code"] == ""
    assert (page.values["opening_times-0-day"], page.values["opening_times-0-opens_at"]) == ("TH", "midday")
    assert page.values["cost"] == "charge"
    assert page.values["categories"] == ["lunch-clubs", "befriending"]


def test_changing_an_entry_saves_it(client, practitioner, lunch_club, read, audit):
    client.force_login(practitioner)
    edit = reverse("directory:manage_service_edit", args=[lunch_club.id])
    data = read(client.get(edit)).values
    data.pop("status", None)
    data.update(
        {
            "name": "Thursday Lunch and Bingo",
            "opening_times-1-day": "FR",
            "opening_times-1-opens_at": "12",
            "opening_times-1-closes_at": "2pm",
        }
    )

    response = client.post(edit, data)

    assert response.status_code == 302
    assert audit.actions() == ["directory.service.updated"]
    page = read(client.get(response["Location"]))
    assert "Thursday Lunch and Bingo saved" in page.text
    assert "Opening times Thursdays, midday to 2pm Fridays, midday to 2pm" in page.text


def test_a_mistake_on_the_change_page_keeps_what_was_typed(client, practitioner, lunch_club, read, audit):
    client.force_login(practitioner)
    edit = reverse("directory:manage_service_edit", args=[lunch_club.id])
    data = read(client.get(edit)).values | {"name": "Renamed club", "maximum_age": "18"}

    response = client.post(edit, data)

    page = read(response)
    assert response.status_code == 400
    assert page.error_summary == ["The maximum age must be the same as or more than the minimum age"]
    assert page.values["name"] == "Renamed club"
    assert Service.objects.get().name == "Thursday Lunch Club"
    assert audit.actions() == []


# Status


def test_the_status_page_asks_for_the_new_status(client, practitioner, lunch_club, read):
    client.force_login(practitioner)

    page = read(client.get(reverse("directory:manage_service_status", args=[lunch_club.id])))

    assert page.title == "Change the status of Thursday Lunch Club – Tandem"
    assert page.values == {"status": "active"}


def test_marking_a_service_defunct_asks_for_confirmation_first(client, practitioner, lunch_club, read, audit):
    client.force_login(practitioner)
    url = reverse("directory:manage_service_status", args=[lunch_club.id])

    asked = client.post(url, {"status": "defunct"})
    confirmed = client.post(url, {"status": "defunct", "confirm": "yes"})

    page = read(asked)
    assert asked.status_code == 200
    assert page.title == "Mark Thursday Lunch Club as defunct? – Tandem"
    assert page.values == {"status": "defunct", "confirm": "yes"}
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("directory:manage_service", args=[lunch_club.id])
    assert audit.actions() == ["directory.service.status_changed"]
    assert Service.objects.get().status == "defunct"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select the service's new status"),
        ({"status": "active"}, "Thursday Lunch Club is already active: select a different status"),
        ({"status": "closed", "confirm": "yes"}, "Select a status from the list"),
    ],
)
def test_a_status_that_changes_nothing_is_a_problem(client, practitioner, lunch_club, read, audit, data, message):
    client.force_login(practitioner)

    response = client.post(reverse("directory:manage_service_status", args=[lunch_club.id]), data)

    assert response.status_code == 400
    assert read(response).error_summary == [message]
    assert Service.objects.get().status == "active"
    assert audit.actions() == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"new_organisation_name": "", "new_organisation_description": ""},
            "Select the organisation that runs the service, or add a new one",
        ),
        ({"new_organisation_name": ""}, "Enter the name of the new organisation"),
        ({"organisation": "existing"}, "Either select an organisation from the list or add a new one, not both"),
    ],
)
def test_the_service_is_run_by_one_organisation_from_the_list_or_a_new_one(
    client, practitioner, read, changes, message
):
    carers = Organization.objects.create(name="Wirral Carers Network", description="Carers")
    client.force_login(practitioner)
    if changes.get("organisation") == "existing":
        changes = changes | {"organisation": str(carers.id)}

    response = client.post(reverse("directory:manage_service_add"), form_data(**changes))

    assert response.status_code == 400
    assert read(response).error_summary == [message]
    assert Service.objects.count() == 0


def test_a_service_can_be_added_to_an_organisation_from_the_list(client, practitioner):
    carers = Organization.objects.create(name="Wirral Carers Network", description="Carers")
    client.force_login(practitioner)

    response = client.post(
        reverse("directory:manage_service_add"),
        form_data(organisation=str(carers.id), new_organisation_name="", new_organisation_description=""),
    )

    assert response.status_code == 302
    assert Service.objects.get().organization == carers
    assert Organization.objects.count() == 1
