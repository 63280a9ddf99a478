"""NHS number validation (STANDARDS.md 7.1): Modulus 11 check digit, typed with spaces or dashes."""

import pytest

from tandem.core.errors import DomainError
from tandem.people.identifiers import nhs_number_check_digit, nhs_number_clean, nhs_number_is_valid

CHECK_DIGIT_MESSAGE = "NHS number is not valid: check each digit (the last digit does not match the others)"


@pytest.mark.parametrize("number", ["9434765919", "9000000033", "9449307946", "6541003238", "4010232137", "9876543210"])
def test_it_accepts_each_valid_test_number(number):
    assert nhs_number_clean(number) == number
    assert nhs_number_is_valid(number) is True


@pytest.mark.parametrize("number", ["1234567890", "9434765918", "1234561234"])
def test_it_refuses_each_invalid_test_number_with_the_check_digit_message(number):
    with pytest.raises(DomainError) as refused:
        nhs_number_clean(number)

    assert refused.value.message == CHECK_DIGIT_MESSAGE
    assert refused.value.field == "nhs_number"
    assert nhs_number_is_valid(number) is False


@pytest.mark.parametrize("typed", ["943 476 5919", "943-476-5919", " 943 476 5919 ", "943 - 476 - 5919", "9434 765919"])
def test_it_accepts_spaces_and_dashes_and_returns_the_ten_digits(typed):
    assert nhs_number_clean(typed) == "9434765919"


@pytest.mark.parametrize("typed", ["", "   ", " - "])
def test_it_asks_for_a_number_when_nothing_is_typed(typed):
    with pytest.raises(DomainError) as refused:
        nhs_number_clean(typed)

    assert refused.value.message == "Enter an NHS number"
    assert refused.value.field == "nhs_number"


@pytest.mark.parametrize("typed", ["943476591A", "NHS9434765919", "943.476.5919", "９４３４７６５９１９"])
def test_it_refuses_anything_but_digits(typed):
    with pytest.raises(DomainError) as refused:
        nhs_number_clean(typed)

    assert refused.value.message == "NHS number must only include numbers"
    assert refused.value.field == "nhs_number"


@pytest.mark.parametrize("typed", ["943476591", "94347659190", "1"])
def test_it_refuses_a_number_that_is_not_ten_digits(typed):
    with pytest.raises(DomainError) as refused:
        nhs_number_clean(typed)

    assert refused.value.message == "NHS number must be 10 digits"
    assert refused.value.field == "nhs_number"


def test_the_check_digit_is_zero_when_eleven_minus_the_remainder_is_eleven():
    # 9*10 + 8*9 + 7*8 + 6*7 + 5*6 + 4*5 + 3*4 + 2*3 + 1*2 = 330, and 330 is 0 modulo 11.
    assert nhs_number_check_digit("987654321") == 0


def test_no_check_digit_exists_when_eleven_minus_the_remainder_is_ten():
    # 4*10 + 8*2 = 56, and 56 is 1 modulo 11, so the check digit would have to be 10.
    assert nhs_number_check_digit("400000008") is None


@pytest.mark.parametrize("last", "0123456789")
def test_it_refuses_every_ending_of_nine_digits_that_cannot_have_a_check_digit(last):
    with pytest.raises(DomainError) as refused:
        nhs_number_clean(f"400000008{last}")

    assert refused.value.message == CHECK_DIGIT_MESSAGE
