from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tandem.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from tandem.audit import checks  # noqa: F401 - registers the audit key's deployment check
        from tandem.audit.keys import verifying_keys

        # A malformed audit key stops every process as it starts, not at the first seal it makes.
        verifying_keys()
