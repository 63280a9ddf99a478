"""The resource types the FHIR API serves: for each, its search parameters, its reads and how a
record becomes the resource. The views are generic over these."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tandem.interop import consents, documents, events, resources, resources_admin, search, selectors
from tandem.interop.models import Partner
from tandem.interop.search import Builder, Criteria


@dataclass(frozen=True)
class Kind:
    name: str
    parameters: dict[str, tuple[set[str], Builder]]
    find: Callable[..., selectors.Found]
    get: Callable[..., Any]
    to_fhir: Callable[[Any], dict[str, Any]]
    # The person a row is about (whose record a read is logged on); None for the directory
    # (organisations, teams, staff), whose reads are logged once a request.
    person_of: Callable[[Any], Any] | None
    includes: set[str] = field(default_factory=set)
    # What `_include` adds when it is not the Patient a row is about: (partner, rows, includes) -> resources.
    include_rows: Callable[..., list[dict[str, Any]]] | None = None
    # For `Patient/{id}/$everything`: (partner, person) -> the rows about that person.
    about: Callable[..., list[Any]] | None = None

    def criteria(self, query: Any) -> Criteria:
        return search.criteria(query, resource_type=self.name, parameters=self.parameters, includes=self.includes)

    def search(self, partner: Partner, criteria: Criteria) -> selectors.Found:
        return self.find(partner=partner, criteria=criteria)

    def read(self, partner: Partner, resource_id: str) -> Any:
        return self.get(partner=partner, resource_id=resource_id)


def _flag_status(value: str, modifier: str) -> Any:
    codes = {code: selectors.flag_status_filter(code) for code in ("active", "inactive", "entered-in-error")}
    return search.token_of(codes, "status")(value, modifier)


KINDS: dict[str, Kind] = {
    "Patient": Kind(
        name="Patient",
        parameters={**search.PATIENT_PARAMETERS, **search.COMMON_PARAMETERS},
        find=selectors.patients_search,
        get=selectors.patient_get,
        to_fhir=resources.patient,
        person_of=lambda person: person,
    ),
    "Flag": Kind(
        name="Flag",
        parameters={**search.ABOUT_A_PATIENT, "status": (set(), _flag_status)},
        find=selectors.flags_search,
        get=selectors.flag_get,
        to_fhir=resources.flag,
        person_of=lambda warning: warning.person,
        includes={"Flag:patient"},
    ),
    "RelatedPerson": Kind(
        name="RelatedPerson",
        parameters=search.ABOUT_A_PATIENT,
        find=selectors.related_people_search,
        get=selectors.related_person_get,
        to_fhir=resources.related_person,
        person_of=lambda member: member.person,
        includes={"RelatedPerson:patient"},
    ),
    "CarePlan": Kind(
        name="CarePlan",
        parameters={**search.ABOUT_A_PATIENT, "subject": search.ABOUT_A_PATIENT["patient"]},
        find=selectors.care_plans_search,
        get=selectors.care_plan_get,
        to_fhir=resources.care_plan,
        person_of=lambda plan: plan.person,
        includes={"CarePlan:subject", "CarePlan:patient"},
    ),
    "Goal": Kind(
        name="Goal",
        parameters={**search.ABOUT_A_PATIENT, "subject": search.ABOUT_A_PATIENT["patient"]},
        find=selectors.goals_search,
        get=selectors.goal_get,
        to_fhir=resources.goal,
        person_of=lambda outcome: outcome.plan.person,
        includes={"Goal:subject", "Goal:patient"},
    ),
}

# Health events received from partners, read back (tandem/interop/events.py).
for _name, _profile, _to_fhir in events.EVENT_RESOURCES:
    KINDS[_name] = Kind(
        name=_name,
        parameters=events.EVENT_PARAMETERS,
        find=events.finder(_name),
        get=events.getter(_name),
        to_fhir=_to_fhir,
        person_of=lambda event: event.person,
        includes={f"{_name}:patient", f"{_name}:subject"},
        about=lambda partner, person, _kind=_name: events.rows_about(
            partner=partner, resource_type=_kind, person=person
        ),
    )

# Consent to share, documents, teams and staff (issue 16): each in its own module.
KINDS["Consent"] = Kind(
    name="Consent",
    parameters=consents.PARAMETERS,
    find=consents.consents_search,
    get=consents.consent_get,
    to_fhir=consents.consent,
    person_of=lambda decision: decision.person,
    includes={"Consent:patient"},
    about=consents.consents_about,
)
KINDS["DocumentReference"] = Kind(
    name="DocumentReference",
    parameters=documents.PARAMETERS,
    find=documents.documents_search,
    get=documents.document_get,
    to_fhir=documents.document_reference,
    person_of=lambda document: document.person,
    includes={"DocumentReference:patient", "DocumentReference:subject"},
    about=documents.documents_about,
)
KINDS["Organization"] = Kind(
    name="Organization",
    parameters=resources_admin.ORGANIZATION_PARAMETERS,
    find=resources_admin.organizations_search,
    get=resources_admin.organization_get,
    to_fhir=resources_admin.organization,
    person_of=None,
)
KINDS["Practitioner"] = Kind(
    name="Practitioner",
    parameters=resources_admin.PRACTITIONER_PARAMETERS,
    find=resources_admin.practitioners_search,
    get=resources_admin.practitioner_get,
    to_fhir=resources_admin.practitioner,
    person_of=None,
)
KINDS["PractitionerRole"] = Kind(
    name="PractitionerRole",
    parameters=resources_admin.PRACTITIONER_ROLE_PARAMETERS,
    find=resources_admin.practitioner_roles_search,
    get=resources_admin.practitioner_role_get,
    to_fhir=resources_admin.practitioner_role,
    person_of=None,
    includes={"PractitionerRole:practitioner", "PractitionerRole:organization"},
    include_rows=resources_admin.practitioner_role_includes,
)
