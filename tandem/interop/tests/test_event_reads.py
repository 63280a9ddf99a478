"""Health events read back: Encounter, Condition and Observation, under the Patient's consent rule."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from tandem.audit.models import AuditEvent
from tandem.interop.ingest import bundle_keep, bundle_read
from tandem.interop.services import partner_register
from tandem.interop.tests import events_data as data
from tandem.interop.tests.conftest import token_for
from tandem.interop.tests.profiles import fhir_validate
from tandem.prevention.models import EventAwaitingMatch, HealthEvent

pytestmark = pytest.mark.django_db

READS = ["system/Encounter.read", "system/Condition.read", "system/Observation.read"]


@pytest.fixture
def fhir(partner):
    """A GET with a token of the partner's system granted the event reads."""
    token = token_for(partner_register(name="Trust EPR", organisation=partner, scopes=READS, actor=None))
    client = Client()
    return lambda path, **params: client.get(path, params, HTTP_AUTHORIZATION=f"Bearer {token}")


def keep(bundle):
    imported = bundle_keep(bundle_read(bundle, sender="test"), received_from=None, actor=None)
    assert not imported.refused, imported.reading.errors
    return imported


def test_a_partner_reads_the_encounters_of_a_person_shared_with_it(fhir, borough):
    keep(data.a_week_of_events())

    body = fhir("/fhir/Encounter", patient=f"Patient/{borough.shared.uuid}").json()

    assert body["total"] == 3  # the stay, its discharge and the GP contact
    stay = next(
        e["resource"]
        for e in body["entry"]
        if e["resource"].get("period", {}).get("start") and e["resource"]["class"]["code"] == "IMP"
    )
    fhir_validate(stay)
    assert stay["meta"]["profile"] == ["https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter"]
    assert stay["subject"] == {"reference": f"Patient/{borough.shared.uuid}"}
    assert stay["serviceProvider"]["identifier"]["value"] == "RBL"
    read = AuditEvent.objects.filter(action="interop.record.read", person_uuid=str(borough.shared.uuid))
    assert read.count() == 1


@pytest.mark.parametrize(("path", "total"), [("/fhir/Observation", 2), ("/fhir/Condition", 0)])
def test_falls_and_telecare_alerts_read_back_as_observations(fhir, borough, path, total):
    keep(data.a_week_of_events())

    body = fhir(path).json()

    assert body["total"] == total
    for entry in body["entry"]:
        fhir_validate(entry["resource"])


def test_events_of_people_not_shared_are_never_seen(fhir, borough):
    keep(data.bundle(data.patient(nhs_number="9000000033", birth_date="1960-05-05"), data.gp_contact()))
    event = HealthEvent.objects.get()
    assert event.person == borough.refused

    assert fhir("/fhir/Encounter").json()["total"] == 0
    assert fhir(f"/fhir/Encounter/{event.uuid}").status_code == 404


def test_the_capability_statement_lists_the_event_resources_and_the_transaction(client):
    body = client.get("/fhir/metadata").json()

    served = {resource["type"] for resource in body["rest"][0]["resource"]}
    assert {"Encounter", "Condition", "Observation"} <= served
    assert body["rest"][0]["interaction"][0]["code"] == "transaction"


def test_the_command_imports_files_and_reports_each(tmp_path, borough):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(data.a_week_of_events()))
    out = io.StringIO()

    call_command("fhir", "import", str(good), stdout=out)

    assert "5 recorded, 0 waiting for a match, 0 already received, 0 resources ignored" in out.getvalue()
    assert HealthEvent.objects.count() == 5


def test_the_command_refuses_a_broken_file_whole_and_says_where(tmp_path, borough):
    broken = data.a_week_of_events()
    del broken["entry"][1]["resource"]["subject"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))
    out = io.StringIO()

    with pytest.raises(CommandError):
        call_command("fhir", "import", str(path), stdout=out)

    assert "error at Bundle.entry[1].resource.subject" in out.getvalue()
    assert HealthEvent.objects.count() == 0
    assert EventAwaitingMatch.objects.count() == 0


def test_everything_carries_the_events_the_client_may_read(partner, borough):
    keep(data.a_week_of_events())
    token = token_for(
        partner_register(name="Trust EPR", organisation=partner, scopes=["system/Patient.read", *READS], actor=None)
    )

    body = Client().get(f"/fhir/Patient/{borough.shared.uuid}/$everything", HTTP_AUTHORIZATION=f"Bearer {token}").json()

    types = sorted(entry["resource"]["resourceType"] for entry in body["entry"])
    assert types.count("Encounter") == 3
    assert types.count("Observation") == 2


ENCOUNTER_STATUS = {"planned", "arrived", "triaged", "in-progress", "onleave", "finished", "cancelled"}
OBSERVATION_STATUS = {"registered", "preliminary", "final", "amended"}


@pytest.mark.parametrize("resource_type", ["Encounter", "Observation"])
def test_every_event_read_back_is_valid_r4_and_true_to_its_uk_core_profile(fhir, borough, resource_type):
    keep(data.a_week_of_events())

    entries = fhir(f"/fhir/{resource_type}").json()["entry"]

    assert entries
    for entry in entries:
        resource = entry["resource"]
        fhir_validate(resource)
        assert resource["meta"]["profile"] == [f"https://fhir.hl7.org.uk/StructureDefinition/UKCore-{resource_type}"]
        assert resource["subject"]["reference"] == f"Patient/{borough.shared.uuid}"
        if resource_type == "Encounter":
            # Required binding (R4 EncounterStatus); the class from v3 ActCode as UK Core expects.
            assert resource["status"] in ENCOUNTER_STATUS
            assert resource["class"]["system"] == "http://terminology.hl7.org/CodeSystem/v3-ActCode"
        else:
            assert resource["status"] in OBSERVATION_STATUS
            assert {c["system"] for c in resource["code"]["coding"]} == {"http://snomed.info/sct"}
