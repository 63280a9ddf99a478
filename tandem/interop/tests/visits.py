"""The FHIR API answers JSON to partner systems, not pages: axe checks HTML pages only."""

JSON_API = {
    "interop:metadata",
    "interop:smart_configuration",
    "interop:token",
    "interop:patient_search",
    "interop:patient_read",
    "interop:patient_everything",
    "interop:flag_search",
    "interop:flag_read",
    "interop:related_person_search",
    "interop:related_person_read",
    "interop:care_plan_search",
    "interop:care_plan_read",
    "interop:goal_search",
    "interop:goal_read",
    "interop:consent_search",
    "interop:consent_read",
    "interop:unsupported",
}
