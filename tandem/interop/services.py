"""Every write of the interop app: partner clients issued and revoked, and partners' reads audited."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import get_application_model

from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.errors import DomainError, require
from tandem.identity.actors import Actor
from tandem.identity.permissions import Permission
from tandem.interop.models import Partner
from tandem.interop.scopes import RESOURCE_SCOPES


def _allowed(actor: Actor | None) -> None:
    if actor is not None:
        require(actor.can(Permission.STAFF_MANAGE), "Only system administrators can manage partner systems")


@dataclass(frozen=True)
class PartnerActor:
    """A partner system as the audit log's actor: no member of staff, its name on every event."""

    partner: Partner
    pk: None = None

    @property
    def username(self) -> str:
        return self.partner.audit_name

    def get_full_name(self) -> str:
        return self.partner.audit_name


@dataclass(frozen=True)
class IssuedClient:
    """A partner's new client credentials: the secret is shown once and only its hash is kept."""

    partner: Partner
    client_id: str
    client_secret: str


def _scopes_clean(scopes: Iterable[str]) -> str:
    chosen = sorted(set(scopes))
    if not chosen:
        raise DomainError("Grant at least one scope", field="scopes")
    unknown = [scope for scope in chosen if scope not in RESOURCE_SCOPES]
    if unknown:
        raise DomainError(
            f"Unknown scope {', '.join(unknown)}: choose from {', '.join(RESOURCE_SCOPES)}", field="scopes"
        )
    return " ".join(chosen)


@transaction.atomic
def partner_register(*, name: str, organisation: Any, scopes: Iterable[str], actor: Actor | None) -> IssuedClient:
    """Issue OAuth 2.0 client credentials to a partner organisation's system, with the scopes it may ask for.

    A member of staff doing so must be a system administrator; `actor` is None only from the
    `tandem fhir client` command, run by whoever runs the service."""
    _allowed(actor)
    name = name.strip()
    if not name:
        raise DomainError("Enter the name of the partner's system", field="name")
    granted = _scopes_clean(scopes)
    secret = generate_client_secret()
    application = get_application_model().objects.create(
        name=f"{name} ({organisation})"[:255],
        client_type="confidential",
        authorization_grant_type="client-credentials",
        client_secret=secret,
        hash_client_secret=True,
        skip_authorization=True,
    )
    partner = Partner.objects.create(
        name=name, organisation=organisation, application=application, scopes=granted, registered_by=actor
    )
    audit.record(
        actor=actor,
        action="interop.partner.registered",
        target=partner,
        summary=f"FHIR client issued to {name} ({organisation}) with {granted}",
    )
    return IssuedClient(partner=partner, client_id=application.client_id, client_secret=secret)


@transaction.atomic
def partner_revoke(*, partner: Partner, actor: Actor | None) -> Partner:
    """Revoke a partner's client: its tokens stop working at once and it can take no new one."""
    _allowed(actor)
    if partner.revoked_at is not None:
        raise DomainError(f"{partner} was already revoked")
    application = partner.application
    partner.application = None
    partner.revoked_at = clock.now()
    partner.save(update_fields=["application", "revoked_at", "updated_at"])
    if application is not None:
        application.delete()  # its access tokens go with it
    audit.record(
        actor=actor, action="interop.partner.revoked", target=partner, summary=f"FHIR client of {partner} revoked"
    )
    return partner


@transaction.atomic
def reads_record(*, partner: Partner, people: Iterable[Any], resource_type: str, interaction: str) -> None:
    """Log a partner's read of each person's record (once per person an answer carried)."""
    actor = PartnerActor(partner)
    seen: set[int] = set()
    for person in people:
        if person.pk in seen:
            continue
        seen.add(person.pk)
        audit.record(
            actor=actor,
            action="interop.record.read",
            person=person,
            target=partner,
            summary=f"{resource_type} {interaction} through the FHIR API by {partner.audit_name}"[:300],
            changes={"resource_type": resource_type, "interaction": interaction, "partner": str(partner.uuid)},
        )


@transaction.atomic
def reads_directory(*, partner: Partner, resource_type: str, interaction: str, count: int) -> None:
    """Log a partner's read of the service's directory (organisations, teams, staff): once a request."""
    audit.record(
        actor=PartnerActor(partner),
        action="interop.directory.read",
        target=partner,
        summary=f"{resource_type} {interaction} through the FHIR API by {partner.audit_name}"[:300],
        changes={"resource_type": resource_type, "interaction": interaction, "count": count},
    )
