import pytest

from tandem.audit.models import AuditEvent
from tandem.interop.services import partner_register
from tandem.interop.tests.conftest import token_for
from tandem.interop.tests.profiles import emitted_check
from tandem.people.codes import Relationship
from tandem.people.models import NetworkMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def carer(borough, practitioner):
    return NetworkMember.objects.create(
        person=borough.shared,
        name="John Smith",
        relationship=Relationship.CHILD,
        is_unpaid_carer=True,
        added_by=practitioner,
    )


def test_everything_about_a_person_in_one_bundle(fhir, borough, carer):
    response = fhir(f"/fhir/Patient/{borough.shared.uuid}/$everything")

    body = response.json()
    assert response.status_code == 200
    emitted_check(body)
    kinds = [entry["resource"]["resourceType"] for entry in body["entry"]]
    assert kinds == ["Patient", "Flag", "RelatedPerson", "Consent"]
    assert body["total"] == 4
    event = AuditEvent.objects.get(action="interop.record.read")
    assert event.changes["interaction"] == "$everything"


def test_only_what_the_scopes_allow(partner, borough, carer):
    from django.test import Client

    issued = partner_register(name="GP", organisation=partner, scopes=["system/Patient.read"], actor=None)
    token = token_for(issued)

    body = Client().get(f"/fhir/Patient/{borough.shared.uuid}/$everything", HTTP_AUTHORIZATION=f"Bearer {token}").json()

    assert [entry["resource"]["resourceType"] for entry in body["entry"]] == ["Patient"]


@pytest.mark.parametrize("who", ["refused", "restricted", "elsewhere"])
def test_nothing_about_a_person_not_shared(fhir, borough, who):
    response = fhir(f"/fhir/Patient/{getattr(borough, who).uuid}/$everything")

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action="interop.record.read").count() == 0


def test_parameters_are_refused(fhir, borough):
    response = fhir(f"/fhir/Patient/{borough.shared.uuid}/$everything", _since="2020-01-01")

    assert response.status_code == 400


def test_everything_carries_the_plan_its_goals_and_documents(fhir, borough, practitioner):
    from tandem.support_plans.tests.plan_data import agreed_plan_make

    agreed_plan_make(borough.shared, practitioner)

    body = fhir(f"/fhir/Patient/{borough.shared.uuid}/$everything").json()

    emitted_check(body)
    kinds = [entry["resource"]["resourceType"] for entry in body["entry"]]
    assert kinds == ["Patient", "Flag", "CarePlan", "Goal", "Consent", "DocumentReference", "DocumentReference"]
    assert "Binary" not in kinds  # fetched one by one from each DocumentReference
