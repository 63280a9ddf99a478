"""Shaping front-door records for pages and for the list of services given to a person."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tandem.core import clock
from tandem.core.care_act import ADULT_BY_CODE
from tandem.core.presenters import format_date

DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}


@dataclass(frozen=True)
class ServiceCard:
    """What a person needs to get in touch with a community service."""

    id: str
    name: str
    organisation: str
    description: str
    addresses: list[str]
    phones: list[str]
    email: str
    website: str
    opening_times: list[str]
    cost: str
    distance_miles: float | None = None


def _time(value: Any) -> str:
    text: str = value.strftime("%-I:%M%p").lower().replace(":00", "")
    return text


_DAY_ORDER = {code: index for index, code in enumerate(DAYS)}


def _day_order(code: str) -> int:
    return _DAY_ORDER.get(code.strip().upper()[-2:], len(DAYS))


def _first_day(schedule: Any) -> int:
    return min((_day_order(d) for d in schedule.byday.split(",") if d.strip()), default=len(DAYS))


def opening_times(schedules: Any) -> list[str]:
    """Each schedule in words, Monday first (within a schedule and across them)."""
    lines = []
    for s in sorted(schedules, key=_first_day):
        codes = sorted((d.strip() for d in s.byday.split(",") if d.strip()), key=_day_order)
        days = ", ".join(DAYS.get(d, d) for d in codes)
        hours = f"{_time(s.opens_at)} to {_time(s.closes_at)}" if s.opens_at and s.closes_at else ""
        if s.freq == "MONTHLY" and days:
            days = f"Monthly on {days}"
        text = " ".join(part for part in (days, hours) if part) or s.description
        if text:
            lines.append(text)
    return lines


def service_card(
    service: Any,
    *,
    places: list[list[str]],
    phones: list[str],
    schedules: Any,
    costs: list[str],
    distance_miles: float | None = None,
) -> ServiceCard:
    """A card from the service's row and its places' address lines, phones, schedules and costs."""
    return ServiceCard(
        id=str(service.id),
        name=service.name,
        organisation=service.organization.name if service.organization else "",
        description=service.description,
        addresses=[", ".join(parts) for parts in places if parts],
        phones=phones,
        email=service.email,
        website=service.url,
        opening_times=opening_times(schedules),
        cost="; ".join(c for c in costs if c) or service.fees,
        distance_miles=distance_miles,
    )


def prefetched_card(service: Any) -> ServiceCard:
    """Expects the service with organization, locations, contacts with phones, schedules and costs prefetched."""
    places = []
    for sal in service.service_at_locations.all():
        loc = sal.location
        places.append([p for p in (loc.name, loc.address_1, loc.city, loc.postal_code) if p])
    return service_card(
        service,
        places=places,
        phones=[p.number for c in service.contacts.all() for p in c.phones.all()],
        schedules=service.schedules.all(),
        costs=[c.option or c.amount_description for c in service.cost_options.all()],
    )


def services_text(cards: list[ServiceCard], *, reference: str, service_name: str) -> str:
    """The list of services as plain text, for an email."""
    lines = [
        "Here are the community services we talked about.",
        "",
    ]
    for card in cards:
        lines.append(card.name)
        if card.organisation:
            lines.append(f"Run by {card.organisation}")
        lines.extend(f"Where: {a}" for a in card.addresses)
        lines.extend(f"Phone: {p}" for p in card.phones)
        if card.email:
            lines.append(f"Email: {card.email}")
        if card.website:
            lines.append(f"Website: {card.website}")
        lines.extend(f"Open: {t}" for t in card.opening_times)
        if card.cost:
            lines.append(f"Cost: {card.cost}")
        lines.append("")
    lines += [
        f"If you need to get back in touch, quote reference {reference}.",
        "",
        service_name,
    ]
    return "\n".join(lines)


def waiting_for(since: datetime) -> str:
    """How long something has waited, in words: '3 hours', '2 days'."""
    delta = clock.now() - since
    if delta.days >= 1:
        return f"{delta.days} day{'s' if delta.days != 1 else ''}"
    hours = delta.seconds // 3600
    if hours >= 1:
        return f"{hours} hour{'s' if hours != 1 else ''}"
    minutes = max(delta.seconds // 60, 0)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


_YES_NO_NOT_SURE = {"yes": "Yes", "no": "No", "not_sure": "Not sure"}


@dataclass(frozen=True)
class AnswerSection:
    """A heading and its questions with the answers given, in plain words."""

    heading: str
    rows: list[tuple[str, str]]


def _answer(value: Any) -> str:
    return str(value).strip() if value else "Not given"


def online_answers(submission: dict[str, Any] | None) -> list[AnswerSection]:
    """An online "ask for help" request as the person saw it: each question and their answer,
    outcomes by name rather than code. Empty for a contact with no online answers."""
    if not submission or submission.get("form") != "ask_for_help":
        return []
    a: dict[str, Any] = submission.get("answers") or {}
    for_self = bool(a.get("for_self"))
    born = date.fromisoformat(a["date_of_birth"]) if a.get("date_of_birth") else None
    address = ", ".join(str(a[k]) for k in ("address_line_1", "address_line_2", "town", "postcode") if a.get(k))
    if a.get("no_fixed_address"):
        address = "No settled address" + (f" (staying at {address})" if address else "")
    hard = [ADULT_BY_CODE[code].plain for code in a.get("hard_outcomes") or () if code in ADULT_BY_CODE]
    about: list[tuple[str, str]] = [("Who needs help", "I need help" if for_self else "I am asking for someone else")]
    if not for_self:
        about += [
            ("Your name", _answer(a.get("helper_name"))),
            ("Your relationship to them", _answer(a.get("helper_relationship"))),
        ]
    about += [
        ("Name", _answer(f"{a.get('given_name', '')} {a.get('family_name', '')}")),
        ("Date of birth", format_date(born) if born else "Not given"),
        ("Address", address or "Not given"),
    ]
    needs = [
        ("What matters", _answer(a.get("what_matters"))),
        ("What is hard", "; ".join(hard) or "None ticked"),
        ("In their own words", _answer(a.get("hard_in_own_words"))),
        ("Who helps now", _answer(a.get("who_helps"))),
        ("Is someone an unpaid carer?", _YES_NO_NOT_SURE.get(a.get("unpaid_carer") or "", "Not given")),
        (
            "Do they pay for their own care, or expect to?",
            _YES_NO_NOT_SURE.get(a.get("self_funder") or "", "Not given"),
        ),
    ]
    if a.get("self_funder") == "yes":
        needs.append(("Count as a self-assessment", "Yes" if a.get("self_assessment") else "No"))
    contact = [
        ("Phone number", _answer(a.get("phone"))),
        ("Email address", _answer(a.get("email"))),
        ("Best time to contact", _answer(a.get("best_time"))),
    ]
    return [
        AnswerSection("About them" if not for_self else "About the person", about),
        AnswerSection("Their needs", needs),
        AnswerSection("How to contact them", contact),
    ]


def online_answers_search(submission: dict[str, Any] | None) -> str:
    """What to search for to find the person an online request is about: name and date of birth."""
    if not submission or submission.get("form") != "ask_for_help":
        return ""
    a: dict[str, Any] = submission.get("answers") or {}
    born = date.fromisoformat(a["date_of_birth"]).strftime("%d/%m/%Y") if a.get("date_of_birth") else ""
    return " ".join(part for part in (a.get("given_name", ""), a.get("family_name", ""), born) if part)


def online_answers_person(submission: dict[str, Any] | None) -> dict[str, str]:
    """The person-record fields an online request answers, to prefill a new record."""
    if not submission or submission.get("form") != "ask_for_help":
        return {}
    a: dict[str, Any] = submission.get("answers") or {}
    fields = {name: str(a.get(name) or "") for name in ("given_name", "family_name", "postcode", "town")}
    if not a.get("no_fixed_address"):
        fields["address_line_1"] = str(a.get("address_line_1") or "")
        fields["address_line_2"] = str(a.get("address_line_2") or "")
    fields["date_of_birth"] = str(a.get("date_of_birth") or "")
    return {name: value for name, value in fields.items() if value}


def online_suggestions(submission: dict[str, Any] | None) -> list[str]:
    """The names of the directory services an online request was shown once it was sent."""
    if not submission or submission.get("form") != "ask_for_help":
        return []
    return [str(s.get("name", "")) for s in submission.get("suggested_services") or () if s.get("name")]
