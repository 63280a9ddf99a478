"""Signing in with an organisation account, end to end over HTTP against a real OpenID Connect provider.

The provider is django-oauth-toolkit in OpenID Connect mode, started by the tests as a process of
its own on 127.0.0.1 (tests/single_sign_on/provider). A `requests` session plays the browser:
discovery, the redirect with state, nonce and PKCE, signing in at the provider, the code exchange,
the ID token's signature checked with the provider's keys, and a session in Tandem. Nothing is mocked.
"""

import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice
from joserfc.jwk import RSAKey

from tandem.audit.models import AuditEvent
from tandem.identity import single_sign_on
from tandem.identity.models import User
from tandem.identity.permissions import Role
from tandem.identity.sessions import SessionStore
from tests.single_sign_on.provider.process import Provider

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

START = "/sign-in/organisation/"
TIMEOUT = 20


def _sign_in_at_provider(browser: requests.Session, page: requests.Response, username: str, password: str) -> Any:
    """Fill the provider's own sign-in form, as a person would, and follow where it sends the browser."""
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text
    next_url = parse_qs(urlsplit(page.url).query)["next"][0]
    return browser.post(
        page.url,
        data={"csrfmiddlewaretoken": token.group(1), "username": username, "password": password, "next": next_url},
        headers={"Referer": page.url},
        timeout=TIMEOUT,
    )


def _sign_in(live_server: Any, provider: Provider, username: str, *, path: str = START) -> requests.Response:
    browser = requests.Session()
    at_provider = browser.get(f"{live_server.url}{path}", timeout=TIMEOUT)
    assert at_provider.url.startswith(provider.issuer.removesuffix("/o") + "/login/")
    back = _sign_in_at_provider(browser, at_provider, username, provider.password)
    back.browser = browser  # type: ignore[attr-defined]
    return back


def _link(user: User, provider: Provider, username: str) -> User:
    user.oidc_issuer, user.oidc_subject = provider.issuer, provider.subjects[username]
    user.save(update_fields=["oidc_issuer", "oidc_subject"])
    return user


def _failures() -> list[dict[str, Any]]:
    return [e.changes for e in AuditEvent.objects.filter(action="identity.user.sign_in_failed").order_by("pk")]


def test_the_sign_in_page_offers_the_organisation_account_only_when_it_is_set_up(live_server, oidc_provider, settings):
    assert "Sign in with your organisation account" in requests.get(live_server.url, timeout=TIMEOUT).text

    settings.TANDEM_OIDC_ISSUER = ""

    assert "Sign in with your organisation account" not in requests.get(live_server.url, timeout=TIMEOUT).text
    off = requests.get(f"{live_server.url}{START}", timeout=TIMEOUT, allow_redirects=False)
    assert off.status_code == 404
    assert "Signing in with an organisation account is not set up" in off.text


def test_the_redirect_carries_state_nonce_and_a_pkce_challenge(live_server, oidc_provider):
    answer = requests.get(f"{live_server.url}{START}", timeout=TIMEOUT, allow_redirects=False)

    assert answer.status_code == 302
    sent = {name: values[0] for name, values in parse_qs(urlsplit(answer.headers["Location"]).query).items()}
    assert answer.headers["Location"].startswith(f"{oidc_provider.issuer}/authorize/")
    assert sent["response_type"] == "code"
    assert sent["client_id"] == "tandem-tests"
    assert sent["scope"] == "openid profile email"
    assert sent["redirect_uri"] == f"{live_server.url}/sign-in/organisation/return/"
    assert sent["code_challenge_method"] == "S256"
    assert len(sent["code_challenge"]) == 43
    assert len(sent["state"]) >= 20
    assert len(sent["nonce"]) >= 20


def test_a_linked_member_of_staff_signs_in_with_their_organisation_account(live_server, oidc_provider, practitioner):
    _link(practitioner, oidc_provider, "nia.evans")

    back = _sign_in(live_server, oidc_provider, "nia.evans", path=f"{START}?next=/account/")

    assert back.status_code == 200
    assert back.url == f"{live_server.url}/account/"
    assert practitioner.get_full_name() in back.text
    signed_in = AuditEvent.objects.get(action="identity.user.signed_in")
    assert signed_in.actor_id == practitioner.pk
    assert signed_in.changes == {"by": "organisation account", "issuer": oidc_provider.issuer, "multi-factor": False}
    # The session is Tandem's own: another page opens with it.
    assert back.browser.get(f"{live_server.url}/people/", timeout=TIMEOUT).status_code == 200


def test_an_organisation_account_linked_to_no_one_is_refused_and_the_refusal_audited(live_server, oidc_provider):
    back = _sign_in(live_server, oidc_provider, "lee.hughes")

    assert back.status_code == 403
    assert "Your organisation account is not linked to a Tandem account" in back.text
    assert oidc_provider.subjects["lee.hughes"] in back.text
    assert _failures() == [
        {
            "by": "organisation account",
            "client address": "127.0.0.1",
            "reason": "no linked account",
            "issuer": oidc_provider.issuer,
            "subject": oidc_provider.subjects["lee.hughes"],
            "email": "lee.hughes@wirral.example",
        }
    ]
    assert back.browser.get(f"{live_server.url}/people/", timeout=TIMEOUT, allow_redirects=False).status_code == 302


def test_a_deactivated_account_is_refused(live_server, oidc_provider, practitioner):
    _link(practitioner, oidc_provider, "nia.evans")
    User.objects.filter(pk=practitioner.pk).update(is_active=False)

    back = _sign_in(live_server, oidc_provider, "nia.evans")

    assert back.status_code == 403
    assert "Your Tandem account is deactivated" in back.text
    assert [failure["reason"] for failure in _failures()] == ["account deactivated"]
    assert not AuditEvent.objects.filter(action="identity.user.signed_in").exists()


def test_an_account_locked_by_wrong_passwords_is_refused(live_server, oidc_provider, practitioner):
    _link(practitioner, oidc_provider, "nia.evans")
    csrf = requests.Session()
    page = csrf.get(live_server.url, timeout=TIMEOUT)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    for attempt in range(5):
        csrf.post(
            live_server.url,
            data={"csrfmiddlewaretoken": token, "username": practitioner.username, "password": f"wrong-{attempt}"},
            timeout=TIMEOUT,
        )

    back = _sign_in(live_server, oidc_provider, "nia.evans")

    assert back.status_code == 429
    assert "Your account is locked" in back.text
    assert _failures()[-1]["reason"] == "locked out"


def test_a_forged_answer_is_refused(live_server, oidc_provider):
    browser = requests.Session()
    browser.get(f"{live_server.url}{START}", timeout=TIMEOUT, allow_redirects=False)

    back = browser.get(f"{live_server.url}/sign-in/organisation/return/?code=stolen&state=forged", timeout=TIMEOUT)

    assert back.status_code == 400
    assert "Signing in with your organisation account did not work" in back.text
    assert _failures()[0]["reason"] == "organisation sign-in not completed"
    assert "MismatchingStateError" in _failures()[0]["detail"]


def test_an_id_token_whose_signature_does_not_verify_is_refused(live_server, oidc_provider, practitioner):
    _link(practitioner, oidc_provider, "nia.evans")
    keys = requests.get(f"{oidc_provider.issuer}/.well-known/jwks.json", timeout=TIMEOUT).json()
    # The provider's key id, on a key it does not hold: its real signature cannot verify with it.
    impostor = RSAKey.import_key(rsa.generate_private_key(public_exponent=65537, key_size=2048)).as_dict(private=False)
    impostor |= {"kid": keys["keys"][0]["kid"], "alg": "RS256", "use": "sig"}
    single_sign_on.forget_clients()
    configured = single_sign_on.provider()
    client = single_sign_on._client(configured)
    client.load_server_metadata()
    client.server_metadata["jwks"] = json.loads(json.dumps({"keys": [impostor]}))

    back = _sign_in(live_server, oidc_provider, "nia.evans")

    assert back.status_code == 400
    assert "BadSignatureError" in _failures()[0]["detail"]
    assert not AuditEvent.objects.filter(action="identity.user.signed_in").exists()


def test_with_linking_by_email_the_first_sign_in_links_the_account_of_the_verified_email(
    live_server, oidc_provider, practitioner, settings
):
    settings.TANDEM_OIDC_LINK_BY_EMAIL = True
    User.objects.filter(pk=practitioner.pk).update(email="Lee.Hughes@wirral.example")

    back = _sign_in(live_server, oidc_provider, "lee.hughes")

    assert back.status_code == 200
    practitioner.refresh_from_db()
    assert (practitioner.oidc_issuer, practitioner.oidc_subject) == (
        oidc_provider.issuer,
        oidc_provider.subjects["lee.hughes"],
    )
    assert AuditEvent.objects.filter(action="identity.staff.organisation_account_linked").count() == 1


def test_a_sign_in_the_provider_checked_with_more_than_one_factor_is_the_second_factor(
    live_server, oidc_provider, manager, settings
):
    settings.TANDEM_SECOND_FACTOR_ROLES = frozenset({Role.TEAM_MANAGER})
    _link(manager, oidc_provider, "mo.khan")

    back = _sign_in(live_server, oidc_provider, "mo.khan")

    assert back.status_code == 200
    assert back.url == f"{live_server.url}/people/my-work/"
    assert AuditEvent.objects.get(action="identity.user.signed_in").changes["multi-factor"] is True


def test_a_sign_in_with_a_password_alone_at_the_provider_still_owes_tandems_second_factor(
    live_server, oidc_provider, manager, settings
):
    settings.TANDEM_SECOND_FACTOR_ROLES = frozenset({Role.TEAM_MANAGER})
    _link(manager, oidc_provider, "nia.evans")

    back = _sign_in(live_server, oidc_provider, "nia.evans")

    assert back.url == f"{live_server.url}/account/second-factor/"


def test_a_discovery_document_that_names_another_issuer_is_refused(live_server, oidc_provider, practitioner, settings):
    _link(practitioner, oidc_provider, "nia.evans")
    # The document is the provider's, but the issuer configured is not the one it names.
    settings.TANDEM_OIDC_ISSUER = f"{oidc_provider.issuer}-elsewhere"

    back = _sign_in(live_server, oidc_provider, "nia.evans")

    assert back.status_code == 400
    assert "names another issuer" in _failures()[0]["detail"]


def test_an_answer_replayed_after_it_was_used_is_refused(live_server, oidc_provider, practitioner):
    _link(practitioner, oidc_provider, "nia.evans")
    back = _sign_in(live_server, oidc_provider, "nia.evans")
    [answer] = [r.url for r in back.history if "/sign-in/organisation/return/" in r.url]

    replayed = back.browser.get(answer, timeout=TIMEOUT)

    assert replayed.status_code == 400
    assert "MismatchingStateError" in _failures()[0]["detail"]
    assert AuditEvent.objects.filter(action="identity.user.signed_in").count() == 1


def test_a_password_change_owed_waits_for_the_next_sign_in_with_a_password(live_server, oidc_provider, practitioner):
    _link(practitioner, oidc_provider, "nia.evans")
    User.objects.filter(pk=practitioner.pk).update(must_change_password=True)

    back = _sign_in(live_server, oidc_provider, "nia.evans")

    assert back.url == f"{live_server.url}/people/my-work/"


def test_someone_with_an_authenticator_app_is_asked_for_its_code_after_a_password_alone(
    live_server, oidc_provider, practitioner
):
    _link(practitioner, oidc_provider, "nia.evans")
    TOTPDevice.objects.create(user=practitioner, name="Authenticator app", confirmed=True)

    back = _sign_in(live_server, oidc_provider, "nia.evans")

    assert back.url == f"{live_server.url}/verify/?next=/people/my-work/"
    assert back.browser.get(f"{live_server.url}/people/", timeout=TIMEOUT).url == f"{live_server.url}/verify/"


def _sign_in_with_kept_flow_changed(live_server: Any, provider: Provider, username: str, **changed: str) -> Any:
    """Start signing in, change what Tandem kept of the flow in its session (as if another flow's
    values were there), then finish at the provider."""
    browser = requests.Session()
    at_provider = browser.get(f"{live_server.url}{START}", timeout=TIMEOUT)
    session = SessionStore(session_key=browser.cookies[settings.SESSION_COOKIE_NAME])
    kept_keys = session.keys()  # a session store has keys() but cannot be iterated
    [key] = [key for key in kept_keys if key.startswith("_state_organisation_")]
    kept = session[key]
    kept["data"] |= changed
    session[key] = kept
    session.save()
    return _sign_in_at_provider(browser, at_provider, username, provider.password)


def test_an_id_token_whose_nonce_is_not_the_flows_is_refused(live_server, oidc_provider, practitioner):
    _link(practitioner, oidc_provider, "nia.evans")

    back = _sign_in_with_kept_flow_changed(live_server, oidc_provider, "nia.evans", nonce="another-flows-nonce")

    assert back.status_code == 400
    assert "nonce" in _failures()[0]["detail"]
    assert not AuditEvent.objects.filter(action="identity.user.signed_in").exists()


def test_a_code_exchanged_without_its_pkce_verifier_is_refused(live_server, oidc_provider, practitioner):
    _link(practitioner, oidc_provider, "nia.evans")

    back = _sign_in_with_kept_flow_changed(live_server, oidc_provider, "nia.evans", code_verifier="x" * 64)

    assert back.status_code == 400
    assert "invalid_grant" in _failures()[0]["detail"]
    assert not AuditEvent.objects.filter(action="identity.user.signed_in").exists()
