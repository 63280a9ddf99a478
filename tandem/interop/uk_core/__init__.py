"""The UK Core R4 (STU2, 2.0.0) rules Tandem's FHIR resources follow, read from the conformance
resources copied beside this module (README.md there: Apache-2.0, HL7 UK)."""

import functools
from pathlib import Path
from xml.etree import ElementTree

HERE = Path(__file__).parent
FHIR = "{http://hl7.org/fhir}"

FHIR_VERSION = "4.0.1"

PATIENT_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient"
FLAG_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Flag"
CARE_PLAN_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-CarePlan"
RELATED_PERSON_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-RelatedPerson"
CONSENT_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Consent"
DOCUMENT_REFERENCE_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-DocumentReference"
ORGANIZATION_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization"
PRACTITIONER_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner"
PRACTITIONER_ROLE_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-PractitionerRole"

NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code"

NHS_NUMBER_VERIFICATION_EXTENSION = (
    "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus"
)
NHS_NUMBER_VERIFICATION_SYSTEM = "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland"
ETHNIC_CATEGORY_EXTENSION = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory"
ETHNIC_CATEGORY_SYSTEM = "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland"
# UK Core 2.0.0 Patient carries the interpreter with the core extension and the language in
# Patient.communication (bound, required, to all-languages: BCP 47 tags).
INTERPRETER_REQUIRED_EXTENSION = "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired"
LANGUAGE_SYSTEM = "urn:ietf:bcp:47"
ADDITIONAL_RELATIONSHIP_SYSTEM = "https://fhir.hl7.org.uk/CodeSystem/UKCore-AdditionalPersonRelationshipRole"
FLAG_CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/flag-category"


def _root(name: str) -> ElementTree.Element:
    return ElementTree.parse(HERE / name).getroot()  # noqa: S314 - our own shipped files


@functools.cache
def code_system(name: str) -> dict[str, str]:
    """The codes of a copied CodeSystem and their displays: {"01": "Number present and verified"}."""
    return {
        concept.find(f"{FHIR}code").get("value", ""): concept.find(f"{FHIR}display").get("value", "")  # type: ignore[union-attr]
        for concept in _root(f"CodeSystem-{name}.xml").iter(f"{FHIR}concept")
    }


@functools.cache
def language_codes() -> dict[str, tuple[str, str]]:
    """A language's name in lower case to its BCP 47 tag and display, from UK Core's HumanLanguage
    (its two-letter ISO 639-1 codes are BCP 47 tags; its local "q" codes are not, and are left out)."""
    found: dict[str, tuple[str, str]] = {}
    for code, display in code_system("UKCore-HumanLanguage").items():
        if len(code) == 2 and not code.startswith("q"):
            found[display.lower()] = (code, display)
            # "Chinese; Mandarin" style displays: each name is matched.
            for part in display.replace(";", ",").split(","):
                found.setdefault(part.strip().lower(), (code, display))
    return found


def structure_definition(name: str) -> ElementTree.Element:
    """A copied StructureDefinition, for the tests that hold emitted resources to the profile."""
    return _root(f"{name}.xml")
