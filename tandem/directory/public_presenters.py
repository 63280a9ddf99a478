"""Display shaping for the public directory pages: result cards, opening times, paging links.

Opening times are written the GOV.UK way ("Thursdays, 12pm to 2pm"; "Last Friday of the month,
10am to midday"); everything reads from what `search` prefetched, so a page of results costs no
further queries.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from typing import Any

from django.http import QueryDict
from django.urls import reverse

from tandem.core.presenters import format_date
from tandem.directory.categories import TAXONOMY_ID
from tandem.directory.models import Location, Schedule, ScheduleFrequency, Service, ServiceStatus
from tandem.directory.search import DAY_CODES, ServiceHit, ServiceResults

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = {"1": "First", "2": "Second", "3": "Third", "4": "Fourth", "5": "Fifth", "-1": "Last"}
CLOSED_NOTICES = {
    ServiceStatus.TEMPORARILY_CLOSED: "This service is temporarily closed.",
    ServiceStatus.INACTIVE: "This service is not running at the moment.",
    ServiceStatus.DEFUNCT: "This service has closed.",
}


def time_text(value: time) -> str:
    """ "9am", "5:30pm", "midday", "midnight"."""
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def _weekly_days(codes: list[str], interval: int | None) -> str:
    days = [DAY_CODES.index(code) for code in codes if code in DAY_CODES]
    if not days:
        return ""
    days = sorted(set(days))
    if interval and interval > 1:
        every = "Every other" if interval == 2 else f"Every {interval} weeks on a"
        return f"{every} {' and '.join(_DAYS[day] for day in days)}"
    if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
        return f"{_DAYS[days[0]]} to {_DAYS[days[-1]]}"
    names = [f"{_DAYS[day]}s" for day in days]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _monthly_days(codes: list[str]) -> str:
    parts = []
    for code in codes:
        ordinal, day = code[:-2].lstrip("+"), code[-2:]
        if ordinal in _ORDINALS and day in DAY_CODES:
            parts.append(f"{_ORDINALS[ordinal]} {_DAYS[DAY_CODES.index(day)]}")
    return f"{' and '.join(parts)} of the month" if parts else ""


def _first_day(schedule: Schedule) -> tuple[int, time]:
    codes = [code.strip().upper()[-2:] for code in schedule.byday.split(",") if code.strip()]
    days = [DAY_CODES.index(code) for code in codes if code in DAY_CODES]
    return (min(days) if days else len(DAY_CODES), schedule.opens_at or time.min)


def schedules_in_week_order(schedules: Iterable[Schedule]) -> list[Schedule]:
    """Opening times Monday first, then by opening hour; those with no day last."""
    return sorted(schedules, key=_first_day)


def schedule_text(schedule: Schedule) -> str:
    """One schedule in words; its own description when the rule cannot be put plainly."""
    codes = [code.strip().upper() for code in schedule.byday.split(",") if code.strip()]
    if schedule.freq == ScheduleFrequency.MONTHLY:
        days = _monthly_days(codes)
    else:
        days = _weekly_days(codes, schedule.interval)
    if not days:
        return schedule.description or "Times not published"
    if schedule.opens_at is not None and schedule.closes_at is not None:
        return f"{days}, {time_text(schedule.opens_at)} to {time_text(schedule.closes_at)}"
    return days


def address_lines(location: Location) -> list[str]:
    parts = (location.name, location.address_1, location.city, location.postal_code)
    return [part for part in parts if part]


def miles_text(miles: float | None) -> str:
    if miles is None:
        return ""
    return f"{miles:.1f} {'mile' if miles == 1 else 'miles'} away"


@dataclass(frozen=True)
class ServiceCard:
    """What a search result, the printable list and the service page show of one service."""

    id: str
    name: str
    url: str
    organisation: str
    description: str
    distance: str
    places: list[list[str]]
    phones: list[str]
    times: list[str]
    email: str
    website: str
    categories: list[str]
    fees: str
    ages: str
    alert: str
    closed_notice: str
    last_checked: str


def _ages(service: Service) -> str:
    low, high = service.minimum_age, service.maximum_age
    if low is not None and high is not None:
        return f"Aged {low} to {high}"
    if low is not None:
        return f"Aged {low} and over"
    if high is not None:
        return f"Aged up to {high}"
    return ""


def card(
    service: Service,
    *,
    places: list[list[str]],
    phones: list[str],
    schedules: Iterable[Schedule],
    distance_miles: float | None = None,
    query_string: str = "",
    categories: Iterable[str] = (),
    costs: Iterable[str] = (),
) -> ServiceCard:
    """A service as the public pages show it; `query_string` carries the search to the service page.
    Categories and costs are shown on the service's own page only; a result card has fees."""
    url = reverse("directory:public_service", args=[service.pk]) + (f"?{query_string}" if query_string else "")
    return ServiceCard(
        id=str(service.pk),
        name=service.name,
        url=url,
        organisation=service.organization.name if service.organization else "",
        description=service.description,
        distance=miles_text(distance_miles),
        places=places,
        phones=phones,
        times=[schedule_text(schedule) for schedule in schedules_in_week_order(schedules)],
        email=service.email,
        website=service.url,
        categories=list(categories),
        fees="; ".join(part for part in (service.fees, *costs) if part),
        ages=_ages(service),
        alert=service.alert,
        closed_notice=CLOSED_NOTICES.get(ServiceStatus(service.status), "") if service.status else "",
        last_checked=format_date(service.last_checked_on),
    )


def page_card(service: Service) -> ServiceCard:
    """The service's own page, from everything `search.service_public_find` prefetched."""
    terms = [attribute.taxonomy_term for attribute in service.attributes.all()]
    return card(
        service,
        places=[address_lines(link.location) for link in service.service_at_locations.all()],
        phones=[phone.number for contact in service.contacts.all() for phone in contact.phones.all()],
        schedules=service.schedules.all(),
        categories=[term.name for term in terms if term.taxonomy_id == TAXONOMY_ID],
        costs=[c.amount_description or c.option for c in service.cost_options.all()],
    )


def cards(hits: list[ServiceHit], query_string: str) -> list[ServiceCard]:
    return [
        card(
            hit.service,
            places=hit.places,
            phones=hit.phones,
            schedules=hit.schedules,
            distance_miles=hit.distance_miles,
            query_string=query_string,
        )
        for hit in hits
    ]


def search_query_string(params: QueryDict) -> str:
    """The search's own parameters, without the page: carried to the service page and back."""
    kept = params.copy()
    kept.pop("page", None)
    kept.pop("print", None)
    return kept.urlencode()


def results_pagination(results: ServiceResults, params: QueryDict) -> dict[str, Any] | None:
    """Parameters for the GOV.UK pagination component, keeping the search in every link."""
    if results.pages <= 1:
        return None
    kept = params.copy()

    def href(number: int) -> str:
        kept["page"] = str(number)
        return f"?{kept.urlencode()}"

    shown = sorted({1, results.pages, *range(max(results.page - 1, 1), min(results.page + 1, results.pages) + 1)})
    items: list[dict[str, Any]] = []
    for index, number in enumerate(shown):
        if index and number - shown[index - 1] > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == results.page})
    return {
        "previous": {"href": href(results.page - 1)} if results.page > 1 else None,
        "next": {"href": href(results.page + 1)} if results.page < results.pages else None,
        "items": items,
    }


def results_summary(results: ServiceResults, place: str) -> str:
    """ "12 services found near CH41 5LH", or for a page past the first, which ones are shown."""
    noun = "service" if results.total == 1 else "services"
    where = f" near {place.upper()}" if place else ""
    return f"{results.total} {noun} found{where}"
