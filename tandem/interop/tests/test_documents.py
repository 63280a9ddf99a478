"""DocumentReference and Binary: the statement of needs and the plan in force, as PDF."""

import base64

import pytest
from django.test import Client

from tandem.assessments.models import NeedsAssessment
from tandem.audit.models import AuditEvent
from tandem.interop.tests.conftest import token_for
from tandem.interop.tests.profiles import emitted_check
from tandem.support_plans.tests.plan_data import agreed_plan_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(borough, practitioner):
    """Mary's agreed plan in force (after her completed assessment); the refused person's too."""
    agreed_plan_make(borough.refused, practitioner)
    return agreed_plan_make(borough.shared, practitioner)


def test_the_statement_and_the_plan_are_document_references(fhir, borough, plan, settings):
    body = fhir("/fhir/DocumentReference", patient=f"Patient/{borough.shared.uuid}").json()

    emitted_check(body)
    documents = {entry["resource"]["id"]: entry["resource"] for entry in body["entry"]}
    statement = NeedsAssessment.objects.get(person=borough.shared)
    assert set(documents) == {str(plan.uuid), str(statement.uuid)}
    care_plan = documents[str(plan.uuid)]
    assert care_plan["type"]["coding"][0]["code"] == "734163000"
    assert care_plan["content"][0]["attachment"]["url"] == f"{settings.TANDEM_BASE_URL}/fhir/Binary/{plan.uuid}"
    assert care_plan["author"][0]["reference"] == f"Practitioner/{plan.practitioner.uuid}"
    assert care_plan["custodian"]["reference"] == f"Organization/{plan.team.organisation.uuid}"
    assert documents[str(statement.uuid)]["type"]["coding"][0]["code"] == "419891008"


def test_search_by_type(fhir, borough, plan):
    plans = fhir("/fhir/DocumentReference", type="http://snomed.info/sct|734163000").json()
    statements = fhir("/fhir/DocumentReference", type="419891008").json()

    assert [entry["resource"]["id"] for entry in plans["entry"]] == [str(plan.uuid)]
    assert statements["total"] == 1
    assert fhir("/fhir/DocumentReference", type="http://loinc.org|734163000").json()["total"] == 0


def test_documents_of_people_not_shared_are_never_found(fhir, borough, plan):
    hidden = NeedsAssessment.objects.get(person=borough.refused)

    assert fhir(f"/fhir/DocumentReference/{hidden.uuid}").status_code == 404
    assert fhir(f"/fhir/Binary/{hidden.uuid}").status_code == 404
    assert fhir("/fhir/DocumentReference", patient=f"Patient/{borough.refused.uuid}").json()["total"] == 0


def test_a_binary_is_the_pdf_itself_or_a_binary_resource(issued, borough, plan):
    token = token_for(issued)
    client = Client()

    pdf = client.get(f"/fhir/Binary/{plan.uuid}", HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT="application/pdf")
    resource = client.get(f"/fhir/Binary/{plan.uuid}", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    body = resource.json()
    emitted_check(body)
    assert base64.b64decode(body["data"]).startswith(b"%PDF-")
    events = AuditEvent.objects.filter(action="interop.record.read", person_uuid=str(borough.shared.uuid))
    assert events.filter(summary__startswith="Binary read").count() == 2


def test_a_binary_needs_its_own_scope(partner, borough, plan):
    from tandem.interop.services import partner_register

    narrow = partner_register(name="Viewer", organisation=partner, scopes=["system/DocumentReference.read"], actor=None)
    token = token_for(narrow)

    response = Client().get(f"/fhir/Binary/{plan.uuid}", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert response.status_code == 403


def test_the_statement_pdf_hides_a_network_member_linked_to_a_restricted_record(
    issued, borough, plan, practitioner, monkeypatch
):
    from tandem.assessments import documents as statement_documents
    from tandem.people.codes import Relationship
    from tandem.people.models import NetworkMember

    NetworkMember.objects.create(
        person=borough.shared,
        name="Rowan Smith",
        relationship=Relationship.SIBLING,
        linked_person=borough.restricted,
        added_by=practitioner,
    )
    laid_out = []

    def lay_out(html, **options):
        laid_out.append(html)
        return b"%PDF-1.7"

    monkeypatch.setattr(statement_documents, "document_pdf", lay_out)
    statement = NeedsAssessment.objects.get(person=borough.shared)
    token = token_for(issued)

    response = Client().get(
        f"/fhir/Binary/{statement.uuid}", HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT="application/pdf"
    )

    assert response.status_code == 200
    (html,) = laid_out
    assert "Statement of needs" in html
    assert "Rowan" not in html
    assert "A restricted record" in html
