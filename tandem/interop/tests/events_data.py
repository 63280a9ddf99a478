"""UK Core-shaped health events to send in tests: a Bundle about one person, built resource by resource."""

from typing import Any

NHS = "https://fhir.nhs.uk/Id/nhs-number"
SNOMED = "http://snomed.info/sct"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
ADMISSION_METHOD = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-AdmissionMethod"
TRUST = "https://fhir.arrowe-park.example/Id/encounter"


def patient(nhs_number: str = "9434765919", birth_date: str = "1941-03-14", ident: str = "p1") -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "id": ident,
        "name": [{"family": "Smith", "given": ["Mary"]}],
        "birthDate": birth_date,
        "address": [{"postalCode": "CH41 6AB"}],
    }
    if nhs_number:
        resource["identifier"] = [{"system": NHS, "value": nhs_number}]
    return resource


def admission(
    number: str = "E1", *, method: str = "21", end: str | None = "2026-11-03T11:00:00Z", subject: str = "Patient/p1"
) -> dict[str, Any]:
    period = {"start": "2026-11-01T22:40:00Z"} | ({"end": end} if end else {})
    return {
        "resourceType": "Encounter",
        "id": number,
        "identifier": [{"system": TRUST, "value": number}],
        "status": "finished" if end else "in-progress",
        "class": {"system": ACT_CODE, "code": "IMP", "display": "inpatient encounter"},
        "type": [{"coding": [{"system": SNOMED, "code": "32485007", "display": "Hospital admission"}]}],
        "subject": {"reference": subject},
        "period": period,
        "hospitalization": {
            "extension": [
                {
                    "url": ADMISSION_METHOD,
                    "valueCodeableConcept": {
                        "coding": [
                            {
                                "system": "https://fhir.hl7.org.uk/CodeSystem/UKCore-AdmissionMethodEngland",
                                "code": method,
                            }
                        ]
                    },
                }
            ]
        },
        "serviceProvider": {
            "identifier": {"system": "https://fhir.nhs.uk/Id/ods-organization-code", "value": "RBL"},
            "display": "Arrowe Park Hospital",
        },
    }


def observation(number: str, code: str, display: str, subject: str = "Patient/p1") -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": number,
        "identifier": [{"system": TRUST, "value": number}],
        "status": "final",
        "code": {"coding": [{"system": SNOMED, "code": code, "display": display}]},
        "subject": {"reference": subject},
        "effectiveDateTime": "2026-11-05T07:30:00Z",
    }


def gp_contact(number: str = "G1", subject: str = "Patient/p1") -> dict[str, Any]:
    return {
        "resourceType": "Encounter",
        "id": number,
        "identifier": [{"system": "https://fhir.riverside.example/Id/consultation", "value": number}],
        "status": "finished",
        "class": {"system": ACT_CODE, "code": "AMB"},
        "subject": {"reference": subject},
        "period": {"start": "2026-11-06"},
    }


def bundle(*resources: dict[str, Any], kind: str = "transaction") -> dict[str, Any]:
    entries = []
    for resource in resources:
        entry: dict[str, Any] = {
            "fullUrl": f"https://fhir.arrowe-park.example/{resource['resourceType']}/{resource['id']}",
            "resource": resource,
        }
        if kind == "transaction":
            entry["request"] = {"method": "POST", "url": resource["resourceType"]}
        entries.append(entry)
    return {"resourceType": "Bundle", "type": kind, "entry": entries}


def a_week_of_events() -> dict[str, Any]:
    """Mary's emergency admission and discharge, a fall, a telecare alert and a GP contact."""
    return bundle(
        patient(),
        admission(),
        observation("F1", "1912002", "Fall"),
        observation("T1", "911221000000100", "Telecare monitoring service"),
        gp_contact(),
    )
