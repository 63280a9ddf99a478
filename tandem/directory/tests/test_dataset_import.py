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
from tandem.directory.tests.datasets import (
    LOCATION_ID,
    ORGANIZATION_ID,
    SERVICE_ID,
    TAXONOMY_ID,
    TERM_ID,
    lunch_club,
)

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


PARENT_ID = "9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f"


def test_a_term_whose_parent_is_not_in_the_file_is_imported_referring_to_it():
    service = lunch_club()
    service["attributes"][0]["taxonomy_term"]["parent_id"] = PARENT_ID

    dataset_import(data=service, actor=None)

    term = TaxonomyTerm.objects.get(pk=TERM_ID)
    assert str(term.parent_id) == PARENT_ID
    assert not TaxonomyTerm.objects.filter(pk=PARENT_ID).exists()
    exported = dataset_export()["contents"][0]["attributes"][0]["taxonomy_term"]
    assert exported["parent_id"] == PARENT_ID


def test_the_parent_can_come_later_in_another_file():
    child = lunch_club()
    child["attributes"][0]["taxonomy_term"]["parent_id"] = PARENT_ID
    dataset_import(data=child, actor=None)
    parent = lunch_club(id="5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b")
    for key in ("contacts", "service_at_locations", "schedules", "service_areas", "cost_options"):
        parent[key] = []
    parent["attributes"] = [
        {
            "id": "6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c",
            "taxonomy_term_id": PARENT_ID,
            "taxonomy_term": {"id": PARENT_ID, "name": "Meals", "description": "Food and company."},
        }
    ]

    dataset_import(data=parent, actor=None)

    assert TaxonomyTerm.objects.get(pk=TERM_ID).parent.name == "Meals"


def test_a_term_cannot_be_its_own_parent():
    service = lunch_club()
    service["attributes"][0]["taxonomy_term"]["parent_id"] = TERM_ID

    with pytest.raises(DatasetInvalid) as raised:
        dataset_import(data=service, actor=None)

    assert [str(problem) for problem in raised.value.problems] == [
        "services[0].attributes[0].taxonomy_term.parent_id: a term cannot be its own parent"
    ]
    assert set(row_counts().values()) == {0}


TAKES = (
    "`tandem directory import` takes services: one fully nested service (as `GET /services/{id}` gives it), "
    "a list of services, or a list page of them (as `GET /services` or `tandem directory export` gives it)."
)
ORGANISATIONS = [
    {"id": ORGANIZATION_ID, "name": "Wirral Age Concern", "description": "A charity.", "website": "https://a.example"},
    {
        "id": "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
        "name": "Carers Wirral",
        "description": "For carers.",
        "email": "a@b.example",
    },
]


@pytest.mark.parametrize(
    ("data", "appears"),
    [
        (
            {"total_items": 2, "contents": ORGANISATIONS},
            "a list of 2 organisations (what ORUK's `GET /organizations` lists)",
        ),
        (ORGANISATIONS[0], "one organisation (what ORUK's `GET /organizations` lists)"),
        (
            {"contents": [{"id": TAXONOMY_ID, "name": "Tandem", "description": "", "version": "1"}]},
            "one taxonomy (what ORUK's `GET /taxonomies` lists)",
        ),
        (
            [
                {"id": TERM_ID, "name": "Lunch clubs", "description": "Meals.", "taxonomy_id": TAXONOMY_ID},
                {"id": PARENT_ID, "name": "Meals", "description": "Food.", "parent_id": None, "term": "meals"},
            ],
            "a list of 2 taxonomy terms (what ORUK's `GET /taxonomy_terms` lists)",
        ),
        (
            [{"id": SERVICE_ID, "service_id": SERVICE_ID, "location_id": LOCATION_ID, "service": {}}],
            "one service at a location (what ORUK's `GET /service_at_locations` lists)",
        ),
        (
            {"version": "HSDS-UK-3.0", "profile": "https://example.org", "openapi_url": "https://example.org/o"},
            "the description of an ORUK API (what `GET /` answers)",
        ),
        ({"openapi": "3.0.0", "paths": {}}, "an OpenAPI description of an API"),
    ],
)
def test_a_file_of_something_other_than_services_says_what_it_appears_to_be(data, appears):
    with pytest.raises(DatasetInvalid) as raised:
        dataset_import(data=data, actor=None)

    assert raised.value.message == f"This file appears to be {appears}, not services; nothing was imported. {TAKES}"
    assert raised.value.problems == []
    assert set(row_counts().values()) == {0}


def test_an_organisation_among_services_is_named_on_its_row():
    with pytest.raises(DatasetInvalid) as raised:
        dataset_import(data=[lunch_club(), ORGANISATIONS[1]], actor=None)

    assert [str(problem) for problem in raised.value.problems] == [
        "services[1]: this is an organisation, not a service"
    ]
    assert set(row_counts().values()) == {0}


def test_a_text_field_may_hold_10000_characters_and_no_more():
    exactly = lunch_club(description="x" * 10_000)
    over = lunch_club(id="0e6f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b", description="y" * 10_001, alert="z" * 50_000)
    for key in ("contacts", "service_at_locations", "schedules", "service_areas", "cost_options", "attributes"):
        over[key] = []

    with pytest.raises(DatasetInvalid) as raised:
        dataset_import(data=[exactly, over], actor=None)

    assert [str(problem) for problem in raised.value.problems] == [
        "services[1].description: must be 10,000 characters or fewer (it has 10,001)",
        "services[1].alert: must be 10,000 characters or fewer (it has 50,000)",
    ]
    assert set(row_counts().values()) == {0}
    dataset_import(data=exactly, actor=None)
    assert len(Service.objects.get().description) == 10_000


def test_a_service_area_s_extent_may_be_a_whole_boundary():
    service = lunch_club()
    boundary = '{"type": "Polygon", "coordinates": [[' + ", ".join(["[-3.0128, 53.3921]"] * 20_000) + "]]}"
    service["service_areas"][0]["extent"] = boundary

    dataset_import(data=service, actor=None)

    assert ServiceArea.objects.get().extent == boundary
