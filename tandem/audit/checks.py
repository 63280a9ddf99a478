"""The audit key's deployment check (ADR 0002): `tandem check --deploy` reports a server sealing
with the published development key. A production server refuses to start without its own key
already (tandem.E004, tandem/core/deployment.py), and a malformed key stops every process (AuditConfig.ready)."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, Tags, register

from tandem.audit.keys import development_key_in_use


@register(Tags.security, deploy=True)
def audit_key_deploy_check(
    *, app_configs: Sequence[AppConfig] | None = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """audit.E001: a production server seals the audit log with its own key."""
    if not development_key_in_use():
        return []
    return [
        Error(
            "TANDEM_AUDIT_KEY is not set: the audit log is sealed with the published development key.",
            hint="Set TANDEM_AUDIT_KEY to a random secret of at least 32 characters, kept outside the database "
            "(see docs/contexts/audit.md).",
            id="audit.E001",
        )
    ]
