import datetime
import uuid
from decimal import Decimal

import pytest

from tandem.audit.models import AuditEvent
from tandem.directory.models import (
    Attribute,
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from tandem.directory.selectors import dataset_export
from tandem.directory.services import DatasetInvalid, dataset_import
from tandem.directory.tests.datasets import LOCATION_ID, ORGANIZATION_ID, SERVICE_ID, TERM_ID, lunch_club

pytestmark = pytest.mark.django_db

ALL_MODELS = (
    Attribute,
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


def test_it_imports_a_lunch_club_with_everything_nested(admin_user):
    report = dataset_import(data=lunch_club(), actor=admin_user)

    assert str(report) == ("Imported 1 service (1 new, 0 updated), 1 organisations, 1 locations and 1 taxonomy terms.")
    service = Service.objects.get()
    assert service.id == uuid.UUID(SERVICE_ID)
    assert service.name == "Thursday Lunch Club"
    assert service.status == "active"
    assert service.minimum_age == 60
    assert service.maximum_age is None
    assert service.assured_date == datetime.date(2025, 3, 1)
    assert service.organization_id == uuid.UUID(ORGANIZATION_ID)
    assert service.organization.name == "Wirral Age Concern"
    location = Location.objects.get()
    assert (location.name, location.address_1, location.city, location.postal_code, location.country) == (
        "St Saviour's Church Hall",
        "Bidston Road",
        "Birkenhead",
        "CH43 6TW",
        "GB",
    )
    assert location.latitude == 53.3921
    assert ServiceAtLocation.objects.get().location_id == uuid.UUID(LOCATION_ID)
    schedule = Schedule.objects.get()
    assert (schedule.freq, schedule.byday, schedule.opens_at, schedule.closes_at) == (
        "WEEKLY",
        "TH",
        datetime.time(12, 0),
        datetime.time(14, 0),
    )
    assert schedule.service_at_location_id is not None
    assert Phone.objects.get().number == "0151 555 0123"
    assert Phone.objects.get().contact.name == "Jean Hughes"
    assert CostOption.objects.get().amount == Decimal("4.50")
    assert ServiceArea.objects.get().name == "Wirral"
    assert Attribute.objects.get().taxonomy_term_id == uuid.UUID(TERM_ID)
    assert TaxonomyTerm.objects.get().taxonomy.name == "Tandem community services"


def test_it_writes_one_audit_event(admin_user):
    dataset_import(data=[lunch_club()], actor=admin_user)

    event = AuditEvent.objects.get(action="directory.dataset.imported")
    assert event.actor_id == admin_user.pk
    assert event.summary.startswith("Imported 1 service (1 new, 0 updated)")
    assert event.changes == {"services": [SERVICE_ID]}


def test_export_then_import_gives_the_same_export():
    dataset_import(data=lunch_club(), actor=None)
    first = dataset_export()

    dataset_import(data=first, actor=None)

    assert dataset_export() == first


def test_the_export_is_an_oruk_list_page_of_fully_nested_services():
    dataset_import(data=lunch_club(), actor=None)

    page = dataset_export()

    assert {key: value for key, value in page.items() if key != "contents"} == {
        "total_items": 1,
        "total_pages": 1,
        "page_number": 1,
        "size": 1,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    service = page["contents"][0]
    assert service["organization"]["name"] == "Wirral Age Concern"
    assert service["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "CH43 6TW"
    assert service["schedules"][0]["opens_at"] == "12:00"
    assert service["contacts"][0]["phones"][0]["number"] == "0151 555 0123"
    assert service["cost_options"][0]["amount"] == 4.5
    assert service["attributes"][0]["taxonomy_term"]["name"] == "Lunch clubs"
    assert service["last_modified"] == "2025-03-01T09:30:00+00:00"


def test_reimporting_updates_rather_than_duplicates():
    dataset_import(data=lunch_club(), actor=None)
    changed = lunch_club(name="Thursday Lunch Club (Birkenhead)", contacts=[])

    report = dataset_import(data={"contents": [changed], "total_items": 1}, actor=None)

    assert (report.services_created, report.services_updated) == (0, 1)
    assert Service.objects.get().name == "Thursday Lunch Club (Birkenhead)"
    assert row_counts() == {
        "Attribute": 1,
        "Contact": 0,
        "CostOption": 1,
        "Location": 1,
        "Organization": 1,
        "Phone": 0,
        "Schedule": 1,
        "Service": 1,
        "ServiceArea": 1,
        "ServiceAtLocation": 1,
        "Taxonomy": 1,
        "TaxonomyTerm": 1,
    }


def test_a_broken_dataset_is_rejected_with_every_problem_named_and_nothing_written():
    good = lunch_club()
    missing_name = lunch_club(id="0e6f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b")
    del missing_name["name"]
    bad_uuid = lunch_club(id="not-a-uuid")
    bad_email = lunch_club(id="1f2a3b4c-5d6e-4f7a-8b9c-0d1e2f3a4b5c", email="lunch club at example")
    unknown_status = lunch_club(id="2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d", status="open")
    for broken in (missing_name, bad_uuid, bad_email, unknown_status):
        # Each carries its own child ids, so the only problems are the ones put there on purpose.
        for key in ("contacts", "service_at_locations", "schedules", "service_areas", "cost_options", "attributes"):
            broken[key] = []

    with pytest.raises(DatasetInvalid) as raised:
        dataset_import(data=[good, missing_name, bad_uuid, bad_email, unknown_status], actor=None)

    assert [str(problem) for problem in raised.value.problems] == [
        "services[1].name: is required",
        "services[2].id: not a UUID",
        "services[3].email: not an email address",
        "services[4].status: must be one of 'active', 'inactive', 'defunct', 'temporarily closed'",
    ]
    assert raised.value.message == "The dataset has 4 problems; nothing was imported."
    assert set(row_counts().values()) == {0}
    assert not AuditEvent.objects.filter(action="directory.dataset.imported").exists()


def test_nested_problems_are_named_by_their_path():
    service = lunch_club()
    service["contacts"][0]["phones"][0]["number"] = ""
    service["service_at_locations"][0]["location"]["latitude"] = 123
    service["schedules"][0]["opens_at"] = "noon"
    service["attributes"][0]["taxonomy_term"]["id"] = "12345"

    with pytest.raises(DatasetInvalid) as raised:
        dataset_import(data=service, actor=None)

    assert [str(problem) for problem in raised.value.problems] == [
        "services[0].contacts[0].phones[0].number: must not be blank",
        "services[0].service_at_locations[0].location.latitude: must be between -90 and 90",
        "services[0].schedules[0].opens_at: not a time in the form HH:MM",
        "services[0].attributes[0].taxonomy_term.id: not a UUID",
    ]


def test_a_service_naming_an_organization_the_directory_lacks_is_rejected():
    service = lunch_club()
    del service["organization"]
    service["organization_id"] = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"

    with pytest.raises(DatasetInvalid) as raised:
        dataset_import(data=service, actor=None)

    assert [str(problem) for problem in raised.value.problems] == [
        "services[0].organization_id: no such organization in the directory"
    ]
    assert set(row_counts().values()) == {0}


def test_something_that_is_not_a_dataset_is_rejected():
    with pytest.raises(DatasetInvalid) as raised:
        dataset_import(data="lunch", actor=None)

    assert [str(problem) for problem in raised.value.problems] == [
        "services[0]: expected a service, a list of services or a list page"
    ]
