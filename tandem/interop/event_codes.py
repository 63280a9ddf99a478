"""Which FHIR codes give which health event (docs/fhir.md "What Tandem keeps, from which codes"),
and the small readers of codings the Bundle reader uses."""

from collections.abc import Iterable
from typing import Any

from tandem.prevention.codes import EventKind

Json = dict[str, Any]

SNOMED = "http://snomed.info/sct"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
ACT_PRIORITY = "http://terminology.hl7.org/CodeSystem/v3-ActPriority"
ADMIT_SOURCE = "http://terminology.hl7.org/CodeSystem/admit-source"
ADMISSION_METHOD_EXTENSION = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AdmissionMethod"
DISCHARGE_METHOD_EXTENSION = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-DischargeMethod"
# Tandem's own codes, for what no standard code system names as a partner's system would send it:
# neither SNOMED CT nor UK Core nor the NHS Data Dictionary has a code for "a telecare alarm was
# raised" (SNOMED CT's 911221000000100 is the monitoring service, a care setting, which Tandem also
# accepts). Tandem publishes this small code system itself (tandem/interop/codesystems.py, served at
# /fhir/CodeSystem/tandem-health-event on every installation; docs/fhir.md). Tandem has no domain
# of its own, and one council's address would make the codes differ between councils, so its
# canonical identifier is a UUID URN, which FHIR R4 allows for Coding.system and which never changes.
TANDEM_EVENT_SYSTEM = "urn:uuid:558edd05-7be8-40b1-a6d4-a57ab9903337"
# The placeholder first documented for the same codes, still accepted from partners' Bundles.
TANDEM_EVENT_SYSTEM_OLD = "https://fhir.tandem.example/CodeSystem/health-event"

# Encounter.class (HL7 v3 ActCode): hospital stays, A&E, and contacts in primary and community care.
STAY_CLASSES = {"IMP", "ACUTE", "NONAC", "SS"}
EMERGENCY_CLASSES = {"EMER"}
CONTACT_CLASSES = {"AMB", "VR", "HH"}
# Statuses of an Encounter that did not (or did not yet) happen, or was sent in error.
NOT_HAPPENED = {"planned", "cancelled", "entered-in-error", "unknown"}
OBSERVATION_NOT_HAPPENED = {"registered", "cancelled", "entered-in-error", "unknown"}
# SNOMED CT: 183452005 "Emergency hospital admission"; 1912002 "Fall"; 217082002 "Accidental fall";
# 911221000000100 "Telecare monitoring service" (UK Core CareSettingType).
EMERGENCY_ADMISSION_CODES = {"183452005"}
FALL_CODES = {"1912002", "217082002"}
TELECARE_CODES = {"911221000000100"}
TANDEM_CODES = {"fall": EventKind.FALL, "telecare-alert": EventKind.TELECARE_ALERT}
# Each code's display and definition, as the CodeSystem resource publishes them.
TANDEM_CONCEPTS = {
    "fall": ("Fall", "The person fell (reported by a partner that has no SNOMED CT code for it)."),
    "telecare-alert": (
        "Telecare alert",
        "A telecare or community alarm raised an alert for the person (a pendant or pull-cord call, "
        "a fall detector, a smoke, flood, bed or door sensor), as a monitoring centre reports it.",
    ),
}


def dict_of(value: Any) -> Json:
    return value if isinstance(value, dict) else {}


def list_of(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def codings(concept: Any) -> list[Json]:
    if not isinstance(concept, dict):
        return []
    return [coding for coding in concept.get("coding") or [] if isinstance(coding, dict)]


def codes_of(concepts: Iterable[Any], system: str) -> set[str]:
    return {str(c.get("code")) for concept in concepts for c in codings(concept) if c.get("system") == system}


def kept(element: str, concept: Any) -> list[dict[str, str]]:
    """The codings of an element, as Tandem keeps them with the event."""
    return [
        {
            "element": element,
            "system": str(coding.get("system", "")),
            "code": str(coding.get("code", "")),
            "display": str(coding.get("display", "")),
        }
        for coding in codings(concept)
    ]


def text(concept: Any) -> str:
    if not isinstance(concept, dict):
        return ""
    if concept.get("text"):
        return str(concept["text"])
    return next((str(c["display"]) for c in codings(concept) if c.get("display")), "")


def encounter_kind(resource: Json, klass: str) -> EventKind | None:
    types = list_of(resource.get("type"))
    emergency_type = bool(codes_of(types, SNOMED) & EMERGENCY_ADMISSION_CODES)
    if klass in EMERGENCY_CLASSES:
        return EventKind.EMERGENCY_ADMISSION if emergency_type else EventKind.AE_ATTENDANCE
    if klass in CONTACT_CLASSES:
        return EventKind.GP_CONTACT
    if klass in STAY_CLASSES:
        return EventKind.EMERGENCY_ADMISSION if emergency_type else stay_kind(resource)
    return None


def stay_kind(resource: Json) -> EventKind:
    """A hospital stay's admission: by its UK Core admission method (NHS Data Dictionary: 2x
    emergency, 1x elective), else by its priority or admission source, else "other"."""
    hospitalization = dict_of(resource.get("hospitalization"))
    method = next(
        (
            str(coding.get("code") or "")
            for extension in hospitalization.get("extension") or []
            if isinstance(extension, dict) and extension.get("url") == ADMISSION_METHOD_EXTENSION
            for coding in codings(extension.get("valueCodeableConcept"))
        ),
        "",
    )
    priority = codes_of([resource.get("priority")], ACT_PRIORITY)
    if method.startswith("2") or (
        not method and (priority & {"EM", "S"} or "emd" in codes_of([hospitalization.get("admitSource")], ADMIT_SOURCE))
    ):
        return EventKind.EMERGENCY_ADMISSION
    if method.startswith("1") or (not method and "EL" in priority):
        return EventKind.ELECTIVE_ADMISSION
    return EventKind.OTHER_ADMISSION


def coded_kind(concept: Any) -> EventKind | None:
    snomed = codes_of([concept], SNOMED)
    if snomed & FALL_CODES:
        return EventKind.FALL
    if snomed & TELECARE_CODES:
        return EventKind.TELECARE_ALERT
    tandem = codes_of([concept], TANDEM_EVENT_SYSTEM) | codes_of([concept], TANDEM_EVENT_SYSTEM_OLD)
    return next((TANDEM_CODES[code] for code in sorted(tandem) if code in TANDEM_CODES), None)
