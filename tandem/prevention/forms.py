"""The matching queue's form: which record an event from health belongs to, or none."""

from typing import Any, cast

from django import forms

from tandem.core.forms import TandemForm

REJECT = "reject"
OTHER = "other"


class MatchForm(TandemForm):
    choice = forms.ChoiceField(
        label="Which record is this event about?",
        error_messages={"required": "Select the record this event is about, or that no record matches"},
    )
    other = forms.CharField(
        label="Record number or NHS number",
        required=False,
        max_length=20,
        help_text="The record's number in Tandem, or its NHS number",
    )
    reason = forms.CharField(
        label="Why no record matches", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(person.uuid), _label(person)) for person in candidates]
        cast(forms.ChoiceField, self.fields["choice"]).choices = [
            *choices,
            (OTHER, "Another record (give its number)"),
            (REJECT, "No record in Tandem is this person"),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        choice = cleaned.get("choice")
        if choice == OTHER and not (cleaned.get("other") or "").strip():
            self.add_error("other", "Enter the record number or NHS number of the record this event is about")
        if choice == REJECT and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Enter why no record matches")
        return cleaned


def _label(person: Any) -> str:
    name = f"{person.given_name} {person.family_name}"
    born = f", born {person.date_of_birth:%d %B %Y}" if person.date_of_birth else ""
    number = f", NHS number {person.nhs_number}" if person.nhs_number else ""
    return f"{name}{born}{number}"
