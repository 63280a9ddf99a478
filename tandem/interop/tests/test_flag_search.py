import uuid

import pytest

from tandem.core import clock
from tandem.people.services import warning_end

pytestmark = pytest.mark.django_db


def test_it_lists_the_warnings_of_people_shared_with_the_partner(fhir, borough):
    body = fhir("/fhir/Flag").json()

    assert body["total"] == 1
    flag = body["entry"][0]["resource"]
    assert flag["id"] == str(borough.warning.uuid)
    assert flag["status"] == "active"
    assert flag["subject"] == {"reference": f"Patient/{borough.shared.uuid}"}
    assert flag["category"][0]["coding"][0]["code"] == "safety"
    assert flag["code"]["text"].startswith("Animals: Two large dogs")
    assert flag["period"] == {"start": clock.today().isoformat()}


@pytest.mark.parametrize("reference", ["Patient/{}", "{}", "http://testserver/fhir/Patient/{}"])
def test_search_by_patient(fhir, borough, reference):
    body = fhir("/fhir/Flag", patient=reference.format(borough.shared.uuid)).json()

    assert [entry["resource"]["id"] for entry in body["entry"]] == [str(borough.warning.uuid)]


def test_the_warnings_of_a_person_not_shared_are_never_found(fhir, borough):
    body = fhir("/fhir/Flag", patient=f"Patient/{borough.refused.uuid}").json()

    assert body["total"] == 0
    assert fhir(f"/fhir/Flag/{borough.hidden_warning.uuid}").status_code == 404


def test_search_by_status(fhir, borough, practitioner):
    warning_end(warning=borough.warning, reason="The dogs have gone", actor=practitioner)

    active = fhir("/fhir/Flag", status="active").json()
    inactive = fhir("/fhir/Flag", status="inactive").json()

    assert active["total"] == 0
    assert [entry["resource"]["status"] for entry in inactive["entry"]] == ["inactive"]
    assert fhir("/fhir/Flag", status="entered-in-error").json()["total"] == 0


def test_an_unknown_status_is_refused(fhir, borough):
    response = fhir("/fhir/Flag", status="on")

    assert response.status_code == 400
    assert response.json()["issue"][0]["code"] == "invalid"


def test_include_flag_patient_adds_each_person_once(fhir, borough, practitioner):
    from tests.conftest import warning_make

    warning_make(person=borough.shared, raised_by=practitioner, category="violence", description="Son may be hostile")

    body = fhir("/fhir/Flag", patient=f"Patient/{borough.shared.uuid}", _include="Flag:patient").json()

    modes = [(entry["resource"]["resourceType"], entry["search"]["mode"]) for entry in body["entry"]]
    assert modes == [("Flag", "match"), ("Flag", "match"), ("Patient", "include")]
    assert body["total"] == 2
    assert body["entry"][2]["fullUrl"] == f"http://testserver/fhir/Patient/{borough.shared.uuid}"


def test_an_unsupported_include_is_refused(fhir, borough):
    response = fhir("/fhir/Flag", _include="Flag:author")

    assert response.status_code == 400
    assert response.json()["issue"][0]["code"] == "not-supported"


def test_read_a_flag(fhir, borough):
    response = fhir(f"/fhir/Flag/{borough.warning.uuid}")

    assert response.status_code == 200
    assert response.json()["resourceType"] == "Flag"
    assert fhir(f"/fhir/Flag/{uuid.uuid4()}").status_code == 404
