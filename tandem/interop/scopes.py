"""The OAuth 2.0 scopes of the FHIR API (SMART Backend Services, `system/<Resource>.read`), and
the scopes backend that lets a partner's client ask only for what its administrator granted."""

from typing import Any

from oauth2_provider.scopes import BaseScopes

# The resource types a partner may be granted, each readable and searchable.
RESOURCE_SCOPES = {
    "system/Patient.read": "Read and search Patient (people shared with the partner by consent)",
    "system/Flag.read": "Read and search Flag (their hazard warnings)",
    "system/RelatedPerson.read": "Read and search RelatedPerson (their informal network and unpaid carers)",
    "system/CarePlan.read": "Read and search CarePlan (their care and support plan in force)",
    "system/Goal.read": "Read and search Goal (the personal outcomes of that plan)",
    # Health events (docs/fhir.md "Health events in"): read back, and sent in a Bundle.
    "system/Encounter.read": "Read and search Encounter (admissions, discharges, A&E and GP contacts received)",
    "system/Condition.read": "Read and search Condition (falls received as conditions)",
    "system/Observation.read": "Read and search Observation (falls and telecare alerts received)",
    "system/Encounter.write": "Send Encounters in a Bundle (admissions, discharges, A&E attendances, GP contacts)",
    "system/Condition.write": "Send Conditions in a Bundle (falls)",
    "system/Observation.write": "Send Observations in a Bundle (falls, telecare alerts)",
    "system/Consent.read": "Read and search Consent (their consent to share with the partner's organisation)",
    "system/DocumentReference.read": "Read and search DocumentReference (their statement of needs and plan in force)",
    "system/Binary.read": "Read Binary (the PDF of such a document)",
    "system/Organization.read": "Read and search Organization (the service's organisations and teams)",
    "system/Practitioner.read": "Read and search Practitioner (the staff of those teams)",
    "system/PractitionerRole.read": "Read and search PractitionerRole (who works in which team, and how to reach them)",
    "system/Group.read": "Read and search Group (teams' caseloads), and export a Group's records in bulk",
}


def scope_for(resource_type: str, access: str = "read") -> str:
    return f"system/{resource_type}.{access}"


class PartnerScopes(BaseScopes):  # type: ignore[misc]  # the library is untyped
    def get_all_scopes(self) -> dict[str, str]:
        return RESOURCE_SCOPES

    def get_available_scopes(
        self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any
    ) -> list[str]:
        partner = getattr(application, "partner", None) if application is not None else None
        if partner is None or partner.revoked_at is not None:
            return []
        return [scope for scope in partner.scope_list if scope in RESOURCE_SCOPES]

    def get_default_scopes(self, application: Any = None, request: Any = None, *args: Any, **kwargs: Any) -> list[str]:
        # A token request that names no scope gets everything the partner was granted.
        return self.get_available_scopes(application, request)
