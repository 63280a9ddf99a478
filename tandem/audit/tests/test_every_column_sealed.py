"""Every column of a sealed event is covered by its seal: changing any one of them, one at a time,
makes `tandem audit_verify` fail."""

import uuid
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tandem.audit.hashing import HASHED_FIELDS
from tandem.audit.models import AuditEvent
from tandem.audit.services import chain_seal, record

# A different value for every concrete column, and which event verification then names: the
# changed one, or for a moved place in the chain the one whose place is now missing.
CHANGED = {
    "id": (10_000, "changed"),
    "at": (datetime(2024, 3, 5, 8, 0, tzinfo=UTC), "changed"),
    "actor_id": (None, "changed"),
    "actor_name": ("Someone else", "changed"),
    "action": ("people.person.created", "changed"),
    "person_uuid": (uuid.UUID("00000000-0000-4000-8000-000000000001"), "changed"),
    "target_type": ("people.person", "changed"),
    "target_id": ("999", "changed"),
    "summary": ("Nothing to see", "changed"),
    "changes": ({"page": 9}, "changed"),
    "reason": ("No reason", "changed"),
    "ip_address": ("198.51.100.7", "changed"),
    "user_agent": ("Another browser", "changed"),
    "chain_position": (99, "next"),
    "previous_hash": ("e" * 64, "changed"),
    "key_id": ("2019", "changed"),
    "hash": ("f" * 64, "changed"),
}


def _columns():
    return [field.attname for field in AuditEvent._meta.concrete_fields]


def test_the_test_changes_every_column_and_the_seal_covers_all_but_itself():
    assert sorted(CHANGED) == sorted(_columns())
    assert sorted(HASHED_FIELDS) == sorted(set(_columns()) - {"hash"})


@pytest.fixture
def events(practitioner, person, team):
    made = [
        record(
            actor=practitioner,
            action="people.person.viewed",
            person=person,
            target=team,
            summary=f"Viewed page {n}",
            changes={"page": n},
            reason="Visit",
        )
        for n in range(4)
    ]
    chain_seal()
    return made


@pytest.mark.parametrize("column", sorted(CHANGED))
def test_changing_any_one_column_of_a_sealed_event_is_found(events, column):
    value, named = CHANGED[column]
    AuditEvent.objects.filter(pk=events[1].pk).update(**{column: value})
    changed_id = value if column == "id" else events[1].pk

    with pytest.raises(CommandError) as failed:
        call_command("audit_verify", stdout=StringIO())

    expected = changed_id if named == "changed" else events[2].pk
    assert str(failed.value).startswith(f"Audit log tampered with: event {expected} does not fit, ")
