import pytest
from django.test import Client

from tandem.interop.tests.profiles import fhir_validate

pytestmark = pytest.mark.django_db


def test_the_capability_statement_is_public_and_states_what_is_supported():
    response = Client().get("/fhir/metadata")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    body = response.json()
    fhir_validate(body)
    assert body["fhirVersion"] == "4.0.1"
    assert body["kind"] == "instance"
    resources = {resource["type"]: resource for resource in body["rest"][0]["resource"]}
    assert {"Patient", "Flag", "RelatedPerson", "CarePlan", "Goal", "Consent"} <= set(resources)
    assert {"DocumentReference", "Organization", "Practitioner", "PractitionerRole"} <= set(resources)
    assert {"Encounter", "Condition", "Observation"} <= set(resources)
    assert resources["Patient"]["supportedProfile"] == ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient"]
    assert {param["name"] for param in resources["Patient"]["searchParam"]} == {
        "identifier",
        "family",
        "given",
        "name",
        "birthdate",
        "address-postalcode",
        "_id",
        "_lastUpdated",
        "_count",
    }
    assert {param["name"] for param in resources["Flag"]["searchParam"]} == {
        "patient",
        "status",
        "_id",
        "_lastUpdated",
        "_count",
    }
    assert resources["Flag"]["searchInclude"] == ["Flag:patient"]
    assert [i["code"] for i in resources["Patient"]["interaction"]] == ["read", "search-type"]
    token = body["rest"][0]["security"]["extension"][0]["extension"][0]["valueUri"]
    assert token == "http://testserver/fhir/auth/token"


def test_the_smart_configuration_names_the_token_endpoint():
    body = Client().get("/fhir/.well-known/smart-configuration").json()

    assert body["token_endpoint"] == "http://testserver/fhir/auth/token"
    assert body["grant_types_supported"] == ["client_credentials"]


def test_xml_is_not_acceptable():
    response = Client().get("/fhir/metadata", {"_format": "application/fhir+xml"})

    assert response.status_code == 406
    assert response.json()["resourceType"] == "OperationOutcome"
