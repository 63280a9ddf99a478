"""Ending a hazard warning that no longer applies; it stays in the record's history."""

from datetime import date

import pytest

from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import NotPermitted
from tandem.people.models import HazardWarning
from tandem.people.services import warning_end
from tandem.people.tests.factories import HazardWarningFactory

pytestmark = pytest.mark.usefixtures("march_2024")


@pytest.fixture
def warning(person, practitioner):
    return HazardWarningFactory(
        person=person, raised_by=practitioner, starts_on=date(2024, 1, 2), review_on=date(2024, 4, 2)
    )


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
    refusal = refused_unchanged(
        lambda: warning_end(warning=warning, reason="  ", actor=practitioner), warning, audited=0
    )

    assert (refusal.message, refusal.field) == ("Say why the warning no longer applies", "reason")


def test_an_ended_warning_cannot_be_ended_again(practitioner, warning):
    warning_end(warning=warning, reason="The dogs have been rehomed", actor=practitioner)

    refusal = refused_unchanged(
        lambda: warning_end(warning=warning, reason="Ending it twice", actor=practitioner),
        warning,
        raises=NotPermitted,
        audited=1,
    )

    assert refusal.message == "This warning cannot be ended"


def test_business_support_may_not_end_warnings(business_support, warning):
    refusal = refused_unchanged(
        lambda: warning_end(warning=warning, reason="The dogs have been rehomed", actor=business_support),
        warning,
        raises=NotPermitted,
        audited=0,
    )

    assert refusal.message == "This warning cannot be ended"
