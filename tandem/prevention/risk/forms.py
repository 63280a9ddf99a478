"""Input shapes for the risk pages: the rules, edited as a whole, and an outreach recorded."""

from typing import Any

from django import forms

from tandem.core.forms import TandemForm, whole_number
from tandem.prevention.risk import rules
from tandem.prevention.risk.codes import SCORED_KINDS, Deficit, NextStep, OutreachAction

KIND_LABELS = {
    "emergency_admission": "Emergency admissions",
    "fall": "Falls",
    "ae_attendance": "A&E attendances",
    "gp_contact": "GP contacts",
    "telecare_alert": "Telecare alerts",
}


def _whole(label: str, *, minimum: int = 0, maximum: int = 100) -> forms.IntegerField:
    return whole_number(label, minimum=minimum, maximum=maximum)


class RiskRulesForm(TandemForm):
    """Every weight and band of the score; saving makes the next version."""

    mild_from = _whole("Mild from (points)", minimum=1)
    moderate_from = _whole("Moderate from (points)", minimum=2)
    severe_from = _whole("Severe from (points)", minimum=3)
    reason = forms.CharField(
        label="Why are the rules changing?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Say why the rules are changing"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in SCORED_KINDS:
            name = KIND_LABELS[kind]
            for window in (30, 90, 365):
                self.fields[f"{kind}_{window}"] = _whole(f"{name}: points each in the last {window} days")
            self.fields[f"{kind}_most"] = _whole(f"{name}: the most that count", maximum=20)
            self.fields[f"{kind}_at_least"] = _whole(f"{name}: the fewest that score", minimum=1, maximum=20)
        for deficit in Deficit:
            self.fields[f"deficit_{deficit.value}"] = _whole(f"{deficit.label}: points")
            self.fields[f"deficit_{deficit.value}_most"] = _whole(f"{deficit.label}: the most that count", maximum=20)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mild, moderate, severe = data.get("mild_from"), data.get("moderate_from"), data.get("severe_from")
        if None not in (mild, moderate, severe) and not mild < moderate < severe:  # type: ignore[operator]
            self.add_error("moderate_from", "Moderate must start above mild, and severe above moderate")
        return data

    def values(self) -> rules.RiskRules:
        data = self.cleaned_data
        return rules.RiskRules(
            number=0,
            mild_from=data["mild_from"],
            moderate_from=data["moderate_from"],
            severe_from=data["severe_from"],
            events=tuple(
                rules.EventRule(
                    kind,
                    (data[f"{kind}_30"], data[f"{kind}_90"], data[f"{kind}_365"]),
                    most=data[f"{kind}_most"],
                    at_least=data[f"{kind}_at_least"],
                )
                for kind in SCORED_KINDS
            ),
            deficits=tuple(
                rules.DeficitRule(d.value, data[f"deficit_{d.value}"], most=data[f"deficit_{d.value}_most"])
                for d in Deficit
            ),
        )


def rules_initial(in_force: rules.RiskRules) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "mild_from": in_force.mild_from,
        "moderate_from": in_force.moderate_from,
        "severe_from": in_force.severe_from,
    }
    for kind in SCORED_KINDS:
        rule = in_force.event(kind)
        for n, window in enumerate((30, 90, 365)):
            initial[f"{kind}_{window}"] = rule.points[n]
        initial[f"{kind}_most"] = rule.most
        initial[f"{kind}_at_least"] = max(rule.at_least, 1)
    for deficit in Deficit:
        rule_d = in_force.deficit(deficit.value)
        initial[f"deficit_{deficit.value}"] = rule_d.points
        initial[f"deficit_{deficit.value}_most"] = rule_d.most
    return initial


class OutreachForm(TandemForm):
    step = forms.ChoiceField(
        label="What was offered?",
        choices=NextStep.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what was offered"},
    )
    result = forms.ChoiceField(
        label="What came of it?",
        choices=OutreachAction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what came of it"},
    )
    referred_to = forms.CharField(
        label="Referred to (a service in the directory, a team or a professional)", required=False, max_length=200
    )
    note = forms.CharField(label="Notes (optional)", required=False, max_length=4000, widget=forms.Textarea)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("result") == OutreachAction.REFERRED and not (data.get("referred_to") or "").strip():
            self.add_error("referred_to", "Say who they were referred to")
        return data


class WorklistFilterForm(TandemForm):
    def __init__(
        self, *args: Any, teams: list[tuple[str, str]], practices: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"] = forms.ChoiceField(
            label="Neighbourhood team", required=False, choices=[("", "Choose"), *teams]
        )
        self.fields["practice"] = forms.ChoiceField(
            label="Or a GP practice", required=False, choices=[("", "None chosen"), *practices]
        )
        self.fields["sort"] = forms.ChoiceField(
            label="Order by",
            required=False,
            choices=[("risk", "Highest risk first"), ("changed", "Risk changed most recently"), ("name", "Name")],
        )
        self.fields["reached"] = forms.BooleanField(
            label="Include people reached in the last 90 days (unless their risk has risen)", required=False
        )
