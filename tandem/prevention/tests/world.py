"""Prevention's records in the world of the authorisation matrix and the accessibility check (tests/world.py)."""

from typing import Any

from tandem.identity.models import User
from tandem.people.models import Person
from tandem.prevention.tests.page_data import prevention_world
from tandem.prevention.tests.risk_world import risk_world


def world(person: Person, staff: dict[str, User | None]) -> dict[str, Any]:
    """An event waiting in the matching queue and a notice to the practitioner (prevention/tests/page_data.py),
    the risk score's records (risk_world.py) and the discharge hub's (discharge/tests/hub_data.py)."""
    from tandem.identity.permissions import Role
    from tandem.prevention.discharge.tests.hub_data import hub_world

    return prevention_world(person, staff) | risk_world(person, staff) | hub_world(person, staff[Role.PRACTITIONER])
