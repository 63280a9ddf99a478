"""Sign-in events, the second factor and staff professional details: each a service, each audited."""

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.audit import services as audit
from tandem.core.errors import DomainError
from tandem.identity.actors import Actor
from tandem.identity.models import Profession, RegistrationBody, User

if TYPE_CHECKING:
    from tandem.identity.single_sign_on import OrganisationIdentity


def signed_in_record(*, actor: Actor, changes: dict[str, Any] | None = None) -> None:
    audit.record(actor=actor, action="identity.user.signed_in", summary="Signed in", changes=changes)


class SignInFailure(StrEnum):
    """Why a sign-in failed, as the audit log words it."""

    WRONG_PASSWORD = "wrong password"  # noqa: S105 - a reason, not a password
    UNKNOWN_USER = "unknown user"
    LOCKED_OUT = "locked out"
    # Signing in with an organisation account (ADR 0010).
    NO_LINKED_ACCOUNT = "no linked account"
    DEACTIVATED = "account deactivated"
    NOT_COMPLETED = "organisation sign-in not completed"


@transaction.atomic
def sign_in_failed_record(
    *, username: str, client_address: str | None, refused: bool, locked_by: str | None = None
) -> SignInFailure:
    """Audit a failed sign-in: the username tried, the client address and why (never the password).

    `refused`: a throttle turned it away before the password was checked (ADR 0005); `locked_by`:
    the limit this attempt reached or was refused by ("username" or "address"), if any. No one is
    signed in, so the event has no actor; when the username is someone's, they are its target, so
    their history shows sign-ins tried as them.
    """
    tried = username[:150]
    user = User.objects.filter(username=tried).first()
    if refused:
        reason = SignInFailure.LOCKED_OUT
    elif user is None:
        reason = SignInFailure.UNKNOWN_USER
    else:
        reason = SignInFailure.WRONG_PASSWORD
    changes: dict[str, Any] = {"username": tried, "client address": client_address, "reason": str(reason)}
    if locked_by:
        changes["locked by"] = locked_by
    _sign_in_failed_audit(user=user, summary=f"Failed sign-in as {tried}: {reason}", changes=changes)
    return reason


def _sign_in_failed_audit(*, user: User | None, summary: str, changes: dict[str, Any]) -> None:
    """No one is signed in, so the event has no actor; the account tried, if any, is its target."""
    audit.record(actor=None, action="identity.user.sign_in_failed", target=user, summary=summary, changes=changes)


class OrganisationSignInRefused(DomainError):
    """An organisation account that may not sign in: `reason` says why, for the page and the log."""

    def __init__(self, reason: SignInFailure) -> None:
        super().__init__(str(reason))
        self.reason = reason


def _organisation_account_by_email(identity: "OrganisationIdentity") -> User | None:
    """The one active account, not linked to an organisation account yet, whose email is the verified
    email of this one (TANDEM_OIDC_LINK_BY_EMAIL): none when two accounts share the email."""
    if not (settings.TANDEM_OIDC_LINK_BY_EMAIL and identity.email_verified and identity.email.strip()):
        return None
    found = list(User.objects.filter(email__iexact=identity.email.strip(), is_active=True, oidc_subject="")[:2])
    return found[0] if len(found) == 1 else None


def organisation_account_set(
    *, user: User, issuer: str, subject: str, actor: Actor, summary: str, how: str = ""
) -> User:
    """Record the organisation account (issuer and subject) an account signs in with, or none, audited
    with before and after; the caller checks it is allowed and runs it in its transaction."""
    before = [user.oidc_issuer, user.oidc_subject]
    user.oidc_issuer, user.oidc_subject = issuer, subject
    user.save(update_fields=["oidc_issuer", "oidc_subject"])
    changes: dict[str, Any] = {"issuer": [before[0], issuer], "subject": [before[1], subject]}
    if how:
        changes["by"] = how
    audit.record(
        actor=actor,
        action=f"identity.staff.organisation_account_{'linked' if subject else 'unlinked'}",
        target=user,
        summary=summary,
        changes=changes,
    )
    return user


@transaction.atomic
def _organisation_account_link_by_email(*, user: User, identity: "OrganisationIdentity") -> User:
    return organisation_account_set(
        user=user,
        issuer=identity.issuer,
        subject=identity.subject,
        actor=user,
        summary=f"Linked their organisation account at first sign-in, by the verified email {identity.email}",
        how="verified email",
    )


def organisation_sign_in_failed_record(
    *,
    reason: SignInFailure,
    client_address: str | None,
    identity: "OrganisationIdentity | None" = None,
    user: User | None = None,
    detail: str = "",
) -> None:
    """Audit a refused sign-in with an organisation account: who the provider said it was, and why."""
    changes: dict[str, Any] = {"by": "organisation account", "client address": client_address, "reason": str(reason)}
    if identity is not None:
        changes |= {"issuer": identity.issuer, "subject": identity.subject, "email": identity.email[:254]}
    if detail:
        changes["detail"] = detail
    _sign_in_failed_audit(user=user, summary=f"Failed sign-in with an organisation account: {reason}", changes=changes)


def organisation_sign_in(
    *, identity: "OrganisationIdentity", client_address: str | None, locked: Callable[[User], bool]
) -> User:
    """The account an organisation account signs in to, matched by issuer and subject (ADR 0010).

    An account an administrator linked; else, with TANDEM_OIDC_LINK_BY_EMAIL, the one active
    unlinked account whose email the provider verified, linked now. A deactivated account, one
    locked out by failed sign-ins (`locked`), or no account at all is refused, and the refusal audited.
    """
    user = User.objects.filter(oidc_issuer=identity.issuer, oidc_subject=identity.subject).first()
    if user is None and (by_email := _organisation_account_by_email(identity)) is not None:
        user = _organisation_account_link_by_email(user=by_email, identity=identity)
    if user is None:
        reason = SignInFailure.NO_LINKED_ACCOUNT
    elif not user.is_active:
        reason = SignInFailure.DEACTIVATED
    elif locked(user):
        reason = SignInFailure.LOCKED_OUT
    else:
        return user
    organisation_sign_in_failed_record(reason=reason, client_address=client_address, identity=identity, user=user)
    raise OrganisationSignInRefused(reason)


def signed_out_record(*, actor: Actor) -> None:
    audit.record(actor=actor, action="identity.user.signed_out", summary="Signed out")


def totp_device_pending(*, actor: Actor) -> TOTPDevice:
    """The authenticator app being set up: one unconfirmed device, made on first ask."""
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, actor: Actor, token: str) -> TOTPDevice:
    """Turn on the second factor once the user proves their app shows the right code."""
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).first()
    if device is None:
        raise DomainError("Start setting up your authenticator app again", field="token")
    token = token.replace(" ", "")
    if not token.isdigit() or len(token) != 6:
        raise DomainError("Enter the 6-digit code from your authenticator app", field="token")
    if not device.verify_token(token):
        raise DomainError("The code is not right: check the time on your phone and try the newest code", field="token")
    TOTPDevice.objects.filter(user=actor, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(
        actor=actor,
        action="identity.second_factor.added",
        target=device,
        summary="Turned on sign-in codes from an authenticator app",
    )
    return device


def totp_verify(*, actor: Actor, token: str) -> TOTPDevice:
    """Check a sign-in code against the user's confirmed device."""
    token = token.replace(" ", "")
    if not token.isdigit() or len(token) != 6:
        raise DomainError("Enter the 6-digit code from your authenticator app", field="token")
    for device in TOTPDevice.objects.filter(user=actor, confirmed=True):
        if device.verify_token(token):
            audit.record(actor=actor, action="identity.second_factor.verified", summary="Entered a sign-in code")
            return device
    audit.record(actor=actor, action="identity.second_factor.failed", summary="Entered a wrong sign-in code")
    raise DomainError("The code is not right: try the newest code from your app", field="token")


def has_second_factor(*, actor: Actor) -> bool:
    return bool(TOTPDevice.objects.filter(user=actor, confirmed=True).exists())


def second_factor_required(*, actor: Actor) -> bool:
    """Whether the user's role must sign in with a second factor (TANDEM_SECOND_FACTOR_ROLES, ADR 0005)."""
    return bool(actor.is_authenticated and actor.role in settings.TANDEM_SECOND_FACTOR_ROLES)


@transaction.atomic
def staff_professional_details_update(
    *, user: User, profession: str, registration_body: str, registration_number: str, actor: Actor
) -> User:
    """Record a member of staff's profession and professional registration (a number needs its body)."""
    if profession not in Profession.values:
        raise DomainError("Select the profession", field="profession")
    if registration_body not in RegistrationBody.values:
        raise DomainError("Select who the registration is with", field="registration_body")
    registration_number = registration_number.strip()
    if registration_number and not registration_body:
        raise DomainError("Select who the registration is with", field="registration_body")
    before = [user.profession, user.registration_body, user.registration_number]
    after = [profession, registration_body, registration_number]
    if before != after:
        user.profession, user.registration_body, user.registration_number = after
        user.save(update_fields=["profession", "registration_body", "registration_number"])
        audit.record(
            actor=actor,
            action="identity.staff.professional_details_updated",
            target=user,
            summary=f"Updated the professional details of {user.get_full_name() or user.username}",
            changes={"profession, body, number": [before, after]},
        )
    return user
