"""Creating a person record: validated, permission-checked, indexed for search and audited."""

from datetime import UTC, date, datetime

import pytest

from tandem.audit.models import AuditEvent
from tandem.audit.tests.refusals import refused_unchanged
from tandem.core.errors import NotPermitted
from tandem.people.codes import Ethnicity, Gender
from tandem.people.models import Person, PersonNameToken
from tandem.people.search import people_search
from tandem.people.services import person_create
from tandem.people.tests.factories import NeighbourhoodFactory, PersonDetailsFactory, PersonFactory

NOON_5_MARCH_2024 = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


def test_a_practitioner_creates_a_person_with_cleaned_identifiers(practitioner):
    details = PersonDetailsFactory(
        given_name=" Margaret ",
        family_name="Okafor ",
        nhs_number="943 476 5919",
        postcode="ch41 1aa",
        gender=Gender.FEMALE,
        ethnicity=Ethnicity.BLACK_AFRICAN,
        address_line_1="1 Market Street",
    )

    person = person_create(details=details, actor=practitioner)

    saved = Person.objects.get()
    assert saved.pk == person.pk
    assert (saved.given_name, saved.family_name) == ("Margaret", "Okafor")
    assert saved.nhs_number == "9434765919"
    assert saved.postcode == "CH41 1AA"
    assert saved.date_of_birth == date(1948, 3, 12)
    assert saved.gender == Gender.FEMALE
    assert saved.ethnicity == Ethnicity.BLACK_AFRICAN
    assert saved.address_line_1 == "1 Market Street"
    assert saved.version == 1
    assert saved.merged_into is None


def test_creating_writes_exactly_one_audit_event(practitioner):
    person = person_create(details=PersonDetailsFactory(), actor=practitioner)

    event = AuditEvent.objects.get()
    assert event.action == "people.person.created"
    assert event.actor == practitioner
    assert event.actor_name == "Priya Shah"
    assert event.person_uuid == person.uuid
    assert event.target_type == "people.person"
    assert event.target_id == str(person.pk)
    assert event.summary == "Created the record of Margaret Okafor"


def test_a_person_without_an_nhs_number_is_stored_with_none(practitioner):
    person = person_create(details=PersonDetailsFactory(nhs_number="  "), actor=practitioner)

    assert Person.objects.get(pk=person.pk).nhs_number is None


def test_the_new_person_is_found_by_search_at_once(practitioner):
    person = person_create(details=PersonDetailsFactory(preferred_name="Peggy"), actor=practitioner)

    assert [p.pk for p in people_search(actor=practitioner, text="Peggy Okafor").people] == [person.pk]


def test_the_neighbourhood_comes_from_the_postcode_district(practitioner):
    NeighbourhoodFactory(name="Wallasey", postcode_districts="CH44 CH45")
    birkenhead = NeighbourhoodFactory(name="Birkenhead", postcode_districts="CH41 CH42 CH43")

    person = person_create(details=PersonDetailsFactory(postcode="CH42 3XY"), actor=practitioner)

    assert Person.objects.get(pk=person.pk).neighbourhood == birkenhead


def test_a_postcode_outside_every_neighbourhood_gives_none(practitioner):
    NeighbourhoodFactory(name="Birkenhead", postcode_districts="CH41 CH42 CH43")

    person = person_create(details=PersonDetailsFactory(postcode="CH4 1AA"), actor=practitioner)

    assert Person.objects.get(pk=person.pk).neighbourhood is None


def test_business_support_may_create_people(business_support):
    person_create(details=PersonDetailsFactory(), actor=business_support)

    assert Person.objects.count() == 1


def test_a_date_of_birth_of_today_is_accepted(practitioner, set_clock):
    set_clock(NOON_5_MARCH_2024)

    person = person_create(details=PersonDetailsFactory(date_of_birth=date(2024, 3, 5)), actor=practitioner)

    assert person.date_of_birth == date(2024, 3, 5)


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"given_name": "  "}, "Enter a first name", "given_name"),
        ({"family_name": ""}, "Enter a last name", "family_name"),
        ({"date_of_birth": date(2024, 3, 6)}, "Date of birth must be today or in the past", "date_of_birth"),
        ({"date_of_death": date(2024, 3, 6)}, "Date of death must be today or in the past", "date_of_death"),
        (
            {"date_of_death": date(1948, 3, 11)},
            "Date of death must be the same as or after the date of birth",
            "date_of_death",
        ),
        (
            {"nhs_number": "943 476 5918"},
            "NHS number is not valid: check each digit (the last digit does not match the others)",
            "nhs_number",
        ),
        ({"nhs_number": "94347659"}, "NHS number must be 10 digits", "nhs_number"),
        ({"postcode": "CH41"}, "Enter a full UK postcode, like CH41 5LH", "postcode"),
        ({"gender": "F"}, "Select a gender", "gender"),
        ({"ethnicity": "British"}, "Select an ethnicity from the list", "ethnicity"),
    ],
)
def test_it_refuses_details_that_are_wrong_and_creates_nothing(practitioner, set_clock, changes, message, field):
    set_clock(NOON_5_MARCH_2024)

    refusal = refused_unchanged(
        lambda: person_create(details=PersonDetailsFactory(**changes), actor=practitioner), audited=0
    )

    assert refusal.message == message
    assert refusal.field == field
    assert Person.objects.count() == 0
    assert PersonNameToken.objects.count() == 0


def test_it_refuses_an_nhs_number_another_person_has(practitioner):
    existing = PersonFactory(nhs_number="9434765919")

    refusal = refused_unchanged(
        lambda: person_create(details=PersonDetailsFactory(nhs_number="943-476-5919"), actor=practitioner), audited=0
    )

    assert refusal.message == ("Another person already has this NHS number: search for them before creating a record")
    assert refusal.field == "nhs_number"
    assert list(Person.objects.values_list("pk", flat=True)) == [existing.pk]


def test_a_system_administrator_may_not_create_people(admin_user):
    refusal = refused_unchanged(
        lambda: person_create(details=PersonDetailsFactory(), actor=admin_user), raises=NotPermitted, audited=0
    )

    assert refusal.message == "You do not have permission to create person records"
    assert Person.objects.count() == 0


def test_an_inactive_practitioner_may_not_create_people(practitioner):
    practitioner.is_active = False

    with pytest.raises(NotPermitted):
        person_create(details=PersonDetailsFactory(), actor=practitioner)

    assert Person.objects.count() == 0
    assert AuditEvent.objects.count() == 0
