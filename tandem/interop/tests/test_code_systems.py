"""Tandem's own health event codes: published as a CodeSystem, and read from partners' Bundles."""

import pytest
from django.test import Client

from tandem.interop import event_codes
from tandem.interop.tests.profiles import fhir_validate
from tandem.prevention.codes import EventKind

pytestmark = pytest.mark.django_db


def test_the_health_event_code_system_is_served_without_a_token():
    response = Client().get("/fhir/CodeSystem/tandem-health-event")

    body = response.json()
    assert response.status_code == 200
    fhir_validate(body)
    assert body["url"] == event_codes.TANDEM_EVENT_SYSTEM
    assert body["url"].startswith("urn:uuid:")
    assert {concept["code"] for concept in body["concept"]} == set(event_codes.TANDEM_CODES)
    assert body["count"] == len(body["concept"])


def test_an_unknown_code_system_is_not_found():
    response = Client().get("/fhir/CodeSystem/snomed")

    assert response.status_code == 404
    assert response.json()["resourceType"] == "OperationOutcome"


@pytest.mark.parametrize("system", [event_codes.TANDEM_EVENT_SYSTEM, event_codes.TANDEM_EVENT_SYSTEM_OLD])
def test_a_telecare_alert_is_read_by_its_code(system):
    concept = {"coding": [{"system": system, "code": "telecare-alert"}]}

    assert event_codes.coded_kind(concept) == EventKind.TELECARE_ALERT


def test_a_code_of_another_system_is_not_read_as_tandems():
    concept = {"coding": [{"system": "https://example.org/codes", "code": "telecare-alert"}]}

    assert event_codes.coded_kind(concept) is None
