"""On PostgreSQL the database itself refuses to change or remove audit events (migration 0004):
no UPDATE but filling an empty seal once, no DELETE, no TRUNCATE, whichever role asks, even one
granted every privilege on the table."""

import importlib
import uuid

import pytest
from django.db import DatabaseError, connection, transaction

from tandem.audit.models import AuditChainHead, AuditEvent
from tandem.audit.services import chain_seal, record
from tandem.audit.verification import ChainReport, chain_verify

pytestmark = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="SQLite has no database roles, so nothing in it can stop whoever opens the file; there the keyed "
    "seals are the protection (migration 0004 installs the guard on PostgreSQL only)",
)

migration = importlib.import_module("tandem.audit.migrations.0004_database_guard")


def _sql(statement, params=None):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def guarded(db):
    # The tests build their tables without migrations, so the guard is installed here, from the
    # migration itself; the test's transaction takes it away again.
    _sql(migration.GUARD_SQL)


@pytest.fixture
def app_role(guarded):
    """A role like the application's, granted everything on every table: the guard still holds."""
    name = f"tandem_audit_app_{uuid.uuid4().hex[:12]}"
    _sql(f"CREATE ROLE {name} NOLOGIN")
    _sql(f"GRANT USAGE ON SCHEMA public TO {name}")
    _sql(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {name}")
    _sql(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {name}")
    _sql(f"SET LOCAL ROLE {name}")
    return name


@pytest.fixture
def log(guarded, practitioner):
    sealed = [record(actor=practitioner, action="people.person.viewed", summary=f"Viewed {n}") for n in range(3)]
    chain_seal()
    waiting = record(actor=practitioner, action="people.person.viewed", summary="Waiting")
    # Check the foreign keys now, not at the test's end: TRUNCATE will not run past pending checks.
    _sql("SET CONSTRAINTS ALL IMMEDIATE")
    return sealed, waiting


def _snapshot():
    return (
        list(AuditEvent.objects.order_by("id").values()),
        list(AuditChainHead.objects.values()),
    )


def _refused(statement, params=None):
    before = _snapshot()
    with pytest.raises(DatabaseError) as refused, transaction.atomic():
        _sql(statement, params)
    assert _snapshot() == before
    return str(refused.value).splitlines()[0]


@pytest.mark.parametrize("as_app_role", [False, True], ids=["as the owner", "as a role granted everything"])
def test_writing_and_sealing_still_work(request, log, practitioner, as_app_role):
    if as_app_role:
        request.getfixturevalue("app_role")
    record(actor=practitioner, action="people.person.viewed")

    assert chain_seal() == 2
    assert chain_verify() == ChainReport(checked=5, broken_at=None, problem="")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditevent SET summary = 'Nothing happened' WHERE id = %(sealed)s",
        "UPDATE audit_auditevent SET user_agent = 'x' WHERE id = %(sealed)s",
        "UPDATE audit_auditevent SET hash = NULL, previous_hash = '', chain_position = NULL WHERE id = %(sealed)s",
        "UPDATE audit_auditevent SET hash = repeat('f', 64) WHERE id = %(sealed)s",
        "UPDATE audit_auditevent SET summary = 'Nothing happened' WHERE id = %(waiting)s",
        "UPDATE audit_auditevent SET summary = 'x', hash = repeat('f', 64), chain_position = 9 WHERE id = %(waiting)s",
        "DELETE FROM audit_auditevent WHERE id = %(sealed)s",
        "DELETE FROM audit_auditevent WHERE id = %(waiting)s",
        "TRUNCATE audit_auditevent CASCADE",
    ],
)
@pytest.mark.parametrize("as_app_role", [False, True], ids=["as the owner", "as a role granted everything"])
def test_changing_or_removing_events_is_refused(request, log, statement, as_app_role):
    if as_app_role:
        request.getfixturevalue("app_role")
    sealed, waiting = log

    message = _refused(statement, {"sealed": sealed[1].pk, "waiting": waiting.pk})

    assert message.startswith("audit events are append-only: ")


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditchainhead SET last_position = 1",
        "DELETE FROM audit_auditchainhead",
        "TRUNCATE audit_auditchainhead",
    ],
)
def test_moving_back_or_removing_the_chain_head_is_refused(log, app_role, statement):
    assert _refused(statement).startswith("the audit chain head only moves forward: ")


def test_the_application_role_cannot_take_the_guard_away(log, app_role):
    message = _refused("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_guard")

    assert message == "must be owner of table audit_auditevent"
