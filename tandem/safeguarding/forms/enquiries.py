"""Forms of an enquiry: the lead, the adult's outcomes, meetings, actions, contributions, the plan, the conclusion."""

from typing import Any

from django import forms

from tandem.core.forms import GovDateField, TandemForm
from tandem.safeguarding import page_selectors
from tandem.safeguarding.codes import (
    Achieved,
    Contributor,
    OutcomesAsked,
    RiskAssessment,
    RiskOutcome,
)
from tandem.safeguarding.forms.common import _choices
from tandem.safeguarding.services.enquiries import Conclusion


class LeadForm(TandemForm):
    lead = forms.ChoiceField(
        label="Lead practitioner", choices=[], error_messages={"required": "Select the lead practitioner"}
    )

    def __init__(self, *args: Any, leads: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "lead", leads or [])


class OutcomesForm(TandemForm):
    asked = forms.ChoiceField(
        label="Was the adult asked about the outcomes they want?",
        choices=OutcomesAsked.choices,
        error_messages={"required": "Select whether the adult was asked"},
    )
    outcomes = forms.CharField(
        label="The outcomes they want, in their own words",
        help_text="One outcome on each line. Only when they expressed outcomes",
        widget=forms.Textarea,
        required=False,
        max_length=10000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def outcome_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["outcomes"].splitlines() if line.strip()]


class MeetingForm(TandemForm):
    held_on = GovDateField(label="Date of the meeting", past_only=True)
    attendees = forms.CharField(
        label="Who attended",
        help_text="Names and agencies",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Enter who attended"},
    )
    notes = forms.CharField(label="Notes (optional)", widget=forms.Textarea, required=False, max_length=5000)


class ActionForm(TandemForm):
    description = forms.CharField(
        label="The action", widget=forms.Textarea, max_length=5000, error_messages={"required": "Describe the action"}
    )
    owner = forms.CharField(
        label="Who will do it",
        help_text="A person or agency",
        max_length=200,
        error_messages={"required": "Enter who will do it"},
    )
    due_on = GovDateField(
        label="Due date", future_example=True, error_messages={"required": "Enter the date the action is due"}
    )


class ActionDoneForm(TandemForm):
    done_on = GovDateField(label="Date it was done", past_only=True)


class ContributionForm(TandemForm):
    contributor = forms.ChoiceField(
        label="Who contributed?", choices=Contributor.choices, error_messages={"required": "Select who contributed"}
    )
    organisation = forms.CharField(
        label="Organisation", max_length=200, error_messages={"required": "Enter the organisation"}
    )
    received_on = GovDateField(label="Date received", past_only=True)
    summary = forms.CharField(
        label="What they contributed",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Summarise what they contributed"},
    )
    staff = forms.ChoiceField(
        label="One of our staff who contributed (optional)",
        help_text="A locality worker, say: they can then read how the enquiry ended",
        required=False,
        choices=[],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "staff", [("", "None of our staff"), *page_selectors.contributing_staff()])

    def clean_staff(self) -> Any:
        return page_selectors.staff_member(self.cleaned_data.get("staff") or "")


class PlanForm(TandemForm):
    plan = forms.CharField(
        label="The safeguarding plan",
        help_text="What will keep the adult safe, agreed with them",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Write the safeguarding plan"},
    )
    agreed_on = GovDateField(label="Date the adult agreed it (optional)", required=False, past_only=True)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConcludeForm(TandemForm):
    risk_assessment = forms.ChoiceField(
        label="Was a risk identified?",
        choices=RiskAssessment.choices,
        error_messages={"required": "Select whether a risk was identified"},
    )
    action_taken = forms.ChoiceField(
        label="Was action taken?",
        choices=[("yes", "Yes, action was taken"), ("no", "No action was taken")],
        error_messages={"required": "Select whether action was taken"},
    )
    risk_outcome = forms.ChoiceField(
        label="If a risk was identified and action taken: the risk outcome",
        choices=RiskOutcome.choices,
        required=False,
    )
    conclusion = forms.CharField(
        label="Conclusion",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Summarise the conclusion"},
    )
    concluded_on = GovDateField(label="Date concluded", past_only=True)
    confirm = forms.BooleanField(
        label="I have checked the outcomes and the conclusion: the enquiry will go to a manager to sign off",
        error_messages={"required": "Confirm that you have checked the conclusion before closing the enquiry"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        outcomes: list[tuple[int, str]] | None = None,
        open_actions: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.outcome_ids = [pk for pk, _ in outcomes or []]
        self.open_action_ids = [pk for pk, _ in open_actions or []]
        for pk, words in open_actions or []:
            self.fields[f"outstanding_{pk}"] = forms.CharField(
                label=f"Why is “{words[:80]}” still outstanding?",
                widget=forms.Textarea,
                max_length=5000,
                error_messages={
                    "required": f"Give the reason “{words[:60]}” is still outstanding, or mark it done first"
                },
            )
        for pk, words in outcomes or []:
            self.fields[f"achieved_{pk}"] = forms.ChoiceField(
                label=f"“{words}”",
                choices=Achieved.choices,
                error_messages={"required": f"Say whether “{words[:60]}” was achieved"},
            )

    def outcome_fields(self) -> list[Any]:
        return [self[f"achieved_{pk}"] for pk in self.outcome_ids]

    def outstanding_fields(self) -> list[Any]:
        return [self[f"outstanding_{pk}"] for pk in self.open_action_ids]

    def ending(self) -> Conclusion:
        data = self.cleaned_data
        return Conclusion(
            risk_assessment=data["risk_assessment"],
            action_taken=data["action_taken"] == "yes",
            risk_outcome=data["risk_outcome"],
            conclusion=data["conclusion"],
            achieved={pk: data[f"achieved_{pk}"] for pk in self.outcome_ids},
            outstanding={pk: data[f"outstanding_{pk}"] for pk in self.open_action_ids},
            concluded_on=data["concluded_on"],
        )


class SignOffForm(TandemForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
