"""Writing to the audit log: each event carries the hash of the one before it (ADR 0002)."""

from datetime import UTC, datetime

from tandem.audit.context import Origin, _origin
from tandem.audit.models import AuditChainHead, AuditEvent
from tandem.audit.services import GENESIS_HASH, event_hash, record
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


def test_the_first_event_follows_the_genesis_hash(practitioner):
    event = record(actor=practitioner, action="identity.signed_in")

    assert event.previous_hash == GENESIS_HASH


def test_each_event_carries_the_hash_of_the_one_before(practitioner, person):
    first = record(actor=practitioner, action="people.person.viewed", person=person)
    second = record(actor=practitioner, action="people.person.viewed", person=person)
    third = record(actor=None, action="system.nightly")

    assert [e.previous_hash for e in AuditEvent.objects.order_by("id")] == [GENESIS_HASH, first.hash, second.hash]
    assert len({first.hash, second.hash, third.hash}) == 3
    head = AuditChainHead.objects.get()
    assert (head.last_hash, head.last_event_id) == (third.hash, third.pk)


def test_the_hash_is_over_the_previous_hash_and_every_field(practitioner, person, set_clock):
    set_clock(AT)

    event = record(
        actor=practitioner,
        action="people.person.viewed",
        person=person,
        summary="Viewed",
        changes={"a": 1},
        reason="Visit",
    )

    assert event.hash == event_hash(
        previous_hash=GENESIS_HASH,
        at=AT,
        actor_id=practitioner.pk,
        actor_name="Priya Shah",
        action="people.person.viewed",
        person_uuid=str(person.uuid),
        target_type="",
        target_id="",
        summary="Viewed",
        changes={"a": 1},
        reason="Visit",
        ip_address=None,
    )


def test_a_summary_longer_than_the_column_is_cut_and_the_chain_still_verifies(practitioner):
    event = record(actor=practitioner, action="people.person.updated", summary="x" * 350)

    assert AuditEvent.objects.get(pk=event.pk).summary == "x" * 300
    assert chain_verify().intact is True
