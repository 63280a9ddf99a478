"""Ending a hazard warning that no longer applies; it stays in the record's history."""

from datetime import UTC, date, datetime

import pytest

from tandem.audit.models import AuditEvent
from tandem.core.errors import DomainError, NotPermitted
from tandem.people.models import HazardWarning
from tandem.people.services import warning_end
from tandem.people.tests.factories import HazardWarningFactory


@pytest.fixture(autouse=True)
def _march_2024(set_clock):
    set_clock(datetime(2024, 3, 5, 12, 0, tzinfo=UTC))


@pytest.fixture
def warning(person, practitioner):
    return HazardWarningFactory(
        person=person, raised_by=practitioner, starts_on=date(2024, 1, 2), review_on=date(2024, 4, 2)
    )


def row(warning):
    return HazardWarning.objects.values().get(pk=warning.pk)


def test_it_ends_the_warning_today(practitioner, warning):
    warning_end(warning=warning, reason=" The dogs have been rehomed ", actor=practitioner)

    saved = HazardWarning.objects.get(pk=warning.pk)
    assert saved.ends_on == date(2024, 3, 5)
    assert saved.ended_by == practitioner
    assert saved.end_reason == "The dogs have been rehomed"
    assert list(HazardWarning.objects.active_on(date(2024, 3, 5))) == []
    assert list(HazardWarning.objects.active_on(date(2024, 3, 4))) == [saved]


def test_a_warning_not_yet_started_ends_on_its_start_date(practitioner, person):
    future = HazardWarningFactory(person=person, starts_on=date(2024, 5, 1), review_on=date(2024, 6, 1))

    warning_end(warning=future, reason="Raised on the wrong record", actor=practitioner)

    assert HazardWarning.objects.get(pk=future.pk).ends_on == date(2024, 5, 1)


def test_it_writes_one_audit_event(practitioner, person, warning):
    warning_end(warning=warning, reason="The dogs have been rehomed", actor=practitioner)

    event = AuditEvent.objects.get()
    assert event.action == "people.warning.ended"
    assert event.person_uuid == person.uuid
    assert event.target_id == str(warning.pk)
    assert event.summary == "Ended a warning: Animals"
    assert event.reason == "The dogs have been rehomed"


def test_it_refuses_without_a_reason(practitioner, warning):
    before = row(warning)

    with pytest.raises(DomainError) as refused:
        warning_end(warning=warning, reason="  ", actor=practitioner)

    assert (refused.value.message, refused.value.field) == ("Say why the warning no longer applies", "reason")
    assert row(warning) == before
    assert AuditEvent.objects.count() == 0


def test_an_ended_warning_cannot_be_ended_again(practitioner, warning):
    warning_end(warning=warning, reason="The dogs have been rehomed", actor=practitioner)
    before = row(warning)

    with pytest.raises(NotPermitted) as refused:
        warning_end(warning=warning, reason="Ending it twice", actor=practitioner)

    assert refused.value.message == "This warning cannot be ended"
    assert row(warning) == before
    assert AuditEvent.objects.count() == 1


def test_business_support_may_not_end_warnings(business_support, warning):
    before = row(warning)

    with pytest.raises(NotPermitted) as refused:
        warning_end(warning=warning, reason="The dogs have been rehomed", actor=business_support)

    assert refused.value.message == "This warning cannot be ended"
    assert row(warning) == before
    assert AuditEvent.objects.count() == 0
