"""Display shaping for the directory's staff pages: status tags, check dates, summary-list rows."""

from datetime import date
from typing import Any

from markupsafe import Markup

from tandem.core.presenters import format_date
from tandem.directory import selectors
from tandem.directory.categories import BY_CODE
from tandem.directory.models import Service, ServiceStatus

_TAG_CLASSES: dict[str, str] = {
    ServiceStatus.ACTIVE: "govuk-tag--green",
    ServiceStatus.TEMPORARILY_CLOSED: "govuk-tag--yellow",
    ServiceStatus.INACTIVE: "govuk-tag--grey",
    ServiceStatus.DEFUNCT: "govuk-tag--red",
}


def status_tag(status: str) -> dict[str, str]:
    """Parameters for the GOV.UK tag that shows a service's status."""
    label = ServiceStatus(status).label if status in ServiceStatus.values else status
    return {"text": label, "classes": _TAG_CLASSES.get(status, "govuk-tag--grey")}


def checked_text(service: Service) -> str:
    """When the entry was last checked, and by whom: "3 March 2026 by Priya Shah", or "Never"."""
    if service.last_checked_on is None:
        return "Never"
    who = service.checked_by
    name = (who.get_full_name() or who.username) if who is not None else ""
    return f"{format_date(service.last_checked_on)}{f' by {name}' if name else ''}"


def is_stale(service: Service, *, stale_before: date) -> bool:
    return service.last_checked_on is None or service.last_checked_on < stale_before


def ages_text(minimum: int | None, maximum: int | None) -> str:
    if minimum is not None and maximum is not None:
        return f"{minimum} to {maximum}"
    if minimum is not None:
        return f"{minimum} and over"
    if maximum is not None:
        return f"Up to {maximum}"
    return "Any age"


def cost_text(service: Service) -> str:
    kind, description = selectors.cost_of(service)
    return {"free": "Free", "charge": description}.get(kind, "Not recorded")


def _lines(items: list[str]) -> dict[str, Any]:
    """One item a line; Markup.join escapes each item."""
    return {"html": Markup("<br>").join(items)} if items else {"text": "None recorded"}


def service_rows(service: Service) -> list[dict[str, Any]]:
    """The summary list of everything a curator manages on the entry."""
    description, eligibility = selectors.description_split(service.description)
    phone = selectors.phone_main(service)
    places = [
        ", ".join(part for part in (p.name, p.address_1, p.city, p.state_province, p.postal_code) if part)
        for p in selectors.addressed_locations(service)
    ]
    places += [f"{p.name or 'A place'} (no address)" for p in selectors.unaddressed_locations(service)]
    times = [selectors.weekly_time_text(*t) for t in selectors.weekly_times(service)]
    times += [s.description or "Another schedule (from an import)" for s in selectors.other_schedules(service)]
    categories = [BY_CODE[code].name for code in selectors.category_codes_of(service)]
    categories += [term.name for term in selectors.other_terms_of(service)]
    rows: list[tuple[str, dict[str, Any]]] = [
        ("Organisation", {"text": service.organization.name if service.organization else "None recorded"}),
        ("What it offers", {"text": description or "Not described"}),
        ("Who can use it", {"text": eligibility or "Not recorded"}),
        ("Ages", {"text": ages_text(service.minimum_age, service.maximum_age)}),
        ("Cost", {"text": cost_text(service)}),
        ("Email", {"text": service.email or "None recorded"}),
        ("Telephone", {"text": phone.number if phone else "None recorded"}),
        ("Website", {"text": service.url or "None recorded"}),
        ("Places", _lines(places)),
        ("Opening times", _lines(times)),
        ("Categories", _lines(categories)),
    ]
    return [{"key": {"text": key}, "value": value} for key, value in rows]
