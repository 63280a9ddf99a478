"""Who may use the FHIR API's URLs without a partner's token: what a session answers.

The FHIR API answers partner systems' bearer tokens, never a session: staff without a token get
401 like a stranger (tandem/interop/tests test the tokens and scopes). It is read-only; the token
endpoint refuses a request that is not a grant (400).
"""

import uuid
from typing import Any

from tests.authorisation.matrix import World, row

# The administrator's pages for partner systems (system administrators only, as all administration).
ADMINISTRATION = {
    "interop:partner_list": row("sign_in", 403, 403, 403, 200, 403),
    "interop:partner_issue": row("sign_in", 403, 403, 403, 200, 403),
    # Nothing was just issued, so there is no secret to show: back to the list.
    "interop:partner_issued": row("sign_in", 403, 403, 403, "moved:interop:partner_list", 403),
    "interop:partner_revoke": row("sign_in", 403, 403, 403, 200, 403),
}
ADMINISTRATION_POST = {
    "interop:partner_list": row("sign_in", 405, 405, 405, 405),
    "interop:partner_issue": row("sign_in", 403, 403, 403, "saved:interop:partner_issued", 403),
    "interop:partner_issued": row("sign_in", 405, 405, 405, 405),
    "interop:partner_revoke": row("sign_in", 403, 403, 403, "saved:interop:partner_list", 403),
}

GET = {
    "interop:metadata": row(200, 200, 200, 200, 200),
    "interop:smart_configuration": row(200, 200, 200, 200, 200),
    "interop:token": row(405, 405, 405, 405, 405),
    "interop:patient_search": row(401, 401, 401, 401, 401),
    "interop:patient_read": row(401, 401, 401, 401, 401),
    "interop:patient_everything": row(401, 401, 401, 401, 401),
    "interop:flag_search": row(401, 401, 401, 401, 401),
    "interop:flag_read": row(401, 401, 401, 401, 401),
    "interop:related_person_search": row(401, 401, 401, 401, 401),
    "interop:related_person_read": row(401, 401, 401, 401, 401),
    "interop:care_plan_search": row(401, 401, 401, 401, 401),
    "interop:care_plan_read": row(401, 401, 401, 401, 401),
    "interop:goal_search": row(401, 401, 401, 401, 401),
    "interop:goal_read": row(401, 401, 401, 401, 401),
    "interop:consent_search": row(401, 401, 401, 401, 401),
    "interop:consent_read": row(401, 401, 401, 401, 401),
    "interop:document_reference_search": row(401, 401, 401, 401, 401),
    "interop:document_reference_read": row(401, 401, 401, 401, 401),
    "interop:binary_read": row(401, 401, 401, 401, 401),
    "interop:organization_search": row(401, 401, 401, 401, 401),
    "interop:organization_read": row(401, 401, 401, 401, 401),
    "interop:practitioner_search": row(401, 401, 401, 401, 401),
    "interop:practitioner_read": row(401, 401, 401, 401, 401),
    "interop:practitioner_role_search": row(401, 401, 401, 401, 401),
    "interop:practitioner_role_read": row(401, 401, 401, 401, 401),
    "interop:unsupported": row(404, 404, 404, 404, 404),
    # Health events in and read back (tandem/interop/tests/test_bundle_import.py tests the tokens).
    "interop:bundle_post": row(405, 405, 405, 405, 405),
    "interop:encounter_search": row(401, 401, 401, 401, 401),
    "interop:encounter_read": row(401, 401, 401, 401, 401),
    "interop:condition_search": row(401, 401, 401, 401, 401),
    "interop:condition_read": row(401, 401, 401, 401, 401),
    "interop:observation_search": row(401, 401, 401, 401, 401),
    "interop:observation_read": row(401, 401, 401, 401, 401),
    # Bulk export and teams' caseloads (tandem/interop/tests/test_bulk_export.py tests the tokens).
    "interop:export": row(401, 401, 401, 401, 401),
    "interop:patient_export": row(401, 401, 401, 401, 401),
    "interop:group_export": row(401, 401, 401, 401, 401),
    "interop:export_status": row(401, 401, 401, 401, 401),
    "interop:export_file": row(401, 401, 401, 401, 401),
    "interop:group_search": row(401, 401, 401, 401, 401),
    "interop:group_read": row(401, 401, 401, 401, 401),
    "interop:code_system_read": row(404, 404, 404, 404, 404),  # public terminology; this id is unknown
    **ADMINISTRATION,
}

POST = {
    "interop:metadata": row(405, 405, 405, 405, 405),
    "interop:smart_configuration": row(405, 405, 405, 405, 405),
    "interop:token": row(400, 400, 400, 400, 400),
    "interop:patient_search": row(405, 405, 405, 405, 405),
    "interop:patient_read": row(405, 405, 405, 405, 405),
    "interop:patient_everything": row(405, 405, 405, 405, 405),
    "interop:flag_search": row(405, 405, 405, 405, 405),
    "interop:flag_read": row(405, 405, 405, 405, 405),
    "interop:related_person_search": row(405, 405, 405, 405, 405),
    "interop:related_person_read": row(405, 405, 405, 405, 405),
    "interop:care_plan_search": row(405, 405, 405, 405, 405),
    "interop:care_plan_read": row(405, 405, 405, 405, 405),
    "interop:goal_search": row(405, 405, 405, 405, 405),
    "interop:goal_read": row(405, 405, 405, 405, 405),
    "interop:consent_search": row(405, 405, 405, 405, 405),
    "interop:consent_read": row(405, 405, 405, 405, 405),
    "interop:document_reference_search": row(405, 405, 405, 405, 405),
    "interop:document_reference_read": row(405, 405, 405, 405, 405),
    "interop:binary_read": row(405, 405, 405, 405, 405),
    "interop:organization_search": row(405, 405, 405, 405, 405),
    "interop:organization_read": row(405, 405, 405, 405, 405),
    "interop:practitioner_search": row(405, 405, 405, 405, 405),
    "interop:practitioner_read": row(405, 405, 405, 405, 405),
    "interop:practitioner_role_search": row(405, 405, 405, 405, 405),
    "interop:practitioner_role_read": row(405, 405, 405, 405, 405),
    "interop:unsupported": row(405, 405, 405, 405, 405),
    "interop:bundle_post": row(401, 401, 401, 401, 401),
    "interop:encounter_search": row(405, 405, 405, 405, 405),
    "interop:encounter_read": row(405, 405, 405, 405, 405),
    "interop:condition_search": row(405, 405, 405, 405, 405),
    "interop:condition_read": row(405, 405, 405, 405, 405),
    "interop:observation_search": row(405, 405, 405, 405, 405),
    "interop:observation_read": row(405, 405, 405, 405, 405),
    "interop:export": row(405, 405, 405, 405, 405),
    "interop:patient_export": row(405, 405, 405, 405, 405),
    "interop:group_export": row(405, 405, 405, 405, 405),
    "interop:export_status": row(405, 405, 405, 405, 405),
    "interop:export_file": row(405, 405, 405, 405, 405),
    "interop:group_search": row(405, 405, 405, 405, 405),
    "interop:group_read": row(405, 405, 405, 405, 405),
    "interop:code_system_read": row(405, 405, 405, 405, 405),
    **ADMINISTRATION_POST,
}


def url_values(world: World) -> dict[str, Any]:
    """FHIR ids (no partner token asks for them here) and an unsupported resource type."""
    return {"resource_id": uuid.uuid4(), "rest": "Procedure", "job_id": uuid.uuid4(), "resource_type": "Patient"}


def forms(world: World) -> dict[str, dict[str, Any]]:
    return {
        "interop:partner_issue": {
            "name": "GP practice system",
            "organisation": world.partner_id,
            "scopes": ["system/Patient.read", "system/Flag.read"],
        }
    }
