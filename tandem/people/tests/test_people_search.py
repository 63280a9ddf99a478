"""People search: one box, any mix of name, date of birth, NHS number and postcode (ADR 0006)."""

from datetime import date

import pytest

from tandem.access.services import glass_break
from tandem.core.errors import DomainError
from tandem.people.models import Person
from tandem.people.search import may_open, people_search
from tandem.people.services import person_merge
from tandem.people.tests.factories import PersonFactory, PreviousNameFactory


def names(results):
    return [p.full_name for p in results.people]


@pytest.fixture
def margaret(db):
    return PersonFactory(
        given_name="Margaret",
        family_name="Okafor",
        date_of_birth=date(1948, 3, 12),
        nhs_number="9434765919",
        postcode="CH41 1AA",
    )


@pytest.mark.parametrize(
    "typed",
    [
        "Okfaor",  # two letters swapped
        "Okfor",  # a letter missing
        "Okafar",  # a letter changed
        "Okaffor",  # a letter added
        "Margret Okafor",
    ],
)
def test_it_finds_a_misspelt_name(practitioner, margaret, typed):
    PersonFactory(given_name="Peter", family_name="Osei")

    results = people_search(actor=practitioner, text=typed)

    assert names(results) == ["Margaret Okafor"]
    assert results.total == 1
    assert results.more_than is False


def test_it_finds_a_name_that_sounds_alike(practitioner):
    PersonFactory(given_name="John", family_name="Smith")

    results = people_search(actor=practitioner, text="Jon Smyth")

    assert names(results) == ["John Smith"]


@pytest.mark.parametrize("typed", ["Margaret Okafor", "Okafor Margaret", "okafor, MARGARET"])
def test_it_finds_names_typed_in_either_order(practitioner, margaret, typed):
    PersonFactory(given_name="Margaret", family_name="Jones")

    results = people_search(actor=practitioner, text=typed)

    assert names(results) == ["Margaret Okafor"]


def test_every_name_word_must_match(practitioner, margaret):
    results = people_search(actor=practitioner, text="Margaret Quixley")

    assert names(results) == []
    assert results.total == 0


def test_it_finds_a_person_by_a_previous_name(practitioner, margaret):
    PreviousNameFactory(person=margaret, given_name="Margaret", family_name="Whitfield")

    results = people_search(actor=practitioner, text="Margaret Whitfield")

    assert names(results) == ["Margaret Okafor"]


def test_it_finds_a_person_by_their_preferred_name(practitioner):
    PersonFactory(given_name="Elizabeth", family_name="Moran", preferred_name="Betty")

    results = people_search(actor=practitioner, text="Betty Moran")

    assert names(results) == ["Elizabeth Moran"]


@pytest.mark.parametrize("typed", ["Jane O'Brien-Smith", "O'Brien-Smith Jane", "Jane Obriensmith", "Jane Smith"])
def test_it_finds_a_double_barrelled_name_however_it_is_typed(practitioner, typed):
    PersonFactory(given_name="Jane", family_name="O'Brien-Smith")

    results = people_search(actor=practitioner, text=typed)

    assert names(results) == ["Jane O'Brien-Smith"]


@pytest.mark.parametrize("typed", ["Ok 12/03/1948", "12/03/1948 oka", "1948-03-12 Marg"])
def test_it_finds_a_person_by_date_of_birth_and_part_of_a_name(practitioner, margaret, typed):
    PersonFactory(given_name="Margaret", family_name="Okafor", date_of_birth=date(1951, 7, 1))
    PersonFactory(given_name="Michael", family_name="Brown", date_of_birth=date(1948, 3, 12))

    results = people_search(actor=practitioner, text=typed)

    assert [p.pk for p in results.people] == [margaret.pk]


def test_a_date_of_birth_alone_finds_everyone_born_that_day(practitioner, margaret):
    PersonFactory(given_name="Michael", family_name="Brown", date_of_birth=date(1948, 3, 12))
    PersonFactory(given_name="Nora", family_name="Adeyemi", date_of_birth=date(1948, 3, 13))

    results = people_search(actor=practitioner, text="12/03/1948")

    assert names(results) == ["Michael Brown", "Margaret Okafor"]


@pytest.mark.parametrize("typed", ["9434765919", "943 476 5919", "943-476-5919"])
def test_it_finds_a_person_by_nhs_number(practitioner, margaret, typed):
    PersonFactory(given_name="Margaret", family_name="Okafor", nhs_number="9000000033")

    results = people_search(actor=practitioner, text=typed)

    assert [p.pk for p in results.people] == [margaret.pk]


@pytest.mark.parametrize("typed", ["CH41 1AA", "ch411aa"])
def test_it_finds_a_person_by_full_postcode(practitioner, margaret, typed):
    PersonFactory(given_name="Tom", family_name="Reilly", postcode="CH41 1AB")

    results = people_search(actor=practitioner, text=typed)

    assert names(results) == ["Margaret Okafor"]


def test_an_outward_code_finds_everyone_in_that_district_only(practitioner, margaret):
    PersonFactory(given_name="Tom", family_name="Reilly", postcode="CH41 9ZZ")
    PersonFactory(given_name="Ursula", family_name="Kent", postcode="CH4 1AA")
    PersonFactory(given_name="Vic", family_name="Lamb", postcode="CH42 1AA")

    results = people_search(actor=practitioner, text="ch41")

    assert names(results) == ["Margaret Okafor", "Tom Reilly"]


def test_it_combines_name_date_of_birth_and_postcode(practitioner, margaret):
    PersonFactory(given_name="Margaret", family_name="Okafor", date_of_birth=date(1948, 3, 12), postcode="CH42 1AA")
    PersonFactory(given_name="Margaret", family_name="Okafor", date_of_birth=date(1960, 1, 1), postcode="CH41 1AA")

    results = people_search(actor=practitioner, text="Okafor 12/03/1948 CH41 1AA")

    assert [p.pk for p in results.people] == [margaret.pk]


def test_an_nhs_number_and_a_name_that_disagree_find_nobody(practitioner, margaret):
    results = people_search(actor=practitioner, text="Jones 943 476 5919")

    assert names(results) == []


def test_exact_name_matches_come_before_close_ones(practitioner):
    close = PersonFactory(given_name="John", family_name="Smith")
    exact = PersonFactory(given_name="John", family_name="Smyth")

    results = people_search(actor=practitioner, text="John Smyth")

    # Alphabetical order alone would put Smith first.
    assert [p.pk for p in results.people] == [exact.pk, close.pk]


def test_more_exact_words_rank_higher(practitioner):
    one_word_exact = PersonFactory(given_name="Jon", family_name="Smith")
    both_words_exact = PersonFactory(given_name="John", family_name="Smith")

    results = people_search(actor=practitioner, text="John Smith")

    assert [p.pk for p in results.people] == [both_words_exact.pk, one_word_exact.pk]


def test_it_leaves_out_records_merged_into_another(practitioner, manager, margaret):
    duplicate = PersonFactory(given_name="Maggie", family_name="Okafor", nhs_number=None)
    person_merge(keep=margaret, duplicate=duplicate, reason="Same person, found by the GP", actor=manager)

    results = people_search(actor=practitioner, text="Okafor")

    assert [p.pk for p in results.people] == [margaret.pk]


def test_it_finds_a_restricted_record_for_someone_outside_its_teams(outsider, restricted_person):
    results = people_search(actor=outsider, text="Rowan Trelawney")

    assert [p.pk for p in results.people] == [restricted_person.pk]
    assert may_open(outsider, results.people) == set()


def test_a_member_of_the_named_team_may_open_the_restricted_record(practitioner, restricted_person, margaret):
    results = people_search(actor=practitioner, text="Trelawney")

    assert may_open(practitioner, [*results.people, margaret]) == {restricted_person.pk, margaret.pk}


def test_breaking_the_glass_lets_an_outsider_open_the_restricted_record(outsider, restricted_person, margaret):
    glass_break(person=restricted_person, reason="Hospital discharge planning today", actor=outsider)

    assert may_open(outsider, [restricted_person, margaret]) == {restricted_person.pk, margaret.pk}


def test_may_open_asks_the_database_nothing_for_unrestricted_people_read_with_their_restriction(
    practitioner, margaret, django_assert_num_queries
):
    results = people_search(actor=practitioner, text="Margaret Okafor")

    with django_assert_num_queries(0):
        assert may_open(practitioner, results.people) == {margaret.pk}


def test_may_open_still_checks_people_read_without_their_restriction(outsider, restricted_person, margaret):
    people = list(Person.objects.filter(pk__in=[restricted_person.pk, margaret.pk]))

    assert may_open(outsider, people) == {margaret.pk}


def test_may_open_with_no_people_is_empty(practitioner):
    assert may_open(practitioner, []) == set()


@pytest.mark.parametrize("typed", ["", "   ", "'"])
def test_it_refuses_an_empty_query(practitioner, typed):
    with pytest.raises(DomainError) as refused:
        people_search(actor=practitioner, text=typed)

    assert refused.value.message == "Enter a name, date of birth, NHS number or postcode"
    assert refused.value.field == "q"


def test_it_finds_nobody_for_staff_whose_role_may_not_view_people(admin_user, margaret):
    results = people_search(actor=admin_user, text="Margaret Okafor")

    assert results.people == []
    assert results.total == 0
    assert may_open(admin_user, [margaret]) == set()


def test_it_finds_nobody_for_an_inactive_member_of_staff(practitioner, margaret):
    practitioner.is_active = False
    practitioner.save()

    results = people_search(actor=practitioner, text="Margaret Okafor")

    assert results.people == []


def test_it_returns_at_most_the_limit_but_counts_them_all(practitioner):
    for given in ["Ann", "Bea", "Cat", "Dot"]:
        PersonFactory(given_name=given, family_name="Quinlan")

    results = people_search(actor=practitioner, text="Quinlan", limit=2)

    assert names(results) == ["Ann Quinlan", "Bea Quinlan"]
    assert results.total == 4
    assert results.more_than is False


def test_people_with_the_name_now_come_before_those_who_had_it_before(practitioner):
    adams = PersonFactory(given_name="Sarah", family_name="Adams")
    PreviousNameFactory(person=adams, given_name="Sarah", family_name="Whitfield")
    PersonFactory(given_name="Tom", family_name="Whitfield")

    results = people_search(actor=practitioner, text="Whitfield")

    assert names(results) == ["Tom Whitfield", "Sarah Adams"]


def test_a_misspelt_name_also_ranks_current_names_first(practitioner):
    adams = PersonFactory(given_name="Sarah", family_name="Adams")
    PreviousNameFactory(person=adams, given_name="Sarah", family_name="Whitfield")
    PersonFactory(given_name="Tom", family_name="Whitfield")

    results = people_search(actor=practitioner, text="Whitfeild")

    assert names(results) == ["Tom Whitfield", "Sarah Adams"]
