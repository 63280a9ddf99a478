"""Shaping front-door records for pages and for the list of services given to a person."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tandem.core import clock

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


def opening_times(schedules: Any) -> list[str]:
    lines = []
    for s in schedules:
        days = ", ".join(DAYS.get(d.strip(), d.strip()) for d in s.byday.split(",") if d.strip())
        hours = f"{_time(s.opens_at)} to {_time(s.closes_at)}" if s.opens_at and s.closes_at else ""
        if s.freq == "MONTHLY" and days:
            days = f"Monthly on {days}"
        text = " ".join(part for part in (days, hours) if part) or s.description
        if text:
            lines.append(text)
    return lines


def service_card(service: Any, *, distance_miles: float | None = None) -> ServiceCard:
    """Expects the service with organization, locations, contacts with phones, schedules and costs prefetched."""
    addresses = []
    for sal in service.service_at_locations.all():
        loc = sal.location
        parts = [loc.name, loc.address_1, loc.city, loc.postal_code]
        line = ", ".join(p for p in parts if p)
        if line:
            addresses.append(line)
    phones = [p.number for c in service.contacts.all() for p in c.phones.all()]
    costs = [c.option or c.amount_description for c in service.cost_options.all()]
    return ServiceCard(
        id=str(service.id),
        name=service.name,
        organisation=service.organization.name if service.organization else "",
        description=service.description,
        addresses=addresses,
        phones=phones,
        email=service.email,
        website=service.url,
        opening_times=opening_times(service.schedules.all()),
        cost="; ".join(c for c in costs if c) or service.fees,
        distance_miles=distance_miles,
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
