"""The form fields the plan, review and provider forms share."""

from dataclasses import fields
from typing import TYPE_CHECKING, Any

from django import forms

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

TEXT = 5000


def text_field(label: str, *, help_text: str = "", required: bool = False, message: str = "") -> forms.CharField:
    """A textarea of up to `TEXT` characters; `message` says what to write when it is required and blank."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        widget=forms.Textarea,
        required=required,
        max_length=TEXT,
        error_messages={"required": message, "max_length": f"{label} must be {TEXT:,} characters or fewer"},
    )


def radios_field(label: str, choices: Any, *, required: str) -> forms.ChoiceField:
    """A question answered by choosing one of `choices` (radios); `required` says what to choose."""
    return forms.ChoiceField(
        label=label, choices=choices, widget=forms.RadioSelect, error_messages={"required": required}
    )


def answers_of[T: DataclassInstance](form: forms.Form, shape: type[T]) -> T:
    """The form's answers as its service takes them: `shape` is a dataclass whose fields are named
    as the form's fields are."""
    return shape(**{field.name: form.cleaned_data[field.name] for field in fields(shape)})
