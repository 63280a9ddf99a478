"""Every write at the front door: permission-checked, transactional and audited.

One module a sub-area: `contacts` (recording and deciding a contact), `signposting` (community
services and keeping-in-touch calls) and `self_referral` (the public "ask for help" journey).
Callers use the package: `from tandem.front_door import services`, then `services.contact_record(...)`.
"""

from tandem.front_door.services.contacts import (
    MAX_TEXT,
    REFERENCE_ALPHABET,
    ContactDetails,
    ConversationNotes,
    OutcomeChoice,
    contact_allocate,
    contact_close,
    contact_link_person,
    contact_record,
    conversation_record,
    front_door_team_for,
    outcomes_record,
    reference_new,
    support_request_allocate,
    support_request_move_on,
)
from tandem.front_door.services.self_referral import (
    SELF_REFERRAL_ANSWER_NAMES,
    SELF_REFERRAL_LIMITS,
    SELF_REFERRAL_TOTAL_LIMIT,
    YES_NO_NOT_SURE,
    SelfReferral,
    self_referral_email_clean,
    self_referral_phone_clean,
    self_referral_submit,
)
from tandem.front_door.services.signposting import (
    follow_up_add,
    follow_up_done,
    signposting_add,
    signposting_email,
    signposting_remove,
)

__all__ = [
    "MAX_TEXT",
    "REFERENCE_ALPHABET",
    "SELF_REFERRAL_ANSWER_NAMES",
    "SELF_REFERRAL_LIMITS",
    "SELF_REFERRAL_TOTAL_LIMIT",
    "YES_NO_NOT_SURE",
    "ContactDetails",
    "ConversationNotes",
    "OutcomeChoice",
    "SelfReferral",
    "contact_allocate",
    "contact_close",
    "contact_link_person",
    "contact_record",
    "conversation_record",
    "follow_up_add",
    "follow_up_done",
    "front_door_team_for",
    "outcomes_record",
    "reference_new",
    "self_referral_email_clean",
    "self_referral_phone_clean",
    "self_referral_submit",
    "signposting_add",
    "signposting_email",
    "signposting_remove",
    "support_request_allocate",
    "support_request_move_on",
]
