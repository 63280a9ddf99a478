"""Checks every resource Tandem emits: valid FHIR R4 (fhir.resources models 4.0.1), and true to the
UK Core profile it claims, read from the StructureDefinitions and code systems shipped in
tandem/interop/uk_core (extension URLs, identifier systems, required bindings, cardinalities)."""

import functools
from typing import Any

from fhir.resources import __fhir_version__, construct_fhir_element

from tandem.interop import uk_core
from tandem.people.identifiers import nhs_number_is_valid

FHIR = uk_core.FHIR


def fhir_validate(resource: dict[str, Any]) -> None:
    """Parse with the R4 models: they refuse unknown elements, wrong types, bad dates and missing
    required elements (but not codes outside a required binding: the UK Core checks below do that)."""
    assert __fhir_version__ == "4.0.1"
    construct_fhir_element(resource["resourceType"], resource)


@functools.cache
def _slices(profile: str, path: str) -> dict[str, dict[str, Any]]:
    """The slices a profile's differential defines on a path: {"ethnicCategory": {"url":..., "max": "1"}}."""
    found: dict[str, dict[str, Any]] = {}
    root = uk_core.structure_definition(profile)
    for element in root.iter(f"{FHIR}element"):
        element_id = element.get("id", "")
        if not element_id.startswith(f"{path}:") or "." in element_id.removeprefix(f"{path}:"):
            continue
        name = element_id.removeprefix(f"{path}:")
        maximum = element.find(f"{FHIR}max")
        profiles = [p.get("value") for p in element.iter(f"{FHIR}profile")]
        found[name] = {
            "url": profiles[0] if profiles else None,
            "max": maximum.get("value") if maximum is not None else "*",
        }
    return found


def _fixed_uri(profile: str, element_id: str) -> str:
    for element in uk_core.structure_definition(profile).iter(f"{FHIR}element"):
        if element.get("id") == element_id:
            fixed = element.find(f"{FHIR}fixedUri")
            assert fixed is not None
            return fixed.get("value", "")
    raise AssertionError(f"{element_id} is not in {profile}")


def _valueset_systems(name: str) -> set[str]:
    root = uk_core._root(f"ValueSet-{name}.xml")
    return {include.find(f"{FHIR}system").get("value", "") for include in root.iter(f"{FHIR}include")}


def _check_coding_in(coding: dict[str, Any], valueset: str, code_systems: dict[str, str]) -> None:
    assert coding["system"] in _valueset_systems(valueset)
    cs_name = code_systems[coding["system"]]
    assert coding["code"] in uk_core.code_system(cs_name)
    assert coding["display"] == uk_core.code_system(cs_name)[coding["code"]]


def uk_core_patient_check(resource: dict[str, Any]) -> None:
    assert resource["meta"]["profile"] == [uk_core.PATIENT_PROFILE]
    slices = _slices("UKCore-Patient", "Patient.extension")
    allowed = {entry["url"]: name for name, entry in slices.items()}
    for extension in resource.get("extension", []):
        assert extension["url"] in allowed, f"{extension['url']} is not an extension UKCore-Patient defines"
    for name, entry in slices.items():
        used = [e for e in resource.get("extension", []) if e["url"] == entry["url"]]
        if entry["max"] != "*":
            assert len(used) <= int(entry["max"]), name
    ethnic = [e for e in resource.get("extension", []) if e["url"] == uk_core.ETHNIC_CATEGORY_EXTENSION]
    assert _fixed_uri("Extension-UKCore-EthnicCategory", "Extension.url") == uk_core.ETHNIC_CATEGORY_EXTENSION
    for extension in ethnic:
        (coding,) = extension["valueCodeableConcept"]["coding"]
        _check_coding_in(
            coding, "UKCore-EthnicCategory", {uk_core.ETHNIC_CATEGORY_SYSTEM: "UKCore-EthnicCategoryEngland"}
        )
    nhs_slice = _slices("UKCore-Patient", "Patient.identifier")["nhsNumber"]
    nhs_numbers = [i for i in resource.get("identifier", []) if i.get("system") == uk_core.NHS_NUMBER_SYSTEM]
    assert _fixed_uri("UKCore-Patient", "Patient.identifier:nhsNumber.system") == uk_core.NHS_NUMBER_SYSTEM
    assert len(nhs_numbers) <= int(nhs_slice["max"])
    verification = _slices("UKCore-Patient", "Patient.identifier:nhsNumber.extension")["nhsNumberVerificationStatus"]
    for identifier in nhs_numbers:
        assert nhs_number_is_valid(identifier["value"])
        statuses = [e for e in identifier.get("extension", []) if e["url"] == verification["url"]]
        assert len(statuses) <= int(verification["max"])
        for status in statuses:
            (coding,) = status["valueCodeableConcept"]["coding"]
            _check_coding_in(
                coding,
                "UKCore-NHSNumberVerificationStatus",
                {uk_core.NHS_NUMBER_VERIFICATION_SYSTEM: "UKCore-NHSNumberVerificationStatusEngland"},
            )
    for communication in resource.get("communication", []):
        # Required binding to all-languages: BCP 47.
        codings = communication["language"]["coding"]
        assert any(c["system"] == uk_core.LANGUAGE_SYSTEM and c["code"] for c in codings)
    for practice in resource.get("generalPractitioner", []):
        assert practice["identifier"]["system"] == uk_core.ODS_SYSTEM
        assert practice["type"] == "Organization"
    assert resource["gender"] in {"male", "female", "other", "unknown"}  # required binding


def uk_core_flag_check(resource: dict[str, Any]) -> None:
    assert resource["meta"]["profile"] == [uk_core.FLAG_PROFILE]
    assert resource["status"] in {"active", "inactive", "entered-in-error"}  # required binding
    assert resource["subject"]["reference"].startswith("Patient/")
    assert resource["code"]  # 1..1 in R4 Flag
    for identifier in resource.get("identifier", []):
        # UK Core Flag's rule: an identifier has both.
        assert identifier.get("system")
        assert identifier.get("value")


def uk_core_related_person_check(resource: dict[str, Any]) -> None:
    assert resource["meta"]["profile"] == [uk_core.RELATED_PERSON_PROFILE]
    assert resource["patient"]["reference"].startswith("Patient/")  # 1..1
    # UK Core binds relationship (extensibly) to PersonRelationshipType: every coding is from one
    # of its code systems.
    root = uk_core._root("ValueSet-UKCore-PersonRelationshipType.xml")
    systems = {include.find(f"{FHIR}system").get("value", "") for include in root.iter(f"{FHIR}include")}
    carer_codes = uk_core.code_system("UKCore-AdditionalPersonRelationshipRole")
    for relationship in resource["relationship"]:
        for coding in relationship["coding"]:
            assert coding["system"] in systems
            if coding["system"] == uk_core.ADDITIONAL_RELATIONSHIP_SYSTEM:
                assert carer_codes[coding["code"]] == coding["display"]


def uk_core_consent_check(resource: dict[str, Any]) -> None:
    assert resource["meta"]["profile"] == [uk_core.CONSENT_PROFILE]
    # Required binding of R4 Consent.status; scope and category 1..1 and 1..*; ppc-1 (a policy or rule).
    assert resource["status"] in {"draft", "proposed", "active", "rejected", "inactive", "entered-in-error"}
    assert resource["scope"]["coding"][0]["code"] == "patient-privacy"
    assert resource["category"]
    assert resource.get("policy") or resource.get("policyRule")
    # ppc-2: a privacy consent names its patient.
    assert resource["patient"]["reference"].startswith("Patient/")
    assert resource["provision"]["type"] in {"deny", "permit"}  # required binding
    for actor in resource["provision"].get("actor", []):
        reference = actor["reference"]
        assert reference["reference"].startswith("Organization/")
        if "identifier" in reference:
            assert reference["identifier"]["system"] == uk_core.ODS_SYSTEM


def uk_core_organization_check(resource: dict[str, Any]) -> None:
    assert resource["meta"]["profile"] == [uk_core.ORGANIZATION_PROFILE]
    ods = _slices("UKCore-Organization", "Organization.identifier")["odsOrganisationCode"]
    fixed = _fixed_uri("UKCore-Organization", "Organization.identifier:odsOrganisationCode.system")
    codes = [i for i in resource.get("identifier", []) if i["system"] == fixed]
    assert len(codes) <= int(ods["max"])
    assert all(i["value"] for i in codes)
    # org-1: an identifier or a name.
    assert resource.get("identifier") or resource.get("name")
    for kind in resource.get("type", []):
        for coding in kind["coding"]:
            assert coding["system"] in _valueset_systems("UKCore-OrganizationType")


REGISTERS = {
    "https://fhir.hl7.org.uk/Id/gmc-number",
    "https://fhir.hl7.org.uk/Id/nmc-number",
    "https://fhir.hl7.org.uk/Id/hcpc-number",
}


def uk_core_practitioner_check(resource: dict[str, Any]) -> None:
    assert resource["meta"]["profile"] == [uk_core.PRACTITIONER_PROFILE]
    for identifier in resource.get("identifier", []):
        assert identifier["system"] in REGISTERS
        assert identifier["value"]
    assert resource["name"][0]["family"]


def uk_core_practitioner_role_check(resource: dict[str, Any]) -> None:
    assert resource["meta"]["profile"] == [uk_core.PRACTITIONER_ROLE_PROFILE]
    assert resource["practitioner"]["reference"].startswith("Practitioner/")
    assert resource["organization"]["reference"].startswith("Organization/")
    for telecom in resource.get("telecom", []):
        # cpt-2: a contact point with a value has a system (required binding).
        assert telecom["system"] in {"phone", "fax", "email", "pager", "url", "sms", "other"}


def uk_core_document_reference_check(resource: dict[str, Any]) -> None:
    assert resource["meta"]["profile"] == [uk_core.DOCUMENT_REFERENCE_PROFILE]
    assert resource["status"] in {"current", "superseded", "entered-in-error"}  # required binding
    assert resource.get("docStatus", "final") in {"preliminary", "final", "amended", "entered-in-error"}
    # UK Core binds type (extensibly) to UKCore-DocumentType, SNOMED CT record artifacts.
    for coding in resource["type"]["coding"]:
        assert coding["system"] in _valueset_systems("UKCore-DocumentType")
    assert resource["subject"]["reference"].startswith("Patient/")
    assert resource["content"]  # 1..*
    for content in resource["content"]:
        attachment = content["attachment"]
        assert attachment["contentType"] == "application/pdf"
        # att-1: data needs a contentType; here the PDF is fetched from its Binary.
        assert attachment["url"].endswith(f"/fhir/Binary/{resource['id']}")


def uk_core_binary_check(resource: dict[str, Any]) -> None:
    assert resource["contentType"] == "application/pdf"
    assert resource["securityContext"]["reference"] == f"DocumentReference/{resource['id']}"


CHECKS: dict[str, Any] = {
    "DocumentReference": uk_core_document_reference_check,
    "Binary": uk_core_binary_check,
    "Consent": uk_core_consent_check,
    "Organization": uk_core_organization_check,
    "Practitioner": uk_core_practitioner_check,
    "PractitionerRole": uk_core_practitioner_role_check,
}


def emitted_check(resource: dict[str, Any]) -> None:
    """Everything the API sends: each resource in a Bundle is checked against its profile."""
    fhir_validate(resource)
    resources = (
        [entry["resource"] for entry in resource.get("entry", [])]
        if resource["resourceType"] == "Bundle"
        else [resource]
    )
    for each in resources:
        if each["resourceType"] == "Patient":
            uk_core_patient_check(each)
        elif each["resourceType"] == "Flag":
            uk_core_flag_check(each)
        elif each["resourceType"] == "RelatedPerson":
            uk_core_related_person_check(each)
        elif each["resourceType"] in CHECKS:
            CHECKS[each["resourceType"]](each)
        elif each["resourceType"] == "CarePlan":
            assert each["meta"]["profile"] == [uk_core.CARE_PLAN_PROFILE]
            # Required bindings of R4 CarePlan.
            assert each["status"] in {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error"}
            assert each["intent"] in {"proposal", "plan", "order", "option"}
            assert each["subject"]["reference"].startswith("Patient/")
