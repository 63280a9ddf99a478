"""Changing who a person is or where they live: compare-and-swap, audited with what changed."""

from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import NotPermitted, StaleVersion
from tandem.people.models import Person
from tandem.people.search import people_search
from tandem.people.services import person_details_update, person_merge
from tandem.people.tests.factories import NeighbourhoodFactory, PersonFactory, details_of

STALE_MESSAGE = "Someone else changed this record while you were editing it. Check their changes and try again."


def update(person, actor, *, version=1, **changes):
    """The change to try: the person's details with `changes`, saved at `version` by `actor`."""
    return lambda: person_details_update(
        person=person, details=details_of(person, **changes), version=version, actor=actor
    )


def test_it_saves_the_new_details_and_moves_the_version_on(practitioner, person):
    details = details_of(person, address_line_1="2 Grange Road", town="Birkenhead", postcode="ch42 3xy")

    updated = person_details_update(person=person, details=details, version=1, actor=practitioner)

    saved = Person.objects.get(pk=person.pk)
    assert (saved.address_line_1, saved.town, saved.postcode) == ("2 Grange Road", "Birkenhead", "CH42 3XY")
    assert saved.version == 2
    assert updated.version == 2


def test_it_writes_one_audit_event_with_each_change(practitioner, person):
    details = details_of(person, address_line_1="2 Grange Road", postcode="CH42 3XY")

    person_details_update(person=person, details=details, version=1, actor=practitioner)

    event = AuditEvent.objects.get()
    assert event.action == "people.person.updated"
    assert event.person_uuid == person.uuid
    assert event.actor == practitioner
    assert event.summary == "Changed personal details"
    assert event.changes == {
        "address_line_1": ["12 Grange Road", "2 Grange Road"],
        "postcode": ["CH41 2AB", "CH42 3XY"],
    }


def test_the_neighbourhood_follows_a_new_postcode(practitioner, person):
    NeighbourhoodFactory(name="Birkenhead", postcode_districts="CH41")
    wallasey = NeighbourhoodFactory(name="Wallasey", postcode_districts="CH44 CH45")

    person_details_update(person=person, details=details_of(person, postcode="CH45 0JA"), version=1, actor=practitioner)

    assert Person.objects.get(pk=person.pk).neighbourhood == wallasey


def test_a_new_name_is_found_by_search_and_the_old_one_is_not(practitioner, person):
    person_details_update(
        person=person, details=details_of(person, family_name="Whitfield"), version=1, actor=practitioner
    )

    assert [p.pk for p in people_search(actor=practitioner, text="Mary Whitfield").people] == [person.pk]
    assert people_search(actor=practitioner, text="Smith").people == []


def test_keeping_the_same_nhs_number_is_not_a_clash(practitioner, person):
    person_details_update(
        person=person, details=details_of(person, nhs_number="943 476 5919"), version=1, actor=practitioner
    )

    assert Person.objects.get(pk=person.pk).nhs_number == "9434765919"


def test_it_refuses_when_someone_else_saved_first_and_changes_nothing(practitioner, person):
    Person.objects.filter(pk=person.pk).update(version=2)

    refusal = refused_unchanged(
        update(person, practitioner, family_name="Whitfield"), person, raises=StaleVersion, audited=0
    )

    assert refusal.message == STALE_MESSAGE
    assert people_search(actor=practitioner, text="Whitfield").people == []


def test_it_refuses_another_persons_nhs_number(practitioner, person):
    PersonFactory(nhs_number="9000000033")

    refusal = refused_unchanged(update(person, practitioner, nhs_number="9000000033"), person, audited=0)

    assert refusal.message == "Another person already has this NHS number: search for them before creating a record"
    assert refusal.field == "nhs_number"


def test_it_refuses_an_empty_first_name(practitioner, person):
    refusal = refused_unchanged(update(person, practitioner, given_name=" "), person, audited=0)

    assert (refusal.message, refusal.field) == ("Enter a first name", "given_name")


def test_a_system_administrator_may_not_change_a_person(admin_user, person):
    refusal = refused_unchanged(
        update(person, admin_user, family_name="Whitfield"), person, raises=NotPermitted, audited=0
    )

    assert refusal.message == "You do not have permission to change this record"


def test_a_merged_record_cannot_be_changed(practitioner, manager, person):
    duplicate = PersonFactory(given_name="Maggie", family_name="Okafor", nhs_number=None)
    person_merge(keep=person, duplicate=duplicate, reason="Same person", actor=manager)
    duplicate.refresh_from_db()

    refused_unchanged(
        update(duplicate, practitioner, version=duplicate.version, town="Hoylake"), duplicate, raises=NotPermitted
    )
