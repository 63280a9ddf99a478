import pytest

from tandem.audit.models import AuditEvent
from tandem.interop.tests.profiles import emitted_check
from tandem.people.codes import Relationship
from tandem.people.models import NetworkMember
from tandem.people.services import network_member_end

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(borough, practitioner):
    carer = NetworkMember.objects.create(
        person=borough.shared,
        name="John Smith",
        relationship=Relationship.SPOUSE_OR_PARTNER,
        is_unpaid_carer=True,
        what_they_do="Does the shopping",
        contact="07700 900123",
        added_by=practitioner,
    )
    friend = NetworkMember.objects.create(
        person=borough.shared, name="Alice Jones", relationship=Relationship.NEIGHBOUR, added_by=practitioner
    )
    hidden = NetworkMember.objects.create(
        person=borough.refused, name="Bob Smith", relationship=Relationship.CHILD, added_by=practitioner
    )
    return carer, friend, hidden


def test_a_person_network_reads_as_related_people(fhir, borough, network):
    carer, friend, _ = network

    body = fhir("/fhir/RelatedPerson", patient=f"Patient/{borough.shared.uuid}").json()

    emitted_check(body)
    assert [entry["resource"]["id"] for entry in body["entry"]] == [str(carer.uuid), str(friend.uuid)]
    first = body["entry"][0]["resource"]
    assert first["patient"] == {"reference": f"Patient/{borough.shared.uuid}"}
    assert first["active"] is True
    assert first["name"] == [{"text": "John Smith"}]
    codes = [coding["code"] for coding in first["relationship"][0]["coding"]]
    assert codes == ["SIGOTHR", "Carer"]
    assert "07700" not in str(body)  # the contact stays in Tandem
    assert "shopping" not in str(body)


def test_the_network_of_someone_not_shared_is_never_seen(fhir, borough, network):
    _, _, hidden = network

    assert fhir("/fhir/RelatedPerson").json()["total"] == 2
    assert fhir(f"/fhir/RelatedPerson/{hidden.uuid}").status_code == 404


def test_someone_who_left_the_network_is_inactive(fhir, borough, network, practitioner):
    carer, _, _ = network
    network_member_end(member=carer, actor=practitioner)

    body = fhir(f"/fhir/RelatedPerson/{carer.uuid}").json()

    emitted_check(body)
    assert body["active"] is False
    assert "end" in body["period"]


def test_a_read_is_audited_on_the_persons_record(fhir, borough, network):
    carer, _, _ = network

    fhir(f"/fhir/RelatedPerson/{carer.uuid}")

    event = AuditEvent.objects.get(action="interop.record.read")
    assert event.person_uuid == borough.shared.uuid
    assert event.changes["resource_type"] == "RelatedPerson"


def test_include_the_patient(fhir, borough, network):
    body = fhir("/fhir/RelatedPerson", _include="RelatedPerson:patient").json()

    assert [entry["search"]["mode"] for entry in body["entry"]] == ["match", "match", "include"]
    emitted_check(body)


@pytest.mark.parametrize("relationship", Relationship.values)
def test_every_relationship_is_coded_from_uk_core(fhir, borough, practitioner, relationship):
    member = NetworkMember.objects.create(
        person=borough.shared, name="Someone", relationship=relationship, added_by=practitioner
    )

    emitted_check(fhir(f"/fhir/RelatedPerson/{member.uuid}").json())


def test_a_member_linked_to_a_restricted_record_is_never_sent(fhir, borough, network, practitioner):
    linked = NetworkMember.objects.create(
        person=borough.shared,
        name="Rowan Smith",
        relationship=Relationship.SIBLING,
        linked_person=borough.restricted,
        added_by=practitioner,
    )

    body = fhir("/fhir/RelatedPerson", patient=f"Patient/{borough.shared.uuid}").json()

    assert str(linked.uuid) not in {entry["resource"]["id"] for entry in body["entry"]}
    assert body["total"] == 2
    assert fhir(f"/fhir/RelatedPerson/{linked.uuid}").status_code == 404
    assert "Rowan" not in str(fhir(f"/fhir/Patient/{borough.shared.uuid}/$everything").json())
