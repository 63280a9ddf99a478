"""Input shapes and GOV.UK-style error messages for the workforce pages; forms never save."""

import re
from decimal import Decimal
from typing import Any

from django import forms

from tandem.core.forms import TandemForm, whole_number
from tandem.identity.models import Profession, RegistrationBody
from tandem.workforce import rules
from tandem.workforce.codes import AlertKind, FactorKind, WaitingFor, Warrant

Choices = list[tuple[str, str]]


def _required(message: str) -> dict[str, str]:
    return {"required": message}


def _points(points: int) -> str:
    return "1 point" if points == 1 else f"{points} points"


class VersionForm(TandemForm):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class WaitingFilterForm(TandemForm):
    waiting_for = forms.ChoiceField(
        label="Waiting for", required=False, choices=[("", "Anything"), *WaitingFor.choices]
    )
    show = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Everyone waiting"), ("contact_due", "Keeping-in-touch contact overdue")],
    )


class TeamFilterForm(TandemForm):
    def __init__(self, *args: Any, teams: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"] = forms.ChoiceField(label="Team", required=False, choices=[("", "All my teams"), *teams])


class CaseOpenForm(TandemForm):
    waiting_for = forms.ChoiceField(
        label="What are they waiting for?",
        choices=WaitingFor.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select what the person is waiting for"),
    )
    summary = forms.CharField(
        label="What the team is asked to do",
        max_length=2000,
        widget=forms.Textarea,
        error_messages=_required("Say what the person is waiting for"),
    )

    def __init__(self, *args: Any, teams: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"] = forms.ChoiceField(
            label="Team", choices=[("", "Choose a team"), *teams], error_messages=_required("Choose the team")
        )
        self.order_fields(["team", "waiting_for", "summary"])


class ScreenForm(VersionForm):
    def __init__(self, *args: Any, in_force: rules.Rules, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["risks"] = forms.MultipleChoiceField(
            label="What did the screening find?",
            help_text="Select all that apply. Leave all unticked if none apply.",
            required=False,
            choices=[(f.code, f"{f.label} ({f.points})") for f in in_force.of_kind(FactorKind.RISK)],
            widget=forms.CheckboxSelectMultiple,
        )


class WeighForm(VersionForm):
    def __init__(self, *args: Any, in_force: rules.Rules, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_type"] = forms.ChoiceField(
            label="Type of case",
            choices=[(f.code, f"{f.label} ({_points(f.points)})") for f in in_force.of_kind(FactorKind.CASE_TYPE)],
            widget=forms.RadioSelect,
            error_messages=_required("Select the type of case"),
        )
        self.fields["complexity"] = forms.MultipleChoiceField(
            label="What makes it more complex?",
            help_text="Select all that apply.",
            required=False,
            choices=[(f.code, f"{f.label} ({_points(f.points)})") for f in in_force.of_kind(FactorKind.COMPLEXITY)],
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["skills_needed"] = forms.MultipleChoiceField(
            label="Skills the case needs",
            help_text="Only practitioners holding these are suggested first.",
            required=False,
            choices=Warrant.choices,
            widget=forms.CheckboxSelectMultiple,
        )
        self.order_fields(["case_type", "complexity", "skills_needed", "version"])


class OverrideForm(VersionForm):
    weight = forms.IntegerField(
        label="Weight in points",
        required=False,
        min_value=0,
        max_value=100,
        error_messages={
            "invalid": "Weight must be a whole number of points",
            "min_value": "Weight must be 0 or more",
            "max_value": "Weight must be 100 points or fewer",
        },
    )
    reason = forms.CharField(
        label="Why does this case weigh more or less?", required=False, max_length=1000, widget=forms.Textarea
    )
    remove = forms.BooleanField(label="Remove the override and use the weight from the factors", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("remove") and data.get("weight") is None and "weight" not in self.errors:
            self.add_error("weight", "Enter the weight, or choose to remove the override")
        return data


class KeepInTouchForm(TandemForm):
    note = forms.CharField(
        label="How is the person, and what was agreed?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages=_required("Say how the person is and what was agreed"),
    )


class AllocateForm(VersionForm):
    reason = forms.CharField(
        label="Why this practitioner?",
        max_length=1000,
        widget=forms.Textarea,
        error_messages=_required("Say why this practitioner should hold the case"),
    )

    def __init__(self, *args: Any, workers: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"] = forms.ChoiceField(
            label="Who should hold the case?",
            choices=workers,
            widget=forms.RadioSelect,
            error_messages=_required("Choose who should hold the case"),
        )
        self.order_fields(["worker", "reason", "version"])


class CloseForm(VersionForm):
    reason = forms.CharField(
        label="Why is the case closing?",
        max_length=1000,
        widget=forms.Textarea,
        error_messages=_required("Say why the case is closing"),
    )


_FTE = {
    "required": "Enter the contracted hours as a fraction of full time, for example 0.6",
    "invalid": "Contracted hours must be a number, for example 0.6",
    "min_value": "Contracted hours must be more than 0",
    "max_value": "Contracted hours must be no more than 1 (full time)",
    "max_decimal_places": "Contracted hours can have at most 2 decimal places",
    "max_digits": "Contracted hours must be no more than 1 (full time)",
}


class ProfileForm(VersionForm):
    fte = forms.DecimalField(
        label="Contracted hours (FTE)",
        help_text="A fraction of full time: 1 is full time, 0.6 is three days a week.",
        max_digits=3,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("1"),
        error_messages=_FTE,
    )
    asye = forms.BooleanField(
        label="Newly qualified, in their Assessed and Supported Year in Employment (ASYE)", required=False
    )
    agency = forms.BooleanField(label="Agency worker", required=False)
    qualifications = forms.CharField(label="Qualifications", required=False, max_length=2000, widget=forms.Textarea)
    warrants = forms.MultipleChoiceField(
        label="Warrants and roles held", required=False, choices=Warrant.choices, widget=forms.CheckboxSelectMultiple
    )
    registration_number = forms.CharField(label="Registration number", required=False, max_length=30)

    def __init__(
        self,
        *args: Any,
        teams: Choices,
        neighbourhoods: Choices,
        gp_practices: Choices,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"] = forms.ChoiceField(
            label="Team whose caseload they carry",
            choices=[("", "Choose a team"), *teams],
            error_messages=_required("Choose the team"),
        )
        self.fields["profession"] = forms.ChoiceField(label="Profession", choices=Profession.choices)
        self.fields["registration_body"] = forms.ChoiceField(
            label="Registered with", required=False, choices=RegistrationBody.choices
        )
        self.fields["neighbourhoods"] = forms.MultipleChoiceField(
            label="Neighbourhoods they work in",
            required=False,
            choices=neighbourhoods,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["gp_practices"] = forms.MultipleChoiceField(
            label="GP practices they are aligned with",
            required=False,
            choices=gp_practices,
            widget=forms.CheckboxSelectMultiple,
        )
        self.order_fields(
            [
                "team",
                "profession",
                "registration_body",
                "registration_number",
                "fte",
                "asye",
                "agency",
                "warrants",
                "qualifications",
                "neighbourhoods",
                "gp_practices",
                "version",
            ]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        number = (data.get("registration_number") or "").strip()
        if number and not data.get("registration_body"):
            self.add_error("registration_body", "Select who the registration is with")
        if data.get("registration_body") and not number:
            self.add_error("registration_number", "Enter the registration number")
        data["registration_number"] = number
        return data


class PostForm(TandemForm):
    title = forms.CharField(label="Post title", max_length=120, error_messages=_required("Enter the post's title"))
    fte = forms.DecimalField(
        label="Hours (FTE)",
        max_digits=3,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("1"),
        initial=Decimal("1"),
        error_messages=_FTE,
    )

    def __init__(self, *args: Any, holders: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"] = forms.ChoiceField(
            label="Who holds it", required=False, choices=[("", "Vacant"), *holders]
        )


class PostEditForm(TandemForm):
    action = forms.ChoiceField(choices=[("fill", "fill"), ("end", "end")], widget=forms.HiddenInput, initial="fill")

    def __init__(self, *args: Any, holders: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder"] = forms.ChoiceField(
            label="Who holds it", required=False, choices=[("", "Vacant"), *holders]
        )


_POINTS = {
    "required": "Enter the points",
    "invalid": "Points must be a whole number",
    "min_value": "Points must be 0 or more",
    "max_value": "Points must be 100 or fewer",
}


def _whole(label: str, *, minimum: int = 1, maximum: int = 1000) -> forms.IntegerField:
    return whole_number(label, minimum=minimum, maximum=maximum)


class RulesForm(TandemForm):
    """The rules in force, edited as a whole; saving makes the next version."""

    capacity_per_fte = _whole("Capacity for one full-time practitioner (points)")
    asye_capacity_percent = _whole("Capacity in the ASYE year (per cent of full)", maximum=100)
    amber_from_percent = _whole("Amber from (per cent of capacity)", maximum=500)
    red_from_percent = _whole("Red from (per cent of capacity)", maximum=500)
    high_priority_from = _whole("High priority from a risk score of", maximum=100)
    medium_priority_from = _whole("Medium priority from a risk score of", maximum=100)
    touch_days_high = _whole("Keep in touch with high priority every (days)", maximum=365)
    touch_days_medium = _whole("Keep in touch with medium priority every (days)", maximum=365)
    touch_days_low = _whole("Keep in touch with low priority every (days)", maximum=365)
    new_label = forms.CharField(label="New factor", required=False, max_length=200)
    new_kind = forms.ChoiceField(label="Kind of factor", required=False, choices=[("", "Choose"), *FactorKind.choices])
    new_points = forms.IntegerField(label="Points", required=False, min_value=0, max_value=100, error_messages=_POINTS)
    reason = forms.CharField(
        label="Why are the rules changing?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages=_required("Say why the rules are changing"),
    )

    def __init__(self, *args: Any, in_force: rules.Rules, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.in_force = in_force
        for f in in_force.factors:
            self.fields[f"points_{f.code}"] = forms.IntegerField(
                label=f.label, min_value=0, max_value=100, error_messages=_POINTS
            )
            self.fields[f"remove_{f.code}"] = forms.BooleanField(label=f"Remove: {f.label}", required=False)
        for kind in AlertKind:
            self.fields[f"threshold_{kind.value}"] = _whole(f"{kind.label}: alert above", minimum=0, maximum=10_000)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        label, kind, points = (data.get("new_label") or "").strip(), data.get("new_kind"), data.get("new_points")
        if label or kind or points is not None:
            if not label:
                self.add_error("new_label", "Enter the new factor's name")
            if not kind:
                self.add_error("new_kind", "Select the kind of the new factor")
            if points is None and "new_points" not in self.errors:
                self.add_error("new_points", "Enter the new factor's points")
        return data

    def values(self) -> rules.Rules:
        data = self.cleaned_data
        factors = [
            rules.FactorRule(f.code, f.label, f.kind, data[f"points_{f.code}"])
            for f in self.in_force.factors
            if not data.get(f"remove_{f.code}")
        ]
        label = (data.get("new_label") or "").strip()
        if label:
            code = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:40] or "factor"
            taken = {f.code for f in self.in_force.factors}
            base, n = code, 2
            while code in taken:
                code, n = f"{base[:36]}_{n}", n + 1
            factors.append(rules.FactorRule(code, label, data["new_kind"], data["new_points"]))
        return rules.Rules(
            number=self.in_force.number + 1,
            capacity_per_fte=data["capacity_per_fte"],
            asye_capacity_percent=data["asye_capacity_percent"],
            amber_from_percent=data["amber_from_percent"],
            red_from_percent=data["red_from_percent"],
            high_priority_from=data["high_priority_from"],
            medium_priority_from=data["medium_priority_from"],
            touch_days_high=data["touch_days_high"],
            touch_days_medium=data["touch_days_medium"],
            touch_days_low=data["touch_days_low"],
            thresholds={k.value: data[f"threshold_{k.value}"] for k in AlertKind},
            factors=tuple(factors),
        )


def rules_initial(in_force: rules.Rules) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(in_force, name)
        for name in (
            "capacity_per_fte",
            "asye_capacity_percent",
            "amber_from_percent",
            "red_from_percent",
            "high_priority_from",
            "medium_priority_from",
            "touch_days_high",
            "touch_days_medium",
            "touch_days_low",
        )
    }
    initial |= {f"points_{f.code}": f.points for f in in_force.factors}
    initial |= {f"threshold_{kind}": in_force.threshold(kind) for kind in in_force.thresholds}
    return initial
