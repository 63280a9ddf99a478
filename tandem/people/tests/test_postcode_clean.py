"""UK postcodes: cleaned to the standard form, so they match in search and give the neighbourhood."""

import pytest

from tandem.core.errors import DomainError
from tandem.people.identifiers import postcode_clean, postcode_district, postcode_looks_full


@pytest.mark.parametrize(
    ("typed", "standard"),
    [
        ("CH41 1AA", "CH41 1AA"),
        ("ch41 1aa", "CH41 1AA"),
        ("ch411aa", "CH41 1AA"),
        ("  CH41   1AA ", "CH41 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("b338th", "B33 8TH"),
        ("SW1A 2AA", "SW1A 2AA"),
        ("w1a0ax", "W1A 0AX"),
    ],
)
def test_it_returns_the_standard_form(typed, standard):
    assert postcode_clean(typed) == standard


@pytest.mark.parametrize("typed", ["CH41", "CH41 1A", "12345", "CH41 1AAA", "ABC1 1AA", "CH41-1AA", "not a postcode"])
def test_it_refuses_something_that_is_not_a_full_postcode(typed):
    with pytest.raises(DomainError) as refused:
        postcode_clean(typed)

    assert refused.value.message == "Enter a full UK postcode, like CH41 5LH"
    assert refused.value.field == "postcode"
    assert postcode_looks_full(typed) is False


@pytest.mark.parametrize("typed", ["", "   "])
def test_it_asks_for_a_postcode_when_nothing_is_typed(typed):
    with pytest.raises(DomainError) as refused:
        postcode_clean(typed)

    assert refused.value.message == "Enter a postcode"
    assert refused.value.field == "postcode"


def test_a_full_postcode_in_any_case_or_spacing_looks_full():
    assert postcode_looks_full("ch411aa") is True


def test_the_district_is_the_outward_code():
    assert postcode_district("CH41 1AA") == "CH41"
    assert postcode_district("SW1A 2AA") == "SW1A"
    assert postcode_district("") == ""
