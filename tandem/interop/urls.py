from django.urls import URLPattern, path

from tandem.interop import bulk_views, ingest_views, views

app_name = "interop"


def served(kind: str, name: str) -> list[URLPattern]:
    """A resource type's search (`<name>_search`) and read (`<name>_read`), generic over KINDS."""
    return [
        path(kind, views.resource_search, {"kind": kind}, name=f"{name}_search"),
        path(f"{kind}/<str:resource_id>", views.resource_read, {"kind": kind}, name=f"{name}_read"),
    ]


urlpatterns = [
    # Health events in: a transaction or collection Bundle POSTed to the base (docs/fhir.md).
    path("", ingest_views.bundle_post, name="bundle_post"),
    path("metadata", views.metadata, name="metadata"),
    path(".well-known/smart-configuration", views.smart_config, name="smart_configuration"),
    path("auth/token", views.token, name="token"),
    # FHIR Bulk Data export (docs/fhir.md, "Bulk export"): kick-off, status, files.
    path("$export", bulk_views.system_export, name="export"),
    path("Patient/$export", bulk_views.patient_export, name="patient_export"),
    path("Group/<str:resource_id>/$export", bulk_views.group_export, name="group_export"),
    path("bulk-status/<str:job_id>", bulk_views.export_status, name="export_status"),
    path("bulk-files/<str:job_id>/<str:resource_type>.ndjson", bulk_views.export_file, name="export_file"),
    path("Patient", views.resource_search, {"kind": "Patient"}, name="patient_search"),
    path("Patient/<str:resource_id>", views.resource_read, {"kind": "Patient"}, name="patient_read"),
    path("Patient/<str:resource_id>/$everything", views.patient_everything, name="patient_everything"),
    path("Flag", views.resource_search, {"kind": "Flag"}, name="flag_search"),
    path("Flag/<str:resource_id>", views.resource_read, {"kind": "Flag"}, name="flag_read"),
    path("RelatedPerson", views.resource_search, {"kind": "RelatedPerson"}, name="related_person_search"),
    path(
        "RelatedPerson/<str:resource_id>",
        views.resource_read,
        {"kind": "RelatedPerson"},
        name="related_person_read",
    ),
    path("CarePlan", views.resource_search, {"kind": "CarePlan"}, name="care_plan_search"),
    path("CarePlan/<str:resource_id>", views.resource_read, {"kind": "CarePlan"}, name="care_plan_read"),
    path("Goal", views.resource_search, {"kind": "Goal"}, name="goal_search"),
    path("Goal/<str:resource_id>", views.resource_read, {"kind": "Goal"}, name="goal_read"),
    *served("Encounter", "encounter"),
    *served("Condition", "condition"),
    *served("Observation", "observation"),
    *served("Consent", "consent"),
    *served("DocumentReference", "document_reference"),
    path("Binary/<str:resource_id>", views.binary_read, name="binary_read"),
    path("CodeSystem/<str:resource_id>", views.code_system_read, name="code_system_read"),
    *served("Organization", "organization"),
    *served("Practitioner", "practitioner"),
    *served("PractitionerRole", "practitioner_role"),
    *served("Group", "group"),
    # Anything else under /fhir/ is a resource type or interaction Tandem does not offer.
    path("<path:rest>", views.unsupported, name="unsupported"),
]
