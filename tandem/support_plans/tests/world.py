"""Care and support plans' records in the world of the authorisation matrix and the accessibility
check (tests/world.py)."""

from typing import Any

from tandem.identity.models import User
from tandem.identity.permissions import Role
from tandem.people.models import Person
from tandem.support_plans.tests.plan_data import provider_world, support_plans_world


def world(person: Person, staff: dict[str, User | None]) -> dict[str, Any]:
    """A draft plan, a review, and a care provider's package of the person (support_plans/tests/plan_data.py)."""
    practitioner, provider = staff[Role.PRACTITIONER], staff[Role.CARE_PROVIDER]
    return support_plans_world(person, practitioner) | provider_world(person, practitioner, provider)
