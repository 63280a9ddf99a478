"""One search box: the parts of what was typed (NHS number, date of birth, postcode, name words)."""

from datetime import date

import pytest

from tandem.core.errors import DomainError
from tandem.people.search import ParsedQuery, query_parse

LEFTOVER = "Search by name, date of birth (like 12/03/1948), NHS number or postcode; we could not understand “{}”"


@pytest.mark.parametrize("typed", ["9434765919", "943 476 5919", "943-476-5919"])
def test_it_reads_an_nhs_number_typed_in_any_usual_form(typed):
    assert query_parse(typed) == ParsedQuery(nhs_number="9434765919")


def test_it_refuses_an_nhs_number_that_fails_its_check_digit():
    with pytest.raises(DomainError) as refused:
        query_parse("Okafor 943 476 5918")

    assert refused.value.message == "943 476 5918 is not a valid NHS number: check each digit"
    assert refused.value.field == "q"


def test_it_refuses_ten_digits_that_cannot_be_an_nhs_number():
    with pytest.raises(DomainError) as refused:
        query_parse("1234567890")

    assert refused.value.message == "1234567890 is not a valid NHS number: check each digit"


@pytest.mark.parametrize(
    ("typed", "born"),
    [
        ("12/03/1948", date(1948, 3, 12)),
        ("5/3/1948", date(1948, 3, 5)),
        ("05/03/1948", date(1948, 3, 5)),
        ("5.3.1948", date(1948, 3, 5)),
        ("5-3-1948", date(1948, 3, 5)),
        ("1948-03-05", date(1948, 3, 5)),
        ("1948-3-5", date(1948, 3, 5)),
    ],
)
def test_it_reads_a_date_of_birth_as_day_month_year_or_iso(typed, born):
    assert query_parse(typed) == ParsedQuery(date_of_birth=born)


@pytest.mark.parametrize("typed", ["31/02/1950", "12/13/1948", "1948-02-30"])
def test_it_refuses_a_date_that_does_not_exist(typed):
    with pytest.raises(DomainError) as refused:
        query_parse(f"Okafor {typed}")

    assert refused.value.message == f"{typed} is not a real date: use day/month/year, like 12/03/1948"
    assert refused.value.field == "q"


@pytest.mark.parametrize("typed", ["CH41 1AA", "ch41 1aa", "ch411aa"])
def test_it_reads_a_full_postcode_in_the_standard_form(typed):
    assert query_parse(typed) == ParsedQuery(postcode="CH41 1AA")


@pytest.mark.parametrize("typed", ["CH41", "ch41", "M1"])
def test_it_reads_an_outward_code_as_a_postcode_district(typed):
    assert query_parse(typed) == ParsedQuery(postcode_district=typed.upper())


def test_it_reads_the_name_words_with_everything_else():
    parsed = query_parse("Margaret O'Brien-Okafor 12/03/1948 CH41 1AA 943 476 5919")

    assert parsed == ParsedQuery(
        nhs_number="9434765919",
        date_of_birth=date(1948, 3, 12),
        postcode="CH41 1AA",
        words=["margaret", "obrien", "okafor", "obrienokafor"],
    )


def test_name_words_alone_are_just_words():
    assert query_parse("  Okafor   margaret ") == ParsedQuery(words=["okafor", "margaret"])


@pytest.mark.parametrize(
    ("typed", "leftover"), [("Okafor 12", "12"), ("Okafor 12/3/48", "12/3/48"), ("123 Okafor 45", "123 45")]
)
def test_it_refuses_digits_it_cannot_understand(typed, leftover):
    with pytest.raises(DomainError) as refused:
        query_parse(typed)

    assert refused.value.message == LEFTOVER.format(leftover)
    assert refused.value.field == "q"


@pytest.mark.parametrize("typed", ["", "   ", "'-"])
def test_nothing_searchable_gives_an_empty_query(typed):
    parsed = query_parse(typed)

    assert parsed == ParsedQuery()
    assert parsed.is_empty is True
