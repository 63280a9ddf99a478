from django.urls import path

from tandem.interop import views

app_name = "interop"

urlpatterns = [
    path("metadata", views.metadata, name="metadata"),
    path(".well-known/smart-configuration", views.smart_config, name="smart_configuration"),
    path("auth/token", views.token, name="token"),
    path("Patient", views.patient_search, name="patient_search"),
    path("Patient/<str:resource_id>", views.patient_read, name="patient_read"),
    path("Flag", views.flag_search, name="flag_search"),
    path("Flag/<str:resource_id>", views.flag_read, name="flag_read"),
    # Anything else under /fhir/ is a resource type or interaction Tandem does not offer.
    path("<path:rest>", views.unsupported, name="unsupported"),
]
