"""The workforce's records in the world of the authorisation matrix and the accessibility check (tests/world.py)."""

from typing import Any

from tandem.identity.models import User
from tandem.people.models import Person
from tandem.workforce.tests.page_data import workforce_world


def world(person: Person, staff: dict[str, User | None]) -> dict[str, Any]:
    """The staff's locality team, a waiting case, an allocated case and a post (workforce/tests/page_data.py)."""
    return workforce_world(person, staff)
