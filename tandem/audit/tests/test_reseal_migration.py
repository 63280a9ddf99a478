"""Migration 0003 checks the chain sealed the old way (plain SHA-256), then seals the same events
again under the audit key; a broken old chain stops it with nothing changed."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from tandem.audit.models import AuditChainHead, AuditEvent
from tandem.audit.services import GENESIS_HASH, record
from tandem.audit.verification import ChainReport, chain_verify

migration = importlib.import_module("tandem.audit.migrations.0003_reseal_with_key")
editor = SimpleNamespace(connection=connection)


def _seal_the_old_way(events):
    """What the sealer did before the audit key: a plain SHA-256 chain and an unsigned head."""
    previous = GENESIS_HASH
    for position, event in enumerate(events, start=1):
        row = AuditEvent.objects.values(*migration._KEYED_FIELDS).get(pk=event.pk)
        digest = migration._legacy_hash(row, previous)
        AuditEvent.objects.filter(pk=event.pk).update(
            chain_position=position, previous_hash=previous, key_id="", hash=digest
        )
        previous = digest
    AuditChainHead.objects.create(id=1, last_hash=previous, last_event_id=events[-1].pk, last_position=len(events))


def _seals():
    return list(AuditEvent.objects.order_by("id").values_list("chain_position", "previous_hash", "key_id", "hash"))


@pytest.fixture
def old_log(practitioner, person):
    events = [
        record(actor=practitioner, action="people.person.viewed", person=person, changes={"page": n}) for n in range(3)
    ]
    _seal_the_old_way(events)
    return events


def test_an_old_chain_is_sealed_again_under_the_key(old_log):
    assert chain_verify().intact is False

    migration.reseal_with_key(apps, editor)

    assert chain_verify() == ChainReport(checked=3, broken_at=None, problem="")
    assert [seal[:1] + seal[2:3] for seal in _seals()] == [(1, "development"), (2, "development"), (3, "development")]


def test_resealing_can_be_undone(old_log):
    before = _seals()

    migration.reseal_with_key(apps, editor)
    migration.reseal_without_key(apps, editor)

    assert _seals() == before
    assert AuditChainHead.objects.values_list("key_id", "signature").get() == ("", "")


def test_a_broken_old_chain_is_not_resealed(old_log):
    AuditEvent.objects.filter(pk=old_log[1].pk).update(summary="Nothing happened")
    before = _seals()

    with pytest.raises(RuntimeError) as refused:
        migration.reseal_with_key(apps, editor)

    assert str(refused.value) == (
        f"The audit log does not verify (event {old_log[1].pk} does not fit), so it was not resealed with the audit "
        "key: find out what happened before migrating. Nothing was changed."
    )
    assert _seals() == before


def test_an_old_chain_cut_short_is_not_resealed(old_log):
    AuditEvent.objects.filter(pk=old_log[2].pk).delete()

    with pytest.raises(RuntimeError, match=r"rows at the end of the log were removed"):
        migration.reseal_with_key(apps, editor)


def test_an_empty_log_needs_nothing(db):
    migration.reseal_with_key(apps, editor)

    assert not AuditChainHead.objects.exists()
