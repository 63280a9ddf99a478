import pytest

from tandem.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

NHS = "https://fhir.nhs.uk/Id/nhs-number"


def ids(response):
    return [entry["resource"]["id"] for entry in response.json()["entry"] if entry["search"]["mode"] == "match"]


def test_it_lists_only_people_who_consented_to_share_with_the_partner(fhir, borough):
    response = fhir("/fhir/Patient")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    body = response.json()
    assert body["resourceType"] == "Bundle"
    assert body["type"] == "searchset"
    assert body["total"] == 2
    assert ids(response) == [str(borough.shared.uuid), str(borough.second.uuid)]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"identifier": f"{NHS}|9434765919"}, ["shared"]),
        ({"identifier": "9434765919"}, ["shared"]),
        ({"identifier": "https://example.org/other|9434765919"}, []),
        ({"identifier": f"{NHS}|9000000033"}, []),  # refused consent
        ({"identifier": f"{NHS}|9449307946"}, []),  # restricted
        ({"family": "smith"}, ["shared", "second"]),
        ({"family:exact": "Smith"}, ["shared"]),
        ({"family:contains": "thso"}, ["second"]),
        ({"given": "lou"}, ["shared"]),
        ({"given": "pet"}, ["second"]),
        ({"name": "kowal"}, ["shared"]),
        ({"name": "molly"}, ["shared"]),
        ({"name": "peter,molly"}, ["shared", "second"]),
        ({"birthdate": "1941-03-14"}, ["shared"]),
        ({"birthdate": "1941"}, ["shared"]),
        ({"birthdate": "1950-01"}, ["second"]),
        ({"birthdate": "lt1945"}, ["shared"]),
        ({"birthdate": "ge1945-01-01"}, ["second"]),
        ({"birthdate": "ne1941-03-14"}, ["second"]),
        ({"address-postalcode": "ch416ab"}, ["shared"]),
        ({"address-postalcode": "CH4"}, ["shared", "second"]),
        ({"address-postalcode:exact": "CH43 2XY"}, ["second"]),
        ({"family": "smith", "given": "peter"}, ["second"]),
        ({"_id": "not-a-uuid"}, []),
        ({"_lastUpdated": "gt2000-01-01"}, ["shared", "second"]),
        ({"_lastUpdated": "lt2000-01-01T00:00:00Z"}, []),
    ],
)
def test_search_parameters(fhir, borough, params, expected):
    response = fhir("/fhir/Patient", **params)

    assert response.status_code == 200, response.content
    assert ids(response) == [str(getattr(borough, name).uuid) for name in expected]
    assert response.json()["total"] == len(expected)


def test_search_by_id(fhir, borough):
    response = fhir("/fhir/Patient", _id=f"{borough.second.uuid},{borough.restricted.uuid}")

    assert ids(response) == [str(borough.second.uuid)]


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"surname": "Smith"}, 400, "not-supported"),
        ({"family:missing": "true"}, 400, "not-supported"),
        ({"birthdate": "14/03/1941"}, 400, "invalid"),
        ({"birthdate": "1941-02-30"}, 400, "invalid"),
        ({"_lastUpdated": "2026-01-01T10:00:00"}, 400, "invalid"),
        ({"_count": "-1"}, 400, "invalid"),
        ({"_count": "ten"}, 400, "invalid"),
        ({"_offset": "x"}, 400, "invalid"),
        ({"family": ""}, 400, "invalid"),
        ({"_include": "Patient:general-practitioner"}, 400, "not-supported"),
        ({"_format": "xml"}, 406, "not-supported"),
        ({"_sort": "family"}, 400, "not-supported"),
    ],
)
def test_a_search_it_cannot_answer_is_an_operation_outcome(fhir, borough, params, status, code):
    response = fhir("/fhir/Patient", **params)

    assert response.status_code == status
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["code"] == code
    assert body["issue"][0]["severity"] == "error"


def test_paging_follows_the_bundle_links(fhir, borough):
    first = fhir("/fhir/Patient", family="smith", _count="1").json()
    links = {link["relation"]: link["url"] for link in first["link"]}

    assert first["total"] == 2
    assert [entry["resource"]["id"] for entry in first["entry"]] == [str(borough.shared.uuid)]
    assert set(links) == {"self", "first", "next", "last"}
    assert links["next"].startswith("http://testserver/fhir/Patient?")
    assert "family=smith" in links["next"]

    second = fhir(links["next"].removeprefix("http://testserver")).json()
    second_links = {link["relation"] for link in second["link"]}

    assert [entry["resource"]["id"] for entry in second["entry"]] == [str(borough.second.uuid)]
    assert second_links == {"self", "first", "previous", "last"}


def test_count_zero_gives_the_total_only(fhir, borough):
    body = fhir("/fhir/Patient", _count="0").json()

    assert body["total"] == 2
    assert body["entry"] == []


def test_count_is_capped_at_a_hundred(fhir, borough):
    body = fhir("/fhir/Patient", _count="5000").json()

    assert "_count=100" in body["link"][0]["url"]


def test_every_person_a_search_returns_is_audited_under_the_partners_name(fhir, borough, issued):
    before = AuditEvent.objects.count()

    fhir("/fhir/Patient", family="smith")

    events = list(AuditEvent.objects.filter(action="interop.record.read").order_by("id"))
    assert AuditEvent.objects.count() == before + 2
    assert {event.person_uuid for event in events} == {borough.shared.uuid, borough.second.uuid}
    assert all(event.actor_id is None for event in events)
    assert all(event.actor_name == "FHIR partner Trust EPR (Wirral Community Health Trust)" for event in events)
    assert events[0].changes["interaction"] == "search"
    assert events[0].target_id == str(issued.partner.pk)
