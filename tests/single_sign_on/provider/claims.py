"""The claims the test provider puts in its ID tokens: email, whether it is verified, and `amr`."""

from typing import Any

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):  # type: ignore[misc]
    # Every claim below goes in the ID token, whatever the scopes.
    oidc_claim_scope = None

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        user = request.user
        multi_factor = user.username in settings.PROVIDER_MULTI_FACTOR_USERS
        return {
            "name": user.get_full_name(),
            "email": user.email,
            "email_verified": True,
            # RFC 8176: "pwd" a password, "mfa" more than one factor.
            "amr": ["pwd", "mfa"] if multi_factor else ["pwd"],
        }
