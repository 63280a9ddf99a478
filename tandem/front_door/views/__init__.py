"""Front-door pages: thin views that scope, validate, call a service and redirect.

`contacts` (the queue and each step of a contact) and `signposting` are the staff pages, importable
from the package (`views.contact`); `figures` the managers' figures; `public` the public "ask for
help" journey.
"""

from tandem.front_door.views.contacts import (
    allocate,
    close,
    contact,
    contact_link_person,
    contact_new,
    conversation_add,
    follow_up_add,
    follow_up_done,
    outcome_add,
    queue,
)
from tandem.front_door.views.signposting import services_list, signpost, signposting_remove

__all__ = [
    "allocate",
    "close",
    "contact",
    "contact_link_person",
    "contact_new",
    "conversation_add",
    "follow_up_add",
    "follow_up_done",
    "outcome_add",
    "queue",
    "services_list",
    "signpost",
    "signposting_remove",
]
