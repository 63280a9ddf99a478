"""Previous names: kept so that a search for a name the person was known by still finds them."""

from datetime import UTC, date, datetime

import pytest

from tandem.audit.models import AuditEvent
from tandem.core.errors import DomainError, NotPermitted
from tandem.people.models import PreviousName
from tandem.people.search import people_search
from tandem.people.services import previous_name_add


def test_it_keeps_the_previous_name(practitioner, person):
    previous = previous_name_add(
        person=person,
        given_name=" Margaret ",
        family_name=" Whitfield ",
        used_until=date(1970, 6, 1),
        actor=practitioner,
    )

    saved = PreviousName.objects.get()
    assert saved.pk == previous.pk
    assert saved.person == person
    assert (saved.given_name, saved.family_name, saved.used_until) == ("Margaret", "Whitfield", date(1970, 6, 1))


def test_search_finds_the_person_by_the_previous_name(practitioner, person):
    previous_name_add(person=person, given_name="", family_name="Whitfield", used_until=None, actor=practitioner)

    assert [p.pk for p in people_search(actor=practitioner, text="Mary Whitfield").people] == [person.pk]
    assert [p.pk for p in people_search(actor=practitioner, text="Mary Smith").people] == [person.pk]


def test_it_writes_one_audit_event(practitioner, person):
    previous = previous_name_add(
        person=person, given_name="Margaret", family_name="Whitfield", used_until=None, actor=practitioner
    )

    event = AuditEvent.objects.get()
    assert event.action == "people.previous_name.added"
    assert event.person_uuid == person.uuid
    assert event.target_type == "people.previousname"
    assert event.target_id == str(previous.pk)
    assert event.summary == "Added previous name Margaret Whitfield"


def test_it_refuses_a_previous_name_without_a_last_name(practitioner, person):
    with pytest.raises(DomainError) as refused:
        previous_name_add(person=person, given_name="Margaret", family_name="  ", used_until=None, actor=practitioner)

    assert (refused.value.message, refused.value.field) == ("Enter the previous last name", "family_name")
    assert PreviousName.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_it_refuses_a_used_until_date_in_the_future(practitioner, person, set_clock):
    set_clock(datetime(2024, 3, 5, 12, 0, tzinfo=UTC))

    with pytest.raises(DomainError) as refused:
        previous_name_add(
            person=person, given_name="", family_name="Whitfield", used_until=date(2024, 3, 6), actor=practitioner
        )

    assert refused.value.message == "The date the name was used until must be today or in the past"
    assert refused.value.field == "used_until"
    assert PreviousName.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_system_administrator_may_not_add_one(admin_user, practitioner, person):
    with pytest.raises(NotPermitted) as refused:
        previous_name_add(person=person, given_name="", family_name="Whitfield", used_until=None, actor=admin_user)

    assert refused.value.message == "You do not have permission to change this record"
    assert PreviousName.objects.count() == 0
    assert AuditEvent.objects.count() == 0
    assert people_search(actor=practitioner, text="Whitfield").people == []
