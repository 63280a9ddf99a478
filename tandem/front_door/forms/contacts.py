"""Input shapes for the front door's staff pages; forms never save."""

from typing import Any, cast

from django import forms

from tandem.core.forms import GovDateField, TandemForm
from tandem.front_door.codes import ContactRoute, ContactSource, ConversationType, OutcomeKind, Urgency
from tandem.front_door.services import ContactDetails, ConversationNotes, OutcomeChoice


class FindPersonForm(TandemForm):
    q = forms.CharField(
        label="Who is the contact about?",
        help_text="Name, date of birth, NHS number or postcode",
        max_length=200,
        error_messages={"required": "Enter a name, date of birth, NHS number or postcode"},
    )


class ContactForm(TandemForm):
    source = forms.ChoiceField(
        label="Who made contact?", choices=ContactSource.choices, error_messages={"required": "Select who made contact"}
    )
    caller_name = forms.CharField(
        label="Their name or organisation",
        required=False,
        max_length=200,
        help_text="Not needed when the person contacted us themselves",
    )
    caller_relationship = forms.CharField(
        label="Relationship to the person (optional)", required=False, max_length=100, help_text="For example, daughter"
    )
    caller_phone = forms.CharField(label="Their phone number (optional)", required=False, max_length=40)
    route = forms.ChoiceField(
        label="How did they make contact?",
        choices=ContactRoute.choices,
        initial=ContactRoute.PHONE,
        error_messages={"required": "Select how they made contact"},
    )
    reason = forms.CharField(
        label="Reason for contact",
        help_text="In the caller's own words",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Write the reason for contact, in the caller's own words"},
    )
    urgency = forms.ChoiceField(
        label="How urgent is it?",
        choices=Urgency.choices,
        initial=Urgency.ROUTINE,
        error_messages={"required": "Select how urgent this is"},
    )

    def details(self) -> ContactDetails:
        data = self.cleaned_data
        return ContactDetails(
            source=data["source"],
            route=data["route"],
            reason=data["reason"],
            urgency=data["urgency"],
            caller_name=data["caller_name"],
            caller_relationship=data["caller_relationship"],
            caller_phone=data["caller_phone"],
        )


class ConversationForm(TandemForm):
    conversation_type = forms.TypedChoiceField(
        label="Which conversation was it?",
        choices=ConversationType.choices,
        coerce=int,
        initial=ConversationType.LISTEN_AND_CONNECT,
        error_messages={"required": "Select the kind of conversation"},
    )
    what_matters = forms.CharField(
        label="What matters to the person?",
        help_text="In their own words",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    what_is_working = forms.CharField(
        label="What is working well?", widget=forms.Textarea, required=False, max_length=5000
    )
    who_is_around = forms.CharField(
        label="Who is around to help?",
        help_text="Family, friends, neighbours, community groups",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    what_would_help = forms.CharField(label="What would help?", widget=forms.Textarea, required=False, max_length=5000)

    def notes(self) -> ConversationNotes:
        return ConversationNotes(**self.cleaned_data)


class OutcomeForm(TandemForm):
    kinds = forms.MultipleChoiceField(
        label="What came of the contact?",
        help_text="Select all that apply",
        choices=OutcomeKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one outcome"},
    )
    team = forms.ChoiceField(label="Team to connect the person to", required=False, choices=[])
    request_reason = forms.CharField(
        label="What is the team asked to do?",
        help_text="Leave blank to pass on the reason for contact",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    concern_summary = forms.CharField(
        label="The safeguarding concern",
        help_text="What happened, to whom, and any risk now. It goes to the safeguarding team for triage",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    transition = forms.BooleanField(
        label="For a transition assessment",
        help_text="Only for a young person under 18 likely to need care and support at 18 (Care Act 2014 section 58)",
        required=False,
    )
    note = forms.CharField(label="Notes (optional)", widget=forms.Textarea, required=False, max_length=5000)
    close = forms.BooleanField(label="Close the contact now", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, teams: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["team"]).choices = [("", "Select a team")] + [
            (str(pk), name) for pk, name in teams or []
        ]

    def choice(self) -> OutcomeChoice:
        data = self.cleaned_data
        return OutcomeChoice(
            kinds=tuple(data["kinds"]),
            note=data["note"],
            team_id=int(data["team"]) if data["team"] else None,
            request_reason=data["request_reason"],
            concern_summary=data["concern_summary"],
            close=data["close"],
            transition=data["transition"],
        )


class DirectorySearchForm(TandemForm):
    keywords = forms.CharField(label="Search the directory", required=False, max_length=200)
    category = forms.ChoiceField(label="Category", required=False, choices=[])
    postcode = forms.CharField(label="Near postcode (optional)", required=False, max_length=10)

    def __init__(self, *args: Any, categories: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", "Any category"), *(categories or [])]


class SignpostForm(TandemForm):
    services = forms.MultipleChoiceField(
        label="Services to suggest",
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one service"},
    )

    def __init__(self, *args: Any, services: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["services"]).choices = services or []


class EmailListForm(TandemForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )


class FollowUpForm(TandemForm):
    due_on = GovDateField(label="When is the call due?", future_example=True)
    assigned_to = forms.ChoiceField(label="Who will call?", required=False, choices=[])
    note = forms.CharField(label="What to check (optional)", widget=forms.Textarea, required=False, max_length=5000)

    def __init__(self, *args: Any, workers: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["assigned_to"]).choices = [("", "Anyone in the team"), *(workers or [])]


class FollowUpDoneForm(TandemForm):
    what_happened = forms.CharField(
        label="How is the person, and what happens next?",
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": "Say how the person is and what happens next"},
    )


class AllocateForm(TandemForm):
    worker = forms.ChoiceField(
        label="Who will take this contact?", choices=[], error_messages={"required": "Select someone"}
    )

    def __init__(self, *args: Any, workers: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["worker"]).choices = workers or []


class CloseForm(TandemForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class QueueForm(TandemForm):
    team = forms.ChoiceField(label="Team", required=False, choices=[])
    allocated = forms.ChoiceField(
        label="Allocated to",
        required=False,
        choices=[("anyone", "Anyone"), ("me", "Me"), ("unallocated", "Not allocated")],
    )
    urgency = forms.ChoiceField(label="Urgency", required=False, choices=[("", "Any"), *Urgency.choices])

    def __init__(self, *args: Any, teams: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["team"]).choices = teams or []
