"""Reviewing a hazard warning: it still applies, and is next reviewed on a later date."""

from datetime import date

import pytest

from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import NotPermitted
from tandem.people.models import HazardWarning
from tandem.people.services import warning_end, warning_review
from tandem.people.tests.factories import HazardWarningFactory

pytestmark = pytest.mark.usefixtures("march_2024")


@pytest.fixture
def warning(person, practitioner):
    return HazardWarningFactory(
        person=person, raised_by=practitioner, starts_on=date(2024, 1, 2), review_on=date(2024, 3, 1)
    )


def test_it_sets_the_next_review_date(practitioner, warning):
    warning_review(warning=warning, review_on=date(2024, 9, 1), actor=practitioner)

    saved = HazardWarning.objects.get(pk=warning.pk)
    assert saved.review_on == date(2024, 9, 1)
    assert saved.ends_on is None


def test_it_writes_one_audit_event_with_the_old_and_new_dates(practitioner, person, warning):
    warning_review(warning=warning, review_on=date(2024, 9, 1), actor=practitioner)

    event = AuditEvent.objects.get()
    assert event.action == "people.warning.reviewed"
    assert event.person_uuid == person.uuid
    assert event.summary == "Reviewed a warning"
    assert event.changes == {"review_on": ["2024-03-01", "2024-09-01"]}


@pytest.mark.parametrize("review_on", [date(2024, 3, 5), date(2024, 3, 4)])
def test_it_refuses_a_review_date_that_is_not_in_the_future(practitioner, warning, review_on):
    refusal = refused_unchanged(
        lambda: warning_review(warning=warning, review_on=review_on, actor=practitioner), warning, audited=0
    )

    assert refusal.message == "The next review date must be in the future"
    assert refusal.field == "review_on"


def test_an_ended_warning_cannot_be_reviewed(practitioner, warning):
    warning_end(warning=warning, reason="The dogs have been rehomed", actor=practitioner)

    refusal = refused_unchanged(
        lambda: warning_review(warning=warning, review_on=date(2024, 9, 1), actor=practitioner),
        warning,
        raises=NotPermitted,
        audited=1,
    )

    assert refusal.message == "This warning cannot be reviewed"


def test_a_system_administrator_may_not_review_warnings(admin_user, warning):
    refused_unchanged(
        lambda: warning_review(warning=warning, review_on=date(2024, 9, 1), actor=admin_user),
        warning,
        raises=NotPermitted,
        audited=0,
    )
