"""Forms of a DoLS application: receiving it, extending, priority, assessors, the decision."""

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone

from tandem.core.forms import GovDateField, TandemForm
from tandem.safeguarding.codes import (
    REQUIREMENTS,
    DolsPriority,
    DolsSetting,
    DolsStatus,
    Requirement,
)
from tandem.safeguarding.forms.common import _choices, _time
from tandem.safeguarding.services.dols import DolsDecision, DolsRequest

REQUIREMENT_LABELS = {
    "age": "Age",
    "mental_health": "Mental health",
    "mental_capacity": "Mental capacity",
    "no_refusals": "No refusals",
    "eligibility": "Eligibility",
    "best_interests": "Best interests",
}


class DolsReceiveForm(TandemForm):
    setting = forms.ChoiceField(
        label="Care home or hospital?",
        choices=DolsSetting.choices,
        error_messages={"required": "Select a care home or hospital"},
    )
    managing_authority = forms.CharField(
        label="Name of the care home or hospital",
        max_length=200,
        error_messages={"required": "Enter the care home or hospital that applied"},
    )
    cqc_location = forms.CharField(label="CQC location ID (optional)", required=False, max_length=20)
    received_on = GovDateField(label="Date received", past_only=True)
    urgent = forms.ChoiceField(
        label="Is it an urgent authorisation?",
        choices=[
            ("yes", "Yes, urgent (the home or hospital has granted a 7-day urgent authorisation)"),
            ("no", "No, standard"),
        ],
        error_messages={"required": "Select whether it is urgent"},
    )
    urgent_given_on = GovDateField(
        label="Date the urgent authorisation was given (if urgent)",
        help_text="Its 7 days run from when the care home or hospital gave it, not from when we received it",
        required=False,
        past_only=True,
    )
    urgent_given_time = forms.CharField(
        label="Time it was given (if urgent)",
        help_text="Use the 24-hour clock, for example 14:30",
        required=False,
        max_length=5,
    )
    priority = forms.ChoiceField(
        label="Priority from risk screening", choices=DolsPriority.choices, initial=DolsPriority.MEDIUM
    )
    priority_reason = forms.CharField(
        label="Reason for the priority (optional)", widget=forms.Textarea, required=False, max_length=5000
    )
    team = forms.ChoiceField(label="Team", choices=[], error_messages={"required": "Select the team"})

    def __init__(self, *args: Any, teams: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "team", teams or [])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("urgent") != "yes":
            data["urgent_given_at"] = None
            return data
        on, typed = data.get("urgent_given_on"), (data.get("urgent_given_time") or "").strip()
        if on is None and "urgent_given_on" not in self.errors:
            self.add_error("urgent_given_on", "Enter the date the care home or hospital gave the urgent authorisation")
        at = _time(typed)
        if at is None and "urgent_given_time" not in self.errors:
            self.add_error(
                "urgent_given_time",
                "Enter the time it was given as hours and minutes on the 24-hour clock, like 14:30"
                if typed
                else "Enter the time the care home or hospital gave the urgent authorisation",
            )
        if on is not None and at is not None:
            data["urgent_given_at"] = timezone.make_aware(datetime.combine(on, at))
        return data

    def request(self) -> DolsRequest:
        data = self.cleaned_data
        return DolsRequest(
            setting=data["setting"],
            managing_authority=data["managing_authority"],
            received_on=data["received_on"],
            urgent=data["urgent"] == "yes",
            priority=data["priority"],
            priority_reason=data["priority_reason"],
            cqc_location=data["cqc_location"],
            urgent_given_at=data.get("urgent_given_at"),
        )


class ExtendForm(TandemForm):
    reason = forms.CharField(
        label="Reason for the extension",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Give the reason for the extension"},
    )


class PriorityForm(TandemForm):
    priority = forms.ChoiceField(
        label="New priority", choices=DolsPriority.choices, error_messages={"required": "Select the priority"}
    )
    reason = forms.CharField(
        label="Reason for the change",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Give the reason for the change"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class AllocateForm(TandemForm):
    best_interests = forms.ChoiceField(
        label="Best Interests Assessor", choices=[], error_messages={"required": "Select the Best Interests Assessor"}
    )
    mental_health = forms.ChoiceField(
        label="Mental health assessor", choices=[], error_messages={"required": "Select the mental health assessor"}
    )

    def __init__(self, *args: Any, assessors: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "best_interests", [("", "Select someone"), *(assessors or [])])
        _choices(self, "mental_health", [("", "Select someone"), *(assessors or [])])


class DecisionForm(TandemForm):
    status = forms.ChoiceField(
        label="Outcome",
        choices=[(s.value, s.label) for s in (DolsStatus.GRANTED, DolsStatus.NOT_GRANTED, DolsStatus.WITHDRAWN)],
        error_messages={"required": "Select the outcome"},
    )
    decided_on = GovDateField(label="Date of the decision", past_only=True)
    authorised_from = GovDateField(label="Authorised from (if granted)", required=False)
    authorised_to = GovDateField(label="Authorised to (if granted)", required=False, future_example=True)
    last_assessed_on = GovDateField(
        label="Date of the last assessment (optional)",
        help_text="Leave blank if no assessment was carried out",
        required=False,
        past_only=True,
    )
    conditions = forms.CharField(
        label="Conditions (if granted)", widget=forms.Textarea, required=False, max_length=5000
    )
    # The relevant person's representative (MCA 2005 Sch A1 Part 10), appointed on a grant.
    rpr_name = forms.CharField(label="Relevant person's representative (if granted)", required=False, max_length=200)
    rpr_relationship = forms.CharField(
        label="Their relationship to the person (if granted)",
        help_text="For example, daughter, friend, or paid representative from an advocacy service",
        required=False,
        max_length=200,
    )
    reason = forms.CharField(
        label="Reason (if not granted or withdrawn)", widget=forms.Textarea, required=False, max_length=5000
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in REQUIREMENTS:
            self.fields[name] = forms.ChoiceField(
                label=f"{REQUIREMENT_LABELS[name]} requirement",
                choices=Requirement.choices,
                initial=Requirement.NOT_ASSESSED,
                error_messages={"required": f"Select an answer for the {REQUIREMENT_LABELS[name].lower()} requirement"},
            )

    def requirement_fields(self) -> list[Any]:
        return [self[name] for name in REQUIREMENTS]

    def decision(self) -> DolsDecision:
        data = self.cleaned_data
        return DolsDecision(
            status=data["status"],
            decided_on=data["decided_on"],
            reason=data["reason"],
            authorised_from=data["authorised_from"],
            authorised_to=data["authorised_to"],
            conditions=data["conditions"],
            requirements={name: data[name] for name in REQUIREMENTS},
            last_assessed_on=data["last_assessed_on"],
            rpr_name=data["rpr_name"],
            rpr_relationship=data["rpr_relationship"],
        )
