"""The system administrator's writes: staff accounts, organisations, teams and memberships.

Every change is audited with who made it and what changed. An account is never deleted: a
leaver is deactivated, their team memberships end, and everything they recorded keeps their name.
"""

from datetime import date
from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.identity import services
from tandem.identity.actors import Actor
from tandem.identity.models import Membership, Organisation, OrganisationKind, Team, TeamKind, User
from tandem.identity.permissions import Permission, Role

ACCOUNT_FIELDS = ("first_name", "last_name", "email", "role", "organisation", "job_title")


def _allowed(actor: Actor) -> None:
    require(actor.can(Permission.STAFF_MANAGE), "Only system administrators can manage staff accounts")


def _name(user: User) -> str:
    return user.get_full_name() or user.username


def _password_check(password: str, user: User | None, field: str) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field=field) from error


def _changed(obj: Any, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set the values that differ and say what changed, as [before, after] in words."""
    changes: dict[str, list[Any]] = {}
    for name, value in values.items():
        before = getattr(obj, name, None) if obj.pk else None
        if before != value:
            changes[name.replace("_", " ")] = [str(before) if before is not None else "", str(value or "")]
            setattr(obj, name, value)
    return changes


@transaction.atomic
def staff_create(
    *,
    actor: Actor,
    username: str,
    password: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    organisation: Organisation | None,
    job_title: str = "",
) -> User:
    """A new account with a first password the person must change when they first sign in."""
    _allowed(actor)
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError("Someone already has that username: choose another", field="username")
    if role not in Role.values:
        raise DomainError("Select the role", field="role")
    user = User(
        username=username,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        role=role,
        organisation=organisation,
        job_title=job_title.strip(),
        must_change_password=True,
    )
    _password_check(password, user, "password")
    user.set_password(password)
    user.save()
    audit.record(
        actor=actor,
        action="identity.staff.created",
        target=user,
        summary=f"Created the account of {_name(user)} ({user.username})",
        changes={"username": user.username, "role": user.get_role_display(), "organisation": str(organisation or "")},
    )
    return user


@transaction.atomic
def staff_update(*, actor: Actor, user: User, **values: Any) -> User:
    """Change an account's name, email, role, organisation or job title."""
    _allowed(actor)
    if values.get("role") not in Role.values:
        raise DomainError("Select the role", field="role")
    if user.pk == actor.pk and values["role"] != actor.role:
        raise DomainError("You cannot change your own role: ask another administrator", field="role")
    changes = _changed(user, {name: values[name] for name in ACCOUNT_FIELDS})
    if changes:
        user.save(update_fields=list(ACCOUNT_FIELDS))
        audit.record(
            actor=actor,
            action="identity.staff.updated",
            target=user,
            summary=f"Updated the account of {_name(user)}",
            changes=changes,
        )
    return user


@transaction.atomic
def staff_deactivate(*, actor: Actor, user: User, reason: str) -> User:
    """A leaver: they can no longer sign in, their memberships end today, their history stays."""
    _allowed(actor)
    if user.pk == actor.pk:
        raise DomainError("You cannot deactivate your own account")
    if not user.is_active:
        raise DomainError(f"{_name(user)}'s account is already deactivated")
    reason = reason.strip()
    if not reason:
        raise DomainError("Enter why the account is being deactivated", field="reason")
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = Membership.objects.filter(user=user, ended_on__isnull=True).update(ended_on=clock.today())
    TOTPDevice.objects.filter(user=user).delete()
    audit.record(
        actor=actor,
        action="identity.staff.deactivated",
        target=user,
        summary=f"Deactivated the account of {_name(user)}",
        changes={"active": [True, False], "memberships ended": ended},
        reason=reason,
    )
    return user


@transaction.atomic
def staff_reactivate(*, actor: Actor, user: User) -> User:
    _allowed(actor)
    if user.is_active:
        raise DomainError(f"{_name(user)}'s account is already active")
    user.is_active = True
    user.must_change_password = True
    user.save(update_fields=["is_active", "must_change_password"])
    audit.record(
        actor=actor,
        action="identity.staff.reactivated",
        target=user,
        summary=f"Reactivated the account of {_name(user)}",
        changes={"active": [False, True]},
    )
    return user


@transaction.atomic
def staff_unlock(*, actor: Actor, user: User) -> int:
    """Clear the failed sign-ins that locked the account out (django-axes' records of them)."""
    _allowed(actor)
    cleared = int(axes_reset(username=user.username) or 0)
    audit.record(
        actor=actor,
        action="identity.staff.unlocked",
        target=user,
        summary=f"Unlocked the account of {_name(user)}",
        changes={"lock-out records cleared": cleared},
    )
    return cleared


@transaction.atomic
def staff_second_factor_reset(*, actor: Actor, user: User) -> int:
    """Remove their authenticator app (a lost phone): they set one up again at their next sign-in."""
    _allowed(actor)
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    audit.record(
        actor=actor,
        action="identity.staff.second_factor_reset",
        target=user,
        summary=f"Reset the second factor of {_name(user)}",
        changes={"devices removed": removed},
    )
    return int(removed)


@transaction.atomic
def staff_organisation_account_link(*, actor: Actor, user: User, issuer: str, subject: str) -> User:
    """Link the organisation account (OpenID Connect issuer and `sub`) they sign in with, or unlink it
    with a blank subject (ADR 0010). One organisation account signs in to one account only."""
    _allowed(actor)
    issuer, subject = issuer.strip().rstrip("/"), subject.strip()
    if subject and not issuer:
        raise DomainError("Enter the issuer", field="issuer")
    if not subject:
        issuer = ""
    if subject and User.objects.filter(oidc_issuer=issuer, oidc_subject=subject).exclude(pk=user.pk).exists():
        raise DomainError("That organisation account is linked to someone else's account already", field="subject")
    if [user.oidc_issuer, user.oidc_subject] == [issuer, subject]:
        return user
    return services.organisation_account_set(
        user=user,
        issuer=issuer,
        subject=subject,
        actor=actor,
        summary=f"{'Linked' if subject else 'Unlinked'} the organisation account of {_name(user)}",
    )


@transaction.atomic
def staff_password_change_force(*, actor: Actor, user: User) -> User:
    """Their next sign-in must choose a new password before anything else."""
    _allowed(actor)
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    audit.record(
        actor=actor,
        action="identity.staff.password_change_forced",
        target=user,
        summary=f"Asked {_name(user)} to change their password at their next sign-in",
    )
    return user


@transaction.atomic
def password_change(*, actor: Actor, password: str) -> User:
    """Staff choose their own new password (owed after an administrator asked for it)."""
    if actor.check_password(password):
        raise DomainError("Choose a password different from your current one", field="password")
    _password_check(password, actor, "password")
    actor.set_password(password)
    actor.must_change_password = False
    actor.save(update_fields=["password", "must_change_password"])
    audit.record(actor=actor, action="identity.user.password_changed", target=actor, summary="Changed their password")
    return actor


def _saved[M: (Organisation, Team)](
    actor: Actor, existing: M | None, model: type[M], values: dict[str, Any], *, what: str
) -> M:
    """Create or update an organisation or team with these values, audited only when something changed."""
    made = existing or model()
    changes = _changed(made, values)
    if changes:
        made.save()
        audit.record(
            actor=actor,
            action=f"identity.{what}.{'updated' if existing else 'created'}",
            target=made,
            summary=f"{'Updated' if existing else 'Created'} the {what} {made.name}",
            changes=changes,
        )
    return made


@transaction.atomic
def organisation_save(
    *, actor: Actor, organisation: Organisation | None, name: str, kind: str, ods_code: str
) -> Organisation:
    _allowed(actor)
    name = name.strip()
    if kind not in OrganisationKind.values:
        raise DomainError("Select the kind of organisation", field="kind")
    if (
        Organisation.objects.filter(name__iexact=name)
        .exclude(pk__in=[organisation.pk] if organisation else [])
        .exists()
    ):
        raise DomainError("There is already an organisation with that name", field="name")
    values = {"name": name, "kind": kind, "ods_code": ods_code.strip().upper()}
    return _saved(actor, organisation, Organisation, values, what="organisation")


@transaction.atomic
def team_save(
    *, actor: Actor, team: Team | None, name: str, kind: str, organisation: Organisation, neighbourhood: str
) -> Team:
    _allowed(actor)
    name = name.strip()
    if kind not in TeamKind.values:
        raise DomainError("Select the kind of team", field="kind")
    if Team.objects.filter(name__iexact=name).exclude(pk__in=[team.pk] if team else []).exists():
        raise DomainError("There is already a team with that name", field="name")
    values = {"name": name, "kind": kind, "organisation": organisation, "neighbourhood": neighbourhood.strip()}
    return _saved(actor, team, Team, values, what="team")


@transaction.atomic
def membership_start(*, actor: Actor, user: User, team: Team, started_on: date | None) -> Membership:
    """Add someone to a team (or to it again, after they left it)."""
    _allowed(actor)
    if not user.is_active:
        raise DomainError("Reactivate the account before adding it to a team", field="team")
    membership = Membership.objects.filter(user=user, team=team).first()
    if membership is not None and membership.ended_on is None:
        raise DomainError(f"{_name(user)} is already in {team.name}", field="team")
    membership = membership or Membership(user=user, team=team)
    membership.started_on, membership.ended_on = started_on or clock.today(), None
    membership.save()
    audit.record(
        actor=actor,
        action="identity.membership.started",
        target=membership,
        summary=f"Added {_name(user)} to {team.name}",
        changes={"team": team.name, "from": str(membership.started_on)},
    )
    return membership


@transaction.atomic
def membership_end(*, actor: Actor, membership: Membership, ended_on: date | None) -> Membership:
    _allowed(actor)
    if membership.ended_on is not None:
        raise DomainError("That membership has already ended")
    ended_on = ended_on or clock.today()
    if membership.started_on and ended_on < membership.started_on:
        raise DomainError("The end date must be on or after the date they joined the team", field="ended_on")
    membership.ended_on = ended_on
    membership.save(update_fields=["ended_on"])
    audit.record(
        actor=actor,
        action="identity.membership.ended",
        target=membership,
        summary=f"Ended {_name(membership.user)}'s membership of {membership.team.name}",
        changes={"team": membership.team.name, "until": str(ended_on)},
    )
    return membership
