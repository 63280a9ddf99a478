"""The public "ask for help" journey: one form a page, and the answers kept in the session between pages.

Each page's form checks its own answers with GOV.UK-style messages; `self_referral_submit` checks
them all again when they are sent. Every page carries the same honeypot field, hidden from people
and from assistive technology: only a program filling in every box finds it (see `Journey.caught`).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from django import forms
from django.contrib.sessions.backends.base import SessionBase

from tandem.core.care_act import ADULT_OUTCOMES
from tandem.core.errors import DomainError
from tandem.core.forms import GovDateField, TandemForm
from tandem.front_door import services
from tandem.front_door.services import SELF_REFERRAL_LIMITS, YES_NO_NOT_SURE, SelfReferral
from tandem.people.identifiers import postcode_clean

SESSION_KEY = "front_door.ask_for_help"
SENT_KEY = "front_door.ask_for_help.sent"
HONEYPOT = "website"

YES_NO_NOT_SURE_CHOICES = list(zip(YES_NO_NOT_SURE, ("Yes", "No", "Not sure"), strict=True))
YES_NO_CHOICES = [("yes", "Yes"), ("no", "No")]


@dataclass(frozen=True)
class Wording:
    """The journey speaks to whoever is typing: "you" for themselves, the person's name for someone else."""

    for_self: bool
    name: str

    @property
    def you(self) -> str:
        """The person needing help, as the object of a question ("What matters to Mary?")."""
        return "you" if self.for_self else (self.name or "them")

    @property
    def they(self) -> str:
        return "you" if self.for_self else (self.name or "they")

    @property
    def they_plain(self) -> str:
        """A subject pronoun: "you" or "they", for questions that already name the person once."""
        return "you" if self.for_self else "they"

    @property
    def your(self) -> str:
        return "your" if self.for_self else "their"


def _text(
    label: str, name: str, *, required: str | None = None, help_text: str = "", textarea: bool = False
) -> forms.CharField:
    limit = SELF_REFERRAL_LIMITS[name]
    messages = {"max_length": f"{label.removesuffix(' (optional)')} must be {limit:,} characters or fewer"}
    if required:
        messages["required"] = required
    return forms.CharField(
        label=label,
        required=bool(required),
        max_length=limit,
        help_text=help_text,
        widget=forms.Textarea if textarea else forms.TextInput,
        error_messages=messages,
    )


class AskForm(TandemForm):
    """A page of the journey. `words` shapes its labels and messages; `website` is the honeypot."""

    # A plain Field: whatever a program puts here is never an error it could learn from.
    website = forms.Field(label="Leave this box empty", required=False)
    # Fields whose values are dates: kept as ISO text in the session.
    date_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, words: Wording, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.words = words
        self.adjust(words)

    def adjust(self, words: Wording) -> None:
        """Word the labels and messages for who is asking."""

    def full_clean(self) -> None:
        # A radio answer that is not one of the choices (only a hand-made request sends one) gets
        # the same message as no answer, never Django's "Select a valid choice".
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField) and field.required:
                field.error_messages["invalid_choice"] = field.error_messages["required"]
        super().full_clean()

    @property
    def caught(self) -> bool:
        return bool(self.is_bound and str(self.data.get(HONEYPOT) or "").strip())

    def answers(self) -> dict[str, Any]:
        """The cleaned answers as plain JSON for the session."""
        answers: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name == HONEYPOT:
                continue
            answers[name] = value.isoformat() if isinstance(value, date) else value
        return answers

    @classmethod
    def initial_from(cls, answers: Mapping[str, Any]) -> dict[str, Any]:
        initial = dict(answers)
        for name in cls.date_fields:
            if initial.get(name):
                initial[name] = date.fromisoformat(initial[name])
        return initial


class WhoForm(AskForm):
    who = forms.ChoiceField(
        label="Who needs help?",
        choices=[("me", "I need help"), ("someone_else", "I am asking for someone else")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you need help or are asking for someone else"},
    )


class HelperForm(AskForm):
    """Asked only of someone asking for another person: who they are."""

    helper_name = _text("Your full name", "helper_name", required="Enter your full name")
    helper_relationship = _text(
        "Your relationship to the person who needs help",
        "helper_relationship",
        required="Enter your relationship to the person who needs help",
        help_text="For example, daughter, neighbour or friend",
    )


NO_SETTLED_ADDRESS_CONTRADICTED = (
    "You ticked \u2018no settled address\u2019 and gave a street address: untick the box if this is where they "
    "live, or clear address lines 1 and 2 and give only the town and postcode where they are staying"
)


class AboutForm(AskForm):
    given_name = _text("First name", "given_name", required="Enter a first name")
    family_name = _text("Last name", "family_name", required="Enter a last name")
    date_of_birth = GovDateField(label="Date of birth", past_only=True, required=False)
    no_fixed_address = forms.BooleanField(label="No settled address", required=False)
    address_line_1 = _text("Address line 1", "address_line_1")
    address_line_2 = _text("Address line 2 (optional)", "address_line_2")
    town = _text("Town or city (optional)", "town")
    postcode = _text("Postcode", "postcode")
    date_fields = ("date_of_birth",)

    def adjust(self, words: Wording) -> None:
        self.fields["given_name"].error_messages["required"] = f"Enter {words.your} first name"
        self.fields["family_name"].error_messages["required"] = f"Enter {words.your} last name"
        self.fields["no_fixed_address"].label = (
            "I do not have a settled address" if words.for_self else "They do not have a settled address"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        settled = not data.get("no_fixed_address")
        if settled and "address_line_1" in data and not data["address_line_1"]:
            self.add_error("address_line_1", "Enter address line 1, typically the building and street")
        if not settled and (data.get("address_line_1") or data.get("address_line_2")):
            self.add_error("no_fixed_address", NO_SETTLED_ADDRESS_CONTRADICTED)
        postcode = data.get("postcode")
        if postcode is not None:
            if not postcode and settled:
                self.add_error("postcode", "Enter a postcode")
            elif postcode:
                try:
                    data["postcode"] = postcode_clean(postcode)
                except DomainError as error:
                    self.add_error("postcode", error.message)
        return data


class MattersForm(AskForm):
    what_matters = _text("What matters", "what_matters", required="Enter what matters", textarea=True)

    def adjust(self, words: Wording) -> None:
        self.fields["what_matters"].label = f"What matters to {words.you}?"
        self.fields["what_matters"].error_messages["required"] = f"Enter what matters to {words.you}"
        limit = SELF_REFERRAL_LIMITS["what_matters"]
        self.fields["what_matters"].error_messages["max_length"] = (
            f"What matters to {words.you} must be {limit:,} characters or fewer"
        )


class HardForm(AskForm):
    hard_outcomes = forms.MultipleChoiceField(
        label="What is hard",
        required=False,
        choices=[(outcome.code, outcome.plain) for outcome in ADULT_OUTCOMES],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select what is hard from the list"},
    )
    hard_in_own_words = _text("What is hard, in your own words,", "hard_in_own_words", textarea=True)
    hints: ClassVar[dict[str, str]] = {outcome.code: outcome.hint for outcome in ADULT_OUTCOMES}

    def adjust(self, words: Wording) -> None:
        self.fields["hard_outcomes"].label = f"What is hard for {words.you} at the moment?"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if not data.get("hard_outcomes") and not data.get("hard_in_own_words"):
            self.add_error("hard_outcomes", "Select what is hard, or describe it in your own words")
        # In the regulation's order, as the page lists them.
        ticked = set(data.get("hard_outcomes") or [])
        data["hard_outcomes"] = [outcome.code for outcome in ADULT_OUTCOMES if outcome.code in ticked]
        return data


class HelpForm(AskForm):
    who_helps = _text("Who helps now (optional)", "who_helps", textarea=True)
    unpaid_carer = forms.ChoiceField(
        label="Is someone an unpaid carer?",
        choices=YES_NO_NOT_SURE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether someone is an unpaid carer"},
    )

    def adjust(self, words: Wording) -> None:
        self.fields["who_helps"].label = f"Who helps {words.you} now? (optional)"
        self.fields["unpaid_carer"].label = f"Does someone look after {words.you} without being paid, as a carer?"
        self.fields["unpaid_carer"].error_messages["required"] = (
            f"Select yes if someone looks after {words.you} without being paid"
        )


class MoneyForm(AskForm):
    self_funder = forms.ChoiceField(
        label="Do they pay for their own care, or expect to?",
        choices=YES_NO_NOT_SURE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they pay for their own care"},
    )

    def adjust(self, words: Wording) -> None:
        verb = "Does" if words.they not in ("you", "they") else "Do"
        self.fields["self_funder"].label = f"{verb} {words.they} pay for {words.your} own care, or expect to?"
        self.fields["self_funder"].error_messages["required"] = (
            f"Select yes if {words.they_plain} pay for {words.your} own care, or expect to"
        )


class SelfAssessmentForm(AskForm):
    self_assessment = forms.ChoiceField(
        label="Would you like this to count as a self-assessment?",
        choices=YES_NO_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you would like this to count as a self-assessment"},
    )


class ContactForm(AskForm):
    # Neither is marked optional: one of them is needed, as the page says.
    phone = _text("Phone number", "phone")
    email = _text("Email address", "email")
    best_time = _text(
        "Best time to contact you (optional)", "best_time", help_text="For example, weekday mornings or after 4pm"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        checks = (("phone", services.self_referral_phone_clean), ("email", services.self_referral_email_clean))
        for name, check in checks:
            if data.get(name):
                try:
                    data[name] = check(data[name])
                except DomainError as error:
                    self.add_error(name, error.message)
        if "phone" in data and "email" in data and not data["phone"] and not data["email"]:
            self.add_error("phone", "Enter a phone number or an email address, or both")
        return data


class SendForm(AskForm):
    """Check your answers: nothing to answer but the honeypot."""


def _always(journey: "Journey") -> bool:
    return True


def _for_someone_else(journey: "Journey") -> bool:
    return (journey.answer("who") or {}).get("who") == "someone_else"


def _pays_for_own_care(journey: "Journey") -> bool:
    return (journey.answer("money") or {}).get("self_funder") == "yes"


@dataclass(frozen=True)
class Step:
    """A question page: its name (URL `front_door:ask_<name>`, template `front_door/ask/<name>.html`)."""

    name: str
    form: type[AskForm]
    applies: Callable[["Journey"], bool] = _always


STEPS: tuple[Step, ...] = (
    Step("who", WhoForm),
    Step("helper", HelperForm, _for_someone_else),
    Step("about", AboutForm),
    Step("matters", MattersForm),
    Step("hard", HardForm),
    Step("help", HelpForm),
    Step("money", MoneyForm),
    Step("self_assessment", SelfAssessmentForm, _pays_for_own_care),
    Step("contact", ContactForm),
)
STEP_BY_NAME = {step.name: step for step in STEPS}


class Journey:
    """The answers so far, one dict a page, kept in the session until they are sent."""

    def __init__(self, session: SessionBase) -> None:
        self.session = session
        stored = session.get(SESSION_KEY)
        self.data: dict[str, Any] = stored if isinstance(stored, dict) else {}

    def answer(self, name: str) -> dict[str, Any] | None:
        value = self.data.get("answers", {}).get(name)
        return value if isinstance(value, dict) else None

    @property
    def started(self) -> bool:
        return bool(self.data.get("answers"))

    @property
    def caught(self) -> bool:
        """A page came back with the honeypot filled in: a program, not a person."""
        return bool(self.data.get("caught"))

    def words(self) -> Wording:
        who = self.answer("who") or {}
        about = self.answer("about") or {}
        return Wording(for_self=who.get("who", "me") == "me", name=str(about.get("given_name", "")))

    def steps(self) -> list[Step]:
        """The pages that apply to these answers, in order."""
        return [step for step in STEPS if step.applies(self)]

    def first_missing(self) -> Step | None:
        return next((step for step in self.steps() if self.answer(step.name) is None), None)

    def reachable(self, step: Step) -> bool:
        """A page may be shown once every page before it that applies is answered."""
        for earlier in self.steps():
            if earlier.name == step.name:
                return True
            if self.answer(earlier.name) is None:
                return False
        return False

    def previous(self, step: Step) -> Step | None:
        steps = self.steps()
        index = next(i for i, s in enumerate(steps) if s.name == step.name)
        return steps[index - 1] if index > 0 else None

    def following(self, step: Step) -> Step | None:
        steps = self.steps()
        index = next(i for i, s in enumerate(steps) if s.name == step.name)
        return steps[index + 1] if index + 1 < len(steps) else None

    def record(self, step: Step, answers: dict[str, Any], *, caught: bool = False) -> None:
        self.data.setdefault("answers", {})[step.name] = answers
        if caught:
            self.data["caught"] = True
        # A page that no longer applies (a changed answer about paying for care) loses its answer.
        applicable = {s.name for s in self.steps()}
        self.data["answers"] = {name: value for name, value in self.data["answers"].items() if name in applicable}
        self.session[SESSION_KEY] = self.data

    def catch(self) -> None:
        self.data["caught"] = True
        self.session[SESSION_KEY] = self.data

    def clear(self) -> None:
        self.session.pop(SESSION_KEY, None)
        self.data = {}

    def referral(self) -> SelfReferral:
        """Every answer, for the service to check again and send."""

        def of(step: str) -> dict[str, Any]:
            return self.answer(step) or {}

        who, helper, about, hard, helps = of("who"), of("helper"), of("about"), of("hard"), of("help")
        contact = of("contact")
        born = about.get("date_of_birth")
        return SelfReferral(
            for_self=who.get("who") == "me",
            helper_name=str(helper.get("helper_name", "")),
            helper_relationship=str(helper.get("helper_relationship", "")),
            given_name=str(about.get("given_name", "")),
            family_name=str(about.get("family_name", "")),
            date_of_birth=date.fromisoformat(born) if born else None,
            no_fixed_address=bool(about.get("no_fixed_address")),
            address_line_1=str(about.get("address_line_1", "")),
            address_line_2=str(about.get("address_line_2", "")),
            town=str(about.get("town", "")),
            postcode=str(about.get("postcode", "")),
            what_matters=str(of("matters").get("what_matters", "")),
            hard_outcomes=tuple(str(code) for code in hard.get("hard_outcomes", [])),
            hard_in_own_words=str(hard.get("hard_in_own_words", "")),
            who_helps=str(helps.get("who_helps", "")),
            unpaid_carer=str(helps.get("unpaid_carer", "")),
            self_funder=str(of("money").get("self_funder", "")),
            self_assessment=of("self_assessment").get("self_assessment") == "yes",
            phone=str(contact.get("phone", "")),
            email=str(contact.get("email", "")),
            best_time=str(contact.get("best_time", "")),
        )
