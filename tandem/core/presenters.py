"""Display shaping shared by every app: NHS numbers, dates, ages."""

from datetime import date, datetime
from typing import Any

from django.core.paginator import Page
from django.http import HttpRequest
from django.utils import timezone

from tandem.core import clock


def format_nhs_number(value: str | None) -> str:
    """Show an NHS number in the 3-3-4 form practitioners read aloud."""
    if not value:
        return "Not known"
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    if len(digits) != 10:
        return str(value)
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def format_date(value: date | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value.strftime('%B %Y')}"


def format_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    hour = local.strftime("%I").lstrip("0") or "12"
    return f"{local.day} {local.strftime('%B %Y')} at {hour}:{local.strftime('%M')}{local.strftime('%p').lower()}"


def age_on(born: date | None, on: date | None = None) -> int | None:
    if born is None:
        return None
    on = on or clock.today()
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def pagination(page: Page[Any], request: HttpRequest) -> dict[str, Any] | None:
    """Parameters for the GOV.UK pagination component, keeping the other query parameters."""
    if page.paginator.num_pages <= 1:
        return None
    params = request.GET.copy()

    def href(number: int) -> str:
        params["page"] = str(number)
        return f"?{params.urlencode()}"

    items: list[dict[str, Any]] = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if not isinstance(number, int):
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "href": href(int(number)), "current": number == page.number})
    return {
        "previous": {"href": href(page.previous_page_number())} if page.has_previous() else None,
        "next": {"href": href(page.next_page_number())} if page.has_next() else None,
        "items": items,
    }
