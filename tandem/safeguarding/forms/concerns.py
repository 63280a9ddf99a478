"""Forms about a concern: raising it, its details, triage, a hazard warning from it."""

from typing import Any

from django import forms

from tandem.core.forms import GovDateField, TandemForm
from tandem.people.codes import WarningCategory
from tandem.safeguarding.codes import (
    AbuseType,
    Answer,
    PrimarySupportReason,
    RaisedBy,
    RiskLocation,
    RiskSource,
    TriageDecision,
)
from tandem.safeguarding.forms.common import NOT_KNOWN, _choices
from tandem.safeguarding.services.concerns import ConcernDetails, Section42Test


def _all_that_apply(label: str, choices: list[tuple[str, str]]) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        help_text="Select all that apply",
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


# Yes, no or don't know; left unanswered it is "not recorded" (the returns count it so), not a fourth
# and fifth way to say nobody knows.
ANSWERS = [("", "Not recorded"), *((value, label) for value, label in Answer.choices if value != Answer.NOT_RECORDED)]


class ConcernForm(TandemForm):
    """What is known about a concern: raised directly, or corrected before triage."""

    summary = forms.CharField(
        label="The concern",
        help_text="What happened, to whom, and any risk now",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Describe the safeguarding concern: what happened, to whom, and any risk now"},
    )
    raised_by_kind = forms.ChoiceField(
        label="Who raised the concern?",
        choices=RaisedBy.choices,
        error_messages={"required": "Select who raised the concern"},
    )
    raiser_name = forms.CharField(label="Their name (optional)", required=False, max_length=200)
    raiser_organisation = forms.CharField(label="Their organisation (optional)", required=False, max_length=200)
    abuse_types = _all_that_apply("Types of abuse or neglect", AbuseType.choices)
    locations = _all_that_apply("Where is the risk?", RiskLocation.choices)
    sources_of_risk = _all_that_apply("Source of risk", RiskSource.choices)
    provider_name = forms.CharField(
        label="Name of the service provider",
        help_text="Needed when a source of risk is a service provider",
        required=False,
        max_length=200,
    )
    adults_view = forms.CharField(
        label="The adult's view", help_text="In their own words", widget=forms.Textarea, required=False, max_length=5000
    )
    lacks_capacity = forms.ChoiceField(
        label="Does the adult lack capacity regarding the concern?",
        required=False,
        choices=ANSWERS,
    )
    advocate = forms.ChoiceField(
        label="If they lack capacity, are they supported by an advocate, family member or friend?",
        required=False,
        choices=ANSWERS,
    )
    primary_support_reason = forms.ChoiceField(
        label="The adult's primary support reason",
        required=False,
        choices=[*NOT_KNOWN, *PrimarySupportReason.choices],
    )
    received_on = GovDateField(
        label="Date the concern was received", past_only=True, error_messages={"required": "Enter the date received"}
    )
    team = forms.ChoiceField(label="Safeguarding team", required=False, choices=[])
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, teams: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if teams is None:
            del self.fields["team"]
        else:
            _choices(self, "team", teams)

    def details(self) -> ConcernDetails:
        data = self.cleaned_data
        return ConcernDetails(
            summary=data["summary"],
            raised_by_kind=data["raised_by_kind"],
            raiser_name=data["raiser_name"],
            raiser_organisation=data["raiser_organisation"],
            abuse_types=tuple(data["abuse_types"]),
            locations=tuple(data["locations"]),
            sources_of_risk=tuple(data["sources_of_risk"]),
            provider_name=data["provider_name"],
            adults_view=data["adults_view"],
            lacks_capacity=data["lacks_capacity"],
            advocate=data["advocate"],
            primary_support_reason=data["primary_support_reason"],
            received_on=data["received_on"],
        )


def concern_initial(concern: Any) -> dict[str, Any]:
    return {
        "summary": concern.summary,
        "raised_by_kind": concern.raised_by_kind,
        "raiser_name": concern.raiser_name,
        "raiser_organisation": concern.raiser_organisation,
        "abuse_types": [a.kind for a in concern.abuse_types.all()],
        "locations": [a.kind for a in concern.locations.all()],
        "sources_of_risk": [a.kind for a in concern.risk_sources.all()],
        "provider_name": concern.provider_name,
        "adults_view": concern.adults_view,
        "lacks_capacity": concern.lacks_capacity,
        "advocate": concern.advocate,
        "primary_support_reason": concern.primary_support_reason,
        "received_on": concern.received_on,
        "version": concern.version,
    }


_YES_NO = [("yes", "Yes"), ("no", "No")]


def _s42_question(label: str, message: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=_YES_NO, error_messages={"required": message})


class TriageForm(TandemForm):
    # The section 42 test, Care Act 2014 s42(1)(a)-(c): each part answered.
    s42_care_needs = _s42_question(
        "Does the adult have needs for care and support (whether or not we are meeting any of them)?",
        "Say whether the adult has needs for care and support",
    )
    s42_abuse_or_risk = _s42_question(
        "Is the adult experiencing, or at risk of, abuse or neglect?",
        "Say whether the adult is experiencing, or at risk of, abuse or neglect",
    )
    s42_unable_to_protect = _s42_question(
        "As a result of those needs, is the adult unable to protect themselves against the abuse or neglect, "
        "or the risk of it?",
        "Say whether, because of those needs, the adult is unable to protect themselves",
    )
    decision = forms.ChoiceField(
        label="Triage decision",
        choices=TriageDecision.choices,
        error_messages={"required": "Select the triage decision"},
    )
    reason = forms.CharField(
        label="Reason for the decision",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Give the reason for the decision"},
    )
    lead = forms.ChoiceField(
        label="Lead practitioner for an enquiry (optional)",
        help_text="Only used when an enquiry is opened",
        required=False,
        choices=[],
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, leads: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "lead", [("", "Not yet chosen"), *(leads or [])])

    def section_42(self) -> Section42Test:
        data = self.cleaned_data
        return Section42Test(
            care_needs=data["s42_care_needs"] == "yes",
            abuse_or_risk=data["s42_abuse_or_risk"] == "yes",
            unable_to_protect=data["s42_unable_to_protect"] == "yes",
        )


class WarningForm(TandemForm):
    category = forms.ChoiceField(
        label="Kind of hazard",
        choices=WarningCategory.choices,
        error_messages={"required": "Select the kind of hazard"},
    )
    description = forms.CharField(
        label="Describe the hazard and what staff should do",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Describe the hazard and what staff should do"},
    )
    review_on = GovDateField(
        label="Review date", future_only=True, error_messages={"required": "Enter the date to review the warning"}
    )
