from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "tandem.interop"
    label = "interop"
    verbose_name = "Health partners (FHIR R4 UK Core)"
