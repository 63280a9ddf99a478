"""Input shapes for the front door; forms never save.

`contacts` holds the staff pages' forms (importable from the package: `forms.ContactForm`),
`public` the public "ask for help" journey's.
"""

from tandem.front_door.forms.contacts import (
    AllocateForm,
    CloseForm,
    ContactForm,
    ConversationForm,
    DirectorySearchForm,
    EmailListForm,
    FindPersonForm,
    FollowUpDoneForm,
    FollowUpForm,
    OutcomeForm,
    QueueForm,
    SignpostForm,
)

__all__ = [
    "AllocateForm",
    "CloseForm",
    "ContactForm",
    "ConversationForm",
    "DirectorySearchForm",
    "EmailListForm",
    "FindPersonForm",
    "FollowUpDoneForm",
    "FollowUpForm",
    "OutcomeForm",
    "QueueForm",
    "SignpostForm",
]
