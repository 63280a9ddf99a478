"""`tandem audit_head` exports the end of the chain to keep outside the database, and
`tandem audit_verify --head FILE` proves the log still holds it: no rows cut off, none rewritten."""

import json
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tandem.audit.hashing import HASHED_FIELDS, head_signature, row_hash
from tandem.audit.keys import signing_key
from tandem.audit.models import AuditChainHead, AuditEvent
from tandem.audit.services import chain_seal, record

AT = datetime(2024, 3, 5, 9, 15, 30, 123456, tzinfo=UTC)
EXPORTED_AT = datetime(2024, 3, 6, 7, 0, tzinfo=UTC)


@pytest.fixture
def events(practitioner, set_clock):
    set_clock(AT)
    made = [record(actor=practitioner, action="people.person.viewed", summary=f"Viewed {n}") for n in range(3)]
    chain_seal()
    set_clock(EXPORTED_AT)
    return made


def _verify(*args):
    out = StringIO()
    call_command("audit_verify", *args, stdout=out)
    return out.getvalue()


def _verify_fails(*args):
    with pytest.raises(CommandError) as failed:
        call_command("audit_verify", *args, stdout=StringIO())
    return str(failed.value)


def _export(path: Path) -> Path:
    call_command("audit_head", "--output", str(path), stdout=StringIO())
    return path


def test_it_prints_the_head_as_json(events):
    out = StringIO()

    call_command("audit_head", stdout=out)

    last = AuditEvent.objects.get(pk=events[2].pk)
    assert json.loads(out.getvalue()) == {
        "chain_position": 3,
        "event_id": last.pk,
        "hash": last.hash,
        "at": "2024-03-05T09:15:30.123456+00:00",
        "key_id": "development",
        "exported_at": "2024-03-06T07:00:00+00:00",
    }


def test_it_writes_the_head_to_a_file(events, tmp_path):
    out = StringIO()

    call_command("audit_head", "--output", str(tmp_path / "head.json"), stdout=out)

    assert out.getvalue() == f"Chain head at position 3 (event {events[2].pk}) written to {tmp_path / 'head.json'}.\n"
    assert json.loads((tmp_path / "head.json").read_text())["chain_position"] == 3


def test_it_says_so_when_nothing_is_sealed_yet(db):
    with pytest.raises(CommandError) as failed:
        call_command("audit_head", stdout=StringIO())

    assert str(failed.value) == "Nothing is sealed yet: run tandem audit_seal first."


def test_it_refuses_to_export_a_head_that_does_not_check_out(events):
    AuditChainHead.objects.filter(id=1).update(signature="0" * 64)

    with pytest.raises(CommandError) as failed:
        call_command("audit_head", stdout=StringIO())

    assert str(failed.value) == "The chain head does not check out: run tandem audit_verify to find where."


def test_it_says_why_a_file_cannot_be_written(events, tmp_path):
    with pytest.raises(CommandError) as failed:
        call_command("audit_head", "--output", str(tmp_path / "missing" / "head.json"), stdout=StringIO())

    assert str(failed.value) == (
        f"The chain head cannot be written to {tmp_path / 'missing' / 'head.json'}: No such file or directory."
    )


def test_a_log_that_grew_since_the_export_still_holds_it(events, practitioner, tmp_path):
    head = _export(tmp_path / "head.json")
    record(actor=practitioner, action="people.person.viewed")
    chain_seal()

    assert _verify("--head", str(head)) == (
        f"Audit log intact: 4 events checked. It still holds the exported head (position 3, event {events[2].pk}).\n"
    )


def test_rows_cut_off_with_an_old_head_put_back_are_found_only_with_the_export(events, practitioner, tmp_path):
    # An old copy of the head, signed and all, as a backup or a snapshot would hold it.
    old_head = AuditChainHead.objects.values("last_hash", "last_event_id", "last_position", "key_id", "signature").get()
    later = [record(actor=practitioner, action="people.person.viewed") for _ in range(2)]
    chain_seal()
    head = _export(tmp_path / "head.json")

    AuditEvent.objects.filter(pk__in=[e.pk for e in later]).delete()
    AuditChainHead.objects.filter(id=1).update(**old_head)

    assert _verify() == "Audit log intact: 3 events checked.\n"
    assert _verify_fails("--head", str(head)) == (
        f"Audit log tampered with: event {events[2].pk} does not fit, the log ends at position 3 but the exported "
        "head is at 5: rows were removed (3 events checked before it)."
    )


def test_a_log_rewritten_with_the_key_is_found_with_the_export(events, tmp_path):
    head = _export(tmp_path / "head.json")
    key = signing_key()

    # Someone who also has the key changes an event and seals everything after it again.
    AuditEvent.objects.filter(pk=events[1].pk).update(summary="Nothing happened")
    previous = AuditEvent.objects.get(pk=events[0].pk).hash
    for event in events[1:]:
        AuditEvent.objects.filter(pk=event.pk).update(previous_hash=previous)
        row = AuditEvent.objects.values(*HASHED_FIELDS).get(pk=event.pk)
        previous = row_hash(row, key=key.secret)
        AuditEvent.objects.filter(pk=event.pk).update(hash=previous)
    AuditChainHead.objects.filter(id=1).update(
        last_hash=previous,
        signature=head_signature(position=3, last_hash=previous, last_event_id=events[2].pk, key=key.secret),
    )

    assert _verify() == "Audit log intact: 3 events checked.\n"
    assert _verify_fails("--head", str(head)) == (
        f"Audit log tampered with: event {events[2].pk} does not fit, it does not match the exported head at "
        "position 3: the log was rewritten (3 events checked before it)."
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("not json", "it is not JSON (Expecting value, line 1)"),
        ("[1, 2]", "it is not an exported chain head (expected a JSON object)"),
        (
            '{"chain_position": "3", "event_id": 1, "hash": "' + "a" * 64 + '"}',
            "its chain_position must be a whole number of 1 or more",
        ),
        (
            '{"chain_position": 3, "event_id": 0, "hash": "' + "a" * 64 + '"}',
            "its event_id must be a whole number of 1 or more",
        ),
        (
            '{"chain_position": 3, "event_id": 1, "hash": "xyz"}',
            "its hash must be 64 lower-case hexadecimal characters",
        ),
        (
            '{"chain_position": 3, "event_id": 1, "hash": "' + "a" * 64 + '\\n"}',
            "its hash must be 64 lower-case hexadecimal characters",
        ),
        ("[" * 100_000, "it is not an exported chain head (nested too deeply)"),
    ],
)
def test_a_file_that_is_not_an_exported_head_gets_a_clear_message(events, tmp_path, content, problem):
    path = tmp_path / "head.json"
    path.write_text(content)

    assert _verify_fails("--head", str(path)) == f"{path} is not an exported chain head: {problem}."


def test_a_missing_head_file_gets_a_clear_message(events, tmp_path):
    assert _verify_fails("--head", str(tmp_path / "nowhere.json")) == (
        f"No exported chain head at {tmp_path / 'nowhere.json'}."
    )


def test_a_head_file_that_is_not_text_gets_a_clear_message(events, tmp_path):
    path = tmp_path / "head.json"
    path.write_bytes(b"\xff\xfe\x00")

    assert _verify_fails("--head", str(path)).startswith(f"The exported chain head {path} cannot be read: ")
