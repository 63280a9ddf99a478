"""Health events read back by partners: Encounter, Condition and Observation, as they were received.

Each health event Tandem keeps is served as the resource type it arrived as (an admission and its
discharge from one Encounter are two Encounters: the stay, and the discharge), claiming the UK Core
profile, to partners who may see the person (the same consent rule as Patient), every read audited.
"""

from typing import Any

from tandem.interop import search, uk_core
from tandem.interop.models import Partner
from tandem.interop.resources import Resource, instant
from tandem.interop.selectors import Found, _page, _uuid
from tandem.people import partner_selectors
from tandem.prevention import selectors as prevention_selectors
from tandem.prevention.codes import EventKind

ENCOUNTER_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter"
CONDITION_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Condition"
OBSERVATION_PROFILE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation"

ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
# The class an event is served with when the partner's own class was not kept.
CLASS_OF: dict[str, tuple[str, str]] = {
    EventKind.EMERGENCY_ADMISSION: ("IMP", "inpatient encounter"),
    EventKind.ELECTIVE_ADMISSION: ("IMP", "inpatient encounter"),
    EventKind.OTHER_ADMISSION: ("IMP", "inpatient encounter"),
    EventKind.DISCHARGE: ("IMP", "inpatient encounter"),
    EventKind.AE_ATTENDANCE: ("EMER", "emergency"),
    EventKind.GP_CONTACT: ("AMB", "ambulatory"),
}


def _codings(event: Any, element: str) -> list[Resource]:
    return [
        {
            key: value
            for key, value in (("system", c["system"]), ("code", c["code"]), ("display", c["display"]))
            if value
        }
        for c in event.codes
        if c.get("element") == element
    ]


def _concept(event: Any, element: str) -> Resource | None:
    codings = _codings(event, element)
    return {"coding": codings} if codings else None


def _common(event: Any, resource_type: str, profile: str) -> Resource:
    return {
        "resourceType": resource_type,
        "id": str(event.uuid),
        "meta": {"lastUpdated": instant(event.updated_at), "profile": [profile]},
        "subject": {"reference": f"Patient/{event.person.uuid}"},
    }


def _organisation(event: Any) -> Resource | None:
    if not (event.source_organisation_code or event.source_organisation_name):
        return None
    reference: Resource = {"type": "Organization"}
    if event.source_organisation_code:
        reference["identifier"] = {"system": uk_core.ODS_SYSTEM, "value": event.source_organisation_code}
    if event.source_organisation_name:
        reference["display"] = event.source_organisation_name
    return reference


def _drop_empty(resource: Resource) -> Resource:
    return {key: value for key, value in resource.items() if value not in (None, [], {}, "")}


def encounter(event: Any) -> Resource:
    """An admission, discharge, A&E attendance or GP contact as a UK Core Encounter."""
    klass = next(iter(_codings(event, "class")), None)
    if klass is None:
        code, display = CLASS_OF[event.kind]
        klass = {"system": ACT_CODE, "code": code, "display": display}
    discharge = event.kind == EventKind.DISCHARGE
    finished = discharge or event.ended_at is not None or event.kind == EventKind.GP_CONTACT
    period = {"end": event.occurred_at} if discharge else {"start": event.occurred_at, "end": event.ended_at}
    hospitalization = _drop_empty(
        {
            "admitSource": _concept(event, "admitSource"),
            "dischargeDisposition": _concept(event, "dischargeDisposition"),
        }
    )
    resource = _common(event, "Encounter", ENCOUNTER_PROFILE) | {
        "status": "finished" if finished else "in-progress",
        "class": klass,
        "type": [
            {"coding": _codings(event, "type"), "text": event.get_kind_display()},
        ],
        "priority": _concept(event, "priority"),
        "period": {key: instant(value) for key, value in period.items() if value is not None},
        "reasonCode": [{"coding": [coding]} for coding in _codings(event, "reasonCode")],
        "hospitalization": hospitalization,
        "serviceProvider": _organisation(event),
    }
    resource["type"] = [_drop_empty(resource["type"][0])]
    return _drop_empty(resource)


def condition(event: Any) -> Resource:
    """A fall a partner sent as a Condition."""
    return _drop_empty(
        _common(event, "Condition", CONDITION_PROFILE)
        | {
            "code": {"coding": _codings(event, "code"), "text": event.summary or event.get_kind_display()},
            "onsetDateTime": instant(event.occurred_at),
            "recordedDate": instant(event.received_at),
        }
    )


def observation(event: Any) -> Resource:
    """A fall or a telecare alert a partner sent as an Observation."""
    category = [{"coding": [coding]} for coding in _codings(event, "category")]
    return _drop_empty(
        _common(event, "Observation", OBSERVATION_PROFILE)
        | {
            "status": "final",
            "category": category,
            "code": {"coding": _codings(event, "code"), "text": event.summary or event.get_kind_display()},
            "effectiveDateTime": instant(event.occurred_at),
            "performer": [performer] if (performer := _organisation(event)) else [],
        }
    )


def _events(partner: Partner, resource_type: str) -> Any:
    shared = partner_selectors.person_ids_shared_with(organisation_id=partner.organisation_id)
    return prevention_selectors.events_about(people=shared, resource_types=[resource_type])


def finder(resource_type: str) -> Any:
    def find(*, partner: Partner, criteria: search.Criteria) -> Found:
        return _page(_events(partner, resource_type), criteria)

    return find


def getter(resource_type: str) -> Any:
    def get(*, partner: Partner, resource_id: str) -> Any | None:
        found = _uuid(resource_id)
        return None if found is None else _events(partner, resource_type).filter(uuid=found).first()

    return get


def rows_about(*, partner: Partner, resource_type: str, person: Any) -> list[Any]:
    """The events of one person the partner may see, as this resource type (for `$everything`)."""
    return list(_events(partner, resource_type).filter(person=person))


def encounters_about(*, partner: Partner, person: Any) -> list[Any]:
    """The person's admissions, discharges, A&E attendances and GP contacts the partner may see."""
    return rows_about(partner=partner, resource_type="Encounter", person=person)


def conditions_about(*, partner: Partner, person: Any) -> list[Any]:
    """The person's falls received as Conditions that the partner may see."""
    return rows_about(partner=partner, resource_type="Condition", person=person)


def observations_about(*, partner: Partner, person: Any) -> list[Any]:
    """The person's falls and telecare alerts received as Observations that the partner may see."""
    return rows_about(partner=partner, resource_type="Observation", person=person)


# For `Patient/{id}/$everything` and a bulk export: each event resource type's rows about a person.
EVENTS_ABOUT = {"Encounter": encounters_about, "Condition": conditions_about, "Observation": observations_about}

EVENT_PARAMETERS: dict[str, tuple[set[str], search.Builder]] = {
    **search.ABOUT_A_PATIENT,
    "subject": search.ABOUT_A_PATIENT["patient"],
    "date": (set(), lambda v, m: search.date_filter("occurred_at", v, "date", as_date=False)),
}

EVENT_SEARCH = [
    ("patient", "reference", "Patient/{id}: the health events of one person"),
    ("subject", "reference", "the same as patient"),
    ("date", "date", "when it happened; prefixes eq ne lt gt le ge sa eb"),
    ("_id", "token", "the resource's id"),
    ("_lastUpdated", "date", "when it last changed; prefixes eq ne lt gt le ge sa eb"),
]

# (resource type, profile, how an event becomes it), for the kinds and the CapabilityStatement.
EVENT_RESOURCES = (
    ("Encounter", ENCOUNTER_PROFILE, encounter),
    ("Condition", CONDITION_PROFILE, condition),
    ("Observation", OBSERVATION_PROFILE, observation),
)

BUNDLE_DOCUMENTATION = (
    "POST a transaction or collection Bundle to the base to send health events: Encounter (admissions, "
    "discharges, A&E attendances, GP contacts), Condition and Observation (falls, telecare alerts), with "
    "the Patient each is about (matched by NHS number). All or nothing: a Bundle with any fault is refused "
    "with an OperationOutcome naming each element. Needs system/<Resource>.write for each type kept."
)
