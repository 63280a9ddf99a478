"""Input shapes for the person record, with GOV.UK-style messages; forms never save."""

from typing import Any, cast

from django import forms

from tandem.core import examples
from tandem.core.errors import DomainError
from tandem.core.forms import GovDateField, TandemForm
from tandem.people.codes import ConsentDecision, Ethnicity, Gender, Relationship, WarningCategory
from tandem.people.identifiers import nhs_number_clean, postcode_clean
from tandem.people.services import PersonDetails


def _blank_choice(choices: list[tuple[str, str]], text: str = "Select one") -> list[tuple[str, str]]:
    return [("", text), *choices]


class SearchForm(TandemForm):
    q = forms.CharField(
        label="Name, date of birth, NHS number or postcode",
        help_text=f"For example, Mary Smith 12/03/1948, or 943 476 5919, or {examples.POSTCODE}",
        max_length=200,
        error_messages={"required": "Enter a name, date of birth, NHS number or postcode"},
    )


class PersonDetailsForm(TandemForm):
    title = forms.CharField(label="Title (optional)", required=False, max_length=20)
    given_name = forms.CharField(label="First name", max_length=100, error_messages={"required": "Enter a first name"})
    other_given_names = forms.CharField(label="Middle names (optional)", required=False, max_length=200)
    family_name = forms.CharField(label="Last name", max_length=100, error_messages={"required": "Enter a last name"})
    preferred_name = forms.CharField(
        label="Preferred name (optional)",
        required=False,
        max_length=100,
        help_text="What the person likes to be called",
    )
    date_of_birth = GovDateField(
        label="Date of birth",
        past_only=True,
        required=False,
        help_text="For example, 27 3 1948. Leave blank if not known",
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)", required=False, max_length=20, help_text="10 digits, for example 943 476 5919"
    )
    gender = forms.ChoiceField(
        label="Gender", choices=Gender.choices, initial=Gender.UNKNOWN, error_messages={"required": "Select a gender"}
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        choices=Ethnicity.choices,
        initial=Ethnicity.NOT_KNOWN,
        error_messages={"required": "Select an ethnicity"},
    )
    address_line_1 = forms.CharField(label="Address line 1 (optional)", required=False, max_length=200)
    address_line_2 = forms.CharField(label="Address line 2 (optional)", required=False, max_length=200)
    town = forms.CharField(label="Town or city (optional)", required=False, max_length=100)
    postcode = forms.CharField(label="Postcode (optional)", required=False, max_length=10)
    gp_practice = forms.ChoiceField(label="GP practice (optional)", required=False, choices=[])
    preferred_language = forms.CharField(label="Preferred language", required=False, max_length=100, initial="English")
    interpreter_needed = forms.BooleanField(label="Needs an interpreter", required=False)
    communication_needs = forms.CharField(
        label="Communication needs (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="For example, uses British Sign Language, or needs large print",
    )
    date_of_death = GovDateField(
        label="Date of death", past_only=True, required=False, help_text="Only if the person has died"
    )

    def __init__(self, *args: Any, gp_practices: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["gp_practice"]).choices = _blank_choice(
            [(str(pk), name) for pk, name in gp_practices or []], "Not known"
        )

    def clean_nhs_number(self) -> str:
        value: str = self.cleaned_data.get("nhs_number", "")
        if value.strip():
            try:
                return nhs_number_clean(value)
            except DomainError as error:
                raise forms.ValidationError(error.message) from None
        return ""

    def clean_postcode(self) -> str:
        value: str = self.cleaned_data.get("postcode", "")
        if value.strip():
            try:
                return postcode_clean(value)
            except DomainError as error:
                raise forms.ValidationError(error.message) from None
        return ""

    def details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            title=data["title"],
            given_name=data["given_name"],
            other_given_names=data["other_given_names"],
            family_name=data["family_name"],
            preferred_name=data["preferred_name"],
            date_of_birth=data["date_of_birth"],
            nhs_number=data["nhs_number"],
            gender=data["gender"],
            ethnicity=data["ethnicity"],
            date_of_death=data["date_of_death"],
            address_line_1=data["address_line_1"],
            address_line_2=data["address_line_2"],
            town=data["town"],
            postcode=data["postcode"],
            gp_practice_id=int(data["gp_practice"]) if data["gp_practice"] else None,
            preferred_language=data["preferred_language"] or "English",
            interpreter_needed=data["interpreter_needed"],
            communication_needs=data["communication_needs"],
        )


class VoiceForm(TandemForm):
    what_matters_to_me = forms.CharField(
        label="What matters to me",
        required=False,
        widget=forms.Textarea,
        help_text="In the person's own words: what a good day looks like, what they want to keep doing",
    )
    strengths = forms.CharField(
        label="My strengths",
        required=False,
        widget=forms.Textarea,
        help_text="What the person is good at, what they can do for themselves, who and what helps them",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class PreviousNameForm(TandemForm):
    given_name = forms.CharField(label="Previous first name (optional)", required=False, max_length=100)
    family_name = forms.CharField(
        label="Previous last name", max_length=100, error_messages={"required": "Enter the previous last name"}
    )
    used_until = GovDateField(label="Used until (optional)", past_only=True, required=False)


class NetworkMemberForm(TandemForm):
    name = forms.CharField(
        label="Name", required=False, max_length=200, help_text="A person or a group, for example Hoylake lunch club"
    )
    linked_person = forms.CharField(
        label="Their local person ID, if they have a record (optional)",
        required=False,
        max_length=20,
        help_text="Link a carer or relative who is known to us",
    )
    relationship = forms.ChoiceField(
        label="Relationship to the person",
        choices=_blank_choice(list(Relationship.choices)),
        error_messages={"required": "Select their relationship to the person"},
    )
    what_they_do = forms.CharField(label="What they do to help (optional)", required=False, widget=forms.Textarea)
    contact = forms.CharField(label="How to contact them (optional)", required=False, max_length=200)
    is_unpaid_carer = forms.BooleanField(label="They are an unpaid carer for the person", required=False)


class ConsentForm(TandemForm):
    organisation = forms.ChoiceField(
        label="Partner organisation", choices=[], error_messages={"required": "Select the organisation"}
    )
    decision = forms.ChoiceField(
        label="Did the person agree to share their record?",
        choices=ConsentDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the person gave consent"},
    )
    decided_on = GovDateField(
        label="Date of the decision", past_only=True, error_messages={"required": "Enter the date of the decision"}
    )
    note = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, organisations: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisation"]).choices = _blank_choice(
            [(str(pk), name) for pk, name in organisations or []]
        )


class WarningForm(TandemForm):
    category = forms.ChoiceField(
        label="Kind of hazard",
        choices=WarningCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of hazard"},
    )
    description = forms.CharField(
        label="What staff need to know",
        widget=forms.Textarea,
        help_text="Describe the hazard and what staff should do, for example visit in pairs",
        error_messages={"required": "Describe the hazard and what staff should do"},
    )
    starts_on = GovDateField(label="Start date", error_messages={"required": "Enter the start date"})
    review_on = GovDateField(
        label="Review date",
        help_text="When someone should check it still applies",
        error_messages={"required": "Enter the review date"},
    )


class WarningEndForm(TandemForm):
    reason = forms.CharField(
        label="Why does the warning no longer apply?",
        widget=forms.Textarea,
        error_messages={"required": "Say why the warning no longer applies"},
    )


class WarningReviewForm(TandemForm):
    review_on = GovDateField(
        label="Next review date", future_only=True, error_messages={"required": "Enter the next review date"}
    )


class ReasonForm(TandemForm):
    reason = forms.CharField(label="Reason", widget=forms.Textarea, error_messages={"required": "Give a reason"})


class MergeFindForm(TandemForm):
    duplicate = forms.CharField(
        label="Find the duplicate record",
        help_text="Search by name, date of birth, NHS number or postcode, as in Find a person, or enter the"
        " record's local person ID",
        max_length=200,
        error_messages={
            "required": "Enter a name, date of birth, NHS number or local person ID",
            "max_length": "Search with 200 characters or fewer",
        },
    )


class RestrictForm(TandemForm):
    teams = forms.MultipleChoiceField(
        label="Teams that may open the record",
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one team that may open the record"},
    )
    reason = forms.CharField(
        label="Why is the record restricted?",
        widget=forms.Textarea,
        error_messages={"required": "Say why the record is restricted"},
    )

    def __init__(self, *args: Any, teams: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["teams"]).choices = [(str(pk), name) for pk, name in teams or []]


class LiftRestrictionForm(TandemForm):
    lift_reason = forms.CharField(
        label="Why is the restriction being lifted?",
        help_text="Managers review every restriction lifted, with the reason you give",
        widget=forms.Textarea,
        error_messages={"required": "Say why the restriction is being lifted"},
    )
