"""Signing in with an organisation account: the OpenID Connect authorization code flow (ADR 0010).

Authlib does the protocol (OpenID Connect Core 1.0 section 3.1, the authorization code flow):
discovery of the provider's endpoints (OpenID Connect Discovery 1.0), `state` against forgery of
the answer, `nonce` against replay of an ID token, PKCE with S256 (RFC 7636) against a stolen
code, the code exchange, the ID token's signature with the provider's published keys (JWKS), and
its claims (`iss`, `aud`, `exp`, `iat`, `nonce`, `at_hash`). This module reads the configuration,
starts the flow and turns its answer into the few claims Tandem needs, or says why it cannot.
Which account the claims belong to is decided in `services.organisation_sign_in`.
"""

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from authlib.integrations.django_client import DjangoOAuth2App

# Authlib and joserfc are imported only when single sign-on is used: a service with passwords
# alone never loads them (they would slow the first request of every web worker).

# Authlib keeps the flow's state, nonce and PKCE verifier in the session under this name.
CLIENT_NAME = "organisation"


@dataclass(frozen=True)
class Provider:
    """The OpenID Connect provider staff sign in with, as configured (settings.TANDEM_OIDC_*)."""

    issuer: str
    discovery_url: str
    client_id: str
    client_secret: str
    scopes: tuple[str, ...]
    acr_values: str
    timeout: float


def provider() -> Provider | None:
    """The configured provider, or None: single sign-on is off until an issuer and a client are set."""
    if not (settings.TANDEM_OIDC_ISSUER and settings.TANDEM_OIDC_CLIENT_ID):
        return None
    return Provider(
        issuer=settings.TANDEM_OIDC_ISSUER,
        discovery_url=settings.TANDEM_OIDC_DISCOVERY_URL,
        client_id=settings.TANDEM_OIDC_CLIENT_ID,
        client_secret=settings.TANDEM_OIDC_CLIENT_SECRET,
        scopes=tuple(settings.TANDEM_OIDC_SCOPES),
        acr_values=settings.TANDEM_OIDC_ACR_VALUES,
        timeout=settings.TANDEM_OIDC_TIMEOUT_SECONDS,
    )


def enabled() -> bool:
    return provider() is not None


@lru_cache(maxsize=4)
def _client(configured: Provider) -> "DjangoOAuth2App":
    """One client per configuration: it fetches the discovery document and the keys once, and the
    keys again when a token is signed with a key it does not know (the provider rotated them)."""
    from authlib.integrations.django_client import OAuth

    registry = OAuth()
    return registry.register(
        name=CLIENT_NAME,
        client_id=configured.client_id,
        client_secret=configured.client_secret,
        server_metadata_url=configured.discovery_url,
        client_kwargs={
            "scope": " ".join(configured.scopes),
            "code_challenge_method": "S256",
            "default_timeout": configured.timeout,
        },
    )


def forget_clients() -> None:
    """Fetch the discovery document and keys again at the next sign-in (after a configuration change)."""
    _client.cache_clear()


class SignInNotCompleted(Exception):
    """The provider's answer could not be accepted; `detail` says why, for the audit log only."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail[:300]


@dataclass(frozen=True)
class OrganisationIdentity:
    """What a verified ID token says about the person signing in."""

    issuer: str
    subject: str
    email: str
    email_verified: bool
    amr: tuple[str, ...]
    acr: str

    @property
    def multi_factor(self) -> bool:
        """Whether the provider says it checked more than one factor (ADR 0010): an `amr` value of
        TANDEM_OIDC_MFA_AMR (RFC 8176: `mfa`) or an `acr` of TANDEM_OIDC_MFA_ACR."""
        return bool(set(self.amr) & set(settings.TANDEM_OIDC_MFA_AMR)) or (
            bool(self.acr) and self.acr in settings.TANDEM_OIDC_MFA_ACR
        )


@cache
def _not_completed() -> tuple[type[Exception], ...]:
    """What can go wrong between Tandem and the provider: an error answer or a forged one (Authlib),
    a token that fails its signature or claims (joserfc), the provider out of reach (requests), or
    a document that is not the JSON it should be."""
    import requests
    from authlib.common.errors import AuthlibBaseError
    from joserfc.errors import JoseError

    return (AuthlibBaseError, JoseError, requests.RequestException, ValueError, KeyError, TypeError)


def authorization_redirect(request: HttpRequest, *, redirect_uri: str) -> HttpResponse:
    """Send the browser to the provider, with a new state, nonce and PKCE challenge kept in the session."""
    configured = provider()
    if configured is None:
        raise SignInNotCompleted("single sign-on is not configured")
    extra = {"acr_values": configured.acr_values} if configured.acr_values else {}
    try:
        return _client(configured).authorize_redirect(request, redirect_uri, **extra)  # type: ignore[no-any-return]
    except _not_completed() as error:
        raise SignInNotCompleted(f"could not reach the provider: {error}") from error


def identity_from_answer(request: HttpRequest) -> OrganisationIdentity:
    """Check the provider's answer and exchange its code for a verified ID token."""
    configured = provider()
    if configured is None:
        raise SignInNotCompleted("single sign-on is not configured")
    client = _client(configured)
    try:
        metadata: dict[str, Any] = client.load_server_metadata()
        # OpenID Connect Discovery 1.0, section 4.3: the issuer the document names must be the
        # one configured, or a document from elsewhere could vouch for tokens of another issuer.
        if metadata.get("issuer", "").rstrip("/") != configured.issuer:
            raise SignInNotCompleted(f"the discovery document names another issuer: {metadata.get('issuer')}")
        token = client.authorize_access_token(request)
    except _not_completed() as error:
        raise SignInNotCompleted(f"{type(error).__name__}: {error}") from error
    claims = token.get("userinfo")
    if not claims or not claims.get("sub"):
        raise SignInNotCompleted("the provider's answer had no ID token")
    amr = claims.get("amr") or []
    return OrganisationIdentity(
        issuer=str(claims["iss"]).rstrip("/"),
        subject=str(claims["sub"]),
        email=str(claims.get("email") or ""),
        email_verified=claims.get("email_verified") is True,
        amr=tuple(str(value) for value in amr) if isinstance(amr, list) else (),
        acr=str(claims.get("acr") or ""),
    )
