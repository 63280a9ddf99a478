"""The system checks refuse single sign-on half configured, over plain HTTP in production, or without `openid`."""

from tandem.identity.checks import single_sign_on_check

ENTRA = "https://login.microsoftonline.com/8f2c5a41-0d3e-4b8a-9c51-2f6e7d1a3b90/v2.0"


def _ids(settings) -> list[str]:
    return [error.id for error in single_sign_on_check(None)]


def test_off_is_fine(settings):
    settings.TANDEM_OIDC_ISSUER = settings.TANDEM_OIDC_CLIENT_ID = ""

    assert _ids(settings) == []


def test_configured_in_full_is_fine(settings):
    settings.TANDEM_OIDC_ISSUER, settings.TANDEM_OIDC_CLIENT_ID, settings.TANDEM_OIDC_CLIENT_SECRET = ENTRA, "id", "s"

    assert _ids(settings) == []


def test_an_issuer_without_a_client_secret_is_an_error(settings):
    settings.TANDEM_OIDC_ISSUER, settings.TANDEM_OIDC_CLIENT_ID, settings.TANDEM_OIDC_CLIENT_SECRET = ENTRA, "id", ""

    assert _ids(settings) == ["identity.E002"]


def test_a_plain_http_issuer_is_refused_in_production_only(settings):
    settings.TANDEM_OIDC_ISSUER, settings.TANDEM_OIDC_CLIENT_ID, settings.TANDEM_OIDC_CLIENT_SECRET = (
        "http://sign-in.example/o",
        "id",
        "s",
    )
    settings.DEBUG, settings.TANDEM_DEMO = False, True
    demo = _ids(settings)
    settings.TANDEM_DEMO = False

    assert demo == []
    assert _ids(settings) == ["identity.E003"]


def test_the_scopes_must_ask_for_openid(settings):
    settings.TANDEM_OIDC_ISSUER, settings.TANDEM_OIDC_CLIENT_ID, settings.TANDEM_OIDC_CLIENT_SECRET = ENTRA, "id", "s"
    settings.TANDEM_OIDC_SCOPES = ("profile", "email")

    assert _ids(settings) == ["identity.E004"]
