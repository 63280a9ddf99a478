"""Input shapes for the assessment pages; forms never save."""

import copy
from typing import Any, cast

from django import forms

from tandem.assessments.eligibility import CARER_ACHIEVEMENTS
from tandem.assessments.models import AchievementChoice
from tandem.assessments.services import MAX_TEXT, AssessmentAnswers, FindingAnswers, finding_field
from tandem.core.forms import GovDateField, TandemForm

YES_NO = [("yes", "Yes"), ("no", "No")]
REVIEW = "review"
NOT_JOINT = "no"
CONDITIONS = (
    "arises_from_impairment_or_illness",
    "impairment_reason",
    "arises_from_providing_care",
    "care_reason",
    "health_at_risk",
    "health_reason",
    "significant_impact_on_wellbeing",
    "wellbeing_reason",
)


def _text(label: str, *, hint: str = "", required: bool = False, message: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        widget=forms.Textarea,
        required=required,
        max_length=MAX_TEXT,
        error_messages={
            "max_length": f"{label} must be {MAX_TEXT:,} characters or fewer",
            **({"required": message} if message else {}),
        },
    )


def _version() -> forms.IntegerField:
    message = "This page is out of date: open the assessment again"
    return forms.IntegerField(widget=forms.HiddenInput, error_messages={"required": message, "invalid": message})


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class StartForm(TandemForm):
    """What the assessment starts from: one of the person's open requests, an unused online
    self-assessment, or a review (with the date it was asked for)."""

    started_from = forms.ChoiceField(
        label="What does the assessment start from?",
        choices=[],
        error_messages={
            "required": "Select what the assessment starts from",
            "invalid_choice": "Select what the assessment starts from",
        },
    )
    requested_on = GovDateField(
        label="Date the assessment was asked for",
        help_text="Only for a review or a change in needs. For example, 27 3 2026",
        required=False,
        past_only=True,
    )

    def __init__(
        self, *args: Any, choices: list[tuple[str, str]] | None = None, child: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["started_from"]).choices = [
            *(choices or []),
            (REVIEW, "A review, or a change in the person's needs"),
        ]
        if child:  # under 18: only a transition assessment (Care Act 2014 ss58-59)
            self.fields["transition"] = forms.BooleanField(
                label="This is a transition assessment: they are likely to have needs for care and support at 18",
                help_text="Care Act 2014, section 58. Someone under 18 has no other adult needs assessment.",
                required=False,
            )

    def transition(self) -> bool:
        return bool(self.cleaned_data.get("transition"))

    def starting_point(self) -> tuple[str, str]:
        """The kind of starting point and the public id it names ("" for a review)."""
        kind, _, uuid = str(self.cleaned_data["started_from"]).partition(":")
        return kind, uuid


_BUILT: dict[tuple[tuple[str, ...], bool], dict[str, forms.Field]] = {}


class AssessmentForm(TandemForm):
    """The person's own account, each of the ten outcomes, and conditions 1 and 3 with reasons; for a
    carer, the eight carer outcomes and conditions 1, 2 (health) and 3.

    A draft may be saved with gaps; completing it checks that everything is answered."""

    version = _version()
    persons_account = _text(
        "The person's own account",
        hint="In their own words: what is happening, what they want to change, what is working",
    )
    arises_from_impairment_or_illness = forms.ChoiceField(
        label="Do the needs arise from or relate to a physical or mental impairment or illness?",
        choices=YES_NO,
        required=False,
    )
    impairment_reason = _text("Why: the impairment or illness", hint="Condition 1 of the eligibility criteria")
    significant_impact_on_wellbeing = forms.ChoiceField(
        label="As a result, is there, or is there likely to be, a significant impact on their wellbeing?",
        choices=YES_NO,
        required=False,
    )
    wellbeing_reason = _text(
        "Why: the impact on their wellbeing", hint="Condition 3: which areas of wellbeing, and how much"
    )

    def __init__(self, *args: Any, outcomes: list[Any], carer: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes = [outcome.code for outcome in outcomes]
        self.carer = carer
        # The fifty-odd fields of one kind of assessment are the same every time: built once, then
        # each form gets its own copy of every field. The copies share their widgets, choices and
        # messages, which nothing changes once built: Django's deep copy of all that was most of the
        # form's cost, and left thousands of objects a request for the garbage collector.
        key = (tuple(self.codes), carer)
        built = _BUILT.get(key)
        if built is None:
            self._fields_build(outcomes)
            built = _BUILT[key] = copy.deepcopy(self.fields)
        else:
            self.fields = {name: copy.copy(field) for name, field in built.items()}

    def _fields_build(self, outcomes: list[Any]) -> None:
        if self.carer:
            self._carer_conditions()
        # A carer is unable to achieve an outcome in only three ways (regulation 3(3)); "takes
        # significantly longer" is an adult's way (regulation 2(3)), so a carer's form never offers it.
        choices = (
            [(value, label) for value, label in AchievementChoice.choices if value in CARER_ACHIEVEMENTS]
            if self.carer
            else AchievementChoice.choices
        )
        whose = "the carer" if self.carer else "the person"
        for outcome in outcomes:
            mark = f"({outcome.mark})"
            self.fields[finding_field(outcome.code, "achievement")] = forms.ChoiceField(
                label=f"Can {whose} achieve this outcome: {mark} {outcome.statutory}?",
                choices=choices,
                required=False,
                error_messages={"invalid_choice": f"Outcome {mark}: choose an answer from the list"},
            )
            self.fields[finding_field(outcome.code, "in_own_words")] = _text(f"Outcome {mark}: in {whose}'s own words")
            self.fields[finding_field(outcome.code, "practitioner_view")] = _text(
                f"Outcome {mark}: your view", hint="What you saw, and what others told you"
            )
            self.fields[finding_field(outcome.code, "fluctuates")] = forms.BooleanField(
                label=f"Needs for outcome {mark} fluctuate over time", required=False
            )
            self.fields[finding_field(outcome.code, "fluctuation_note")] = _text(
                f"Outcome {mark}: how the needs fluctuate, and over what period",
                hint="For example, worse in the mornings, or for a week after each hospital stay",
            )
        # The order the page asks in, so the error summary lists problems in the same order.
        outcome_fields = [name for name in self.fields if name.startswith("outcome_")]
        self.order_fields(["version", "persons_account", *outcome_fields, *CONDITIONS])

    def _carer_conditions(self) -> None:
        """A carer's conditions (regulation 3(1)) take the place of the adult's condition 1."""
        del self.fields["arises_from_impairment_or_illness"], self.fields["impairment_reason"]
        self.fields["persons_account"].label = "The carer's own account"
        self.fields["arises_from_providing_care"] = forms.ChoiceField(
            label="Do the needs arise as a consequence of providing necessary care for an adult?",
            choices=YES_NO,
            required=False,
        )
        self.fields["care_reason"] = _text(
            "Why: the care they provide", hint="Condition 1: who they care for, what they do, and why it is necessary"
        )
        self.fields["health_at_risk"] = forms.ChoiceField(
            label="As a result, is the carer's physical or mental health deteriorating, or at risk of deteriorating?",
            help_text="Condition 2 is also met if they cannot achieve any one of the carer outcomes above",
            choices=YES_NO,
            required=False,
        )
        self.fields["health_reason"] = _text("Why: the carer's health", hint="Condition 2: what is happening, or may")

    def answers(self) -> AssessmentAnswers:
        data = self.cleaned_data
        if self.carer:
            return AssessmentAnswers(
                persons_account=data["persons_account"],
                arises_from_impairment_or_illness=None,
                impairment_reason="",
                significant_impact_on_wellbeing=_yes_no(data["significant_impact_on_wellbeing"]),
                wellbeing_reason=data["wellbeing_reason"],
                findings=self._findings(),
                arises_from_providing_care=_yes_no(data["arises_from_providing_care"]),
                care_reason=data["care_reason"],
                health_at_risk=_yes_no(data["health_at_risk"]),
                health_reason=data["health_reason"],
            )
        return AssessmentAnswers(
            persons_account=data["persons_account"],
            arises_from_impairment_or_illness=_yes_no(data["arises_from_impairment_or_illness"]),
            impairment_reason=data["impairment_reason"],
            significant_impact_on_wellbeing=_yes_no(data["significant_impact_on_wellbeing"]),
            wellbeing_reason=data["wellbeing_reason"],
            findings=self._findings(),
        )

    def _findings(self) -> tuple[FindingAnswers, ...]:
        data = self.cleaned_data
        return tuple(
            FindingAnswers(
                code=code,
                achievement=data[finding_field(code, "achievement")],
                in_own_words=data[finding_field(code, "in_own_words")],
                practitioner_view=data[finding_field(code, "practitioner_view")],
                fluctuates=data[finding_field(code, "fluctuates")],
                fluctuation_note=data[finding_field(code, "fluctuation_note")],
            )
            for code in self.codes
        )


class CarerStartForm(TandemForm):
    """Who the carer is (someone in the cared-for person's network with a record of their own), whether
    the assessment is done jointly with the cared-for person's needs assessment, and when it was asked for."""

    carer = forms.ChoiceField(
        label="Who is the carer?",
        choices=[],
        error_messages={"required": "Select the carer", "invalid_choice": "Select the carer"},
    )
    joint_with = forms.ChoiceField(
        label="Is it a joint assessment?",
        choices=[],
        error_messages={
            "required": "Select whether it is a joint assessment",
            "invalid_choice": "Select whether it is a joint assessment",
        },
    )
    requested_on = GovDateField(
        label="Date the carer asked for an assessment, or was offered one",
        help_text="For example, 27 3 2026",
        past_only=True,
        error_messages={"required": "Enter the date the carer asked for an assessment, or was offered one"},
    )

    def __init__(
        self,
        *args: Any,
        carers: list[tuple[str, str]] | None = None,
        joint: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["carer"]).choices = carers or []
        cast(forms.ChoiceField, self.fields["joint_with"]).choices = [
            *(joint or []),
            (NOT_JOINT, "No, the carer's assessment is done on its own"),
        ]


class VersionForm(TandemForm):
    """A confirmation page: the version the page showed, so a change made meanwhile is not missed."""

    version = _version()


class JudgementForm(TandemForm):
    eligible = forms.ChoiceField(
        label="In your professional judgement, are the needs eligible?",
        choices=YES_NO,
        error_messages={"required": "Select whether the needs are eligible, in your judgement"},
    )
    reason = _text(
        "Reason for your judgement",
        hint="Why the eligibility criteria's determination does not fit this person's circumstances",
        required=True,
        message="Give the reason for your professional judgement",
    )
    version = _version()

    def eligible_value(self) -> bool:
        return bool(self.cleaned_data["eligible"] == "yes")
