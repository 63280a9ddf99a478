"""The service's organisations, teams and staff as UK Core Organization, Practitioner and
PractitionerRole: the directory a partner needs to follow a reference (who wrote this plan, which
team holds this person) and to reach the right team.

An organisation and a team are both Organizations (a team `partOf` its organisation); a member of
staff who is or was in a team is a Practitioner, and each team membership a PractitionerRole.
"""

import uuid
from typing import Any

from django.db.models import Case, F, Q, QuerySet, UUIDField, Value, When
from django.db.models.functions import Concat

from tandem.core import clock
from tandem.identity import partner_selectors as staff
from tandem.identity.models import OrganisationKind, Profession, RegistrationBody
from tandem.interop import search, uk_core
from tandem.interop.models import Partner
from tandem.interop.outcomes import FhirError
from tandem.interop.resources import instant
from tandem.interop.scopes import scope_for
from tandem.interop.search import Builder, Criteria
from tandem.interop.selectors import Found, by_id, page, page_across

Resource = dict[str, Any]

ORGANIZATION_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/organization-type"
ORGANIZATION_TYPES = {
    "govt": "Government",
    "prov": "Healthcare Provider",
    "cg": "Community Group",
    "team": "Organizational team",
}
# Tandem's kinds of organisation in HL7's organization-type (UK Core binds it, extensibly).
ORGANISATION_KIND_TYPE = {
    OrganisationKind.COUNCIL: "govt",
    OrganisationKind.NHS_TRUST: "prov",
    OrganisationKind.GP_PRACTICE: "prov",
    OrganisationKind.CARE_PROVIDER: "prov",
    OrganisationKind.VOLUNTARY: "cg",
}
# Professional registers with a UK Core identifier system. Social Work England has none yet, so a
# social worker's registration is not sent as an identifier (docs/fhir.md).
REGISTER_SYSTEM = {
    RegistrationBody.HCPC: "https://fhir.hl7.org.uk/Id/hcpc-number",
    RegistrationBody.NMC: "https://fhir.hl7.org.uk/Id/nmc-number",
    RegistrationBody.GMC: "https://fhir.hl7.org.uk/Id/gmc-number",
}
PRACTITIONER_ROLE_SYSTEM = "http://terminology.hl7.org/CodeSystem/practitioner-role"


# Searches --------------------------------------------------------------------------------------


def _nothing() -> Q:
    return Q(pk__in=[])


def _text(*fields: str) -> Builder:
    """A string parameter over these fields: starts with (ignoring case), :exact or :contains."""

    def build(value: str, modifier: str) -> Q:
        lookup = {"": "istartswith", "exact": "exact", "contains": "icontains"}[modifier]
        combined = _nothing()
        for field in fields:
            combined |= Q(**{f"{field}__{lookup}": value})
        return combined

    return build


def _reference(resource_type: str, *fields: str) -> Builder:
    """`{resource_type}/{id}`, an absolute URL ending so, or the bare id."""

    def build(value: str, modifier: str) -> Q:
        kind, _, reference = value.rpartition("/")
        if kind and not kind.endswith(resource_type):
            return _nothing()
        try:
            found = uuid.UUID(reference)
        except ValueError:
            return _nothing()
        combined = _nothing()
        for field in fields:
            combined |= Q(**{field: found})
        return combined

    return build


def _token(systems: dict[str, str], field: str, *, upper: bool = False) -> Builder:
    """`[system|]code` where each system names the codes `field` holds (`systems` maps a system
    to a prefix of the stored value, so one field can hold codes of several systems)."""

    def build(value: str, modifier: str) -> Q:
        system, bar, code = value.rpartition("|")
        code = code.strip().upper() if upper else code.strip()
        if not code:
            return _nothing()
        if bar and system:
            if system not in systems:
                return _nothing()
            return Q(**{field: f"{systems[system]}{code}"})
        combined = _nothing()
        for prefix in set(systems.values()):
            combined |= Q(**{field: f"{prefix}{code}"})
        return combined

    return build


_STRING = {"", "exact", "contains"}

ORGANIZATION_PARAMETERS: dict[str, tuple[set[str], Builder]] = {
    # ODS codes are upper case; a partner may send them in any case.
    "identifier": (set(), _token({uk_core.ODS_SYSTEM: ""}, "ods", upper=True)),
    "name": (_STRING, _text("name")),
    "type": (set(), _token({ORGANIZATION_TYPE_SYSTEM: ""}, "fhir_type")),
    "partof": (set(), _reference("Organization", "parent")),
    **search.COMMON_PARAMETERS,
}
PRACTITIONER_PARAMETERS: dict[str, tuple[set[str], Builder]] = {
    "identifier": (set(), _token({system: f"{body}:" for body, system in REGISTER_SYSTEM.items()}, "register")),
    "name": (_STRING, _text("first_name", "last_name")),
    "family": (_STRING, _text("last_name")),
    "given": (_STRING, _text("first_name")),
    "_id": search.COMMON_PARAMETERS["_id"],
}


def _role_active(value: str, modifier: str) -> Q:
    today = clock.today()
    current = (Q(started_on__isnull=True) | Q(started_on__lte=today)) & (
        Q(ended_on__isnull=True) | Q(ended_on__gt=today)
    )
    return search.token_of({"true": current, "false": ~current}, "active")(value, modifier)


PRACTITIONER_ROLE_PARAMETERS: dict[str, tuple[set[str], Builder]] = {
    "practitioner": (set(), _reference("Practitioner", "user__uuid")),
    "organization": (set(), _reference("Organization", "team__uuid")),
    "active": (set(), _role_active),
    **search.COMMON_PARAMETERS,
}


# Reads -----------------------------------------------------------------------------------------


def _organisations() -> QuerySet[Any]:
    kinds = [When(kind=kind, then=Value(code)) for kind, code in ORGANISATION_KIND_TYPE.items()]
    return staff.organisations_listed().annotate(
        ods=F("ods_code"), fhir_type=Case(*kinds, default=Value("prov")), parent=Value(None, output_field=UUIDField())
    )


def _teams() -> QuerySet[Any]:
    return staff.teams_listed().annotate(ods=Value(""), fhir_type=Value("team"), parent=F("organisation__uuid"))


def organizations_search(*, partner: Partner, criteria: Criteria) -> Found:
    """Organisations and their teams, by name: two small tables read as one list."""
    return page_across(
        [_organisations(), _teams()], criteria, key=lambda row: (row.name.lower(), str(row.uuid)), order=None
    )


def organization_get(*, partner: Partner, resource_id: str) -> Any | None:
    return by_id(_organisations(), resource_id) or by_id(_teams(), resource_id)


def _staff() -> QuerySet[Any]:
    return staff.staff_listed().annotate(register=Concat(F("registration_body"), Value(":"), F("registration_number")))


def practitioners_search(*, partner: Partner, criteria: Criteria) -> Found:
    return page(_staff().order_by("last_name", "first_name", "pk"), criteria)


def practitioner_get(*, partner: Partner, resource_id: str) -> Any | None:
    return by_id(_staff(), resource_id)


def practitioner_roles_search(*, partner: Partner, criteria: Criteria) -> Found:
    return page(staff.memberships_listed().order_by("team__name", "user__last_name", "pk"), criteria)


def practitioner_role_get(*, partner: Partner, resource_id: str) -> Any | None:
    return by_id(staff.memberships_listed(), resource_id)


def practitioner_role_includes(*, partner: Partner, rows: list[Any], includes: list[str]) -> list[Resource]:
    """`PractitionerRole:practitioner` and `PractitionerRole:organization`: each one once, when
    the partner may read that resource type too."""
    roles = rows
    for include, kind in (
        ("PractitionerRole:practitioner", "Practitioner"),
        ("PractitionerRole:organization", "Organization"),
    ):
        if include in includes and scope_for(kind) not in partner.scope_list:
            raise FhirError(403, "forbidden", f"_include of {kind} needs the scope {scope_for(kind)}")
    included: list[Resource] = []
    if "PractitionerRole:practitioner" in includes:
        people = {role.user.pk: role.user for role in roles}
        included += [practitioner(user) for user in people.values()]
    if "PractitionerRole:organization" in includes:
        teams = {role.team.pk: role.team for role in roles}
        included += [organization(team) for team in teams.values()]
    return included


# Resources -------------------------------------------------------------------------------------


def _ods_identifier(code: str) -> list[Resource]:
    return [{"system": uk_core.ODS_SYSTEM, "value": code}] if code else []


def organization(row: Any) -> Resource:
    """An organisation, or a team (part of its organisation), as a UK Core Organization."""
    is_team = hasattr(row, "organisation_id")
    code = "team" if is_team else ORGANISATION_KIND_TYPE.get(row.kind, "prov")
    resource: Resource = {
        "resourceType": "Organization",
        "id": str(row.uuid),
        "meta": {"lastUpdated": instant(row.updated_at), "profile": [uk_core.ORGANIZATION_PROFILE]},
        "identifier": [] if is_team else _ods_identifier(row.ods_code),
        "active": True,
        "type": [
            {
                "coding": [{"system": ORGANIZATION_TYPE_SYSTEM, "code": code, "display": ORGANIZATION_TYPES[code]}],
                "text": row.get_kind_display(),
            }
        ],
        "name": row.name,
    }
    if is_team:
        parent = row.organisation
        part_of: Resource = {"reference": f"Organization/{parent.uuid}", "display": parent.name}
        resource["partOf"] = part_of
    return {key: value for key, value in resource.items() if value != []}


def _registration(user: Any) -> list[Resource]:
    system = REGISTER_SYSTEM.get(user.registration_body)
    if system is None or not user.registration_number:
        return []
    return [{"system": system, "value": user.registration_number}]


def practitioner(user: Any) -> Resource:
    """A member of staff as a UK Core Practitioner: name and professional registration. How to
    reach them is on each PractitionerRole (the team they work in)."""
    name: Resource = {"use": "official", "family": user.last_name or user.username}
    if user.first_name:
        name["given"] = [user.first_name]
    resource: Resource = {
        "resourceType": "Practitioner",
        "id": str(user.uuid),
        "meta": {"profile": [uk_core.PRACTITIONER_PROFILE]},
        "identifier": _registration(user),
        "active": user.is_active,
        "name": [name],
    }
    return {key: value for key, value in resource.items() if value != []}


def _role_code(user: Any) -> Resource:
    text = user.job_title or user.get_profession_display()
    if user.profession == Profession.NURSE:
        return {"coding": [{"system": PRACTITIONER_ROLE_SYSTEM, "code": "nurse", "display": "Nurse"}], "text": text}
    return {"text": text}


def practitioner_role(membership: Any) -> Resource:
    """A member of staff in a team as a UK Core PractitionerRole: what they do there, since when,
    and their work email (the way a partner's staff reach them)."""
    today = clock.today()
    started = membership.started_on is None or membership.started_on <= today
    ended = membership.ended_on is not None and membership.ended_on <= today
    user = membership.user
    resource: Resource = {
        "resourceType": "PractitionerRole",
        "id": str(membership.uuid),
        "meta": {"lastUpdated": instant(membership.updated_at), "profile": [uk_core.PRACTITIONER_ROLE_PROFILE]},
        "active": bool(user.is_active and started and not ended),
        "practitioner": {"reference": f"Practitioner/{user.uuid}", "display": str(user)},
        "organization": {"reference": f"Organization/{membership.team.uuid}", "display": membership.team.name},
        "code": [_role_code(user)],
    }
    period = {
        key: day.isoformat()
        for key, day in (("start", membership.started_on), ("end", membership.ended_on))
        if day is not None
    }
    if period:
        resource["period"] = period
    if user.email and user.is_active:
        resource["telecom"] = [{"system": "email", "value": user.email, "use": "work"}]
    return resource
