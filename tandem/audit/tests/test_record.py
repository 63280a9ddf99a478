"""Writing to the audit log: each event carries the hash of the one before it (ADR 0002)."""

import hashlib
import hmac
import json
from datetime import UTC, datetime

from django.urls import reverse

from tandem.audit.context import Origin, _origin
from tandem.audit.keys import DEVELOPMENT_KEY, DEVELOPMENT_KEY_ID
from tandem.audit.models import AuditChainHead, AuditEvent
from tandem.audit.services import GENESIS_HASH, SEAL_EVERY, chain_seal, record
from tandem.audit.verification import chain_verify

AT = datetime(2024, 3, 5, 9, 15, 30, 123456, tzinfo=UTC)


def test_it_writes_who_did_what_to_whom(practitioner, person, team, set_clock):
    set_clock(AT)

    event = record(
        actor=practitioner,
        action="people.person.viewed",
        person=person,
        target=team,
        summary="Viewed the summary",
        changes={"when": AT, "ids": (1, 2)},
        reason="Visit today",
    )

    saved = AuditEvent.objects.get()
    assert saved.pk == event.pk
    assert saved.at == AT
    assert saved.actor == practitioner
    assert saved.actor_name == "Priya Shah"
    assert saved.action == "people.person.viewed"
    assert saved.person_uuid == person.uuid
    assert saved.target_type == "identity.team"
    assert saved.target_id == str(team.pk)
    assert saved.summary == "Viewed the summary"
    assert saved.changes == {"when": "2024-03-05 09:15:30.123456+00:00", "ids": [1, 2]}
    assert saved.reason == "Visit today"
    assert (saved.ip_address, saved.user_agent) == (None, "")


def test_the_event_returned_is_the_row_as_read_back(practitioner, person, team, set_clock):
    set_clock(AT)
    _origin.set(Origin(ip_address="192.0.2.7", user_agent="Browser"))
    try:
        event = record(actor=practitioner, action="people.person.viewed", person=person, target=team, changes={"n": 1})
    finally:
        _origin.set(None)

    saved = AuditEvent.objects.get(pk=event.pk)
    for field in AuditEvent._meta.concrete_fields:
        assert getattr(event, field.attname) == getattr(saved, field.attname), field.name
    assert (saved.ip_address, saved.hash, saved.previous_hash, saved.key_id) == ("192.0.2.7", None, "", "")
    assert not event._state.adding


def test_an_event_without_an_actor_is_the_system(db):
    event = record(actor=None, action="system.nightly")

    assert (event.actor_id, event.actor_name, event.person_uuid, event.target_type, event.target_id) == (
        None,
        "System",
        None,
        "",
        "",
    )


def test_the_actor_name_falls_back_to_the_username(user_factory):
    nameless = user_factory(username="nameless", first_name="", last_name="")

    assert record(actor=nameless, action="identity.signed_in").actor_name == "nameless"


def test_it_records_where_the_request_came_from(practitioner):
    token = _origin.set(Origin(ip_address="192.0.2.10", user_agent="Firefox"))
    try:
        event = record(actor=practitioner, action="identity.signed_in")
    finally:
        _origin.reset(token)

    saved = AuditEvent.objects.get(pk=event.pk)
    assert (saved.ip_address, saved.user_agent) == ("192.0.2.10", "Firefox")
    assert chain_verify().intact is True


def test_an_event_is_written_unsealed_and_takes_no_lock(practitioner):
    event = record(actor=practitioner, action="identity.signed_in")

    saved = AuditEvent.objects.get(pk=event.pk)
    assert (saved.hash, saved.previous_hash, saved.chain_position) == (None, "", None)
    assert AuditChainHead.objects.count() == 0


def test_sealing_chains_the_first_event_to_the_genesis_hash(practitioner):
    event = record(actor=practitioner, action="identity.signed_in")

    assert chain_seal() == 1

    event.refresh_from_db()
    assert (event.previous_hash, event.chain_position) == (GENESIS_HASH, 1)


def test_each_sealed_event_carries_the_hash_of_the_one_before(practitioner, person):
    record(actor=practitioner, action="people.person.viewed", person=person)
    record(actor=practitioner, action="people.person.viewed", person=person)
    record(actor=None, action="system.nightly")

    chain_seal()

    first, second, third = AuditEvent.objects.order_by("id")
    assert [e.previous_hash for e in (first, second, third)] == [GENESIS_HASH, first.hash, second.hash]
    assert [e.chain_position for e in (first, second, third)] == [1, 2, 3]
    assert len({first.hash, second.hash, third.hash}) == 3
    head = AuditChainHead.objects.get()
    assert (head.last_hash, head.last_event_id, head.last_position) == (third.hash, third.pk, 3)


def test_sealing_again_seals_only_what_is_new(practitioner):
    record(actor=practitioner, action="identity.signed_in")
    chain_seal()
    first = AuditEvent.objects.get()
    later = record(actor=practitioner, action="identity.signed_out")

    assert chain_seal() == 1

    later.refresh_from_db()
    assert (later.previous_hash, later.chain_position) == (first.hash, 2)
    assert chain_seal() == 0


def test_every_fiftieth_event_seals_the_chain_once_its_transaction_commits(
    practitioner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(SEAL_EVERY):
            record(actor=practitioner, action="people.person.viewed")

    assert AuditEvent.objects.filter(hash__isnull=True).count() == 0


def test_the_seal_is_an_hmac_under_the_key_over_every_column(practitioner, person, set_clock):
    set_clock(AT)
    token = _origin.set(Origin(ip_address="192.0.2.10", user_agent="Firefox"))
    try:
        event = record(
            actor=practitioner,
            action="people.person.viewed",
            person=person,
            summary="Viewed",
            changes={"a": 1},
            reason="Visit",
        )
    finally:
        _origin.reset(token)

    chain_seal()

    event.refresh_from_db()
    columns = {
        "id": event.pk,
        "at": "2024-03-05T09:15:30.123456+00:00",
        "actor_id": practitioner.pk,
        "actor_name": "Priya Shah",
        "action": "people.person.viewed",
        "person_uuid": str(person.uuid),
        "target_type": "",
        "target_id": "",
        "summary": "Viewed",
        "changes": {"a": 1},
        "reason": "Visit",
        "ip_address": "192.0.2.10",
        "user_agent": "Firefox",
        "chain_position": 1,
        "previous_hash": GENESIS_HASH,
        "key_id": DEVELOPMENT_KEY_ID,
    }
    text = json.dumps(columns, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    expected = hmac.new(DEVELOPMENT_KEY, b"tandem.audit.event.v2\n" + text.encode(), hashlib.sha256).hexdigest()
    assert (event.key_id, event.hash) == (DEVELOPMENT_KEY_ID, expected)


def test_a_summary_longer_than_the_column_is_cut_and_the_chain_still_verifies(practitioner):
    event = record(actor=practitioner, action="people.person.updated", summary="x" * 350)

    assert AuditEvent.objects.get(pk=event.pk).summary == "x" * 300
    assert chain_verify().intact is True


def test_behind_a_trusted_proxy_an_event_records_the_client_not_the_proxy(client, practitioner, person, settings):
    settings.TANDEM_TRUSTED_PROXIES = ["10.0.0.1"]
    client.force_login(practitioner)
    summary = reverse("people:summary", args=[person.uuid])

    client.get(summary, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.10")
    forged = client.get(summary, REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR="192.0.2.99")

    origins = list(AuditEvent.objects.order_by("pk").values_list("ip_address", flat=True))
    assert forged.status_code == 200
    assert origins[-2:] == ["192.0.2.10", "198.51.100.20"]
