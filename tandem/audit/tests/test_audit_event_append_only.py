"""Audit events are only ever inserted: the model refuses to change or delete one."""

import pytest

from tandem.audit.models import AuditEvent
from tandem.audit.services import record


def test_a_saved_event_cannot_be_changed(practitioner):
    event = record(actor=practitioner, action="identity.signed_in", summary="Signed in")
    event.summary = "Nothing happened"

    with pytest.raises(ValueError, match=r"^Audit events cannot be changed\.$"):
        event.save()

    assert AuditEvent.objects.get(pk=event.pk).summary == "Signed in"


def test_an_event_fetched_again_cannot_be_changed(practitioner):
    event = record(actor=practitioner, action="identity.signed_in", summary="Signed in")
    fetched = AuditEvent.objects.get(pk=event.pk)
    fetched.action = "identity.signed_out"

    with pytest.raises(ValueError, match=r"^Audit events cannot be changed\.$"):
        fetched.save(update_fields=["action"])

    assert AuditEvent.objects.get(pk=event.pk).action == "identity.signed_in"


def test_an_event_cannot_be_deleted(practitioner):
    event = record(actor=practitioner, action="identity.signed_in")

    with pytest.raises(ValueError, match=r"^Audit events cannot be deleted\.$"):
        event.delete()

    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [event.pk]
