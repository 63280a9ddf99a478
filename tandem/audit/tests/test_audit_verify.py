"""`tandem audit_verify`: exit 0 with the count when the chain is intact, fail when it was tampered with."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tandem.audit.models import AuditEvent
from tandem.audit.services import chain_seal, record


@pytest.fixture
def events(practitioner, person):
    made = [record(actor=practitioner, action="people.person.viewed", person=person) for _ in range(3)]
    chain_seal()
    return made


def test_it_reports_an_intact_log_with_the_count(events):
    out = StringIO()

    call_command("audit_verify", stdout=out)

    assert out.getvalue() == "Audit log intact: 3 events checked.\n"


def test_it_fails_when_an_event_was_changed(events):
    AuditEvent.objects.filter(pk=events[1].pk).update(summary="Nothing happened")

    with pytest.raises(CommandError) as failed:
        call_command("audit_verify", stdout=StringIO())

    assert str(failed.value) == (
        f"Audit log tampered with: event {events[1].pk} does not fit, its contents were changed after it was "
        "written (1 events checked before it)."
    )


def test_it_fails_when_every_event_was_deleted(events):
    AuditEvent.objects.all().delete()

    with pytest.raises(CommandError) as failed:
        call_command("audit_verify", stdout=StringIO())

    assert str(failed.value) == (
        f"Audit log tampered with: event {events[2].pk} does not fit, rows at the end of the log were removed "
        "(0 events checked before it)."
    )
