"""Form fields shared by every app, shaped for GOV.UK Design System components.

Messages follow the design system's patterns ("Enter…", "Select…", "… must be a real date").
"""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from tandem.core import clock


class DateWidget(forms.MultiWidget):
    """Day, month and year boxes named <name>-day, <name>-month and <name>-year."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)
        # GOV.UK date inputs name their boxes <name>-day, <name>-month and <name>-year.
        self.widgets_names = ["-day", "-month", "-year"]

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovDateField(forms.MultiValueField):
    """A date typed as day, month and year, with the design system's error messages."""

    widget = DateWidget

    def __init__(
        self, *, past_only: bool = False, future_only: bool = False, future_example: bool = False, **kwargs: Any
    ) -> None:
        self.past_only = past_only
        self.future_only = future_only
        self.future_example = future_only or future_example  # a date usually ahead: a due date, an end date
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def clean(self, value: Any) -> date | None:
        label = str(self.label or "Date")
        parts = [str(v or "").strip() for v in (value or ["", "", ""])]
        if not any(parts):
            if self.required:
                # A message the form gives (error_messages={"required": ...}) wins over the made-up one.
                given = str(self.error_messages["required"])
                if given != str(forms.Field.default_error_messages["required"]):
                    raise ValidationError(given)
                raise ValidationError(
                    f"Enter {label.lower()}" if not label.startswith("Date") else f"Enter the {label.lower()}"
                )
            return None
        names = ("day", "month", "year")
        missing = [n for n, p in zip(names, parts, strict=True) if not p]
        if missing:
            raise ValidationError(f"{label} must include a {' and '.join(missing)}")
        if not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
            raise ValidationError(f"{label} must be a real date")
        try:
            result = date(int(parts[2]), int(parts[1]), int(parts[0]))
        except (ValueError, OverflowError):  # a day or month of twenty digits overflows (was a 500)
            raise ValidationError(f"{label} must be a real date") from None
        if result.year < 1880:
            raise ValidationError(f"{label} must be after 1880")
        if self.past_only and result > clock.today():
            raise ValidationError(f"{label} must be today or in the past")
        if self.future_only and result <= clock.today():
            raise ValidationError(f"{label} must be in the future")
        return result

    @property
    def example(self) -> str:
        """The hint's example date: in the future for a date usually ahead, a birth year for a date
        of birth, last year for any other (a meeting, a decision: 1948 reads as a date of birth)."""
        if self.future_example:
            return f"For example, 27 3 {clock.today().year + 1}"
        if "birth" in str(self.label or "").lower():
            return "For example, 27 3 1948"
        return f"For example, 27 3 {clock.today().year - 1}"

    def compress(self, data_list: list[Any]) -> Any:  # clean() does the work
        return data_list


def whole_number(label: str, *, minimum: int, maximum: int) -> forms.IntegerField:
    """A whole number between two bounds, with error messages that name the field and its bounds."""
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=maximum,
        error_messages={
            "required": f"Enter {label[0].lower() + label[1:]}",
            "invalid": f"{label} must be a whole number",
            "min_value": f"{label} must be {minimum} or more",
            "max_value": f"{label} must be {maximum} or less",
        },
    )


class TandemForm(forms.Form):
    """Base form: blank text is an error only where the field says so; errors show in a summary.

    `changes_since` holds what others saved since the editor's version after a stale save
    (`core.pages.submit` sets it; the form page shows it).
    """

    changes_since: list[Any] = []

    def add_domain_error(self, field: str | None, message: str) -> None:
        self.add_error(field if field in self.fields else None, message)
