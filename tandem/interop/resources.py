"""Tandem's records as FHIR R4 resources claiming the UK Core profiles (JSON-ready dicts).

What each element carries, and what Tandem leaves out, is in docs/fhir.md.
"""

from datetime import UTC, date, datetime
from typing import Any

from tandem.core import clock
from tandem.interop import uk_core
from tandem.people.codes import Ethnicity, Gender, Relationship
from tandem.people.models import HazardWarning, NetworkMember, Person

Resource = dict[str, Any]

# Tandem records the 2021 Census categories (CLD); UK Core codes the 2001 ones (NHS Data
# Dictionary "Ethnic category"), which fold the newer groups into "any other" as NHS systems do.
ETHNIC_CATEGORY: dict[str, str] = {
    Ethnicity.WHITE_BRITISH: "A",
    Ethnicity.WHITE_IRISH: "B",
    Ethnicity.WHITE_GYPSY_TRAVELLER: "C",
    Ethnicity.WHITE_ROMA: "C",
    Ethnicity.WHITE_OTHER: "C",
    Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN: "D",
    Ethnicity.MIXED_WHITE_BLACK_AFRICAN: "E",
    Ethnicity.MIXED_WHITE_ASIAN: "F",
    Ethnicity.MIXED_OTHER: "G",
    Ethnicity.ASIAN_INDIAN: "H",
    Ethnicity.ASIAN_PAKISTANI: "J",
    Ethnicity.ASIAN_BANGLADESHI: "K",
    Ethnicity.ASIAN_OTHER: "L",
    Ethnicity.BLACK_CARIBBEAN: "M",
    Ethnicity.BLACK_AFRICAN: "N",
    Ethnicity.BLACK_OTHER: "P",
    Ethnicity.ASIAN_CHINESE: "R",
    Ethnicity.OTHER_ARAB: "S",
    Ethnicity.OTHER_ANY: "S",
    Ethnicity.REFUSED: "Z",
    Ethnicity.NOT_KNOWN: "99",
}

ADMINISTRATIVE_GENDER: dict[str, str] = {
    Gender.FEMALE: "female",
    Gender.MALE: "male",
    Gender.OTHER: "other",
    Gender.UNKNOWN: "unknown",
}

# Tandem checks an NHS number's check digit but does not trace it with the Personal Demographics
# Service, so every number it sends is "present but not traced" (UK Core NHSNumberVerificationStatus).
NOT_TRACED = "02"


def instant(moment: datetime) -> str:
    """A FHIR instant in UTC, to the millisecond (so `_lastUpdated` searches compare what was sent)."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _coding(system: str, code: str, display: str) -> Resource:
    return {"system": system, "code": code, "display": display}


def _nhs_number(person: Person) -> list[Resource]:
    if not person.nhs_number:
        return []
    status = uk_core.code_system("UKCore-NHSNumberVerificationStatusEngland")[NOT_TRACED]
    return [
        {
            "extension": [
                {
                    "url": uk_core.NHS_NUMBER_VERIFICATION_EXTENSION,
                    "valueCodeableConcept": {
                        "coding": [_coding(uk_core.NHS_NUMBER_VERIFICATION_SYSTEM, NOT_TRACED, status)]
                    },
                }
            ],
            "system": uk_core.NHS_NUMBER_SYSTEM,
            "value": person.nhs_number,
        }
    ]


def _names(person: Person) -> list[Resource]:
    official: Resource = {"use": "official", "family": person.family_name}
    given = [person.given_name, *person.other_given_names.split()]
    official["given"] = [name for name in given if name]
    if person.title:
        official["prefix"] = [person.title]
    names = [official]
    if person.preferred_name and person.preferred_name != person.given_name:
        names.append({"use": "usual", "family": person.family_name, "given": [person.preferred_name]})
    for previous in person.previous_names.all():
        old: Resource = {"use": "old", "family": previous.family_name}
        if previous.given_name:
            old["given"] = [previous.given_name]
        if previous.used_until:
            old["period"] = {"end": previous.used_until.isoformat()}
        names.append(old)
    return names


def _address(person: Person) -> list[Resource]:
    lines = [line for line in (person.address_line_1, person.address_line_2) if line]
    if not (lines or person.town or person.postcode):
        return []
    address: Resource = {"use": "home", "type": "physical"}
    if lines:
        address["line"] = lines
    if person.town:
        address["city"] = person.town
    if person.postcode:
        address["postalCode"] = person.postcode
    return [address]


def _extensions(person: Person) -> list[Resource]:
    code = ETHNIC_CATEGORY[person.ethnicity]
    display = uk_core.code_system("UKCore-EthnicCategoryEngland")[code]
    return [
        {
            "url": uk_core.ETHNIC_CATEGORY_EXTENSION,
            "valueCodeableConcept": {"coding": [_coding(uk_core.ETHNIC_CATEGORY_SYSTEM, code, display)]},
        },
        {"url": uk_core.INTERPRETER_REQUIRED_EXTENSION, "valueBoolean": person.interpreter_needed},
    ]


def _communication(person: Person) -> list[Resource]:
    """The preferred language, when its name is one UK Core's HumanLanguage codes with a BCP 47 tag
    (the binding is required, so a language Tandem cannot code is left out, never sent as text)."""
    found = uk_core.language_codes().get(person.preferred_language.strip().lower())
    if found is None:
        return []
    code, display = found
    return [{"language": {"coding": [_coding(uk_core.LANGUAGE_SYSTEM, code, display)]}, "preferred": True}]


def _general_practitioner(person: Person) -> list[Resource]:
    practice = person.gp_practice
    if practice is None:
        return []
    return [
        {
            "type": "Organization",
            "identifier": {"system": uk_core.ODS_SYSTEM, "value": practice.ods_code},
            "display": practice.name,
        }
    ]


def patient(person: Person) -> Resource:
    """A person as a UK Core Patient."""
    resource: Resource = {
        "resourceType": "Patient",
        "id": str(person.uuid),
        "meta": {"lastUpdated": instant(person.updated_at), "profile": [uk_core.PATIENT_PROFILE]},
        "extension": _extensions(person),
        "identifier": _nhs_number(person),
        "active": True,
        "name": _names(person),
        "gender": ADMINISTRATIVE_GENDER.get(person.gender, "unknown"),
        "birthDate": person.date_of_birth.isoformat() if person.date_of_birth else None,
        "deceasedDateTime": person.date_of_death.isoformat() if person.date_of_death else None,
        "address": _address(person),
        "communication": _communication(person),
        "generalPractitioner": _general_practitioner(person),
    }
    return {key: value for key, value in resource.items() if value not in (None, [])}


def flag_status(warning: HazardWarning, today: date) -> str:
    active = warning.starts_on <= today and (warning.ends_on is None or warning.ends_on > today)
    return "active" if active else "inactive"


def flag(warning: HazardWarning) -> Resource:
    """A hazard warning as a UK Core Flag: a safety flag about the person, for the period it runs."""
    period = {"start": warning.starts_on.isoformat()}
    if warning.ends_on:
        period["end"] = warning.ends_on.isoformat()
    return {
        "resourceType": "Flag",
        "id": str(warning.uuid),
        "meta": {"lastUpdated": instant(warning.updated_at), "profile": [uk_core.FLAG_PROFILE]},
        "status": flag_status(warning, clock.today()),
        "category": [{"coding": [_coding(uk_core.FLAG_CATEGORY_SYSTEM, "safety", "Safety")]}],
        # No code system names Tandem's warning categories: the category and what to look out
        # for travel as text, which is what a partner's staff read.
        "code": {"text": f"{warning.get_category_display()}: {warning.description}"},
        "subject": {"reference": f"Patient/{warning.person.uuid}"},
        "period": period,
    }


V3_ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
V2_CONTACT_ROLE = "http://terminology.hl7.org/CodeSystem/v2-0131"
# Tandem's relationships in UK Core's PersonRelationshipType (HL7 v3 personal relationship roles,
# v2 contact roles); a spouse or partner is a "significant other" since Tandem does not say which.
RELATIONSHIP: dict[str, tuple[str, str, str]] = {
    Relationship.SPOUSE_OR_PARTNER: (V3_ROLE_CODE, "SIGOTHR", "significant other"),
    Relationship.CHILD: (V3_ROLE_CODE, "CHILD", "child"),
    Relationship.PARENT: (V3_ROLE_CODE, "PRN", "parent"),
    Relationship.SIBLING: (V3_ROLE_CODE, "SIB", "sibling"),
    Relationship.OTHER_FAMILY: (V3_ROLE_CODE, "FAMMEMB", "family member"),
    Relationship.FRIEND: (V3_ROLE_CODE, "FRND", "unrelated friend"),
    Relationship.NEIGHBOUR: (V3_ROLE_CODE, "NBOR", "neighbor"),
    Relationship.COMMUNITY_GROUP: (V2_CONTACT_ROLE, "O", "Other"),
    Relationship.OTHER: (V2_CONTACT_ROLE, "O", "Other"),
}
CARER = (uk_core.ADDITIONAL_RELATIONSHIP_SYSTEM, "Carer", "Carer of patient")


def related_person(member: NetworkMember) -> Resource:
    """Someone in the person's informal network as a UK Core RelatedPerson: who they are to the
    person, and whether they are an unpaid carer. What they do and how to reach them stay in Tandem
    (free text that may say more about the person than a partner needs)."""
    relationship = [_coding(*RELATIONSHIP[member.relationship])]
    if member.is_unpaid_carer:
        relationship.append(_coding(*CARER))
    resource: Resource = {
        "resourceType": "RelatedPerson",
        "id": str(member.uuid),
        "meta": {"lastUpdated": instant(member.updated_at), "profile": [uk_core.RELATED_PERSON_PROFILE]},
        "active": member.ended_on is None,
        "patient": {"reference": f"Patient/{member.person.uuid}"},
        "relationship": [{"coding": relationship, "text": member.get_relationship_display()}],
        "name": [{"text": member.name}],
    }
    if member.ended_on:
        resource["period"] = {"end": member.ended_on.isoformat()}
    return resource


def care_plan(plan: Any) -> Resource:
    """The care and support plan in force (Care Act 2014 s25) as a UK Core CarePlan: its personal
    outcomes are its Goals. The budget, services and contingency stay in Tandem."""
    return {
        "resourceType": "CarePlan",
        "id": str(plan.uuid),
        "meta": {"lastUpdated": instant(plan.updated_at), "profile": [uk_core.CARE_PLAN_PROFILE]},
        "status": "active",
        "intent": "plan",
        "title": "Care and support plan",
        "description": "Care and support plan under the Care Act 2014 (s25): the person's outcomes in their own words",
        "subject": {"reference": f"Patient/{plan.person.uuid}"},
        "period": {"start": plan.in_force_from.isoformat()},
        "created": plan.started_on.isoformat(),
        "goal": [{"reference": f"Goal/{outcome.uuid}"} for outcome in plan.outcomes.all()],
    }


def goal(outcome: Any) -> Resource:
    """A personal outcome ("I" statement) of the plan in force as a FHIR Goal (UK Core has no Goal profile)."""
    return {
        "resourceType": "Goal",
        "id": str(outcome.uuid),
        "meta": {"lastUpdated": instant(outcome.updated_at)},
        "lifecycleStatus": "active",
        "description": {"text": outcome.statement},
        "subject": {"reference": f"Patient/{outcome.plan.person.uuid}"},
        "startDate": outcome.plan.in_force_from.isoformat(),
    }
