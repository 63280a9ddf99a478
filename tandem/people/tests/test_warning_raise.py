"""Raising a hazard warning: it shows on every page of the person's record until ended."""

from datetime import date

import pytest

from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import NotPermitted
from tandem.people.codes import WarningCategory
from tandem.people.models import HazardWarning
from tandem.people.services import warning_raise

pytestmark = pytest.mark.usefixtures("march_2024")


def raise_warning(person, actor, **overrides):
    arguments = {
        "category": WarningCategory.ANIMALS,
        "description": " Two large dogs: ask for them to be shut away ",
        "starts_on": date(2024, 3, 5),
        "review_on": date(2024, 6, 5),
    } | overrides
    return warning_raise(person=person, actor=actor, **arguments)


def test_it_raises_the_warning(practitioner, person):
    raise_warning(person, practitioner)

    warning = HazardWarning.objects.get()
    assert warning.person == person
    assert warning.category == WarningCategory.ANIMALS
    assert warning.description == "Two large dogs: ask for them to be shut away"
    assert (warning.starts_on, warning.review_on, warning.ends_on) == (date(2024, 3, 5), date(2024, 6, 5), None)
    assert warning.raised_by == practitioner
    assert list(HazardWarning.objects.active_on(date(2024, 3, 5))) == [warning]


def test_it_writes_one_audit_event(practitioner, person):
    warning = raise_warning(person, practitioner)

    event = AuditEvent.objects.get()
    assert event.action == "people.warning.raised"
    assert event.person_uuid == person.uuid
    assert event.target_type == "people.hazardwarning"
    assert event.target_id == str(warning.pk)
    assert event.summary == "Raised a warning: Animals"


def test_a_warning_may_start_a_year_ahead_and_be_reviewed_the_same_day(practitioner, person):
    warning = raise_warning(person, practitioner, starts_on=date(2025, 3, 5), review_on=date(2025, 3, 5))

    assert (warning.starts_on, warning.review_on) == (date(2025, 3, 5), date(2025, 3, 5))


@pytest.mark.parametrize(
    ("overrides", "message", "field"),
    [
        ({"category": "dogs"}, "Select the kind of hazard", "category"),
        ({"description": "   "}, "Describe the hazard and what staff should do", "description"),
        (
            {"starts_on": date(2025, 3, 6), "review_on": date(2025, 4, 1)},
            "The warning must start within the next year",
            "starts_on",
        ),
        ({"review_on": date(2024, 3, 4)}, "The review date must be on or after the start date", "review_on"),
    ],
)
def test_it_refuses_a_warning_that_is_wrong(practitioner, person, overrides, message, field):
    refusal = refused_unchanged(lambda: raise_warning(person, practitioner, **overrides), audited=0)

    assert (refusal.message, refusal.field) == (message, field)
    assert HazardWarning.objects.count() == 0


def test_business_support_may_not_raise_warnings(business_support, person):
    refusal = refused_unchanged(lambda: raise_warning(person, business_support), raises=NotPermitted, audited=0)

    assert refusal.message == "You do not have permission to raise warnings"
    assert HazardWarning.objects.count() == 0
