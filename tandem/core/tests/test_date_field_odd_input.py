"""A date typed as day, month and year: any odd parts are "must be a real date", never an error."""

import pytest
from django.core.exceptions import ValidationError

from tandem.core.forms import GovDateField


@pytest.mark.parametrize(
    ("day", "month"),
    [("99999999999999999999", "1"), ("1", "99999999999999999999"), ("9" * 400, "9" * 400), ("²", "1")],
)
def test_a_day_or_month_too_big_or_not_a_number_is_not_a_real_date(day, month):
    field = GovDateField(label="Started", required=False)

    with pytest.raises(ValidationError) as raised:
        field.clean([day, month, "2026"])

    assert raised.value.messages == ["Started must be a real date"]
