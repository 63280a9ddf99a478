"""Tokens and scopes: who may ask the FHIR API what."""

import base64

import pytest
from django.test import Client

from tandem.audit.models import AuditEvent
from tandem.interop.services import partner_register, partner_revoke
from tandem.interop.tests.conftest import ALL_SCOPES, token_for

pytestmark = pytest.mark.django_db


def test_without_a_token_the_answer_is_401_with_an_operation_outcome(borough, issued):
    response = Client().get("/fhir/Patient")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["issue"][0]["code"] == "login"


def test_a_made_up_token_is_refused(borough, issued):
    response = Client().get("/fhir/Patient", HTTP_AUTHORIZATION="Bearer not-a-token")

    assert response.status_code == 401


def test_a_signed_in_member_of_staff_without_a_token_is_refused(client, practitioner, borough):
    client.force_login(practitioner)

    assert client.get("/fhir/Patient").status_code == 401


def test_the_token_endpoint_issues_a_bearer_token_with_the_granted_scopes(issued):
    credentials = base64.b64encode(f"{issued.client_id}:{issued.client_secret}".encode()).decode()

    response = Client().post(
        "/fhir/auth/token", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {credentials}"
    )

    body = response.json()
    assert response.status_code == 200
    assert body["token_type"] == "Bearer"
    assert set(body["scope"].split()) == set(ALL_SCOPES)
    assert body["expires_in"] == 300
    assert "refresh_token" not in body


def test_client_credentials_in_the_body_work_too(issued):
    response = Client().post(
        "/fhir/auth/token",
        {"grant_type": "client_credentials", "client_id": issued.client_id, "client_secret": issued.client_secret},
    )

    assert response.status_code == 200


def test_a_wrong_secret_gets_no_token(issued):
    credentials = base64.b64encode(f"{issued.client_id}:wrong".encode()).decode()

    response = Client().post(
        "/fhir/auth/token", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {credentials}"
    )

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_a_partner_cannot_ask_for_a_scope_it_was_not_granted(partner):
    issued = partner_register(name="GP system", organisation=partner, scopes=["system/Flag.read"], actor=None)
    credentials = base64.b64encode(f"{issued.client_id}:{issued.client_secret}".encode()).decode()

    response = Client().post(
        "/fhir/auth/token",
        {"grant_type": "client_credentials", "scope": "system/Patient.read"},
        HTTP_AUTHORIZATION=f"Basic {credentials}",
    )

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


def test_a_token_without_the_resources_scope_gets_403_and_nothing_is_audited(partner, borough):
    issued = partner_register(name="GP system", organisation=partner, scopes=["system/Flag.read"], actor=None)
    token = token_for(issued)
    before = AuditEvent.objects.count()

    response = Client().get("/fhir/Patient", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 403
    assert response.json()["issue"][0]["code"] == "forbidden"
    assert AuditEvent.objects.count() == before


def test_a_narrower_token_is_held_to_its_own_scopes(issued, borough):
    token = token_for(issued, scope="system/Flag.read")

    response = Client().get("/fhir/Patient", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 403


def test_include_patient_needs_the_patient_scope(partner, borough):
    issued = partner_register(name="GP system", organisation=partner, scopes=["system/Flag.read"], actor=None)
    token = token_for(issued)

    response = Client().get("/fhir/Flag?_include=Flag:patient", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 403


def test_a_revoked_partners_token_stops_working_at_once(issued, borough):
    token = token_for(issued)

    partner_revoke(partner=issued.partner, actor=None)
    response = Client().get("/fhir/Patient", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 401
    assert AuditEvent.objects.filter(action="interop.partner.revoked").count() == 1


def test_another_organisations_partner_sees_only_its_own_consents(organisation, borough):
    issued = partner_register(
        name="Council system", organisation=organisation, scopes=["system/Patient.read"], actor=None
    )
    token = token_for(issued)

    body = Client().get("/fhir/Patient", HTTP_AUTHORIZATION=f"Bearer {token}").json()

    assert [entry["resource"]["id"] for entry in body["entry"]] == [str(borough.elsewhere.uuid)]


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_the_api_is_read_only(fhir, issued, method):
    token = token_for(issued)

    response = getattr(Client(), method)("/fhir/Patient", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["resourceType"] == "OperationOutcome"


def test_an_unsupported_resource_type_is_an_operation_outcome(fhir):
    response = fhir("/fhir/Procedure")

    assert response.status_code == 404
    assert response.json()["issue"][0]["code"] == "not-supported"
