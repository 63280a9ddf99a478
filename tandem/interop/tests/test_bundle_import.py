"""Health events in: a partner POSTs a Bundle to /fhir/; all or nothing, matched by NHS number."""

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tandem.audit.models import AuditEvent
from tandem.identity.models import Organisation
from tandem.interop.services import partner_register
from tandem.interop.tests import events_data as data
from tandem.interop.tests.conftest import token_for
from tandem.prevention.codes import EventKind, MatchState, NhsNumberCheck
from tandem.prevention.models import EventAwaitingMatch, HealthEvent

pytestmark = pytest.mark.django_db

EVENT_SCOPES = [
    "system/Encounter.write",
    "system/Condition.write",
    "system/Observation.write",
    "system/Encounter.read",
    "system/Observation.read",
    "system/Condition.read",
]
SYNTHEA = Path(__file__).parent / "data" / "synthea_style_bundle.json"


@pytest.fixture
def send(partner: Organisation) -> Callable[..., Any]:
    """`send(bundle)`: POST a Bundle to /fhir/ as the hospital's system (`scopes=` to grant fewer)."""

    def post(bundle: Any, *, scopes: list[str] | None = None, raw: str | None = None) -> Any:
        issued = partner_register(name="Hospital PAS", organisation=partner, scopes=scopes or EVENT_SCOPES, actor=None)
        token = token_for(issued)
        body = raw if raw is not None else json.dumps(bundle)
        return Client().post("/fhir/", body, content_type="application/fhir+json", HTTP_AUTHORIZATION=f"Bearer {token}")

    return post


def kinds_of(person: Any) -> list[str]:
    return sorted(HealthEvent.objects.filter(person=person).values_list("kind", flat=True))


def test_a_week_of_events_is_kept_on_the_record_the_nhs_number_names(send, borough):
    response = send(data.a_week_of_events())

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["type"] == "transaction-response"
    assert [entry["response"]["status"] for entry in body["entry"]] == ["200 OK", *["201 Created"] * 4]
    assert kinds_of(borough.shared) == sorted(
        [
            EventKind.EMERGENCY_ADMISSION,
            EventKind.DISCHARGE,
            EventKind.FALL,
            EventKind.TELECARE_ALERT,
            EventKind.GP_CONTACT,
        ]
    )
    admitted = HealthEvent.objects.get(person=borough.shared, kind=EventKind.EMERGENCY_ADMISSION)
    assert admitted.occurred_at == datetime(2026, 11, 1, 22, 40, tzinfo=UTC)
    assert admitted.ended_at == datetime(2026, 11, 3, 11, 0, tzinfo=UTC)
    assert admitted.source_organisation_code == "RBL"
    assert admitted.source_organisation_name == "Arrowe Park Hospital"
    assert admitted.received_from.ods_code == "RY7"
    assert {
        "element": "admissionMethod",
        "system": "https://fhir.hl7.org.uk/CodeSystem/UKCore-AdmissionMethodEngland",
        "code": "21",
        "display": "",
    } in admitted.codes
    location = body["entry"][1]["response"]["location"]
    assert location.startswith("Encounter/")
    received = AuditEvent.objects.filter(action="prevention.event.received", person_uuid=str(borough.shared.uuid))
    assert received.count() == 1  # one a person a Bundle, naming each event
    assert len(received.get().changes["events"]) == 5
    assert received.first().actor_name == "FHIR partner Hospital PAS (Wirral Community Health Trust)"


@pytest.mark.parametrize(
    ("method", "kind"),
    [
        ("21", EventKind.EMERGENCY_ADMISSION),
        ("2A", EventKind.EMERGENCY_ADMISSION),
        ("11", EventKind.ELECTIVE_ADMISSION),
        ("13", EventKind.ELECTIVE_ADMISSION),
        ("31", EventKind.OTHER_ADMISSION),
        ("99", EventKind.OTHER_ADMISSION),
    ],
)
def test_the_admission_method_says_emergency_or_elective(send, borough, method, kind):
    send(data.bundle(data.patient(), data.admission(method=method, end=None)))

    assert kinds_of(borough.shared) == [kind]


def test_the_same_bundle_sent_twice_is_kept_once(send, borough):
    send(data.a_week_of_events())

    response = send(data.a_week_of_events())

    assert response.status_code == 200
    assert HealthEvent.objects.filter(person=borough.shared).count() == 5
    outcomes = [entry["response"]["outcome"]["issue"][0]["diagnostics"] for entry in response.json()["entry"][1:]]
    assert all("already received" in text for text in outcomes)


def test_a_broken_bundle_keeps_nothing_and_names_each_bad_element(send, borough):
    broken_subject = data.observation("F2", "1912002", "Fall")
    del broken_subject["subject"]
    bad_date = data.gp_contact("G2")
    bad_date["period"] = {"start": "yesterday"}
    no_class = data.admission("E9")
    del no_class["class"]

    response = send(data.bundle(data.patient(), data.admission(), no_class, broken_subject, bad_date))

    assert response.status_code == 400
    body = response.json()
    assert body["resourceType"] == "OperationOutcome"
    assert [issue["expression"] for issue in body["issue"] if issue["severity"] == "error"] == [
        ["Bundle.entry[2].resource.class"],
        ["Bundle.entry[3].resource.subject"],
        ["Bundle.entry[4].resource.period.start"],
    ]
    assert HealthEvent.objects.count() == 0
    assert EventAwaitingMatch.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="prevention.").exists()


@pytest.mark.parametrize(
    ("bundle", "expression"),
    [
        ({"resourceType": "Patient"}, "Bundle"),
        ({"resourceType": "Bundle", "type": "searchset", "entry": []}, "Bundle.type"),
        ({"resourceType": "Bundle", "type": "collection"}, "Bundle.entry"),
        ({"resourceType": "Bundle", "type": "collection", "entry": [{"resource": "x"}]}, "Bundle.entry[0].resource"),
    ],
)
def test_what_is_not_a_bundle_of_events_is_refused_with_where(send, borough, bundle, expression):
    response = send(bundle)

    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == [expression]


def test_a_reference_to_a_patient_not_in_the_bundle_is_refused(send, borough):
    response = send(data.bundle(data.admission(subject="Patient/elsewhere")))

    assert response.status_code == 400
    assert response.json()["issue"][0]["expression"] == ["Bundle.entry[0].resource.subject"]


def test_a_subject_may_name_the_nhs_number_alone(send, borough):
    event = data.gp_contact()
    event["subject"] = {"identifier": {"system": data.NHS, "value": "943 476 5919"}}

    send(data.bundle(event, kind="collection"))

    assert kinds_of(borough.shared) == [EventKind.GP_CONTACT]


def test_a_body_that_is_not_json_is_a_400_operation_outcome(send, borough):
    response = send(None, raw="{not json")

    assert response.status_code == 400
    assert response.json()["resourceType"] == "OperationOutcome"


def test_an_nhs_number_failing_its_check_digit_waits_unverified_and_is_warned_of(send, borough):
    response = send(data.bundle(data.patient(nhs_number="9434765918"), data.admission()))

    assert response.status_code == 200
    patient_issues = response.json()["entry"][0]["response"]["outcome"]["issue"]
    assert any(
        issue["severity"] == "warning" and issue["expression"] == ["Bundle.entry[0].resource.identifier[0].value"]
        for issue in patient_issues
    )
    assert HealthEvent.objects.count() == 0
    waiting = EventAwaitingMatch.objects.get(kind=EventKind.EMERGENCY_ADMISSION)
    assert waiting.nhs_number_check == NhsNumberCheck.INVALID
    assert waiting.nhs_number_sent == "9434765918"
    assert "fails its check digit" in waiting.why
    assert response.json()["entry"][1]["response"]["status"] == "202 Accepted"


@pytest.mark.parametrize(
    ("nhs_number", "birth_date", "why"),
    [
        ("", "1941-03-14", "No NHS number was sent"),
        ("9876543210", "1941-03-14", "No record in Tandem has the NHS number 9876543210"),
        ("9434765919", "1941-03-15", "The date of birth sent differs"),
    ],
)
def test_an_event_not_matched_with_certainty_waits_for_a_person(send, borough, nhs_number, birth_date, why):
    send(data.bundle(data.patient(nhs_number=nhs_number, birth_date=birth_date), data.gp_contact()))

    assert HealthEvent.objects.count() == 0
    waiting = EventAwaitingMatch.objects.get()
    assert waiting.state == MatchState.WAITING
    assert waiting.why.startswith(why)
    assert AuditEvent.objects.filter(action="prevention.event.queued").count() == 1


def test_a_client_without_the_write_scope_of_a_kept_resource_is_refused_and_nothing_is_kept(send, borough):
    response = send(data.a_week_of_events(), scopes=["system/Encounter.write"])

    assert response.status_code == 403
    assert "system/Observation.write" in response.json()["issue"][0]["diagnostics"]
    assert HealthEvent.objects.count() == 0


def test_a_read_scope_does_not_let_a_client_send(send, borough):
    response = send(data.bundle(data.patient(), data.gp_contact()), scopes=["system/Encounter.read"])

    assert response.status_code == 403
    assert HealthEvent.objects.count() == 0


def test_without_a_token_nothing_is_kept(borough):
    response = Client().post("/fhir/", json.dumps(data.a_week_of_events()), content_type="application/fhir+json")

    assert response.status_code == 401
    assert HealthEvent.objects.count() == 0


def test_a_synthea_bundle_is_taken_keeping_what_can_be_used_and_saying_what_was_ignored(send, borough):
    response = send(json.loads(SYNTHEA.read_text()))

    assert response.status_code == 200, response.content
    entries = response.json()["entry"]
    assert len(entries) == 10
    waiting = EventAwaitingMatch.objects.order_by("occurred_at")
    # No NHS number in US data: every event waits for a person to match it, never joined by name.
    assert [row.kind for row in waiting] == [
        EventKind.GP_CONTACT,
        EventKind.AE_ATTENDANCE,
        EventKind.OTHER_ADMISSION,
        EventKind.DISCHARGE,
    ]
    assert {row.why for row in waiting} == {"No NHS number was sent"}
    assert waiting[1].source_organisation_name == "SYNTHETIC GENERAL HOSPITAL"
    ignored = [entry["response"]["outcome"]["issue"][0]["diagnostics"] for entry in entries[5:]]
    assert ignored[0].startswith("Ignored: a Condition")
    assert ignored[1].startswith("Ignored: an Observation")
    assert ignored[2] == "Ignored: Immunization is not a resource Tandem keeps"


def test_a_bundle_larger_than_a_form_may_be_is_taken(send, borough):
    filler = [
        {"resource": {"resourceType": "Basic", "id": f"b{n}", "code": {"text": "x" * 2_000}}} for n in range(2_000)
    ]
    bundle = data.a_week_of_events()
    bundle["entry"] += filler
    assert len(json.dumps(bundle)) > 3 * 1024 * 1024

    response = send(bundle)

    assert response.status_code == 200
    assert HealthEvent.objects.count() == 5


def test_a_bundle_past_the_limit_is_refused_before_it_is_read(send, borough, monkeypatch):
    monkeypatch.setattr("tandem.interop.ingest_views.MAX_BUNDLE_BYTES", 1_000)

    response = send(data.a_week_of_events())

    assert response.status_code == 413
    assert HealthEvent.objects.count() == 0
