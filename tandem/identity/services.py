"""Sign-in events and the second factor: each a service, each audited."""

from typing import Any

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.audit import services as audit
from tandem.core.errors import DomainError


def signed_in_record(*, actor: Any) -> None:
    audit.record(actor=actor, action="identity.user.signed_in", summary="Signed in")


def signed_out_record(*, actor: Any) -> None:
    audit.record(actor=actor, action="identity.user.signed_out", summary="Signed out")


def totp_device_pending(*, actor: Any) -> TOTPDevice:
    """The authenticator app being set up: one unconfirmed device, made on first ask."""
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, actor: Any, token: str) -> TOTPDevice:
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


def totp_verify(*, actor: Any, token: str) -> TOTPDevice:
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


def has_second_factor(*, actor: Any) -> bool:
    return bool(TOTPDevice.objects.filter(user=actor, confirmed=True).exists())
