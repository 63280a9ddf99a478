"""Input shapes for the review pages; forms never save."""

from typing import Any, cast

from django import forms

from tandem.core.forms import TandemForm
from tandem.support_plans.codes import Achieved, ReviewKind, ReviewOutcome, ReviewReason
from tandem.support_plans.form_fields import TEXT, radios_field
from tandem.support_plans.review_services import FindingAnswers, ReviewAnswers


class ReviewStartForm(TandemForm):
    kind = radios_field(
        "Which review is this?",
        ReviewKind.choices,
        required="Select whether this is the planned review or an unplanned one",
    )
    reason = forms.ChoiceField(
        label="For an unplanned review: why now?",
        required=False,
        choices=[("", "Select a reason"), *ReviewReason.choices],
    )
    reason_detail = forms.CharField(
        label="What happened (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=TEXT,
        error_messages={"max_length": f"What happened must be {TEXT:,} characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ReviewKind.UNPLANNED and not data.get("reason"):
            self.add_error("reason", "Select why the plan is being reviewed now")
        return data


class ReviewForm(TandemForm):
    """The person's view, each outcome (achieved, in their words, what changes) and the decision."""

    persons_view = forms.CharField(
        label="What does the person think of their plan and support?",
        help_text="In their own words",
        widget=forms.Textarea,
        required=False,
        max_length=TEXT,
    )
    outcome = forms.ChoiceField(label="What did the review decide?", required=False, choices=ReviewOutcome.choices)
    outcome_detail = forms.CharField(
        label="What was decided, in detail (optional)", widget=forms.Textarea, required=False, max_length=TEXT
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, findings: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.findings = findings
        for position, finding in enumerate(findings, start=1):
            statement = finding.outcome.statement
            self.fields[f"achieved_{position}"] = forms.ChoiceField(
                label=f"Was \u201c{statement}\u201d achieved?", required=False, choices=Achieved.choices
            )
            self.fields[f"own_words_{position}"] = forms.CharField(
                label="In the person's own words", widget=forms.Textarea, required=False, max_length=TEXT
            )
            self.fields[f"changes_{position}"] = forms.CharField(
                label="What changes", widget=forms.Textarea, required=False, max_length=TEXT
            )
            self.initial.setdefault(f"achieved_{position}", finding.achieved)
            self.initial.setdefault(f"own_words_{position}", finding.in_own_words)
            self.initial.setdefault(f"changes_{position}", finding.what_changes)

    def rows(self) -> list[tuple[Any, Any, Any, Any]]:
        """Each finding with its three fields, for the template."""
        return [
            (finding, self[f"achieved_{n}"], self[f"own_words_{n}"], self[f"changes_{n}"])
            for n, finding in enumerate(self.findings, start=1)
        ]

    def answers(self) -> ReviewAnswers:
        data = self.cleaned_data
        return ReviewAnswers(
            persons_view=data["persons_view"],
            outcome=data["outcome"],
            outcome_detail=data["outcome_detail"],
            findings=tuple(
                FindingAnswers(
                    outcome_id=finding.outcome_id,
                    achieved=data[f"achieved_{n}"],
                    in_own_words=data[f"own_words_{n}"],
                    what_changes=data[f"changes_{n}"],
                )
                for n, finding in enumerate(self.findings, start=1)
            ),
        )


class VersionOnlyForm(TandemForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DueForm(TandemForm):
    team = forms.ChoiceField(
        label="Team", required=False, choices=[], error_messages={"invalid_choice": "Select a team from the list"}
    )
    practitioner = forms.ChoiceField(
        label="Practitioner",
        required=False,
        choices=[],
        error_messages={"invalid_choice": "Select a practitioner from the list"},
    )
    show = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("due", "Due in the next 8 weeks and overdue"), ("overdue", "Overdue")],
        error_messages={"invalid_choice": "Select which reviews to show"},
    )

    def __init__(self, *args: Any, teams: list[tuple[str, str]], workers: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["team"]).choices = teams
        cast(forms.ChoiceField, self.fields["practitioner"]).choices = [("", "Anyone in the team"), *workers]
