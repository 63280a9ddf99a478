"""System checks for the audit log's keys (ADR 0002): malformed keys stop every command; the
development key is reported by `tandem check --deploy` (production refuses to start without its
own key already, in config/settings.py)."""

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

from tandem.audit.keys import development_key_in_use, verifying_keys


@register(Tags.security)
def audit_keys_check(
    *, app_configs: Sequence[AppConfig] | None = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """audit.E002: every audit key must be well formed (id, length, no id given twice)."""
    try:
        verifying_keys()
    except ImproperlyConfigured as error:
        return [Error(str(error), id="audit.E002")]
    return []


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
