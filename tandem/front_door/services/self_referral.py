"""The public "ask for help" journey: a self-referral or supported self-assessment becomes a contact."""

from dataclasses import asdict, dataclass, replace
from datetime import date
from re import fullmatch
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock
from tandem.core.care_act import ADULT_BY_CODE, ADULT_OUTCOMES
from tandem.core.errors import DomainError
from tandem.core.presenters import format_date
from tandem.front_door.codes import (
    ContactRoute,
    ContactSource,
    Urgency,
)
from tandem.front_door.models import (
    Contact,
)
from tandem.front_door.services.contacts import ContactDetails, _create_contact, _text, front_door_team_for
from tandem.people.identifiers import postcode_clean

# What each answer may hold, in characters; the forms take their max_length from here.
SELF_REFERRAL_LIMITS = {
    "helper_name": 200,
    "helper_relationship": 100,
    "given_name": 100,
    "family_name": 100,
    "address_line_1": 200,
    "address_line_2": 200,
    "town": 100,
    "postcode": 10,
    "what_matters": 1500,
    "hard_in_own_words": 1500,
    "who_helps": 1500,
    "phone": 40,
    "email": 254,
    "best_time": 200,
}
# How the public pages name each answer, for a message about its length.
SELF_REFERRAL_ANSWER_NAMES = {
    "helper_name": "Your name",
    "helper_relationship": "Your relationship to the person",
    "given_name": "First name",
    "family_name": "Last name",
    "address_line_1": "Address line 1",
    "address_line_2": "Address line 2",
    "town": "Town or city",
    "postcode": "Postcode",
    "what_matters": "What matters",
    "hard_in_own_words": "What is hard, in your own words,",
    "who_helps": "Who helps now",
    "phone": "Phone number",
    "email": "Email address",
    "best_time": "Best time to contact you",
}
# All the answers together: the reason staff read and the JSON kept stay a sensible size.
SELF_REFERRAL_TOTAL_LIMIT = 5000
YES_NO_NOT_SURE = ("yes", "no", "not_sure")
_YES_NO_NOT_SURE_WORDS = {"yes": "Yes", "no": "No", "not_sure": "Not sure"}


@dataclass(frozen=True, kw_only=True)
class SelfReferral:
    """What someone typed in the public "ask for help" journey, for themselves or someone else."""

    for_self: bool
    helper_name: str = ""
    helper_relationship: str = ""
    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | None = None
    no_fixed_address: bool = False
    address_line_1: str = ""
    address_line_2: str = ""
    town: str = ""
    postcode: str = ""
    what_matters: str = ""
    hard_outcomes: tuple[str, ...] = ()  # codes of tandem.core.care_act.ADULT_OUTCOMES
    hard_in_own_words: str = ""
    who_helps: str = ""
    unpaid_carer: str = ""  # yes, no or not_sure
    self_funder: str = ""  # yes, no or not_sure
    self_assessment: bool = False
    phone: str = ""
    email: str = ""
    best_time: str = ""

    def text_length(self) -> int:
        return sum(len(getattr(self, name)) for name in SELF_REFERRAL_LIMITS)


def _referral_text(referral: SelfReferral, name: str, required: str | None = None) -> str:
    value, limit = getattr(referral, name).strip(), SELF_REFERRAL_LIMITS[name]
    if "\x00" in value:
        # PostgreSQL refuses NUL in text and JSON; only a hand-made request can send one.
        raise DomainError(f"{SELF_REFERRAL_ANSWER_NAMES[name]} must not contain null characters", field=name)
    if len(value) > limit:
        raise DomainError(f"{SELF_REFERRAL_ANSWER_NAMES[name]} must be {limit:,} characters or fewer", field=name)
    return _text(value, field=name, required=required, limit=limit)


def self_referral_phone_clean(raw: str) -> str:
    if not raw:
        return ""
    digits = sum(c.isdigit() for c in raw)
    if not fullmatch(r"[0-9+()\- ]+", raw) or not 10 <= digits <= 15:
        raise DomainError("Enter a telephone number, like 01632 960 001 or 07700 900 982", field="phone")
    return raw


def self_referral_email_clean(raw: str) -> str:
    if not raw:
        return ""
    try:
        validate_email(raw)
    except ValidationError:
        message = "Enter an email address in the correct format, like name@example.com"
        raise DomainError(message, field="email") from None
    return raw


def _referral_texts(referral: SelfReferral) -> dict[str, Any]:
    """Every text answer trimmed and within its limit; the required ones present; postcode, phone and email valid."""
    texts: dict[str, Any] = {name: _referral_text(referral, name) for name in SELF_REFERRAL_LIMITS}
    required = {
        "given_name": "Enter the first name of the person who needs help",
        "family_name": "Enter the last name of the person who needs help",
        "what_matters": "Say what matters to the person who needs help",
    }
    if referral.for_self:
        texts["helper_name"] = texts["helper_relationship"] = ""
    else:
        required["helper_name"] = "Enter your name"
        required["helper_relationship"] = "Enter your relationship to the person who needs help"
    if not referral.no_fixed_address:
        required["address_line_1"] = "Enter the first line of the address"
    for name, message in required.items():
        texts[name] = _referral_text(referral, name, message)
    if texts["postcode"] or not referral.no_fixed_address:
        texts["postcode"] = postcode_clean(texts["postcode"])
    texts["phone"] = self_referral_phone_clean(texts["phone"])
    texts["email"] = self_referral_email_clean(texts["email"])
    if not texts["phone"] and not texts["email"]:
        raise DomainError("Enter a phone number or an email address, or both", field="phone")
    return texts


def _referral_clean(referral: SelfReferral) -> SelfReferral:
    """The referral with every answer checked again and tidied, or a DomainError naming the answer."""
    texts = _referral_texts(referral)
    if referral.date_of_birth is not None:
        if referral.date_of_birth > clock.today():
            raise DomainError("Date of birth must be in the past", field="date_of_birth")
        if referral.date_of_birth.year < 1880:
            raise DomainError("Date of birth must be after 1880", field="date_of_birth")
    if referral.no_fixed_address and (texts["address_line_1"] or texts["address_line_2"]):
        raise DomainError(
            "No settled address cannot come with a street address: "
            "give only the town and postcode where they are staying",
            field="no_fixed_address",
        )
    codes = set(referral.hard_outcomes)
    if not codes <= ADULT_BY_CODE.keys():
        raise DomainError("Select what is hard from the list", field="hard_outcomes")
    if not codes and not texts["hard_in_own_words"]:
        raise DomainError("Select what is hard, or describe it in your own words", field="hard_outcomes")
    if referral.unpaid_carer not in YES_NO_NOT_SURE:
        raise DomainError("Select whether someone is an unpaid carer", field="unpaid_carer")
    if referral.self_funder not in YES_NO_NOT_SURE:
        raise DomainError("Select whether they pay for their own care, or expect to", field="self_funder")
    if referral.self_assessment and referral.self_funder != "yes":
        raise DomainError("Only someone who pays for their own care can ask for a self-assessment here")
    # In the regulation's order, whatever order they arrived in.
    ordered = tuple(outcome.code for outcome in ADULT_OUTCOMES if outcome.code in codes)
    cleaned = replace(referral, hard_outcomes=ordered, **texts)
    if cleaned.text_length() > SELF_REFERRAL_TOTAL_LIMIT:
        raise DomainError(
            f"Your answers are too long altogether: shorten them to {SELF_REFERRAL_TOTAL_LIMIT:,} characters or fewer",
            field="answers",
        )
    return cleaned


def _referral_reason(referral: SelfReferral) -> str:
    """The reason for contact as staff read it in the queue: every answer, headed by its question."""
    name = f"{referral.given_name} {referral.family_name}"
    if referral.for_self:
        opening = f"{name} asked for help online for themselves."
    else:
        opening = f"{referral.helper_name} ({referral.helper_relationship}) asked for help online for {name}."
    lines = [opening]
    if referral.self_assessment:
        lines.append("They pay for their own care and asked for this to count as a self-assessment.")
    lines += ["", "What matters to them:", referral.what_matters, "", "What is hard:"]
    lines += [f"- {ADULT_BY_CODE[code].plain} ({ADULT_BY_CODE[code].statutory})" for code in referral.hard_outcomes]
    if referral.hard_in_own_words:
        lines += ["In their own words:", referral.hard_in_own_words]
    lines += [
        "",
        "Who helps now:",
        referral.who_helps or "(not answered)",
        f"Is someone an unpaid carer: {_YES_NO_NOT_SURE_WORDS[referral.unpaid_carer]}",
        f"Pays for their own care, or expects to: {_YES_NO_NOT_SURE_WORDS[referral.self_funder]}",
        "",
    ]
    born = f", born {format_date(referral.date_of_birth)}" if referral.date_of_birth else ""
    address = ", ".join(
        part for part in (referral.address_line_1, referral.address_line_2, referral.town, referral.postcode) if part
    )
    lines.append(f"About them: {name}{born}")
    if referral.no_fixed_address:
        lines.append(f"Address: no settled address{f' (staying at {address})' if address else ''}")
    else:
        lines.append(f"Address: {address}")
    contact = [f"phone {referral.phone}" if referral.phone else "", f"email {referral.email}" if referral.email else ""]
    lines.append(f"Contact: {', '.join(part for part in contact if part)}")
    if referral.best_time:
        lines.append(f"Best time to contact: {referral.best_time}")
    return "\n".join(lines)


def _referral_submission(referral: SelfReferral, suggested: list[tuple[str, str]]) -> dict[str, Any]:
    """The answers as plain JSON, kept on the contact exactly as they were sent, with the directory
    services the person was shown once they sent them."""
    answers = asdict(referral)
    answers["date_of_birth"] = referral.date_of_birth.isoformat() if referral.date_of_birth else None
    answers["hard_outcomes"] = list(referral.hard_outcomes)
    submission: dict[str, Any] = {"form": "ask_for_help", "version": 1, "answers": answers}
    if suggested:
        submission["suggested_services"] = [{"id": pk, "name": name[:255]} for pk, name in suggested]
    return submission


@transaction.atomic
def self_referral_submit(*, referral: SelfReferral, suggested: list[tuple[str, str]] | None = None) -> Contact:
    """Put a request for help made online into the front-door queue (Care Act 2014 s9 and s2).

    Anyone may ask, with no sign-in: every answer is checked again here, never trusting the
    form. The contact is about no one yet; staff link it to a person's record once they know
    who it is. A self-funder may ask for it to count as a supported self-assessment.
    """
    referral = _referral_clean(referral)
    name = f"{referral.given_name} {referral.family_name}"
    details = ContactDetails(
        source=ContactSource.SELF if referral.for_self else ContactSource.FAMILY_OR_FRIEND,
        route=ContactRoute.ONLINE_FORM,
        reason=_referral_reason(referral),
        urgency=Urgency.ROUTINE,
        caller_name=name if referral.for_self else referral.helper_name,
        caller_relationship="" if referral.for_self else referral.helper_relationship,
        caller_phone=referral.phone,
        caller_email=referral.email,
    )
    contact = _create_contact(
        details=details,
        person=None,
        recorded_by=None,
        team=front_door_team_for(None),
        submission=_referral_submission(referral, suggested or []),
        is_self_assessment=referral.self_assessment,
    )
    kind = "self-assessment" if referral.self_assessment else "request for help"
    audit.record(
        actor=None,
        action="front_door.contact.submitted_online",
        target=contact,
        summary=f"Online {kind} {contact.reference} ({contact.get_source_display()})",
    )
    return contact
