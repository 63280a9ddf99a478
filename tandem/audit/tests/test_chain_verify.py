"""Verifying the audit chain finds any edit made behind the application's back."""

from datetime import UTC, datetime, timedelta

import pytest

from tandem.audit.models import AuditEvent
from tandem.audit.services import chain_seal, record
from tandem.audit.verification import ChainReport, chain_verify


@pytest.fixture
def events(practitioner, person, set_clock):
    start = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    made = []
    for minute in range(5):
        set_clock(start + timedelta(minutes=minute))
        made.append(
            record(
                actor=practitioner,
                action="people.person.viewed",
                person=person,
                summary=f"Viewed page {minute}",
                changes={"page": minute, "name": "Zoë"},
            )
        )
    chain_seal()
    return made


def test_an_empty_log_is_intact(db):
    assert chain_verify() == ChainReport(checked=0, broken_at=None, problem="")


def test_a_fresh_chain_is_intact(events):
    report = chain_verify()

    assert report == ChainReport(checked=5, broken_at=None, problem="")
    assert report.intact is True


def test_a_chain_longer_than_one_batch_is_intact(events):
    assert chain_verify(batch_size=2) == ChainReport(checked=5, broken_at=None, problem="")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("summary", "Nothing to see"),
        ("action", "people.person.created"),
        ("changes", {"page": 9, "name": "Zoë"}),
        ("actor_name", "Someone else"),
        ("at", datetime(2024, 3, 5, 8, 0, tzinfo=UTC)),
        ("actor_id", None),
    ],
)
def test_it_finds_a_field_changed_behind_its_back(events, field, value):
    AuditEvent.objects.filter(pk=events[2].pk).update(**{field: value})

    report = chain_verify()

    assert report == ChainReport(
        checked=2, broken_at=events[2].pk, problem="its contents were changed after it was written"
    )
    assert report.intact is False


def test_it_finds_a_row_deleted_from_the_middle(events):
    AuditEvent.objects.filter(pk=events[2].pk).delete()

    report = chain_verify()

    assert report == ChainReport(checked=2, broken_at=events[3].pk, problem="a row before it was removed or changed")
    assert report.intact is False


def test_it_finds_a_row_whose_hash_was_rewritten(events):
    AuditEvent.objects.filter(pk=events[1].pk).update(hash="f" * 64)

    report = chain_verify()

    assert report.broken_at == events[1].pk
    assert report.intact is False


def test_it_finds_rows_deleted_from_the_end(events):
    AuditEvent.objects.filter(pk__in=[events[3].pk, events[4].pk]).delete()

    report = chain_verify()

    assert report == ChainReport(checked=3, broken_at=events[2].pk, problem="rows at the end of the log were removed")
    assert report.intact is False


def test_it_finds_every_row_deleted(events):
    AuditEvent.objects.all().delete()

    report = chain_verify()

    assert report == ChainReport(checked=0, broken_at=events[4].pk, problem="rows at the end of the log were removed")
    assert report.intact is False


def test_it_leaves_waiting_events_unsealed_and_counts_them(practitioner, events):
    waiting = record(actor=practitioner, action="people.person.viewed")

    report = chain_verify()

    assert report == ChainReport(checked=5, broken_at=None, problem="", waiting=1)
    assert list(AuditEvent.objects.filter(hash__isnull=True).values_list("pk", flat=True)) == [waiting.pk]


def test_it_finds_a_seal_wiped_to_be_sealed_again(events):
    AuditEvent.objects.filter(pk=events[1].pk).update(hash=None, previous_hash="", chain_position=None)

    report = chain_verify()

    assert report.intact is False
    assert report.broken_at == events[2].pk
