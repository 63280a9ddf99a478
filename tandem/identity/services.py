"""Sign-in events, the second factor and staff professional details: each a service, each audited."""

from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.audit import services as audit
from tandem.core.errors import DomainError
from tandem.identity.actors import Actor
from tandem.identity.models import Profession, RegistrationBody, User


def signed_in_record(*, actor: Actor) -> None:
    audit.record(actor=actor, action="identity.user.signed_in", summary="Signed in")


class SignInFailure(StrEnum):
    """Why a sign-in failed, as the audit log words it."""

    WRONG_PASSWORD = "wrong password"  # noqa: S105 - a reason, not a password
    UNKNOWN_USER = "unknown user"
    LOCKED_OUT = "locked out"


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
    audit.record(
        actor=None,
        action="identity.user.sign_in_failed",
        target=user,
        summary=f"Failed sign-in as {tried}: {reason}",
        changes=changes,
    )
    return reason


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
