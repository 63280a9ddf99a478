"""NHS numbers shown in the 3-3-4 form practitioners read aloud."""

import pytest

from tandem.core.presenters import format_nhs_number


@pytest.mark.parametrize("value", ["9434765919", "943 476 5919", "943-476-5919"])
def test_it_shows_ten_digits_as_three_three_four(value):
    assert format_nhs_number(value) == "943 476 5919"


@pytest.mark.parametrize("value", [None, ""])
def test_no_number_is_not_known(value):
    assert format_nhs_number(value) == "Not known"


def test_something_that_is_not_ten_digits_is_shown_as_it_is():
    assert format_nhs_number("94347") == "94347"
