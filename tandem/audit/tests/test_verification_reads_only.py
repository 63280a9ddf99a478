"""Verifying the audit log never writes: every statement it sends is a SELECT, so it can run on a
replica or as a database role that may only read."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from tandem.audit.models import AuditEvent
from tandem.audit.services import chain_seal, record
from tandem.audit.verification import chain_verify


class WriteRefused(AssertionError):
    pass


def _select_only(execute, sql, params, many, context):
    if not sql.lstrip().upper().startswith("SELECT"):
        raise WriteRefused(f"verification sent a statement that is not a SELECT: {sql[:80]}")
    return execute(sql, params, many, context)


@pytest.fixture
def log_with_waiting_events(practitioner):
    for _ in range(3):
        record(actor=practitioner, action="people.person.viewed")
    chain_seal()
    # Two more wait to be sealed: the old verification sealed them first.
    return [record(actor=practitioner, action="people.person.viewed") for _ in range(2)]


def test_chain_verify_only_reads(log_with_waiting_events):
    with connection.execute_wrapper(_select_only):
        report = chain_verify()

    assert (report.intact, report.checked, report.waiting) == (True, 3, 2)
    assert AuditEvent.objects.filter(hash__isnull=True).count() == 2


def test_the_commands_only_read(log_with_waiting_events, tmp_path: Path):
    head = tmp_path / "head.json"
    call_command("audit_head", "--output", str(head), stdout=StringIO())
    out = StringIO()

    with connection.execute_wrapper(_select_only):
        call_command("audit_verify", "--head", str(head), stdout=out)
        call_command("audit_head", stdout=StringIO())

    assert out.getvalue() == (
        "Audit log intact: 3 events checked. It still holds the exported head (position 3, event "
        f"{log_with_waiting_events[0].pk - 1}). 2 newer events wait to be sealed (tandem audit_seal).\n"
    )
    assert AuditEvent.objects.filter(hash__isnull=True).count() == 2


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="read-only transactions are PostgreSQL's")
def test_chain_verify_runs_in_a_read_only_transaction(log_with_waiting_events):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the foreign keys' checks, which lock, run now
        # Any write from here to the test's end fails: "cannot execute UPDATE in a read-only transaction".
        cursor.execute("SET TRANSACTION READ ONLY")
    report = chain_verify()

    assert (report.intact, report.checked, report.waiting) == (True, 3, 2)
