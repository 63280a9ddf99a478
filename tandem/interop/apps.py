from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "tandem.interop"
    label = "interop"
    verbose_name = "Health partners (FHIR R4 UK Core)"

    def ready(self) -> None:
        from tandem.core import navigation
        from tandem.interop import registrations

        navigation.register_links(registrations.NAVIGATION)
