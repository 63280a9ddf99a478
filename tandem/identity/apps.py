from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "tandem.identity"
    label = "identity"
    verbose_name = "Identity"

    def ready(self) -> None:
        from tandem.core import navigation
        from tandem.identity import (
            checks,  # noqa: F401 - registers the system checks
            registrations,
        )

        navigation.register_links(registrations.NAVIGATION)
