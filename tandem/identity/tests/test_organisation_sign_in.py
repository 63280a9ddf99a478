"""Which account an organisation account signs in to (services.organisation_sign_in): by issuer and
subject; by a verified email only when configured, and only to one active unlinked account; and
the refusals, each audited. The flow over HTTP against a real provider: tests/single_sign_on/."""

import pytest

from tandem.audit.models import AuditEvent
from tandem.identity import services
from tandem.identity.models import User
from tandem.identity.single_sign_on import OrganisationIdentity

ISSUER = "https://login.microsoftonline.com/8f2c5a41-0d3e-4b8a-9c51-2f6e7d1a3b90/v2.0"
SUBJECT = "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ"


def _identity(*, subject: str = SUBJECT, email: str = "", verified: bool = False, issuer: str = ISSUER):
    return OrganisationIdentity(
        issuer=issuer, subject=subject, email=email, email_verified=verified, amr=("pwd",), acr=""
    )


def _sign_in(identity: OrganisationIdentity, *, locked: bool = False) -> User:
    return services.organisation_sign_in(identity=identity, client_address="192.0.2.7", locked=lambda user: locked)


def _refused(identity: OrganisationIdentity, *, locked: bool = False) -> str:
    with pytest.raises(services.OrganisationSignInRefused) as refusal:
        _sign_in(identity, locked=locked)
    return str(refusal.value.reason)


def _linked(user: User, *, issuer: str = ISSUER, subject: str = SUBJECT) -> User:
    User.objects.filter(pk=user.pk).update(oidc_issuer=issuer, oidc_subject=subject)
    user.refresh_from_db()
    return user


def test_the_account_linked_to_the_issuer_and_subject_signs_in(practitioner):
    _linked(practitioner)

    assert _sign_in(_identity()) == practitioner


def test_the_same_subject_from_another_issuer_is_no_one(practitioner):
    _linked(practitioner)

    assert _refused(_identity(issuer="https://elsewhere.example/v2.0")) == "no linked account"


def test_no_account_is_refused_and_audited_with_who_the_provider_said_it_was(db):
    assert _refused(_identity(email="someone@example.org")) == "no linked account"

    event = AuditEvent.objects.get(action="identity.user.sign_in_failed")
    assert event.actor_id is None
    assert event.target_id == ""
    assert event.changes == {
        "by": "organisation account",
        "client address": "192.0.2.7",
        "reason": "no linked account",
        "issuer": ISSUER,
        "subject": SUBJECT,
        "email": "someone@example.org",
    }


def test_a_deactivated_account_is_refused_and_the_refusal_is_on_its_history(practitioner):
    User.objects.filter(pk=_linked(practitioner).pk).update(is_active=False)

    assert _refused(_identity()) == "account deactivated"
    assert AuditEvent.objects.get(action="identity.user.sign_in_failed").target_id == str(practitioner.pk)


def test_a_locked_account_is_refused(practitioner):
    _linked(practitioner)

    assert _refused(_identity(), locked=True) == "locked out"


def test_a_verified_email_links_nothing_unless_configured(practitioner):
    assert _refused(_identity(email=practitioner.email, verified=True)) == "no linked account"
    practitioner.refresh_from_db()
    assert practitioner.oidc_subject == ""


def test_when_configured_a_verified_email_links_the_one_active_unlinked_account(practitioner, settings):
    settings.TANDEM_OIDC_LINK_BY_EMAIL = True

    signed_in = _sign_in(_identity(email=practitioner.email.upper(), verified=True))

    practitioner.refresh_from_db()
    assert signed_in == practitioner
    assert (practitioner.oidc_issuer, practitioner.oidc_subject) == (ISSUER, SUBJECT)
    linked = AuditEvent.objects.get(action="identity.staff.organisation_account_linked")
    assert linked.actor_id == practitioner.pk
    assert linked.changes["by"] == "verified email"


@pytest.mark.parametrize("case", ["unverified", "two accounts", "inactive", "linked to another subject", "blank"])
def test_when_configured_an_email_still_links_nothing_at_the_edges(practitioner, manager, settings, case):
    settings.TANDEM_OIDC_LINK_BY_EMAIL = True
    email, verified = practitioner.email, True
    if case == "unverified":
        verified = False
    elif case == "two accounts":
        User.objects.filter(pk=manager.pk).update(email=practitioner.email)
    elif case == "inactive":
        User.objects.filter(pk=practitioner.pk).update(is_active=False)
    elif case == "linked to another subject":
        _linked(practitioner, subject="someone-else")
    else:
        User.objects.filter(pk=practitioner.pk).update(email="")
        email = " "

    assert _refused(_identity(email=email, verified=verified)) == "no linked account"
    assert not AuditEvent.objects.filter(action="identity.staff.organisation_account_linked").exists()
