"""The code systems Tandem publishes itself, as FHIR CodeSystem resources (`GET /fhir/CodeSystem/{id}`).

Only one: Tandem's health event codes (tandem/interop/event_codes.py), for what partners send that no
standard code system names (a telecare alert). Terminology holds no personal data, so, like the
CapabilityStatement, it is served without a token.
"""

from typing import Any

from django.conf import settings

from tandem.interop import event_codes

HEALTH_EVENT_ID = "tandem-health-event"
PUBLISHED = "2026-12-07"


def health_event_code_system() -> dict[str, Any]:
    concepts = event_codes.TANDEM_CONCEPTS
    return {
        "resourceType": "CodeSystem",
        "id": HEALTH_EVENT_ID,
        "url": event_codes.TANDEM_EVENT_SYSTEM,
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": event_codes.TANDEM_EVENT_SYSTEM}],
        "version": "1",
        "name": "TandemHealthEvent",
        "title": "Tandem health event codes",
        "status": "active",
        "experimental": False,
        "date": PUBLISHED,
        "publisher": settings.TANDEM_ORGANISATION_NAME,
        "description": (
            "Health events a partner may send to Tandem (an integrated adult social care record) for which "
            "no standard code system has a code: a telecare alert and a fall. SNOMED CT codes are preferred "
            "where they exist (1912002 Fall, 217082002 Accidental fall)."
        ),
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": [
            {"code": code, "display": display, "definition": definition}
            for code, (display, definition) in concepts.items()
        ],
    }


CODE_SYSTEMS = {HEALTH_EVENT_ID: health_event_code_system}
