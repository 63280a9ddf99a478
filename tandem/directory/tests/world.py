"""The directory's records in the world of the authorisation matrix and the accessibility check (tests/world.py)."""

from typing import Any

from tandem.directory.tests.curation_data import curated_service_make
from tandem.identity.models import User
from tandem.identity.permissions import Role


def world(person: Any, staff: dict[str, User | None]) -> dict[str, Any]:
    """A directory entry staff curate, added through the curation service."""
    service = curated_service_make(staff[Role.PRACTITIONER])
    return {"service_uuid": service.id, "directory_organization_id": str(service.organization_id)}
