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


@register()
def single_sign_on_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Single sign-on half configured would show a button that cannot work; outside the demo and
    debug its issuer must be HTTPS (OpenID Connect Discovery 1.0, section 3)."""
    issuer, client_id = settings.TANDEM_OIDC_ISSUER, settings.TANDEM_OIDC_CLIENT_ID
    if not (issuer or client_id):
        return []
    errors = []
    if not (issuer and client_id and settings.TANDEM_OIDC_CLIENT_SECRET):
        errors.append(
            Error(
                "Single sign-on needs TANDEM_OIDC_ISSUER, TANDEM_OIDC_CLIENT_ID and TANDEM_OIDC_CLIENT_SECRET together",
                hint="Set all three (docs/deployment.md), or none to sign in with passwords only",
                id="identity.E002",
            )
        )
    if issuer and not issuer.startswith("https://") and not (settings.DEBUG or settings.TANDEM_DEMO):
        errors.append(
            Error(
                f"TANDEM_OIDC_ISSUER must be an https:// address in production: {issuer}",
                id="identity.E003",
            )
        )
    if "openid" not in settings.TANDEM_OIDC_SCOPES:
        errors.append(Error("TANDEM_OIDC_SCOPES must include openid", id="identity.E004"))
    return errors
