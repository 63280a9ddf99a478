from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "tandem.access"
    label = "access"
    verbose_name = "Access"

    def ready(self) -> None:
        from tandem.access import registrations
        from tandem.core import navigation

        navigation.register_links(registrations.NAVIGATION)
