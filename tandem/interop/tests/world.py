"""Interop's records in the world of the authorisation matrix and the accessibility check (tests/world.py)."""

from typing import Any

from tandem.identity.models import Organisation, User
from tandem.interop.services import partner_register
from tandem.people.models import Person


def world(person: Person, staff: dict[str, User | None]) -> dict[str, Any]:
    """A partner system with client credentials, to be revoked, and the organisation it belongs to."""
    trust = Organisation.objects.filter(kind="nhs_trust").order_by("name").first() or Organisation.objects.create(
        name="Wirral Community Health Trust", kind="nhs_trust", ods_code="RY7"
    )
    issued = partner_register(name="Trust EPR", organisation=trust, scopes=["system/Patient.read"], actor=None)
    return {"partner_uuid": issued.partner.uuid, "organisation": trust.name}
