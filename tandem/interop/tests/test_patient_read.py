import pytest

from tandem.audit.models import AuditEvent
from tandem.people.services import person_merge

pytestmark = pytest.mark.django_db


def test_it_reads_a_person_who_consented(fhir, borough):
    response = fhir(f"/fhir/Patient/{borough.shared.uuid}")

    assert response.status_code == 200
    body = response.json()
    assert body["resourceType"] == "Patient"
    assert body["id"] == str(borough.shared.uuid)
    assert body["identifier"][0]["value"] == "9434765919"
    assert body["name"][0] == {
        "use": "official",
        "family": "Smith",
        "given": ["Mary", "Ann", "Louise"],
        "prefix": ["Mrs"],
    }
    assert {"use": "usual", "family": "Smith", "given": ["Molly"]} in body["name"]
    assert {"use": "old", "family": "Kowalska", "given": ["Mary"], "period": {"end": "1965-06-01"}} in body["name"]
    assert body["birthDate"] == "1941-03-14"
    assert body["gender"] == "female"
    assert body["address"] == [
        {
            "use": "home",
            "type": "physical",
            "line": ["12 Argyle Street"],
            "city": "Birkenhead",
            "postalCode": "CH41 6AB",
        }
    ]
    assert body["generalPractitioner"] == [
        {
            "type": "Organization",
            "identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "N81001"},
            "display": "Riverside Surgery",
        }
    ]
    assert body["communication"] == [
        {"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "pl", "display": "Polish"}]}, "preferred": True}
    ]
    assert "deceasedDateTime" not in body


def test_a_read_is_audited(fhir, borough):
    fhir(f"/fhir/Patient/{borough.shared.uuid}")

    event = AuditEvent.objects.get(action="interop.record.read")
    assert event.person_uuid == borough.shared.uuid
    assert event.changes["interaction"] == "read"


@pytest.mark.parametrize("who", ["refused", "elsewhere", "restricted"])
def test_a_person_not_shared_with_the_partner_is_not_found(fhir, borough, who):
    before = AuditEvent.objects.count()

    response = fhir(f"/fhir/Patient/{getattr(borough, who).uuid}")

    assert response.status_code == 404
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    assert body["issue"][0]["code"] == "not-found"
    assert getattr(borough, who).family_name not in response.content.decode()
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("resource_id", ["0b9c3f3e-8d7a-4c55-9a43-2d8f0c1e5a77", "not-an-id", "1"])
def test_an_unknown_id_is_not_found(fhir, borough, resource_id):
    response = fhir(f"/fhir/Patient/{resource_id}")

    assert response.status_code == 404
    assert response.json()["resourceType"] == "OperationOutcome"


def test_a_withdrawn_consent_hides_the_person(fhir, borough, partner, practitioner):
    from tandem.interop.tests.conftest import consent

    consent(borough.shared, partner, practitioner, "refused")

    assert fhir(f"/fhir/Patient/{borough.shared.uuid}").status_code == 404


def test_a_merged_away_record_is_not_found(fhir, borough, manager):
    person_merge(keep=borough.second, duplicate=borough.shared, reason="The same person", actor=manager)

    assert fhir(f"/fhir/Patient/{borough.shared.uuid}").status_code == 404
