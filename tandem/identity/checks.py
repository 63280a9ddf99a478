"""System checks for the identity settings."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from tandem.identity.permissions import Role


@register()
def second_factor_roles_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    """TANDEM_SECOND_FACTOR_ROLES must name roles that exist, or a typo would require it of no one."""
    unknown = sorted(set(settings.TANDEM_SECOND_FACTOR_ROLES) - set(Role.values))
    if not unknown:
        return []
    return [
        Error(
            f"TANDEM_SECOND_FACTOR_ROLES names roles that do not exist: {', '.join(unknown)}",
            hint=f"Use any of: {', '.join(Role.values)}",
            id="identity.E001",
        )
    ]
