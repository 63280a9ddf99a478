"""Consent to share: the person's decision for each partner organisation; a new one replaces the old."""

from datetime import date

import pytest

from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import DomainError, NotPermitted
from tandem.identity.models import OrganisationKind
from tandem.identity.tests.factories import OrganisationFactory
from tandem.people.codes import ConsentDecision
from tandem.people.models import ConsentToShare
from tandem.people.services import consent_record


@pytest.fixture
def trust(db):
    return OrganisationFactory(
        name="Wirral Community Health and Care NHS Foundation Trust", kind=OrganisationKind.NHS_TRUST
    )


pytestmark = pytest.mark.usefixtures("march_2024")


def decide(person, organisation, *, actor, decision=ConsentDecision.GIVEN, decided_on=date(2024, 3, 5), note=""):
    """The person's decision about sharing with `organisation`, recorded by `actor` (given, today, by default)."""
    return consent_record(
        person=person, organisation=organisation, decision=decision, decided_on=decided_on, note=note, actor=actor
    )


def test_it_records_the_decision(practitioner, person, trust):
    decide(person, trust, actor=practitioner, note=" Happy for the district nurses to see it ")

    consent = ConsentToShare.objects.get()
    assert consent.person == person
    assert consent.organisation == trust
    assert consent.decision == ConsentDecision.GIVEN
    assert consent.decided_on == date(2024, 3, 5)
    assert consent.note == "Happy for the district nurses to see it"
    assert consent.recorded_by == practitioner
    assert consent.withdrawn_on is None


def test_it_writes_one_audit_event(practitioner, person, trust):
    decide(person, trust, actor=practitioner, decision=ConsentDecision.REFUSED, decided_on=date(2024, 3, 1))

    event = AuditEvent.objects.get()
    assert event.action == "people.consent.recorded"
    assert event.person_uuid == person.uuid
    assert event.summary == "Consent refused to share with Wirral Community Health and Care NHS Foundation Trust"


def test_a_new_decision_replaces_the_last_one_for_the_same_organisation(practitioner, person, trust, organisation):
    first = decide(person, trust, actor=practitioner, decided_on=date(2024, 1, 10))
    other = decide(person, organisation, actor=practitioner, decided_on=date(2024, 1, 10))

    second = decide(person, trust, actor=practitioner, decision=ConsentDecision.REFUSED, decided_on=date(2024, 3, 1))

    assert ConsentToShare.objects.get(pk=first.pk).withdrawn_on == date(2024, 3, 1)
    assert ConsentToShare.objects.get(pk=second.pk).withdrawn_on is None
    assert ConsentToShare.objects.get(pk=other.pk).withdrawn_on is None


def test_it_refuses_a_decision_that_is_neither_given_nor_refused(practitioner, person, trust):
    refusal = refused_unchanged(lambda: decide(person, trust, actor=practitioner, decision="maybe"), audited=0)

    assert (refusal.message, refusal.field) == ("Select whether the person gave consent", "decision")
    assert ConsentToShare.objects.count() == 0


def test_it_refuses_a_decision_dated_in_the_future(practitioner, person, trust):
    refusal = refused_unchanged(
        lambda: decide(person, trust, actor=practitioner, decided_on=date(2024, 3, 6)), audited=0
    )

    assert refusal.message == "The date of the decision must be today or in the past"
    assert refusal.field == "decided_on"
    assert ConsentToShare.objects.count() == 0


def test_a_refused_decision_leaves_the_last_one_in_force(practitioner, person, trust):
    first = decide(person, trust, actor=practitioner, decided_on=date(2024, 1, 10))

    with pytest.raises(DomainError):
        decide(person, trust, actor=practitioner, decision=ConsentDecision.REFUSED, decided_on=date(2024, 4, 1))

    assert ConsentToShare.objects.get(pk=first.pk).withdrawn_on is None
    assert AuditEvent.objects.count() == 1


def test_a_system_administrator_may_not_record_consent(admin_user, person, trust):
    refusal = refused_unchanged(lambda: decide(person, trust, actor=admin_user), raises=NotPermitted, audited=0)

    assert refusal.message == "You do not have permission to change this record"
    assert ConsentToShare.objects.count() == 0
