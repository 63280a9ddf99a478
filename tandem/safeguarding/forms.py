"""Input shapes for the safeguarding pages, with GOV.UK-style messages; forms never save."""

from datetime import datetime, time
from typing import Any, cast

from django import forms
from django.utils import timezone

from tandem.core.forms import GovDateField, TandemForm
from tandem.people.codes import WarningCategory
from tandem.safeguarding.codes import (
    REQUIREMENTS,
    AbuseType,
    Achieved,
    Answer,
    Contributor,
    DolsPriority,
    DolsSetting,
    DolsStatus,
    OutcomesAsked,
    PrimarySupportReason,
    RaisedBy,
    Requirement,
    RiskAssessment,
    RiskLocation,
    RiskOutcome,
    RiskSource,
    TriageDecision,
)
from tandem.safeguarding.services import ConcernDetails, Conclusion, DolsDecision, DolsRequest

NOT_KNOWN = [("", "Not known yet")]
REQUIREMENT_LABELS = {
    "age": "Age",
    "mental_health": "Mental health",
    "mental_capacity": "Mental capacity",
    "no_refusals": "No refusals",
    "eligibility": "Eligibility",
    "best_interests": "Best interests",
}


def _time(typed: str) -> time | None:
    """A 24-hour time typed as HH:MM (or H:MM, or HH.MM), or None if it is not one."""
    hours, sep, minutes = typed.replace(".", ":").partition(":")
    if not sep or not (hours.isdigit() and minutes.isdigit()) or len(minutes) != 2 or len(hours) > 2:
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return time(int(hours), int(minutes))


def _choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    cast(forms.ChoiceField, form.fields[name]).choices = choices


class FindPersonForm(TandemForm):
    q = forms.CharField(
        label="Who is the concern about?",
        help_text="Name, date of birth, NHS number or postcode",
        max_length=200,
        error_messages={"required": "Enter a name, date of birth, NHS number or postcode"},
    )


class QueueForm(TandemForm):
    team = forms.ChoiceField(
        label="Team", required=False, choices=[], error_messages={"invalid_choice": "Select one of your teams"}
    )
    show = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("all", "All awaiting triage"), ("overdue", "Overdue only")],
        error_messages={"invalid_choice": "Select which concerns to show"},
    )

    def __init__(self, *args: Any, teams: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "team", [("", "All my teams"), *(teams or [])])


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
    abuse_types = forms.MultipleChoiceField(
        label="Types of abuse or neglect",
        help_text="Select all that apply",
        choices=AbuseType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    locations = forms.MultipleChoiceField(
        label="Where is the risk?",
        help_text="Select all that apply",
        choices=RiskLocation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sources_of_risk = forms.MultipleChoiceField(
        label="Source of risk",
        help_text="Select all that apply",
        choices=RiskSource.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
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
        choices=[*NOT_KNOWN, *Answer.choices],
    )
    advocate = forms.ChoiceField(
        label="If they lack capacity, are they supported by an advocate, family member or friend?",
        required=False,
        choices=[*NOT_KNOWN, *Answer.choices],
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


class TriageForm(TandemForm):
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
    due_on = GovDateField(label="Due date", error_messages={"required": "Enter the date the action is due"})


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
        label="I have checked the outcomes and the conclusion: the enquiry and its concern will be closed",
        error_messages={"required": "Confirm that you have checked the conclusion before closing the enquiry"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, outcomes: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcome_ids = [pk for pk, _ in outcomes or []]
        for pk, words in outcomes or []:
            self.fields[f"achieved_{pk}"] = forms.ChoiceField(
                label=f"“{words}”",
                choices=Achieved.choices,
                error_messages={"required": f"Say whether “{words[:60]}” was achieved"},
            )

    def outcome_fields(self) -> list[Any]:
        return [self[f"achieved_{pk}"] for pk in self.outcome_ids]

    def ending(self) -> Conclusion:
        data = self.cleaned_data
        return Conclusion(
            risk_assessment=data["risk_assessment"],
            action_taken=data["action_taken"] == "yes",
            risk_outcome=data["risk_outcome"],
            conclusion=data["conclusion"],
            achieved={pk: data[f"achieved_{pk}"] for pk in self.outcome_ids},
            concluded_on=data["concluded_on"],
        )


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
    authorised_to = GovDateField(label="Authorised to (if granted)", required=False)
    last_assessed_on = GovDateField(
        label="Date of the last assessment (optional)",
        help_text="Leave blank if no assessment was carried out",
        required=False,
        past_only=True,
    )
    conditions = forms.CharField(
        label="Conditions (if granted)", widget=forms.Textarea, required=False, max_length=5000
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
        )


class ReturnsForm(TandemForm):
    year = forms.TypedChoiceField(
        label="Reporting year",
        coerce=int,
        choices=[],
        error_messages={"invalid_choice": "Select a reporting year from the list"},
    )

    def __init__(self, *args: Any, years: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "year", [(str(y), f"1 April {y} to 31 March {y + 1}") for y in years or []])
