"""Consent: a partner reads the decisions to share with its own organisation, and nothing else."""

import uuid

import pytest

from tandem.audit.models import AuditEvent
from tandem.interop.tests.conftest import consent
from tandem.interop.tests.profiles import emitted_check
from tandem.people.codes import ConsentDecision
from tandem.people.models import ConsentToShare

pytestmark = pytest.mark.django_db


def test_it_lists_the_decisions_to_share_with_the_partner_only(fhir, borough, partner):
    body = fhir("/fhir/Consent").json()

    emitted_check(body)
    shared = ConsentToShare.objects.filter(organisation=partner, decision=ConsentDecision.GIVEN)
    people = {str(borough.shared.uuid), str(borough.second.uuid)}  # the restricted record never
    assert {entry["resource"]["patient"]["reference"].removeprefix("Patient/") for entry in body["entry"]} == people
    assert body["total"] == shared.count() - 1
    resource = body["entry"][0]["resource"]
    assert resource["status"] == "active"
    assert resource["provision"]["type"] == "permit"
    (recipient,) = resource["provision"]["actor"]
    assert recipient["reference"]["reference"] == f"Organization/{partner.uuid}"
    assert recipient["reference"]["identifier"] == {
        "system": "https://fhir.nhs.uk/Id/ods-organization-code",
        "value": "RY7",
    }


def test_search_by_patient_and_read(fhir, borough):
    body = fhir("/fhir/Consent", patient=f"Patient/{borough.shared.uuid}").json()

    (entry,) = body["entry"]
    read = fhir(f"/fhir/Consent/{entry['resource']['id']}")
    assert read.status_code == 200
    assert read.json() == entry["resource"]
    emitted_check(read.json())


def test_a_replaced_decision_is_inactive_with_its_period_ended(fhir, borough, partner, practitioner):
    consent(borough.shared, partner, practitioner)  # decided again: the first one is replaced

    active = fhir("/fhir/Consent", patient=f"Patient/{borough.shared.uuid}", status="active").json()
    inactive = fhir("/fhir/Consent", patient=f"Patient/{borough.shared.uuid}", status="inactive").json()

    assert active["total"] == 1
    (old,) = [entry["resource"] for entry in inactive["entry"]]
    assert old["status"] == "inactive"
    assert old["provision"]["period"]["end"] == old["provision"]["period"]["start"]
    emitted_check(inactive)


def test_the_decisions_of_people_not_shared_are_never_found(fhir, borough, partner, organisation):
    refused = ConsentToShare.objects.get(person=borough.refused, organisation=partner)
    elsewhere = ConsentToShare.objects.get(person=borough.elsewhere, organisation=organisation)
    restricted = ConsentToShare.objects.get(person=borough.restricted, organisation=partner)

    for decision in (refused, elsewhere, restricted):
        assert fhir(f"/fhir/Consent/{decision.uuid}").status_code == 404
    assert fhir("/fhir/Consent", patient=f"Patient/{borough.refused.uuid}").json()["total"] == 0
    assert fhir(f"/fhir/Consent/{uuid.uuid4()}").status_code == 404
    assert fhir("/fhir/Consent/not-an-id").status_code == 404


def test_consent_patient_include_and_audit(fhir, borough):
    before = AuditEvent.objects.filter(action="interop.record.read").count()

    body = fhir("/fhir/Consent", patient=f"Patient/{borough.shared.uuid}", _include="Consent:patient").json()

    assert [entry["search"]["mode"] for entry in body["entry"]] == ["match", "include"]
    assert body["entry"][1]["resource"]["id"] == str(borough.shared.uuid)
    assert AuditEvent.objects.filter(action="interop.record.read").count() == before + 2


def test_an_unknown_status_is_refused(fhir, borough):
    response = fhir("/fhir/Consent", status="given")

    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == ["status"]


def test_it_needs_the_consent_scope(borough, issued):
    from django.test import Client

    from tandem.interop.tests.conftest import token_for

    token = token_for(issued, scope="system/Patient.read")
    response = Client().get("/fhir/Consent", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 403
