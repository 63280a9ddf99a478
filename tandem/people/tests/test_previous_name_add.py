"""Previous names: kept so that a search for a name the person was known by still finds them."""

from datetime import UTC, date, datetime

from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import NotPermitted
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
    refusal = refused_unchanged(
        lambda: previous_name_add(
            person=person, given_name="Margaret", family_name="  ", used_until=None, actor=practitioner
        ),
        audited=0,
    )

    assert (refusal.message, refusal.field) == ("Enter the previous last name", "family_name")
    assert PreviousName.objects.count() == 0


def test_it_refuses_a_used_until_date_in_the_future(practitioner, person, set_clock):
    set_clock(datetime(2024, 3, 5, 12, 0, tzinfo=UTC))

    refusal = refused_unchanged(
        lambda: previous_name_add(
            person=person, given_name="", family_name="Whitfield", used_until=date(2024, 3, 6), actor=practitioner
        ),
        audited=0,
    )

    assert refusal.message == "The date the name was used until must be today or in the past"
    assert refusal.field == "used_until"
    assert PreviousName.objects.count() == 0


def test_a_system_administrator_may_not_add_one(admin_user, practitioner, person):
    refusal = refused_unchanged(
        lambda: previous_name_add(
            person=person, given_name="", family_name="Whitfield", used_until=None, actor=admin_user
        ),
        raises=NotPermitted,
        audited=0,
    )

    assert refusal.message == "You do not have permission to change this record"
    assert PreviousName.objects.count() == 0
    assert people_search(actor=practitioner, text="Whitfield").people == []
