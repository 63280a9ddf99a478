"""Organization, Practitioner and PractitionerRole: the service's organisations, teams and staff."""

from datetime import timedelta

import pytest
from django.test import Client

from tandem.audit.models import AuditEvent
from tandem.core import clock
from tandem.identity.models import Membership, Profession, RegistrationBody
from tandem.interop.services import partner_register
from tandem.interop.tests.conftest import token_for
from tandem.interop.tests.profiles import emitted_check
from tests.conftest import staff_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffed(organisation, team, practitioner, manager, other_team):
    """A nurse registered with the NMC in the team, and an occupational therapist who left it."""
    nurse = staff_make(username="nurse", role="practitioner", organisation=organisation, teams=[team])
    nurse.first_name, nurse.last_name = "Nia", "Okafor"
    nurse.profession, nurse.registration_body, nurse.registration_number = (
        Profession.NURSE,
        RegistrationBody.NMC,
        "12A3456B",
    )
    nurse.save()
    former = staff_make(
        username="ot", role="practitioner", organisation=organisation, teams=[other_team], last_name="Hughes"
    )
    Membership.objects.filter(user=former).update(ended_on=clock.today() - timedelta(days=3))
    return {"nurse": nurse, "former": former}


def test_organisations_and_their_teams_are_organizations(fhir, organisation, team, partner):
    body = fhir("/fhir/Organization", _count=100).json()

    emitted_check(body)
    by_id = {entry["resource"]["id"]: entry["resource"] for entry in body["entry"]}
    council = by_id[str(organisation.uuid)]
    assert council["type"][0]["coding"][0]["code"] == "govt"
    trust = by_id[str(partner.uuid)]
    assert trust["identifier"] == [{"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "RY7"}]
    assert trust["type"][0]["coding"][0]["code"] == "prov"
    locality = by_id[str(team.uuid)]
    assert locality["type"][0]["coding"][0]["code"] == "team"
    assert locality["partOf"]["reference"] == f"Organization/{organisation.uuid}"
    assert "identifier" not in locality


def test_organization_search_parameters(fhir, organisation, team, partner, other_team):
    def ids(**params):
        return {entry["resource"]["id"] for entry in fhir("/fhir/Organization", **params).json()["entry"]}

    assert ids(identifier="https://fhir.nhs.uk/Id/ods-organization-code|ry7") == {str(partner.uuid)}
    assert ids(identifier="RY7") == {str(partner.uuid)}
    assert ids(identifier="http://example.org/other|RY7") == set()
    assert ids(type="team") == {str(team.uuid), str(other_team.uuid)}
    assert ids(partof=f"Organization/{organisation.uuid}") == {str(team.uuid), str(other_team.uuid)}
    assert ids(name="Birkenhead") == {str(team.uuid)}
    assert ids(_id=str(team.uuid)) == {str(team.uuid)}
    assert fhir(f"/fhir/Organization/{team.uuid}").json()["name"] == team.name
    assert fhir(f"/fhir/Organization/{partner.uuid}").json()["name"] == partner.name


def test_organization_paging_runs_across_organisations_and_teams(fhir, organisation, team, partner, other_team):
    everything = fhir("/fhir/Organization", _count=100).json()
    names = [entry["resource"]["name"] for entry in everything["entry"]]
    assert names == sorted(names, key=str.lower)

    first = fhir("/fhir/Organization", _count=2).json()
    second = fhir("/fhir/Organization", _count=2, _offset=2).json()

    assert first["total"] == everything["total"]
    assert [e["resource"]["name"] for e in first["entry"] + second["entry"]] == names[:4]


def test_practitioners_carry_their_professional_registration(fhir, staffed):
    nurse = staffed["nurse"]

    body = fhir("/fhir/Practitioner", identifier="https://fhir.hl7.org.uk/Id/nmc-number|12A3456B").json()

    emitted_check(body)
    (entry,) = body["entry"]
    assert entry["resource"]["id"] == str(nurse.uuid)
    assert entry["resource"]["identifier"] == [{"system": "https://fhir.hl7.org.uk/Id/nmc-number", "value": "12A3456B"}]
    assert entry["resource"]["name"] == [{"use": "official", "family": "Okafor", "given": ["Nia"]}]
    assert fhir("/fhir/Practitioner", identifier="12A3456B").json()["total"] == 1
    assert fhir("/fhir/Practitioner", family="okaf").json()["total"] == 1
    assert fhir("/fhir/Practitioner", name="Nia").json()["total"] == 1


def test_staff_never_in_a_team_are_not_listed(fhir, staffed, organisation):
    admin = staff_make(username="admin2", role="administrator", organisation=organisation)

    assert fhir(f"/fhir/Practitioner/{admin.uuid}").status_code == 404
    assert fhir(f"/fhir/Practitioner/{staffed['former'].uuid}").status_code == 200


def test_practitioner_roles_say_who_works_in_which_team(fhir, staffed, team, other_team):
    nurse, former = staffed["nurse"], staffed["former"]

    in_team = fhir("/fhir/PractitionerRole", organization=f"Organization/{team.uuid}").json()
    emitted_check(in_team)
    roles = {e["resource"]["practitioner"]["reference"]: e["resource"] for e in in_team["entry"]}
    nurse_role = roles[f"Practitioner/{nurse.uuid}"]
    assert nurse_role["active"] is True
    assert nurse_role["code"][0]["coding"][0]["code"] == "nurse"
    assert nurse_role["telecom"] == [{"system": "email", "value": "nurse@example.org", "use": "work"}]

    (left,) = fhir("/fhir/PractitionerRole", practitioner=f"Practitioner/{former.uuid}").json()["entry"]
    assert left["resource"]["active"] is False
    assert left["resource"]["period"]["end"] == (clock.today() - timedelta(days=3)).isoformat()
    assert fhir("/fhir/PractitionerRole", active="false").json()["total"] == 1


def test_practitioner_role_includes_its_practitioner_and_team_once(fhir, staffed, team):
    body = fhir(
        "/fhir/PractitionerRole",
        organization=f"Organization/{team.uuid}",
        _include=["PractitionerRole:practitioner", "PractitionerRole:organization"],
    ).json()

    emitted_check(body)
    included = [e["resource"] for e in body["entry"] if e["search"]["mode"] == "include"]
    matches = [e for e in body["entry"] if e["search"]["mode"] == "match"]
    assert [r["resourceType"] for r in included].count("Organization") == 1
    assert [r["resourceType"] for r in included].count("Practitioner") == len(matches)


def test_an_include_needs_the_scope_of_what_it_includes(partner, staffed):
    narrow = partner_register(name="Roster", organisation=partner, scopes=["system/PractitionerRole.read"], actor=None)
    token = token_for(narrow)
    client = Client()

    response = client.get(
        "/fhir/PractitionerRole", {"_include": "PractitionerRole:practitioner"}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )

    assert response.status_code == 403
    assert client.get("/fhir/PractitionerRole", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert client.get("/fhir/Practitioner", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 403


def test_directory_reads_are_audited_once_a_request(fhir, staffed):
    fhir("/fhir/Practitioner")

    (event,) = AuditEvent.objects.filter(action="interop.directory.read")
    assert event.person_uuid is None
    assert event.actor_name.startswith("FHIR partner Trust EPR")
