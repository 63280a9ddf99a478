"""What the safeguarding services share: checking typed text and choices, and saving a new version
of a concern, an enquiry or a DoLS application (the version checked with `core.versioned`)."""

from typing import Any

from tandem.audit import services as audit
from tandem.core.errors import DomainError
from tandem.identity.actors import Actor
from tandem.people.models import Person
from tandem.safeguarding.models import Concern, DolsApplication, Enquiry

MAX_SUMMARY = 5000
MAX_TEXT = 5000
MAX_NAME = 200


def _text(value: str, *, field: str, label: str, required: str = "", limit: int = MAX_TEXT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(required, field=field)
    if len(value) > limit:
        raise DomainError(f"{label} must be {limit:,} characters or fewer", field=field)
    return value


def _choice(value: str, choices: Any, *, field: str, message: str, blank: bool = True) -> str:
    if (value == "" and blank) or value in choices.values:
        return value
    raise DomainError(message, field=field)


def _several(values: tuple[str, ...], choices: Any, *, field: str, message: str) -> list[str]:
    chosen = list(dict.fromkeys(values))
    if any(value not in choices.values for value in chosen):
        raise DomainError(message, field=field)
    return chosen


def saved(
    document: Concern | Enquiry | DolsApplication,
    *,
    person: Person,
    actor: Actor,
    action: str,
    summary: str,
    changes: dict[str, Any],
) -> None:
    """Save the document at its next version, and record the change in the audit trail."""
    document.version += 1
    document.save()
    audit.record(actor=actor, action=action, person=person, target=document, summary=summary, changes=changes)
