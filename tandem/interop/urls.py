from django.urls import path

from tandem.interop import views

app_name = "interop"

urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path(".well-known/smart-configuration", views.smart_config, name="smart_configuration"),
    path("auth/token", views.token, name="token"),
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
    path("Consent", views.resource_search, {"kind": "Consent"}, name="consent_search"),
    path("Consent/<str:resource_id>", views.resource_read, {"kind": "Consent"}, name="consent_read"),
    path("DocumentReference", views.resource_search, {"kind": "DocumentReference"}, name="document_reference_search"),
    path(
        "DocumentReference/<str:resource_id>",
        views.resource_read,
        {"kind": "DocumentReference"},
        name="document_reference_read",
    ),
    path("Binary/<str:resource_id>", views.binary_read, name="binary_read"),
    path("Organization", views.resource_search, {"kind": "Organization"}, name="organization_search"),
    path("Organization/<str:resource_id>", views.resource_read, {"kind": "Organization"}, name="organization_read"),
    path("Practitioner", views.resource_search, {"kind": "Practitioner"}, name="practitioner_search"),
    path("Practitioner/<str:resource_id>", views.resource_read, {"kind": "Practitioner"}, name="practitioner_read"),
    path("PractitionerRole", views.resource_search, {"kind": "PractitionerRole"}, name="practitioner_role_search"),
    path(
        "PractitionerRole/<str:resource_id>",
        views.resource_read,
        {"kind": "PractitionerRole"},
        name="practitioner_role_read",
    ),
    # Anything else under /fhir/ is a resource type or interaction Tandem does not offer.
    path("<path:rest>", views.unsupported, name="unsupported"),
]
