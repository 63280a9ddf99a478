"""The CapabilityStatement: exactly what Tandem's FHIR API supports, and nothing more."""

from typing import Any

from django.conf import settings

from tandem.interop import events, groups, uk_core
from tandem.interop.scopes import RESOURCE_SCOPES

RELEASED = "2026-12-07"

_STRING_DOC = "starts with, ignoring case; :exact and :contains supported; comma-separated values are OR"

PATIENT_SEARCH = [
    ("identifier", "token", f"NHS number: {uk_core.NHS_NUMBER_SYSTEM}|9434765919, or the 10 digits alone"),
    ("family", "string", f"family name: {_STRING_DOC}"),
    ("given", "string", f"given names: {_STRING_DOC}"),
    ("name", "string", f"any part of a current, preferred or previous name: {_STRING_DOC}"),
    ("birthdate", "date", "date of birth; YYYY, YYYY-MM or YYYY-MM-DD, prefixes eq ne lt gt le ge sa eb"),
    ("address-postalcode", "string", "postcode, spaces ignored; starts with, :exact and :contains supported"),
    ("_id", "token", "the Patient's id"),
    ("_lastUpdated", "date", "when the record last changed; prefixes eq ne lt gt le ge sa eb"),
]
FLAG_SEARCH = [
    ("patient", "reference", "Patient/{id}: the hazard warnings of one person"),
    ("status", "token", "active | inactive | entered-in-error (never used: ended warnings are inactive)"),
    ("_id", "token", "the Flag's id"),
    ("_lastUpdated", "date", "when the warning last changed; prefixes eq ne lt gt le ge sa eb"),
]
RELATED_PERSON_SEARCH = [
    ("patient", "reference", "Patient/{id}: the person's informal network and unpaid carers"),
    ("_id", "token", "the RelatedPerson's id"),
    ("_lastUpdated", "date", "when the entry last changed; prefixes eq ne lt gt le ge sa eb"),
]
PLAN_SEARCH = [
    ("patient", "reference", "Patient/{id}: the person's care and support plan in force"),
    ("subject", "reference", "the same as patient"),
    ("_id", "token", "the resource's id"),
    ("_lastUpdated", "date", "when it last changed; prefixes eq ne lt gt le ge sa eb"),
]
CONSENT_SEARCH = [
    ("patient", "reference", "Patient/{id}: the person's decisions to share with the partner's organisation"),
    ("status", "token", "active (the decision in force) | inactive (a decision a later one replaced)"),
    ("_id", "token", "the Consent's id"),
    ("_lastUpdated", "date", "when the decision last changed; prefixes eq ne lt gt le ge sa eb"),
]
DOCUMENT_SEARCH = [
    ("patient", "reference", "Patient/{id}: the person's statements of needs and plan in force"),
    ("subject", "reference", "the same as patient"),
    ("type", "token", "http://snomed.info/sct|734163000 (care plan) or |419891008 (statement of needs)"),
    ("_id", "token", "the DocumentReference's id"),
    ("_lastUpdated", "date", "when it last changed; prefixes eq ne lt gt le ge sa eb"),
]
_NAME_DOC = "starts with, ignoring case; :exact and :contains supported"
ORGANIZATION_SEARCH = [
    ("identifier", "token", f"ODS code: {uk_core.ODS_SYSTEM}|RY7, or the code alone"),
    ("name", "string", f"the organisation's or team's name: {_NAME_DOC}"),
    ("type", "token", "organization-type: govt | prov | cg | team"),
    ("partof", "reference", "Organization/{id}: the teams of an organisation"),
    ("_id", "token", "the Organization's id"),
    ("_lastUpdated", "date", "when it last changed; prefixes eq ne lt gt le ge sa eb"),
]
PRACTITIONER_SEARCH = [
    ("identifier", "token", "professional registration: https://fhir.hl7.org.uk/Id/hcpc-number|OT12345 (nmc, gmc too)"),
    ("name", "string", f"given or family name: {_NAME_DOC}"),
    ("family", "string", f"family name: {_NAME_DOC}"),
    ("given", "string", f"given name: {_NAME_DOC}"),
    ("_id", "token", "the Practitioner's id"),
]
PRACTITIONER_ROLE_SEARCH = [
    ("practitioner", "reference", "Practitioner/{id}: the teams a member of staff is or was in"),
    ("organization", "reference", "Organization/{id} of a team: who works in it"),
    ("active", "token", "true (in the team today) | false"),
    ("_id", "token", "the PractitionerRole's id"),
    ("_lastUpdated", "date", "when it last changed; prefixes eq ne lt gt le ge sa eb"),
]
_COMMON_SEARCH = [
    ("_count", "number", "entries a page, 0 to 100 (default 20); Bundle links page through the rest"),
]


def _resource(kind: str, profile: str, params: list[tuple[str, str, str]], **extra: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "profile": f"http://hl7.org/fhir/StructureDefinition/{kind}",
        "supportedProfile": [profile],
        "interaction": [{"code": "read"}, {"code": "search-type"}],
        "versioning": "no-version",
        "readHistory": False,
        "updateCreate": False,
        "conditionalCreate": False,
        "conditionalRead": "not-supported",
        "conditionalUpdate": False,
        "conditionalDelete": "not-supported",
        "searchParam": [
            {"name": name, "type": kind_, "documentation": documentation}
            for name, kind_, documentation in [*params, *_COMMON_SEARCH]
        ],
        **extra,
    }


# A DocumentReference's PDF: read only (no search), as `application/pdf` or as a Binary resource.
BINARY = {
    "type": "Binary",
    "profile": "http://hl7.org/fhir/StructureDefinition/Binary",
    "interaction": [{"code": "read"}],
    "documentation": "The PDF of a DocumentReference (the same id): Accept: application/pdf for the file itself",
}


# FHIR Bulk Data Access IG v2 (STU2): the three export operations (docs/fhir.md, "Bulk export").
BULK_DATA = "http://hl7.org/fhir/uv/bulkdata"
_EXPORT_DOC = (
    "Asynchronous (Prefer: respond-async); _type, _since and _outputFormat (application/fhir+ndjson) "
    "supported, any other parameter refused; NDJSON files fetched with the same bearer token"
)


def _export(name: str, definition: str, what: str) -> dict[str, str]:
    return {
        "name": name,
        "definition": f"{BULK_DATA}/OperationDefinition/{definition}",
        "documentation": f"{what}. {_EXPORT_DOC}",
    }


# The code systems Tandem publishes (tandem/interop/codesystems.py): read only, no token.
CODE_SYSTEM = {
    "type": "CodeSystem",
    "profile": "http://hl7.org/fhir/StructureDefinition/CodeSystem",
    "interaction": [{"code": "read"}],
    "documentation": "Tandem's own codes: CodeSystem/tandem-health-event (health events no standard codes)",
}


def capability_statement(*, base: str, token_url: str) -> dict[str, Any]:
    return {
        "resourceType": "CapabilityStatement",
        "url": f"{base}metadata",
        "name": "TandemFhirApi",
        "title": f"{settings.TANDEM_SERVICE_NAME} FHIR R4 API for health partners",
        "status": "active",
        "experimental": False,
        "date": RELEASED,
        "publisher": settings.TANDEM_ORGANISATION_NAME,
        "description": (
            "Read and search of Patient, Flag (hazard warnings), RelatedPerson (informal network and "
            "unpaid carers), CarePlan and Goal (the care and support plan in force and its personal "
            "outcomes), Consent (consent to share), DocumentReference and Binary (the statement of needs "
            "and the plan as PDF), Organization, Practitioner and PractitionerRole (organisations, teams "
            "and staff) on the UK Core profiles, for partner "
            "systems with OAuth 2.0 client credentials. A partner sees a person only when the person's "
            "consent to share with the partner's organisation is recorded; never a restricted record; "
            "never safeguarding detail. Every read is audited under the partner's name. Health events "
            "(Encounter, Condition, Observation) are received as a transaction or collection Bundle "
            "POSTed to the base, and read back."
        ),
        "kind": "instance",
        "software": {"name": "Tandem"},
        "implementation": {"description": "Tandem integrated adult social care record", "url": base},
        "fhirVersion": uk_core.FHIR_VERSION,
        "format": ["application/fhir+json", "json"],
        "implementationGuide": [
            "https://simplifier.net/hl7fhirukcorer4",
            f"{BULK_DATA}/ImplementationGuide/hl7.fhir.uv.bulkdata",
        ],
        "instantiates": [f"{BULK_DATA}/CapabilityStatement/bulk-data"],
        "rest": [
            {
                "mode": "server",
                "documentation": "Errors are OperationOutcome resources; unknown search parameters are refused (400).",
                "security": {
                    "cors": False,
                    "service": [
                        {
                            "coding": [
                                {
                                    "system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
                                    "code": "SMART-on-FHIR",
                                }
                            ]
                        }
                    ],
                    "extension": [
                        {
                            "url": "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                            "extension": [{"url": "token", "valueUri": token_url}],
                        }
                    ],
                    "description": (
                        "OAuth 2.0 client credentials (client_secret_basic or client_secret_post) issued by an "
                        f"administrator; scopes: {', '.join(RESOURCE_SCOPES)}."
                    ),
                },
                "resource": [
                    _resource(
                        "Patient",
                        uk_core.PATIENT_PROFILE,
                        PATIENT_SEARCH,
                        operation=[
                            {
                                "name": "everything",
                                "definition": "http://hl7.org/fhir/OperationDefinition/Patient-everything",
                                "documentation": (
                                    "The Patient and every Flag, RelatedPerson, CarePlan, Goal, Consent and "
                                    "DocumentReference about them that the partner's scopes allow"
                                ),
                            },
                            _export(
                                "export",
                                "patient-export",
                                "Bulk export of every person shared with the partner and what is about them",
                            ),
                        ],
                    ),
                    _resource("Flag", uk_core.FLAG_PROFILE, FLAG_SEARCH, searchInclude=["Flag:patient"]),
                    _resource(
                        "RelatedPerson",
                        uk_core.RELATED_PERSON_PROFILE,
                        RELATED_PERSON_SEARCH,
                        searchInclude=["RelatedPerson:patient"],
                    ),
                    _resource(
                        "CarePlan",
                        uk_core.CARE_PLAN_PROFILE,
                        PLAN_SEARCH,
                        searchInclude=["CarePlan:subject", "CarePlan:patient"],
                    ),
                    _resource(
                        "Goal",
                        "http://hl7.org/fhir/StructureDefinition/Goal",
                        PLAN_SEARCH,
                        searchInclude=["Goal:subject", "Goal:patient"],
                    ),
                    _resource("Consent", uk_core.CONSENT_PROFILE, CONSENT_SEARCH, searchInclude=["Consent:patient"]),
                    _resource(
                        "DocumentReference",
                        uk_core.DOCUMENT_REFERENCE_PROFILE,
                        DOCUMENT_SEARCH,
                        searchInclude=["DocumentReference:patient", "DocumentReference:subject"],
                    ),
                    BINARY,
                    CODE_SYSTEM,
                    _resource("Organization", uk_core.ORGANIZATION_PROFILE, ORGANIZATION_SEARCH),
                    _resource("Practitioner", uk_core.PRACTITIONER_PROFILE, PRACTITIONER_SEARCH),
                    _resource(
                        "PractitionerRole",
                        uk_core.PRACTITIONER_ROLE_PROFILE,
                        PRACTITIONER_ROLE_SEARCH,
                        searchInclude=["PractitionerRole:organization", "PractitionerRole:practitioner"],
                    ),
                    *event_resources(),
                    _resource(
                        "Group",
                        "http://hl7.org/fhir/StructureDefinition/Group",
                        groups.GROUP_SEARCH,
                        documentation="A team's caseload (people it holds on an allocated case); members not listed",
                        operation=[
                            _export(
                                "export",
                                "group-export",
                                "Bulk export of the people on the team's caseload who are shared with the partner",
                            )
                        ],
                    ),
                ],
                "operation": [
                    _export("export", "export", "Bulk export of everything the partner may read (system level)")
                ],
                "interaction": [
                    {
                        "code": "transaction",
                        "documentation": events.BUNDLE_DOCUMENTATION,
                    }
                ],
            }
        ],
    }


def event_resources() -> list[dict[str, Any]]:
    """Encounter, Condition and Observation: health events received, read back (docs/fhir.md)."""
    return [
        _resource(name, profile, events.EVENT_SEARCH, searchInclude=[f"{name}:patient", f"{name}:subject"])
        for name, profile, _ in events.EVENT_RESOURCES
    ]


def smart_configuration(*, token_url: str) -> dict[str, Any]:
    """SMART App Launch's discovery document, as far as Backend Services go."""
    return {
        "token_endpoint": token_url,
        "grant_types_supported": ["client_credentials"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "scopes_supported": list(RESOURCE_SCOPES),
        "capabilities": ["client-confidential-symmetric"],
    }
