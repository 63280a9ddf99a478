"""Input shapes for the trusted care provider view and for checking what a provider sends; forms never save."""

from typing import Any, cast

from django import forms

from tandem.core.forms import TandemForm
from tandem.support_plans.codes import Achieved, HoursChange
from tandem.support_plans.form_fields import answers_of, radios_field, text_field
from tandem.support_plans.provider_services import ProviderAnswers, ProviderDecision


class ProviderReviewForm(TandemForm):
    achieved = radios_field(
        "How far is the outcome being achieved, in your view?",
        Achieved.choices,
        required="Select how far the outcome is being achieved",
    )
    outcome_view = text_field(
        "How is the support going for the person?",
        help_text="What is working, what is not, and anything the person has told you",
        required=True,
        message="Say how the support is going for the person",
    )
    hours_change = radios_field(
        "Should the package change?", HoursChange.choices, required="Select whether the package should change"
    )
    change_reason = text_field("Why should it change? (if it should)", help_text="Say how much more or less, and why")
    incidents = text_field(
        "Incidents since the last review (optional)",
        help_text="Falls, missed visits, hospital stays, safeguarding concerns raised, complaints",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("hours_change") in (HoursChange.MORE, HoursChange.LESS) and not data.get("change_reason"):
            self.add_error("change_reason", "Say why the package should change")
        return data

    def answers(self) -> ProviderAnswers:
        return answers_of(self, ProviderAnswers)


class ProviderCheckForm(TandemForm):
    decision = radios_field(
        "What do you want to do with this review?", [], required="Select whether to sign the review off or return it"
    )
    return_reason = text_field(
        "If you are returning it: why?", help_text="The care provider sees this, so they can send a corrected review"
    )

    def __init__(self, *args: Any, review_open: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        accept = (
            "Sign it off and add it to the review of the plan in progress"
            if review_open
            else "Sign it off, with no review of the plan now"
        )
        choices = [(ProviderDecision.ACCEPT, accept)]
        if not review_open:
            choices.append(
                (ProviderDecision.ACCEPT_AND_REVIEW, "Sign it off and start an unplanned review of the plan")
            )
        choices.append((ProviderDecision.RETURN, "Return it to the care provider"))
        cast(forms.ChoiceField, self.fields["decision"]).choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == ProviderDecision.RETURN and not data.get("return_reason"):
            self.add_error("return_reason", "Say why the review is being returned")
        return data
