"""The rest of the ORUK read API: /service_at_locations (postcode, proximity), schedule filters on
/services, `minimal` and `format=ndjson`; shapes checked against the standard's compiled schemas."""

import json
import uuid
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.directory.models import Schedule, Service, ServiceAtLocation
from tandem.directory.services import dataset_import
from tandem.directory.tests.caches import caches_clear
from tandem.directory.tests.datasets import lunch_club
from tandem.directory.tests.search_world import BIRKENHEAD, WALLASEY, WEST_KIRBY, centroids_make, service_make

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent / "oruk_schemas"
PAGE_KEYS = ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"]
LIST = reverse("directory:oruk_service_at_locations")
SERVICES = reverse("directory:oruk_services")
# The one property Tandem sends beyond the compiled schemas, as /services/{id} already does: a
# contact's phones, which the UK profile keeps in phone.json but leaves out of the compiled files.
EXTENSIONS = {"phones"}


def _schema(name: str) -> dict[str, Any]:
    path = SCHEMAS / name
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def _shape_problems(data: Any, schema: dict[str, Any], where: str = "") -> list[str]:
    """Every property the schema does not define, every required one missing, and wrong JSON types."""
    kind = schema.get("type")
    if kind == "array":
        if not isinstance(data, list):
            return [f"{where}: not an array"]
        return [p for i, item in enumerate(data) for p in _shape_problems(item, schema["items"], f"{where}[{i}]")]
    if kind == "object" or "properties" in schema:
        if not isinstance(data, dict):
            return [f"{where}: not an object"]
        properties = schema.get("properties", {})
        problems = [f"{where}.{key}: missing" for key in schema.get("required", []) if key not in data]
        for key, value in data.items():
            if key in EXTENSIONS:
                continue
            if key not in properties:
                problems.append(f"{where}.{key}: not in the schema")
            else:
                problems += _shape_problems(value, properties[key], f"{where}.{key}")
        return problems
    expected = {"string": str, "integer": int, "number": (int, float), "boolean": bool}.get(str(kind))
    if expected is not None and data is not None and not isinstance(data, expected):
        return [f"{where}: not a {kind}"]
    return []


def _get(path: str, **params: Any):
    return Client().get(path, params)


@pytest.fixture
def lunch():
    dataset_import(data=lunch_club(), actor=None)
    return ServiceAtLocation.objects.get()


@pytest.fixture
def places():
    """Three lunch clubs around the Wirral, open at different times."""
    centroids_make()
    return {
        "wallasey": service_make(
            "Wallasey Lunch Club",
            postcode=WALLASEY,
            schedules=(("TH", time(12), time(14)),),
            categories=("lunch-clubs",),
        ),
        "west_kirby": service_make(
            "West Kirby Lunch Club", postcode=WEST_KIRBY, schedules=(("MO", time(9), time(11)),)
        ),
        "birkenhead": service_make("Birkenhead Lunch Club", postcode=BIRKENHEAD),
    }


def _names(response) -> list[str]:
    return [item["service"]["name"] for item in response.json()["contents"]]


def test_the_list_is_an_oruk_page_of_service_at_location_list_items(lunch):
    response = _get(LIST)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert list(data) == PAGE_KEYS
    assert (data["total_items"], data["size"], data["first_page"], data["last_page"]) == (1, 1, True, True)
    item = data["contents"][0]
    assert _shape_problems(item, _schema("service_at_location_list.json")) == []
    assert item["id"] == str(lunch.id)
    assert item["location"]["name"] == "St Saviour's Church Hall"
    assert "addresses" not in item["location"]
    assert item["service"]["organization"]["name"] == "Wirral Age Concern"


def test_one_service_at_location_is_fully_nested(lunch):
    response = _get(reverse("directory:oruk_service_at_location", args=[lunch.id]))

    data = response.json()
    assert response.status_code == 200
    assert _shape_problems(data, _schema("service_at_location.json")) == []
    assert data["location"]["addresses"][0]["postal_code"] == "CH43 6TW"
    assert data["service"]["schedules"][0]["byday"] == "TH"
    assert data["service"]["contacts"][0]["phones"][0]["number"] == "0151 555 0123"
    assert "service_at_locations" not in data["service"]


def test_the_checker_finds_a_property_the_schema_does_not_have(lunch):
    data = _get(reverse("directory:oruk_service_at_location", args=[lunch.id])).json()
    data["location"]["colour"] = "blue"
    del data["service"]["name"]

    assert _shape_problems(data, _schema("service_at_location.json")) == [
        ".location.colour: not in the schema",
        ".service.name: missing",
    ]


@pytest.mark.parametrize("key", ["not-a-uuid", "3f6873bb-a445-4f5b-8eab-843c8b7ef3bd"])
def test_an_unknown_service_at_location_is_a_json_404(key):
    response = _get(reverse("directory:oruk_service_at_location", args=[key]))

    assert response.status_code == 404
    assert response.json() == {"detail": f"No service at location with id {key}"}
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_postcode_orders_by_distance_and_proximity_keeps_the_near_ones(places):
    nearest = _get(LIST, postcode="CH41 5LH")
    within = _get(LIST, postcode="ch415lh", proximity="4000")

    assert _names(nearest) == ["Birkenhead Lunch Club", "Wallasey Lunch Club", "West Kirby Lunch Club"]
    assert _names(within) == ["Birkenhead Lunch Club", "Wallasey Lunch Club"]


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"postcode": "CH99 9ZZ"}, "postcode: We could not find that postcode"),
        ({"proximity": "1000"}, "proximity: Give a postcode to measure the proximity from."),
        ({"postcode": BIRKENHEAD, "proximity": "near"}, "proximity: Enter a number."),
        ({"day": "Someday"}, "day: Enter a day of the week, like MO or Monday."),
        ({"start_time": "noon"}, "start_time: Enter a valid time."),
        ({"format": "xml"}, "format: Select a valid choice. xml is not one of the available choices."),
    ],
)
def test_a_bad_filter_is_named_in_a_json_400(places, params, detail):
    response = _get(LIST, **params)

    assert response.status_code == 400
    assert response.json()["detail"].startswith(detail)


def test_the_list_filters_by_category_and_age_like_services(places):
    assert _names(_get(LIST, taxonomy_term_id=str(places["wallasey"].attributes.get().taxonomy_term_id))) == [
        "Wallasey Lunch Club"
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"day": "TH"}, ["Wallasey Lunch Club"]),
        ({"day": "monday"}, ["West Kirby Lunch Club"]),
        ({"start_time": "10:00"}, ["Wallasey Lunch Club"]),
        ({"end_time": "12:00"}, ["West Kirby Lunch Club"]),
        ({"day": "TH", "end_time": "13:00"}, []),
    ],
)
def test_services_filter_by_day_and_times(places, params, expected):
    response = _get(SERVICES, **params)

    assert [service["name"] for service in response.json()["contents"]] == expected


def test_a_schedule_for_another_location_does_not_count_for_this_one(places):
    service = places["wallasey"]
    other = service_make("Other venue", postcode=WEST_KIRBY)
    extra = ServiceAtLocation.objects.create(service=service, location=other.service_at_locations.get().location)
    Schedule.objects.filter(service=service).update(
        service_at_location=service.service_at_locations.exclude(pk=extra.pk).get()
    )

    response = _get(LIST, day="TH")

    assert [item["id"] for item in response.json()["contents"]] == [
        str(service.service_at_locations.exclude(pk=extra.pk).get().pk)
    ]


def test_minimal_gives_every_service_id_and_change_on_one_page(admin_user):
    for number in range(120):
        Service.objects.create(id=uuid.UUID(int=number + 1), name=f"Service {number:03d}", status="active")

    response = _get(SERVICES, minimal="true")

    data = response.json()
    assert (data["total_items"], data["size"], data["total_pages"]) == (120, 120, 1)
    assert data["contents"][0] == {"id": str(uuid.UUID(int=1)), "last_modified": None}


def test_minimal_pages_when_asked_to(lunch):
    data = _get(SERVICES, minimal="true", per_page="1").json()

    assert data["contents"] == [{"id": str(lunch.service_id), "last_modified": "2025-03-01T09:30:00+00:00"}]


def test_ndjson_streams_every_result_one_object_a_line(places):
    response = Client().get(SERVICES, {"format": "ndjson", "per_page": "1"})

    assert response["Content-Type"] == "application/x-ndjson"
    assert response["Access-Control-Allow-Origin"] == "*"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert [json.loads(line)["name"] for line in lines] == [
        "Birkenhead Lunch Club",
        "Wallasey Lunch Club",
        "West Kirby Lunch Club",
    ]
    assert all(_shape_problems(json.loads(line), _schema("service_list.json")) == [] for line in lines)


def test_ndjson_of_service_at_locations_keeps_the_distance_order(places):
    response = Client().get(LIST, {"format": "ndjson", "postcode": WEST_KIRBY})

    lines = b"".join(response.streaming_content).decode().splitlines()
    assert [json.loads(line)["service"]["name"] for line in lines] == [
        "West Kirby Lunch Club",
        "Wallasey Lunch Club",
        "Birkenhead Lunch Club",
    ]


def test_the_list_costs_the_same_queries_whatever_its_size(places):
    def queries(per_page: int) -> int:
        caches_clear()  # each measured from cold: the postcode and words are looked up every time
        with CaptureQueriesContext(connection) as captured:
            assert len(_get(LIST, postcode=BIRKENHEAD, day="TH", per_page=per_page).json()["contents"]) <= per_page
        return len(captured)

    assert queries(1) == queries(100)


def test_full_gives_each_service_at_location_fully_nested_as_one_is(lunch):
    listed = _get(LIST, full="true").json()
    one = _get(reverse("directory:oruk_service_at_location", args=[lunch.id])).json()

    assert listed["contents"] == [one]
    assert _shape_problems(listed["contents"][0], _schema("service_at_location.json")) == []
    ndjson = b"".join(Client().get(LIST, {"full": "true", "format": "ndjson"}).streaming_content).decode()
    assert [json.loads(line) for line in ndjson.splitlines()] == [one]


def test_a_full_list_costs_the_same_queries_whatever_its_size(places):
    def queries(per_page: int) -> int:
        caches_clear()
        with CaptureQueriesContext(connection) as captured:
            assert len(_get(LIST, full="true", per_page=per_page).json()["contents"]) <= per_page
        return len(captured)

    assert queries(1) == queries(100)


def test_service_at_locations_take_the_exact_ages_and_tandem_s_own(places):
    Service.objects.filter(pk=places["wallasey"].pk).update(minimum_age=60)
    Service.objects.filter(pk=places["west_kirby"].pk).update(minimum_age=18, maximum_age=64)

    assert _names(_get(LIST, minimum_age="60")) == ["Wallasey Lunch Club"]
    assert _names(_get(LIST, maximum_age="64")) == ["West Kirby Lunch Club"]
    assert _names(_get(LIST, age="65")) == ["Birkenhead Lunch Club", "Wallasey Lunch Club"]


def test_service_at_locations_refuse_a_parameter_only_services_take(places):
    response = _get(LIST, organization_id="9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")

    assert response.status_code == 400
    assert response.json()["detail"].startswith("Unknown query parameter `organization_id`: /oruk/service_at_locations")
