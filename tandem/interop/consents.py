"""Consent to share as FHIR Consent (UK Core): the decision that lets a partner see a person.

A partner sees only the decisions about sharing with its own organisation (the one in force and
those it replaced), for the people shared with it: a refusal means the person is not shared at
all, and decisions about other organisations are not the partner's business.
"""

from typing import Any

from django.db.models import Q

from tandem.interop import search, uk_core
from tandem.interop.models import Partner
from tandem.interop.resources import instant
from tandem.interop.search import Builder, Criteria
from tandem.interop.selectors import Found, by_id, page
from tandem.people import partner_selectors
from tandem.people.codes import ConsentDecision

Resource = dict[str, Any]

CONSENT_SCOPE = {
    "system": "http://terminology.hl7.org/CodeSystem/consentscope",
    "code": "patient-privacy",
    "display": "Privacy Consent",
}
CONSENT_CATEGORY = {"system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent"}
# R4 Consent needs a policy or a policy rule (invariant ppc-1): consent to share is an opt-in.
POLICY_RULE = {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN", "display": "opt-in"}
RECIPIENT_ROLE = {
    "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
    "code": "IRCP",
    "display": "information recipient",
}
PROVISION_TYPE = {ConsentDecision.GIVEN: "permit", ConsentDecision.REFUSED: "deny"}


def consent_status_filter(status: str) -> Q:
    """The decision in force is active; one a later decision replaced is inactive."""
    return {"active": Q(withdrawn_on__isnull=True), "inactive": Q(withdrawn_on__isnull=False)}[status]


def _status(value: str, modifier: str) -> Q:
    codes = {code: consent_status_filter(code) for code in ("active", "inactive")}
    return search.token_of(codes, "status")(value, modifier)


PARAMETERS: dict[str, tuple[set[str], Builder]] = {**search.ABOUT_A_PATIENT, "status": (set(), _status)}


def consents_search(*, partner: Partner, criteria: Criteria) -> Found:
    consents = partner_selectors.consents_shared_with(organisation_id=partner.organisation_id)
    return page(consents.order_by("-decided_on", "-pk"), criteria)


def consent_get(*, partner: Partner, resource_id: str) -> Any | None:
    return by_id(partner_selectors.consents_shared_with(organisation_id=partner.organisation_id), resource_id)


def consents_about(*, partner: Partner, person: Any) -> list[Any]:
    consents = partner_selectors.consents_shared_with(organisation_id=partner.organisation_id)
    return list(consents.filter(person=person).order_by("-decided_on", "-pk"))


def _organisation(organisation: Any) -> Resource:
    reference: Resource = {"reference": f"Organization/{organisation.uuid}", "display": organisation.name}
    if organisation.ods_code:
        reference["identifier"] = {"system": uk_core.ODS_SYSTEM, "value": organisation.ods_code}
    return reference


def consent(decision: Any) -> Resource:
    """A decision about sharing the record with an organisation as a UK Core Consent: the person
    permits (or denies) that organisation, as information recipient, from the day they decided
    until a later decision replaced it (UK GDPR Article 6 and the common law duty of confidence)."""
    period = {"start": decision.decided_on.isoformat()}
    if decision.withdrawn_on:
        period["end"] = decision.withdrawn_on.isoformat()
    resource: Resource = {
        "resourceType": "Consent",
        "id": str(decision.uuid),
        "meta": {"lastUpdated": instant(decision.updated_at), "profile": [uk_core.CONSENT_PROFILE]},
        "status": "inactive" if decision.withdrawn_on else "active",
        "scope": {"coding": [CONSENT_SCOPE]},
        "category": [{"coding": [CONSENT_CATEGORY], "text": "Consent to share the care record"}],
        "patient": {"reference": f"Patient/{decision.person.uuid}"},
        "dateTime": decision.decided_on.isoformat(),
        "performer": [{"reference": f"Patient/{decision.person.uuid}"}],
        "policyRule": {"coding": [POLICY_RULE]},
        "provision": {
            "type": PROVISION_TYPE[decision.decision],
            "period": period,
            "actor": [{"role": {"coding": [RECIPIENT_ROLE]}, "reference": _organisation(decision.organisation)}],
        },
    }
    custodian = decision.recorded_by.organisation
    if custodian is not None:
        resource["organization"] = [_organisation(custodian)]
    return resource
