"""The test OpenID Connect provider's fixtures (tests/single_sign_on/provider/process.py)."""

from tests.single_sign_on.provider.process import oidc_provider, oidc_provider_process

__all__ = ["oidc_provider", "oidc_provider_process"]
