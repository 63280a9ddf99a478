"""The discharge hub's forms: input shape and messages; they never save."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from tandem.core.forms import GovDateField, TandemForm
from tandem.prevention.discharge.codes import DelayReason, Destination, Pathway
from tandem.prevention.discharge.services import (
    BoardUpdate,
    Dates,
    Discharge,
    PackageNeeded,
    ReferralDetails,
)
from tandem.support_plans.codes import CommissionedKind, Unit

NOT_DELAYED = ""


def _text(label: str, *, required: str = "", most: int = 5000, rows: int = 0, hint: str = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        required=bool(required),
        max_length=most,
        widget=widget,
        help_text=hint,
        error_messages={"required": required, "max_length": f"{label} must be {most:,} characters or fewer"},
    )


class _DatesForm(TandemForm):
    admitted_on = GovDateField(
        label="Date of admission", past_only=True, error_messages={"required": "Enter the date of admission"}
    )
    nctr_on = GovDateField(
        label="Date they no longer met the criteria to reside",
        required=False,
        past_only=True,
        help_text="Leave empty while they still meet the criteria to reside",
    )
    expected_ready_on = GovDateField(label="Expected discharge-ready date", required=False, future_example=True)
    ready_on = GovDateField(
        label="Discharge-ready date",
        required=False,
        past_only=True,
        help_text="The day they were medically optimised and ready to go, once it has come",
    )

    def dates(self) -> Dates:
        data = self.cleaned_data
        return Dates(
            admitted_on=data["admitted_on"],
            nctr_on=data.get("nctr_on"),
            expected_ready_on=data.get("expected_ready_on"),
            ready_on=data.get("ready_on"),
        )


class ReferralForm(_DatesForm):
    hospital = _text("Hospital", required="Enter the hospital", most=200)
    ward = _text("Ward", required="Enter the ward", most=100)
    pathway = forms.ChoiceField(
        label="Discharge pathway",
        choices=Pathway.choices,
        help_text="The discharge-to-assess pathway expected now (Hospital Discharge and Community Support Guidance)",
        error_messages={"required": "Select the discharge pathway"},
    )
    what_matters = _text("What matters to them", rows=4, hint="In their own words, if you can")
    carer_view = _text("Their carer's view", rows=3, hint="What their carer or family say, if they have one")

    field_order = [
        "hospital",
        "ward",
        "admitted_on",
        "nctr_on",
        "expected_ready_on",
        "ready_on",
        "pathway",
        "what_matters",
        "carer_view",
    ]

    def details(self) -> ReferralDetails:
        data = self.cleaned_data
        return ReferralDetails(
            hospital=data["hospital"],
            ward=data["ward"],
            dates=self.dates(),
            pathway=data["pathway"],
            what_matters=data.get("what_matters", ""),
            carer_view=data.get("carer_view", ""),
        )


class BoardUpdateForm(_DatesForm):
    ward = _text("Ward", required="Enter the ward", most=100)
    pathway = forms.ChoiceField(
        label="Discharge pathway", choices=Pathway.choices, error_messages={"required": "Select the discharge pathway"}
    )
    delay_reason = forms.ChoiceField(
        label="Reason for the delay",
        required=False,
        choices=[(NOT_DELAYED, "No reason recorded yet"), *DelayReason.choices],
        help_text="Only for someone who no longer meets the criteria to reside",
    )
    next_action = _text("Next action", most=300)
    action_owner = forms.ChoiceField(label="Who owns the next action", required=False, choices=[])
    action_due_on = GovDateField(label="Next action due", required=False, future_example=True)
    version = forms.IntegerField(widget=forms.HiddenInput)

    field_order = [
        "ward",
        "admitted_on",
        "nctr_on",
        "expected_ready_on",
        "ready_on",
        "pathway",
        "delay_reason",
        "next_action",
        "action_owner",
        "action_due_on",
        "version",
    ]

    def __init__(self, *args: Any, owners: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owners = {str(user.uuid): user for user in owners}
        cast(forms.ChoiceField, self.fields["action_owner"]).choices = [
            ("", "No one yet"),
            *[(key, user.get_full_name() or user.username) for key, user in self.owners.items()],
        ]

    def update(self) -> BoardUpdate:
        data = self.cleaned_data
        return BoardUpdate(
            ward=data["ward"],
            dates=self.dates(),
            pathway=data["pathway"],
            delay_reason=data.get("delay_reason", ""),
            next_action=data.get("next_action", ""),
            action_owner=self.owners.get(data.get("action_owner") or ""),
            action_due_on=data.get("action_due_on"),
        )


def initial_of(referral: Any) -> dict[str, Any]:
    return {
        "ward": referral.ward,
        "admitted_on": referral.admitted_on,
        "nctr_on": referral.nctr_on,
        "expected_ready_on": referral.expected_ready_on,
        "ready_on": referral.ready_on,
        "pathway": referral.pathway,
        "delay_reason": referral.delay_reason,
        "next_action": referral.next_action,
        "action_owner": str(referral.action_owner.uuid) if referral.action_owner else "",
        "action_due_on": referral.action_due_on,
        "version": referral.version,
    }


class PackageForm(TandemForm):
    kind = forms.ChoiceField(
        label="What is needed", choices=CommissionedKind.choices, error_messages={"required": "Select what is needed"}
    )
    units_per_week = forms.DecimalField(
        label="How many a week",
        max_digits=5,
        decimal_places=2,
        error_messages={
            "required": "Enter how many a week",
            "invalid": "How many a week must be a number, like 14 or 7.5",
            "max_digits": "How many a week must be at most 168",
            "max_decimal_places": "How many a week can have up to 2 decimal places",
            "max_whole_digits": "How many a week must be at most 168",
        },
    )
    unit = forms.ChoiceField(
        label="Counted in", choices=Unit.choices, error_messages={"required": "Select what it is counted in"}
    )
    needed_from = GovDateField(
        label="Needed from", future_example=True, error_messages={"required": "Enter the date it is needed from"}
    )
    details = _text("What the provider needs to know", rows=4, hint="Times of calls, equipment, two carers and so on")

    def needed(self) -> PackageNeeded:
        data = self.cleaned_data
        return PackageNeeded(
            kind=data["kind"],
            units_per_week=data["units_per_week"],
            unit=data["unit"],
            needed_from=data["needed_from"],
            details=data.get("details", ""),
        )


def pence(value: str) -> int:
    text = value.strip().removeprefix("£").replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError("Enter the cost of each in pounds and pence, like 19.50") from None
    if not amount.is_finite() or amount < 0:
        raise ValidationError("Enter the cost of each in pounds and pence, like 19.50")
    if amount > Decimal(10_000):
        raise ValidationError("The cost of each must be £10,000 or less")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError("The cost of each must be in pounds and pence, with no more than 2 decimal places")
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class OfferForm(TandemForm):
    provider = forms.ChoiceField(
        label="Care provider", choices=[], error_messages={"required": "Select the care provider making the offer"}
    )
    starts_on = GovDateField(
        label="Can start on", future_example=True, error_messages={"required": "Enter the date it can start on"}
    )
    unit_cost = forms.CharField(
        label="Cost of each, in pounds",
        max_length=20,
        help_text="Of each hour, visit, session, day or night",
        error_messages={"required": "Enter the cost of each in pounds and pence, like 19.50"},
    )
    notes = _text("Notes", most=300)

    def __init__(self, *args: Any, providers: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.providers = {str(org.uuid): org for org in providers}
        cast(forms.ChoiceField, self.fields["provider"]).choices = [
            ("", "Select a care provider"),
            *[(key, org.name) for key, org in self.providers.items()],
        ]

    def clean_unit_cost(self) -> int:
        return pence(self.cleaned_data["unit_cost"])


class PlanForm(TandemForm):
    """Where in the person's care and support plan the accepted package goes."""

    where = forms.ChoiceField(
        label="Where in the plan does the package go?",
        choices=[],
        error_messages={"required": "Select where in the plan the package goes"},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["where"]).choices = choices
        self.fields["where"].required = bool(choices)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.fields["where"].required:
            raise ValidationError("There is no care and support plan you may write to add the package to yet")
        return cleaned


class DischargeForm(TandemForm):
    discharged_on = GovDateField(
        label="Date of discharge", past_only=True, error_messages={"required": "Enter the date of discharge"}
    )
    destination = forms.ChoiceField(
        label="Where did they go?", choices=Destination.choices, error_messages={"required": "Select where they went"}
    )
    pathway = forms.ChoiceField(
        label="Discharge pathway", choices=Pathway.choices, error_messages={"required": "Select the discharge pathway"}
    )
    reablement_started_on = GovDateField(
        label="Reablement started on", required=False, help_text="Leave empty if they went home without reablement"
    )
    review_due_on = GovDateField(
        label="Review due by",
        future_example=True,
        help_text="When the support they went home with is reviewed",
        error_messages={"required": "Enter when the review is due"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def discharge(self) -> Discharge:
        data = self.cleaned_data
        return Discharge(
            discharged_on=data["discharged_on"],
            destination=data["destination"],
            pathway=data["pathway"],
            reablement_started_on=data.get("reablement_started_on"),
            review_due_on=data["review_due_on"],
        )


# A review of the support someone went home with, six weeks on, unless the hub says otherwise.
REVIEW_AFTER = timedelta(weeks=6)


def discharge_initial(referral: Any, today: date) -> dict[str, Any]:
    return {"pathway": referral.pathway, "version": referral.version, "review_due_on": today + REVIEW_AFTER}


class WithdrawForm(TandemForm):
    reason = _text(
        "Why are they leaving the board?",
        required="Enter why they are leaving the board",
        most=300,
        hint="For example, transferred to another hospital, or the referral was made in error",
    )


class FindForm(TandemForm):
    q = forms.CharField(
        label="Who is the referral about?",
        max_length=200,
        help_text="Name, NHS number or date of birth",
        error_messages={"required": "Enter a name, NHS number or date of birth"},
    )
