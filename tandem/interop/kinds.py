"""The resource types the FHIR API serves: for each, its search parameters, its reads and how a
record becomes the resource. The views are generic over these."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tandem.interop import consents, documents, events, groups, resources, resources_admin, search, selectors
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
    # The field a row's last change is in, for `_since` and a bulk export's transaction time
    # (None: the table keeps none, so every row is always exported).
    updated_field: str | None = "updated_at"
    # The path from a row to the person it is about, for a group- or patient-level export.
    person_field: str = "person"

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
        person_field="pk",
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
        parameters={**search.ABOUT_A_PATIENT_BY_PLAN, "subject": search.ABOUT_A_PATIENT_BY_PLAN["patient"]},
        find=selectors.goals_search,
        get=selectors.goal_get,
        to_fhir=resources.goal,
        person_of=lambda outcome: outcome.plan.person,
        person_field="plan__person",
        includes={"Goal:subject", "Goal:patient"},
    ),
}


def _person(row: Any) -> Any:
    """The person a row about someone is about (its `person`)."""
    return row.person


def about_a_person(
    name: str,
    *,
    parameters: dict[str, tuple[set[str], Builder]],
    find: Callable[..., selectors.Found],
    get: Callable[..., Any],
    to_fhir: Callable[[Any], dict[str, Any]],
    about: Callable[..., list[Any]],
    by_subject: bool = True,
) -> Kind:
    """A resource type about one person (`patient`, and `subject` too unless told), read on that
    person's record and carried by `Patient/{id}/$everything` and a bulk export."""
    includes = {f"{name}:patient", *([f"{name}:subject"] if by_subject else [])}
    return Kind(
        name=name,
        parameters=parameters,
        find=find,
        get=get,
        to_fhir=to_fhir,
        person_of=_person,
        includes=includes,
        about=about,
    )


def directory(
    name: str,
    *,
    parameters: dict[str, tuple[set[str], Builder]],
    find: Callable[..., selectors.Found],
    get: Callable[..., Any],
    to_fhir: Callable[[Any], dict[str, Any]],
    include_rows: Callable[..., list[dict[str, Any]]] | None = None,
    includes: frozenset[str] = frozenset(),
    updated_field: str | None = "updated_at",
) -> Kind:
    """A resource type of the service's directory (no person's record): its reads are logged once a request."""
    return Kind(
        name=name,
        parameters=parameters,
        find=find,
        get=get,
        to_fhir=to_fhir,
        person_of=None,
        includes=set(includes),
        include_rows=include_rows,
        updated_field=updated_field,
    )


# Health events received from partners, read back (tandem/interop/events.py).
for _name, _profile, _to_fhir in events.EVENT_RESOURCES:
    KINDS[_name] = about_a_person(
        _name,
        parameters=events.EVENT_PARAMETERS,
        find=events.finder(_name),
        get=events.getter(_name),
        to_fhir=_to_fhir,
        about=events.EVENTS_ABOUT[_name],
    )

# Consent to share, documents, teams and staff (issue 16): each in its own module.
KINDS["Consent"] = about_a_person(
    "Consent",
    parameters=consents.PARAMETERS,
    find=consents.consents_search,
    get=consents.consent_get,
    to_fhir=consents.consent,
    about=consents.consents_about,
    by_subject=False,
)
KINDS["DocumentReference"] = about_a_person(
    "DocumentReference",
    parameters=documents.PARAMETERS,
    find=documents.documents_search,
    get=documents.document_get,
    to_fhir=documents.document_reference,
    about=documents.documents_about,
)
KINDS["Organization"] = directory(
    "Organization",
    parameters=resources_admin.ORGANIZATION_PARAMETERS,
    find=resources_admin.organizations_search,
    get=resources_admin.organization_get,
    to_fhir=resources_admin.organization,
)
KINDS["Practitioner"] = directory(
    "Practitioner",
    parameters=resources_admin.PRACTITIONER_PARAMETERS,
    find=resources_admin.practitioners_search,
    get=resources_admin.practitioner_get,
    to_fhir=resources_admin.practitioner,
    updated_field=None,  # a staff account keeps no time it last changed
)
KINDS["PractitionerRole"] = directory(
    "PractitionerRole",
    parameters=resources_admin.PRACTITIONER_ROLE_PARAMETERS,
    find=resources_admin.practitioner_roles_search,
    get=resources_admin.practitioner_role_get,
    to_fhir=resources_admin.practitioner_role,
    includes=frozenset({"PractitionerRole:practitioner", "PractitionerRole:organization"}),
    include_rows=resources_admin.practitioner_role_includes,
)
# A team's caseload, the group a bulk export at group level covers (tandem/interop/groups.py).
KINDS["Group"] = directory(
    "Group",
    parameters=groups.PARAMETERS,
    find=groups.groups_search,
    get=groups.group_get,
    to_fhir=groups.group,
)
