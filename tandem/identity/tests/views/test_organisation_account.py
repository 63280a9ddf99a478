"""An administrator links the organisation account (OpenID Connect issuer and subject) a member of
staff signs in with, changes or removes it; one organisation account opens one Tandem account. And
with single sign-on off, its pages say so. The flow itself: tests/single_sign_on/."""

import pytest
from django.urls import reverse

from tandem.identity.models import User
from tandem.identity.single_sign_on import OrganisationIdentity

ENTRA = "https://login.microsoftonline.com/8f2c5a41-0d3e-4b8a-9c51-2f6e7d1a3b90/v2.0"
SUBJECT = "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ"


def _page(practitioner: User) -> str:
    return reverse("identity:staff_organisation_account", args=[practitioner.uuid])


def test_an_administrator_links_an_organisation_account_and_it_is_audited(admin_client, practitioner, audit):
    response = admin_client.post(_page(practitioner), {"issuer": f"{ENTRA}/", "subject": f" {SUBJECT} "})

    practitioner.refresh_from_db()
    assert response.status_code == 302
    assert (practitioner.oidc_issuer, practitioner.oidc_subject) == (ENTRA, SUBJECT)
    [event] = audit.events()
    assert event.action == "identity.staff.organisation_account_linked"
    assert event.changes == {"issuer": ["", ENTRA], "subject": ["", SUBJECT]}
    detail = admin_client.get(reverse("identity:staff_detail", args=[practitioner.uuid])).content.decode()
    assert f"Linked: {SUBJECT} at {ENTRA}" in detail


def test_a_blank_subject_unlinks_it(admin_client, practitioner, audit):
    User.objects.filter(pk=practitioner.pk).update(oidc_issuer=ENTRA, oidc_subject=SUBJECT)

    admin_client.post(_page(practitioner), {"issuer": ENTRA, "subject": ""})

    practitioner.refresh_from_db()
    assert (practitioner.oidc_issuer, practitioner.oidc_subject) == ("", "")
    assert audit.actions() == ["identity.staff.organisation_account_unlinked"]


def test_saving_it_unchanged_writes_nothing(admin_client, practitioner, audit):
    User.objects.filter(pk=practitioner.pk).update(oidc_issuer=ENTRA, oidc_subject=SUBJECT)

    admin_client.post(_page(practitioner), {"issuer": ENTRA, "subject": SUBJECT})

    assert audit.actions() == []


def test_one_organisation_account_cannot_open_two_accounts(admin_client, practitioner, manager, read, audit):
    User.objects.filter(pk=manager.pk).update(oidc_issuer=ENTRA, oidc_subject=SUBJECT)

    response = admin_client.post(_page(practitioner), {"issuer": ENTRA, "subject": SUBJECT})

    practitioner.refresh_from_db()
    assert response.status_code == 400
    page = read(response)
    assert page.error_summary == ["That organisation account is linked to someone else's account already"]
    assert practitioner.oidc_subject == ""
    assert audit.actions() == []


def test_the_same_subject_at_another_issuer_is_another_account(admin_client, practitioner, manager):
    User.objects.filter(pk=manager.pk).update(oidc_issuer=ENTRA, oidc_subject=SUBJECT)
    cis2 = (
        "https://am.nhsidentity.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare"
    )

    admin_client.post(_page(practitioner), {"issuer": cis2, "subject": SUBJECT})

    practitioner.refresh_from_db()
    assert (practitioner.oidc_issuer, practitioner.oidc_subject) == (cis2, SUBJECT)


@pytest.mark.parametrize(
    ("issuer", "subject", "error"),
    [
        ("", SUBJECT, "Enter the issuer"),
        (
            "not a web address",
            SUBJECT,
            "Enter the issuer as a web address, like https://login.microsoftonline.com/…/v2.0",
        ),
        (ENTRA, "x" * 256, "Subject must be 255 characters or fewer"),
    ],
)
def test_bad_input_gets_a_clear_message(admin_client, practitioner, read, issuer, subject, error):
    response = admin_client.post(_page(practitioner), {"issuer": issuer, "subject": subject})

    assert response.status_code == 400
    assert read(response).error_summary == [error]


def test_the_page_says_when_single_sign_on_is_off_and_offers_the_configured_issuer_when_on(
    admin_client, practitioner, settings
):
    off = admin_client.get(_page(practitioner)).content.decode()
    settings.TANDEM_OIDC_ISSUER, settings.TANDEM_OIDC_CLIENT_ID = ENTRA, "tandem"
    on = admin_client.get(_page(practitioner)).content.decode()

    assert "is not turned on for this service yet" in off
    assert "is not turned on" not in on
    assert f'value="{ENTRA}"' in on


@pytest.mark.parametrize("name", ["identity:organisation_sign_in", "identity:organisation_sign_in_return"])
def test_with_single_sign_on_off_its_pages_say_so(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 404
    assert "Signing in with an organisation account is not set up" in response.content.decode()


def test_the_sign_in_page_has_no_organisation_button_when_it_is_off(client):
    assert "Sign in with your organisation account" not in client.get(reverse("identity:sign_in")).content.decode()


def test_a_provider_out_of_reach_is_a_clear_page_not_a_server_error(client, settings, audit):
    settings.TANDEM_OIDC_ISSUER, settings.TANDEM_OIDC_CLIENT_ID = "http://127.0.0.1:9/o", "tandem"
    settings.TANDEM_OIDC_DISCOVERY_URL = "http://127.0.0.1:9/o/.well-known/openid-configuration"
    settings.TANDEM_OIDC_TIMEOUT_SECONDS = 2

    response = client.get(reverse("identity:organisation_sign_in"))

    assert response.status_code == 502
    assert "Signing in with your organisation account did not work" in response.content.decode()
    [event] = audit.events()
    assert event.changes["reason"] == "organisation sign-in not completed"
    assert event.changes["detail"].startswith("could not reach the provider")


@pytest.mark.parametrize(
    ("amr", "acr", "counts"),
    [
        (("pwd",), "", False),
        (("pwd", "mfa"), "", True),
        ((), "AAL3_ANY", True),
        ((), "AAL1_USERPASS", False),
    ],
)
def test_what_the_provider_says_of_its_factors_counts_as_the_second_factor(settings, amr, acr, counts):
    settings.TANDEM_OIDC_MFA_AMR, settings.TANDEM_OIDC_MFA_ACR = ("mfa",), ("AAL3_ANY", "AAL2_OR_3")
    identity = OrganisationIdentity(issuer=ENTRA, subject=SUBJECT, email="", email_verified=False, amr=amr, acr=acr)

    assert identity.multi_factor is counts
