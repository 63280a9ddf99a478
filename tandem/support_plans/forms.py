"""Input shapes for the care and support plan pages; forms never save."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from tandem.core.forms import GovDateField, TandemForm
from tandem.support_plans.codes import AgreementMethod, BudgetMethod, CommissionedKind, CopyFormat, Unit
from tandem.support_plans.form_fields import answers_of, text_field
from tandem.support_plans.services import Agreement, CommissionedDetails, OutcomeAnswers, PlanDetails


class ConfirmForm(TandemForm):
    """A button and nothing else."""


class VersionForm(TandemForm):
    """A confirmation: only the version the page was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class PlanDetailsForm(TandemForm):
    budget_method = forms.ChoiceField(
        label="How will the person take their personal budget?", required=False, choices=BudgetMethod.choices
    )
    contingency = text_field(
        "Contingency plan",
        help_text="What happens if support breaks down: who to call, and what the person and their network will do",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def details(self) -> PlanDetails:
        return answers_of(self, PlanDetails)


class OutcomeForm(TandemForm):
    statement = text_field(
        "What does the person want to achieve?",
        help_text=(
            "In their own words, starting with \u201cI\u201d. "
            "For example, \u201cI want to get to my allotment twice a week\u201d"
        ),
        required=True,
        message="Write the outcome as the person puts it, starting with \u201cI\u201d",
    )
    by_person_and_network = text_field(
        "How the person and the people around them will meet it (optional)",
        help_text="Their own strengths, family, friends and neighbours",
    )
    universal_services = text_field(
        "Universal services (optional)", help_text="Services open to everyone: the GP, library, leisure centre, buses"
    )
    equipment = text_field(
        "Equipment and adaptations (optional)", help_text="For example, a perching stool or a key safe"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def answers(self) -> OutcomeAnswers:
        return answers_of(self, OutcomeAnswers)


class DirectorySearchForm(TandemForm):
    keywords = forms.CharField(
        label="Search the community directory",
        max_length=200,
        error_messages={"required": "Enter what you are looking for, for example lunch club"},
    )


class CommunityPickForm(TandemForm):
    service = forms.ChoiceField(
        label="Community service", choices=[], error_messages={"required": "Select a community service"}
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, services: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["service"]).choices = services or []


MAX_UNIT_COST = Decimal(10_000)


def _pence(value: str) -> int:
    text = value.strip().removeprefix("£").replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError("Enter the cost of each in pounds and pence, like 19.50") from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError("Enter the cost of each in pounds and pence, like 19.50")
    # Checked before rounding: a figure like 1e400 cannot be rounded to pence (it was a 500), and
    # the weekly budget is kept in pence in a 32-bit column.
    if amount > MAX_UNIT_COST:
        raise ValidationError("The cost of each must be £10,000 or less")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError("The cost of each must be in pounds and pence, with no more than 2 decimal places")
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class CommissionedForm(TandemForm):
    kind = forms.ChoiceField(
        label="Type of service",
        choices=CommissionedKind.choices,
        error_messages={"required": "Select the type of service"},
    )
    provider_organisation = forms.ChoiceField(
        label="Care provider on the system",
        help_text="Their staff can then see this service and send in their review of it",
        required=False,
        choices=[],
        error_messages={"invalid_choice": "Select a care provider from the list"},
    )
    provider_name = forms.CharField(
        label="Provider's name",
        help_text="Only for a provider that is not on the system",
        max_length=200,
        required=False,
        error_messages={"max_length": "The provider's name must be 200 characters or fewer"},
    )
    units_per_week = forms.DecimalField(
        label="How many a week",
        help_text="For example, 7.5 for seven and a half hours",
        max_digits=6,
        decimal_places=2,
        max_value=168,
        error_messages={
            "required": "Enter how many hours, visits, sessions, days or nights a week",
            "max_value": "How many a week must be 168 or fewer",
            "invalid": "How many a week must be a number, like 7.5",
            "max_digits": "How many a week must be 168 or fewer",
            "max_whole_digits": "How many a week must be 168 or fewer",
            "max_decimal_places": "How many a week must have no more than 2 decimal places",
        },
    )
    unit = forms.ChoiceField(
        label="Counted in", choices=Unit.choices, error_messages={"required": "Select what the service is counted in"}
    )
    unit_cost = forms.CharField(
        label="Cost of each, in pounds",
        help_text="For example, 19.50 for an hour of home care",
        max_length=12,
        error_messages={"required": "Enter the cost of each, like 19.50"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, providers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["provider_organisation"]).choices = [
            ("", "Not on the system"),
            *((str(pk), name) for pk, name in providers),
        ]

    def clean_unit_cost(self) -> int:
        return _pence(self.cleaned_data["unit_cost"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("provider_name")
            and not data.get("provider_organisation")
            and "provider_name" not in self.errors
        ):
            self.add_error("provider_name", "Enter the provider's name, or select a care provider on the system")
        return data

    def details(self) -> CommissionedDetails:
        data = self.cleaned_data
        chosen = data["provider_organisation"]
        return CommissionedDetails(
            kind=data["kind"],
            provider_name=data["provider_name"],
            units_per_week=data["units_per_week"],
            unit=data["unit"],
            unit_cost_pence=data["unit_cost"],
            provider_organisation_id=int(chosen) if chosen else None,
        )


class AgreementForm(TandemForm):
    agreed_on = GovDateField(
        label="When did the person agree to the plan?",
        past_only=True,
        error_messages={"required": "Enter the date the person agreed to the plan"},
    )
    agreement_method = forms.ChoiceField(
        label="How did they agree?",
        choices=AgreementMethod.choices,
        error_messages={"required": "Select how the person agreed to the plan"},
    )
    copy_given_on = GovDateField(
        label="When were they given a copy? (optional)",
        required=False,
        past_only=True,
        help_text="Leave blank if the copy is still to be given. For example, 27 3 2026",
    )
    copy_format = forms.ChoiceField(
        label="Format of the copy (optional)", required=False, choices=[("", "Not given yet"), *CopyFormat.choices]
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def agreement(self) -> Agreement:
        data = self.cleaned_data
        return Agreement(
            agreed_on=data["agreed_on"],
            method=data["agreement_method"],
            copy_given_on=data["copy_given_on"],
            copy_format=data["copy_format"],
        )


class CopyForm(TandemForm):
    copy_given_on = GovDateField(
        label="When was the person given a copy?",
        past_only=True,
        error_messages={"required": "Enter the date the copy was given"},
    )
    copy_format = forms.ChoiceField(
        label="Format of the copy",
        choices=CopyFormat.choices,
        error_messages={"required": "Select the format of the copy"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReviseForm(TandemForm):
    reason = text_field(
        "Why is the plan being revised?",
        help_text="For example, a review found Mrs Smith now needs help at night",
        required=True,
        message="Say why the plan is being revised",
    )
