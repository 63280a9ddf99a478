"""Forms the safeguarding pages share: finding the person, filtering the queue, choosing a return's year."""

from datetime import time
from typing import Any, cast

from django import forms

from tandem.core.forms import TandemForm

NOT_KNOWN = [("", "Not known yet")]


def _time(typed: str) -> time | None:
    """A 24-hour time typed as HH:MM (or H:MM, or HH.MM), or None if it is not one."""
    hours, sep, minutes = typed.replace(".", ":").partition(":")
    if not sep or not (hours.isdigit() and minutes.isdigit()) or len(minutes) != 2 or len(hours) > 2:
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return time(int(hours), int(minutes))


def _choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


class FindPersonForm(TandemForm):
    q = forms.CharField(
        label="Who is the concern about?",
        help_text="Name, date of birth, NHS number or postcode",
        max_length=200,
        error_messages={"required": "Enter a name, date of birth, NHS number or postcode"},
    )


class QueueForm(TandemForm):
    team = forms.ChoiceField(
        label="Team", required=False, choices=[], error_messages={"invalid_choice": "Select one of your teams"}
    )
    show = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("all", "All awaiting triage"), ("overdue", "Overdue only")],
        error_messages={"invalid_choice": "Select which concerns to show"},
    )

    def __init__(self, *args: Any, teams: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "team", [("", "All my teams"), *(teams or [])])


class ReturnsForm(TandemForm):
    year = forms.TypedChoiceField(
        label="Reporting year",
        coerce=int,
        choices=[],
        error_messages={"invalid_choice": "Select a reporting year from the list"},
    )

    def __init__(self, *args: Any, years: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "year", [(str(y), f"1 April {y} to 31 March {y + 1}") for y in years or []])
