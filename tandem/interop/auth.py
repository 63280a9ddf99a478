"""Which partner is asking: the bearer token on a FHIR request, checked by the OAuth 2.0 library."""

from django.http import HttpRequest
from oauth2_provider.oauth2_backends import get_oauthlib_core

from tandem.interop.models import Partner
from tandem.interop.outcomes import FhirError
from tandem.interop.scopes import scope_for


def partner_for(request: HttpRequest, *, resource_type: str) -> Partner:
    """The partner whose valid token the request carries, if it was granted this resource type:
    401 without a valid token, 403 without the scope."""
    partner, scopes = partner_and_scopes(request)
    needed = scope_for(resource_type)
    if needed not in scopes:
        raise FhirError(403, "forbidden", f"This client may not read {resource_type}: it needs the scope {needed}")
    return partner


def partner_and_scopes(request: HttpRequest) -> tuple[Partner, set[str]]:
    """The partner whose valid token the request carries, and the scopes both token and partner hold (401 without)."""
    valid, oauth_request = get_oauthlib_core().verify_request(request, scopes=[])
    token = getattr(oauth_request, "access_token", None)
    if not valid or token is None:
        raise FhirError(401, "login", "Send a valid access token: Authorization: Bearer <token> (docs/fhir.md)")
    # With its organisation in the same query: every answer is audited under both names.
    partner = Partner.objects.select_related("organisation").filter(application_id=token.application_id).first()
    if partner is None or partner.revoked_at is not None:
        raise FhirError(401, "login", "This access token's client is not a partner of this service")
    return partner, set(token.scope.split()) & set(partner.scope_list)
