"""The front door's records in the world of the authorisation matrix and the accessibility check (tests/world.py)."""

from typing import Any

from tandem.core import clock
from tandem.directory.models import Service, ServiceStatus
from tandem.directory.search_index import service_terms_refresh
from tandem.front_door import services as front_door_services
from tandem.front_door.codes import ContactRoute, ContactSource
from tandem.front_door.models import Contact
from tandem.identity.models import User
from tandem.identity.permissions import Role
from tandem.people.models import Person
from tests.personas import team_persona


def world(person: Person, staff: dict[str, User | None]) -> dict[str, Any]:
    """Everyone in `staff` works at the front door. A contact about the person (version 1) with a
    conversation, a lunch club on its list and a call due, another service to suggest, and a
    contact about no one yet."""
    practitioner = staff[Role.PRACTITIONER]
    assert practitioner is not None
    team_persona("front_door_team", practitioner.organisation, members=staff.values())
    contact = front_door_services.contact_record(
        details=front_door_services.ContactDetails(
            source=ContactSource.SELF, route=ContactRoute.PHONE, reason="Struggling with the stairs"
        ),
        person=person,
        actor=practitioner,
    )
    unlinked = front_door_services.contact_record(
        details=front_door_services.ContactDetails(
            source=ContactSource.ANONYMOUS, route=ContactRoute.PHONE, reason="Neighbour not seen"
        ),
        person=None,
        actor=practitioner,
    )
    lunch_club = Service.objects.create(
        name="Hoylake lunch club", description="A hot lunch and company every Tuesday", status=ServiceStatus.ACTIVE
    )
    service_terms_refresh([lunch_club.id])
    befriending = Service.objects.create(name="Wirral befriending", status=ServiceStatus.ACTIVE)
    front_door_services.conversation_record(
        contact=contact,
        notes=front_door_services.ConversationNotes(conversation_type=1, what_matters="Getting out to see friends"),
        actor=practitioner,
    )
    [signposting] = front_door_services.signposting_add(contact=contact, services=[lunch_club], actor=practitioner)
    follow_up = front_door_services.follow_up_add(
        contact=contact, due_on=clock.today(), note="Did she go?", assigned_to=None, actor=practitioner
    )
    Contact.objects.filter(pk=contact.pk).update(version=1)
    return {
        "contact_uuid": contact.uuid,
        "unlinked": unlinked.uuid,
        "signposting_uuid": signposting.uuid,
        "follow_up_uuid": follow_up.uuid,
        "befriending_id": str(befriending.id),
        "practitioner_uuid": str(practitioner.uuid),
    }
