"""Front-door fixtures: contacts, made in the root fixtures' `front_door_team`."""

from collections.abc import Callable
from typing import Any

import pytest

from tandem.front_door import services
from tandem.front_door.codes import ContactRoute, ContactSource, Urgency
from tandem.front_door.models import Contact
from tandem.identity.models import Team, User
from tandem.people.models import Person


def details(**overrides: Any) -> services.ContactDetails:
    fields: dict[str, Any] = {
        "source": ContactSource.FAMILY_OR_FRIEND,
        "route": ContactRoute.PHONE,
        "reason": "Mum has had two falls this month and is frightened to go out",
        "urgency": Urgency.SOON,
        "caller_name": "Ann Smith",
        "caller_relationship": "Daughter",
        "caller_phone": "0151 496 0000",
    }
    fields.update(overrides)
    return services.ContactDetails(**fields)


@pytest.fixture
def contact_make(front_door_team: Team, practitioner: User) -> Callable[..., Contact]:
    def make(*, person: Person | None = None, actor: User | None = None, **overrides: Any) -> Contact:
        return services.contact_record(details=details(**overrides), person=person, actor=actor or practitioner)

    return make


@pytest.fixture
def contact(contact_make: Callable[..., Contact], person: Person) -> Contact:
    return contact_make(person=person)
