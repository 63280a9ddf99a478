"""Safeguarding's records in the world of the authorisation matrix and the accessibility check (tests/world.py)."""

from typing import Any

from tandem.identity.models import User
from tandem.people.models import Person
from tandem.safeguarding.tests.page_data import safeguarding_world


def world(person: Person, staff: dict[str, User | None]) -> dict[str, Any]:
    """A concern, an enquiry and a DoLS application of the person (safeguarding/tests/page_data.py)."""
    return safeguarding_world(person, staff)
