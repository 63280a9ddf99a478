"""The public ORUK 3.0 API: list-page and service shapes, paging, filters, refusals, CORS, queries."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tandem.directory.models import Service
from tandem.directory.services import dataset_import
from tandem.directory.tests.datasets import (
    ORGANIZATION_ID,
    SERVICE_ID,
    TAXONOMY_ID,
    TERM_ID,
    lunch_club,
)

pytestmark = pytest.mark.django_db

PAGE_KEYS = ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"]
SUMMARY_KEYS = {
    "id",
    "organization_id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "fees",
    "minimum_age",
    "assured_date",
    "last_modified",
    "organization",
}
NESTED_KEYS = {"schedules", "service_areas", "service_at_locations", "cost_options", "contacts", "attributes"}
# A second term in the same taxonomy, for the taxonomy filter.
OTHER_TERM_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


def _service(number: int, **changes):
    """A plain service with its own id and name; no organisation, no nesting."""
    return {
        "id": str(uuid.UUID(int=number)),
        "name": f"Service {number:03d}",
        "status": "active",
        **changes,
    }


@pytest.fixture
def lunch(admin_user):
    dataset_import(data=lunch_club(), actor=admin_user)


@pytest.fixture
def directory(admin_user):
    """The lunch club (60 and over, Lunch clubs term) and three more services to filter between."""
    dataset_import(
        data=[
            lunch_club(),
            _service(
                1,
                name="Carers' Café",
                description="A LUNCH and a chat for unpaid carers.",
                maximum_age=59,
                last_modified="2025-06-01T10:00:00+00:00",
                attributes=[
                    {
                        "id": str(uuid.UUID(int=101)),
                        "taxonomy_term_id": OTHER_TERM_ID,
                        "taxonomy_term": {
                            "id": OTHER_TERM_ID,
                            "name": "Carer support",
                            "description": "Help for unpaid carers.",
                            "taxonomy_id": TAXONOMY_ID,
                        },
                    }
                ],
            ),
            _service(2, name="Youth Club", minimum_age=11, maximum_age=18),
            _service(3, name="Benefits Advice", last_modified="2024-01-01T00:00:00+00:00"),
        ],
        actor=admin_user,
    )


def _get(path: str, **params):
    return Client().get(path, params)


def _names(response) -> list[str]:
    return [service["name"] for service in response.json()["contents"]]


def test_the_root_describes_the_api():
    response = _get(reverse("directory:oruk_root"))

    assert response.status_code == 200
    assert response.json() == {
        "version": "HSDS-UK-3.0",
        "profile": "https://github.com/OpenReferralUK/uk-profile",
        "openapi_url": "https://docs.openreferraluk.org/en/latest/openapi30.json",
    }


def test_the_service_list_is_an_oruk_list_page_of_one_to_one_fields(lunch):
    response = _get(reverse("directory:oruk_services"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    page = response.json()
    assert list(page) == PAGE_KEYS
    assert {key: value for key, value in page.items() if key != "contents"} == {
        "total_items": 1,
        "total_pages": 1,
        "page_number": 1,
        "size": 1,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    (item,) = page["contents"]
    assert set(item) == SUMMARY_KEYS
    assert item["id"] == SERVICE_ID
    assert item["minimum_age"] == 60
    assert item["organization"] == {
        "id": ORGANIZATION_ID,
        "name": "Wirral Age Concern",
        "description": "A local charity supporting older people across Wirral.",
        "email": "hello@wirral-ageconcern.example",
        "website": "https://www.wirral-ageconcern.example",
    }


def test_full_service_nests_everything_in_the_list(lunch):
    response = _get(reverse("directory:oruk_services"), full_service="true")

    (item,) = response.json()["contents"]
    assert set(item) == SUMMARY_KEYS | NESTED_KEYS
    assert item == _get(reverse("directory:oruk_service", args=[SERVICE_ID])).json()


def test_an_empty_directory_is_one_empty_page():
    page = _get(reverse("directory:oruk_services")).json()

    assert page == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


def test_it_pages_by_name_with_page_and_per_page(admin_user):
    dataset_import(data=[_service(number) for number in range(1, 8)], actor=admin_user)

    first = _get(reverse("directory:oruk_services"), per_page=3).json()
    last = _get(reverse("directory:oruk_services"), per_page=3, page=3).json()
    beyond = _get(reverse("directory:oruk_services"), per_page=3, page=4).json()

    assert [s["name"] for s in first["contents"]] == ["Service 001", "Service 002", "Service 003"]
    assert (first["total_items"], first["total_pages"], first["size"]) == (7, 3, 3)
    assert (first["first_page"], first["last_page"]) == (True, False)
    assert [s["name"] for s in last["contents"]] == ["Service 007"]
    assert (last["page_number"], last["size"], last["first_page"], last["last_page"]) == (3, 1, False, True)
    assert (beyond["page_number"], beyond["size"], beyond["empty"], beyond["contents"]) == (4, 0, True, [])


def test_per_page_defaults_to_50_and_allows_up_to_100(admin_user):
    dataset_import(data=[_service(number) for number in range(1, 102)], actor=admin_user)

    default = _get(reverse("directory:oruk_services")).json()
    most = _get(reverse("directory:oruk_services"), per_page=100).json()

    assert (default["size"], default["total_pages"]) == (50, 3)
    assert (most["size"], most["total_pages"]) == (100, 2)


def test_search_matches_name_or_description_ignoring_case(directory):
    response = _get(reverse("directory:oruk_services"), search="lunch")

    assert _names(response) == ["Carers' Café", "Thursday Lunch Club"]


def test_it_filters_by_taxonomy_term(directory):
    response = _get(reverse("directory:oruk_services"), taxonomy_term_id=TERM_ID)

    assert _names(response) == ["Thursday Lunch Club"]


def test_it_filters_by_taxonomy(directory):
    response = _get(reverse("directory:oruk_services"), taxonomy_id=TAXONOMY_ID)

    assert _names(response) == ["Carers' Café", "Thursday Lunch Club"]


def test_it_filters_by_organisation(directory):
    response = _get(reverse("directory:oruk_services"), organization_id=ORGANIZATION_ID)

    assert _names(response) == ["Thursday Lunch Club"]


# The directory: Thursday Lunch Club 60 and over; Carers' Café up to 59; Youth Club 11 to 18;
# Benefits Advice with no ages at all.
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # "Return services with a minimum age of at least the specified value."
        ({"minimum_age": "60"}, ["Thursday Lunch Club"]),
        ({"minimum_age": "11"}, ["Thursday Lunch Club", "Youth Club"]),
        ({"minimum_age": "12"}, ["Thursday Lunch Club"]),
        ({"minimum_age": "61"}, []),
        ({"minimum_age": "0"}, ["Thursday Lunch Club", "Youth Club"]),
        # "Return services with a maximum age of at equal to or below the specified value."
        ({"maximum_age": "18"}, ["Youth Club"]),
        ({"maximum_age": "17"}, []),
        ({"maximum_age": "59"}, ["Carers' Café", "Youth Club"]),
        ({"maximum_age": "120"}, ["Carers' Café", "Youth Club"]),
        ({"minimum_age": "10", "maximum_age": "18"}, ["Youth Club"]),
        ({"minimum_age": "12", "maximum_age": "16"}, []),
    ],
)
def test_minimum_and_maximum_age_filter_as_the_oruk_openapi_words_them(directory, params, expected):
    response = _get(reverse("directory:oruk_services"), **params)

    assert response.status_code == 200
    assert _names(response) == expected


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        ("70", ["Benefits Advice", "Thursday Lunch Club"]),
        ("60", ["Benefits Advice", "Thursday Lunch Club"]),
        ("59", ["Benefits Advice", "Carers' Café"]),
        ("18", ["Benefits Advice", "Carers' Café", "Youth Club"]),
        ("10", ["Benefits Advice", "Carers' Café"]),
    ],
)
def test_tandem_s_own_age_finds_services_whose_range_includes_it(directory, age, expected):
    response = _get(reverse("directory:oruk_services"), age=age)

    assert _names(response) == expected


def test_full_gives_fully_nested_services_and_full_service_still_does(directory):
    full = _get(reverse("directory:oruk_services"), full="true").json()["contents"]
    old = _get(reverse("directory:oruk_services"), full_service="true").json()["contents"]
    plain = _get(reverse("directory:oruk_services"), full="false").json()["contents"]

    lunch = next(service for service in full if service["name"] == "Thursday Lunch Club")
    assert set(lunch) == SUMMARY_KEYS | NESTED_KEYS
    assert lunch["contacts"][0]["phones"][0]["number"] == "0151 555 0123"
    assert old == full
    assert all(not NESTED_KEYS & set(service) for service in plain)


def test_full_with_minimal_is_refused():
    response = _get(reverse("directory:oruk_services"), full="true", minimal="true")

    assert response.status_code == 400
    assert response.json() == {
        "detail": "minimal: Leave out full (or full_service) with minimal=true: one or the other."
    }


def test_full_false_on_one_service_is_refused_because_it_is_always_nested(lunch):
    refused = _get(reverse("directory:oruk_service", args=[SERVICE_ID]), full="false")
    honoured = _get(reverse("directory:oruk_service", args=[SERVICE_ID]), full="true")

    assert refused.status_code == 400
    assert refused.json() == {"detail": "full: A service is always answered fully nested: leave out full."}
    assert honoured.status_code == 200
    assert set(honoured.json()) == SUMMARY_KEYS | NESTED_KEYS


ENDPOINTS = [
    "/oruk/",
    "/oruk/services",
    f"/oruk/services/{SERVICE_ID}",
    "/oruk/taxonomies",
    f"/oruk/taxonomies/{TAXONOMY_ID}",
    "/oruk/taxonomy_terms",
    f"/oruk/taxonomy_terms/{TERM_ID}",
    "/oruk/service_at_locations",
    "/oruk/service_at_locations/7d3c1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_an_unknown_query_parameter_is_a_400_that_names_it(lunch, path):
    response = Client().get(path, {"minimum-age": "60", "colour": "blue"})

    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith(f"Unknown query parameters `colour`, `minimum-age`: {path} takes ")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_400_lists_what_the_endpoint_takes():
    services = _get(reverse("directory:oruk_services"), minimumage="60").json()["detail"]
    taxonomies = _get(reverse("directory:oruk_taxonomies"), search="lunch").json()["detail"]
    root = _get(reverse("directory:oruk_root"), page="1").json()["detail"]

    assert services == (
        "Unknown query parameter `minimumage`: /oruk/services takes `age`, `day`, `end_time`, `format`, `full`, "
        "`full_service`, `maximum_age`, `minimal`, `minimum_age`, `modified_after`, `organization_id`, `page`, "
        "`per_page`, `search`, `start_time`, `taxonomy_id`, `taxonomy_term_id`."
    )
    assert taxonomies == "Unknown query parameter `search`: /oruk/taxonomies takes `page`, `per_page`."
    assert root == "Unknown query parameter `page`: /oruk/ takes no query parameters."


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "head", "options"])
@pytest.mark.parametrize("path", ENDPOINTS)
def test_every_method_but_get_is_a_405_on_every_endpoint(lunch, path, method):
    # A real client has no CSRF token: the check must not turn the 405 into a 403.
    client = Client(enforce_csrf_checks=True)
    before = Service.objects.count()

    response = getattr(client, method)(path)

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response["Access-Control-Allow-Origin"] == "*"
    if method != "head":
        assert response.json() == {
            "detail": f"Method {method.upper()} is not allowed: the ORUK API is read-only and answers GET"
        }
    assert Service.objects.count() == before


def test_modified_after_finds_services_changed_on_or_after_it(directory):
    response = _get(reverse("directory:oruk_services"), modified_after="2025-03-01T09:30:00Z")

    assert _names(response) == ["Carers' Café", "Thursday Lunch Club"]


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"page": "abc"}, "page: Enter a whole number."),
        ({"page": "0"}, "page: Ensure this value is greater than or equal to 1."),
        ({"per_page": "0"}, "per_page: Ensure this value is greater than or equal to 1."),
        ({"per_page": "101"}, "per_page: Ensure this value is less than or equal to 100."),
        ({"minimum_age": "x"}, "minimum_age: Enter a number."),
        ({"maximum_age": "-1"}, "maximum_age: Ensure this value is greater than or equal to 0."),
        ({"minimum_age": "30", "maximum_age": "20"}, "maximum_age: Must not be less than minimum_age."),
        ({"taxonomy_term_id": "lunch"}, "taxonomy_term_id: Enter a valid UUID."),
        ({"modified_after": "yesterday"}, "modified_after: Enter a valid date/time."),
    ],
)
def test_a_bad_parameter_is_named_in_a_400(params, detail):
    response = _get(reverse("directory:oruk_services"), **params)

    assert response.status_code == 400
    assert response.json() == {"detail": detail}
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("name", ["directory:oruk_taxonomies", "directory:oruk_taxonomy_terms"])
def test_taxonomy_lists_refuse_bad_paging(name):
    response = _get(reverse(name), page="abc")

    assert response.status_code == 400
    assert response.json() == {"detail": "page: Enter a whole number."}


def test_a_service_is_fully_nested(lunch):
    response = _get(reverse("directory:oruk_service", args=[SERVICE_ID]))

    assert response.status_code == 200
    service = response.json()
    assert set(service) == SUMMARY_KEYS | NESTED_KEYS
    assert service["attributes"][0]["taxonomy_term"]["name"] == "Lunch clubs"
    assert service["contacts"][0]["phones"][0]["number"] == "0151 555 0123"


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("directory:oruk_service", "service"),
        ("directory:oruk_taxonomy", "taxonomy"),
        ("directory:oruk_taxonomy_term", "taxonomy term"),
    ],
)
@pytest.mark.parametrize("key", ["3f2b6c1e-0000-4c2e-9b1a-0c5d8e7f6a10", "not-a-uuid"])
def test_an_unknown_or_malformed_id_is_a_json_404(lunch, name, what, key):
    response = _get(reverse(name, args=[key]))

    assert response.status_code == 404
    assert response.json() == {"detail": f"No {what} with id {key}"}
    assert response["Access-Control-Allow-Origin"] == "*"


def test_taxonomies_list_and_show(lunch):
    page = _get(reverse("directory:oruk_taxonomies")).json()
    one = _get(reverse("directory:oruk_taxonomy", args=[TAXONOMY_ID])).json()

    assert list(page) == PAGE_KEYS
    assert page["contents"] == [{"id": TAXONOMY_ID, "name": "Tandem community services", "description": ""}]
    assert one == page["contents"][0]


def test_taxonomy_terms_list_and_show(lunch):
    page = _get(reverse("directory:oruk_taxonomy_terms"), per_page=1).json()
    one = _get(reverse("directory:oruk_taxonomy_term", args=[TERM_ID])).json()

    assert (page["total_items"], page["size"]) == (1, 1)
    assert page["contents"] == [
        {
            "id": TERM_ID,
            "name": "Lunch clubs",
            "description": "Social meals for older or isolated people.",
            "taxonomy": "Tandem community services",
            "taxonomy_id": TAXONOMY_ID,
        }
    ]
    assert one == page["contents"][0]


@pytest.mark.parametrize(
    "path",
    [
        "/oruk/",
        "/oruk/services",
        f"/oruk/services/{SERVICE_ID}",
        "/oruk/taxonomies",
        f"/oruk/taxonomies/{TAXONOMY_ID}",
        "/oruk/taxonomy_terms",
        f"/oruk/taxonomy_terms/{TERM_ID}",
    ],
)
def test_every_endpoint_is_open_to_anyone_from_any_origin(lunch, path):
    response = Client().get(path, HTTP_ORIGIN="https://directory.example")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"


def test_the_api_is_read_only():
    response = Client().post("/oruk/services")

    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"


def test_paths_have_no_trailing_slash_but_the_root_does():
    assert Client().get("/oruk/services").status_code == 200
    root = Client().get("/oruk")
    assert (root.status_code, root["Location"]) == (301, "/oruk/")


@pytest.mark.parametrize("full_service", ["false", "true"])
def test_the_list_costs_the_same_queries_whatever_the_page_size(admin_user, django_assert_num_queries, full_service):
    walks = (_service(number, name=f"Walking group {number:02d}") for number in range(1, 40))
    dataset_import(data=[lunch_club(), *walks], actor=admin_user)
    # A count and a page; a full service adds one query per nested table (contacts bring phones).
    # The lunch club sorts first, so every page has something in every nested table.
    queries = 2 if full_service == "false" else 2 + 7

    for per_page in (1, 10, 40):
        with django_assert_num_queries(queries):
            response = _get(reverse("directory:oruk_services"), per_page=per_page, full_service=full_service)
        assert response.json()["size"] == per_page
