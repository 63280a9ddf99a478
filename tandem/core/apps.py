from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tandem.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Registers the production checks `manage.py check --deploy` runs.
        from tandem.core import deployment  # noqa: F401
