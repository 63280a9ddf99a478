"""Reads of the directory: the export shape, the public ORUK API's pages, and the id look-ups an
import checks against."""

import math
import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Exists, F, Model, OuterRef, Prefetch, Q, QuerySet

from tandem.directory.categories import BY_CODE, CATEGORIES
from tandem.directory.models import (
    Attribute,
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    ScheduleFrequency,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from tandem.directory.oruk import service_to_json
from tandem.directory.postcodes import Place
from tandem.directory.search import grid_distance_squared, schedules_matching

PER_PAGE_DEFAULT = 50
PER_PAGE_MAX = 100


def services_for_export() -> QuerySet[Service]:
    """Every service with all it nests, in id order so an export is stable from run to run."""
    return (
        Service.objects.select_related("organization")
        .prefetch_related(
            Prefetch("schedules", queryset=Schedule.objects.order_by("id")),
            Prefetch("service_areas", queryset=ServiceArea.objects.order_by("id")),
            Prefetch("cost_options", queryset=CostOption.objects.order_by("id")),
            Prefetch("contacts", queryset=Contact.objects.order_by("id").prefetch_related("phones")),
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.order_by("id").select_related("location"),
            ),
            Prefetch("attributes", queryset=Attribute.objects.order_by("id").select_related("taxonomy_term")),
        )
        .order_by("id")
    )


def dataset_export() -> dict[str, Any]:
    """The whole directory as one ORUK list page of fully nested services."""
    contents = [service_to_json(service) for service in services_for_export()]
    return list_page(contents=contents, total_items=len(contents), page=1, per_page=max(len(contents), 1))


def list_page(*, contents: list[dict[str, Any]], total_items: int, page: int, per_page: int) -> dict[str, Any]:
    """The ORUK `Page` envelope; an empty directory is still one (empty) page."""
    total_pages = max(math.ceil(total_items / per_page), 1)
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def page_of[T: Model](
    queryset: QuerySet[T], *, page: int, per_page: int, to_json: Callable[[T], dict[str, Any]]
) -> dict[str, Any]:
    """One page of a query as an ORUK list page: a count and one slice, whatever the page size."""
    total_items = queryset.count()
    start = (page - 1) * per_page
    contents = [to_json(row) for row in queryset[start : start + per_page]] if start < total_items else []
    return list_page(contents=contents, total_items=total_items, page=page, per_page=per_page)


def services_matching(
    *,
    search: str = "",
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    minimum_age: float | None = None,
    maximum_age: float | None = None,
    age: float | None = None,
    modified_after: datetime | None = None,
    full: bool = False,
    day: str | None = None,
    start_time: time | None = None,
    end_time: time | None = None,
) -> QuerySet[Service]:
    """Services for `GET /services`, by name then id so pages never overlap.

    The ages follow the ORUK OpenAPI's words exactly: `minimum_age` finds services "with a minimum
    age of at least the specified value", `maximum_age` those "with a maximum age of at equal to or
    below the specified value" (a service without that bound has no such age, so it is left out).
    `age`, Tandem's own, finds the services whose range includes it (a missing bound is open): the
    ones a person of that age can use. `day`, `start_time` and
    `end_time` match services with one schedule that meets them all (`search.schedules_matching`).
    """
    services = services_for_export() if full else Service.objects.select_related("organization")
    if search:
        services = services.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if taxonomy_term_id is not None:
        # Attributes are unique per (service, term), so this join cannot repeat a service.
        services = services.filter(attributes__taxonomy_term_id=taxonomy_term_id)
    if taxonomy_id is not None:
        services = services.filter(
            Exists(
                Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term__taxonomy_id=taxonomy_id),
            )
        )
    if organization_id is not None:
        services = services.filter(organization_id=organization_id)
    if minimum_age is not None:
        services = services.filter(minimum_age__gte=minimum_age)
    if maximum_age is not None:
        services = services.filter(maximum_age__lte=maximum_age)
    if age is not None:
        services = services.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=age),
        )
    if modified_after is not None:
        services = services.filter(last_modified__gte=modified_after)
    if day or start_time is not None or end_time is not None:
        when = schedules_matching(day=day, start_time=start_time, end_time=end_time)
        services = services.filter(Exists(Schedule.objects.filter(when, service=OuterRef("pk"))))
    return services.order_by("name", "id")


def _uuid(value: str) -> uuid.UUID | None:
    """ORUK types ids as strings, so a malformed one is simply an id nobody has."""
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def service_find(*, service_id: str) -> Service | None:
    """One fully nested service, or None when no service has that id."""
    key = _uuid(service_id)
    return services_for_export().filter(pk=key).first() if key is not None else None


def taxonomies_all() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("name", "id")


def taxonomy_find(*, taxonomy_id: str) -> Taxonomy | None:
    key = _uuid(taxonomy_id)
    return Taxonomy.objects.filter(pk=key).first() if key is not None else None


def taxonomy_terms_all() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.order_by("name", "id")


def taxonomy_term_find(*, taxonomy_term_id: str) -> TaxonomyTerm | None:
    key = _uuid(taxonomy_term_id)
    return TaxonomyTerm.objects.filter(pk=key).first() if key is not None else None


def ids_existing(*, model: type[Model], ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    return set(model._default_manager.filter(pk__in=set(ids)).values_list("pk", flat=True))


def owners_of(*, model: type[Model], ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """For rows a service owns (contacts, schedules, …): which service each existing id belongs to."""
    return dict(model._default_manager.filter(pk__in=set(ids)).values_list("pk", "service_id"))


# --- Staff curation: the list, the stale list, and the parts of an entry the curation form manages ---

WEEKDAYS: tuple[tuple[str, str], ...] = (
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
)
_DAY_ORDER = {code: index for index, (code, _) in enumerate(WEEKDAYS)}
# The ORUK UK service has no eligibility text of its own, so Tandem keeps who may use a service at
# the end of its description, under this heading, where people searching and API clients read it.
ELIGIBILITY_HEADING = "Who can use it:"
_ELIGIBILITY_SEPARATOR = f"\n\n{ELIGIBILITY_HEADING} "
CURATION_SORTS: dict[str, str] = {
    "name": "Name, A to Z",
    "checked": "Last checked, longest ago first",
    "recent": "Last checked, most recent first",
}
_NEVER_CHECKED_FIRST = F("last_checked_on").asc(nulls_first=True)


def services_for_curation(
    *, text: str = "", status: str = "", category: str = "", sort: str = "name"
) -> QuerySet[Service]:
    """Services as staff manage them: every word must be in the name or the organisation's name."""
    services = Service.objects.select_related("organization", "checked_by")
    for word in text.split():
        services = services.filter(Q(name__icontains=word) | Q(organization__name__icontains=word))
    if status:
        services = services.filter(status=status)
    if category in BY_CODE:
        services = services.filter(
            Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term_id=BY_CODE[category].term_id))
        )
    if sort == "checked":
        return services.order_by(_NEVER_CHECKED_FIRST, "name", "id")
    if sort == "recent":
        return services.order_by(F("last_checked_on").desc(nulls_last=True), "name", "id")
    return services.order_by("name", "id")


def stale_before(*, today: date, after_days: int) -> date:
    """Entries last checked before this day are stale."""
    return today - timedelta(days=after_days)


def services_stale(*, today: date, after_days: int) -> QuerySet[Service]:
    """Entries not checked in `after_days` days, or never: never-checked first, then the longest ago.

    Defunct services are left out: a service that has closed for good needs no checking.
    """
    cutoff = stale_before(today=today, after_days=after_days)
    return (
        Service.objects.select_related("organization", "checked_by")
        .exclude(status="defunct")
        .filter(Q(last_checked_on__isnull=True) | Q(last_checked_on__lt=cutoff))
        .order_by(_NEVER_CHECKED_FIRST, "name", "id")
    )


def service_for_curation(*, service_id: uuid.UUID) -> Service | None:
    """One service with everything it nests (and who last checked it), or None."""
    return services_for_export().select_related("checked_by").filter(pk=service_id).first()


def organizations_for_choice() -> list[tuple[uuid.UUID, str]]:
    return list(Organization.objects.order_by("name", "id").values_list("id", "name"))


def organization_find(*, organization_id: uuid.UUID) -> Organization | None:
    return Organization.objects.filter(pk=organization_id).first()


def organization_named(*, name: str) -> Organization | None:
    """An organisation already in the directory under this name, whatever its capitals."""
    return Organization.objects.filter(name__iexact=name.strip()).order_by("id").first()


def location_shared_count(*, location_id: uuid.UUID, service_id: uuid.UUID) -> int:
    """How many other services are offered at this location."""
    return ServiceAtLocation.objects.filter(location_id=location_id).exclude(service_id=service_id).count()


def description_split(text: str) -> tuple[str, str]:
    """A stored description as (what the service offers, who can use it)."""
    main, found, eligibility = text.rpartition(_ELIGIBILITY_SEPARATOR)
    return (main, eligibility) if found else (text, "")


def description_join(description: str, eligibility: str) -> str:
    return f"{description}{_ELIGIBILITY_SEPARATOR}{eligibility}" if eligibility else description


def is_weekly(schedule: Schedule) -> bool:
    """A schedule the curation form manages: every week, on one day, from one time to another."""
    return (
        schedule.freq == ScheduleFrequency.WEEKLY
        and schedule.interval in (None, 1)
        and schedule.byday in _DAY_ORDER
        and schedule.opens_at is not None
        and schedule.closes_at is not None
        and schedule.service_at_location_id is None
        and not (schedule.valid_from or schedule.valid_to or schedule.dtstart or schedule.bymonthday)
    )


def weekly_times(service: Service) -> list[tuple[str, time, time]]:
    """The service's weekly opening times as (day code, opens, closes), Monday first."""
    times = []
    for schedule in service.schedules.all():
        if is_weekly(schedule) and schedule.opens_at is not None and schedule.closes_at is not None:
            times.append((schedule.byday, schedule.opens_at, schedule.closes_at))
    return weekly_times_sorted(times)


def weekly_times_sorted(times: Iterable[tuple[str, time, time]]) -> list[tuple[str, time, time]]:
    return sorted(times, key=lambda t: (_DAY_ORDER.get(t[0], 7), t[1], t[2]))


def other_schedules(service: Service) -> list[Schedule]:
    """Schedules the curation form leaves alone (monthly, dated, or at one location), from imports."""
    return [s for s in service.schedules.all() if not is_weekly(s)]


def addressed_locations(service: Service) -> list[Location]:
    """The places with an address where the service is offered: the ones the curation form manages."""
    locations = [link.location for link in service.service_at_locations.all() if link.location.address_id]
    return sorted(locations, key=lambda location: (location.name, location.address_1, str(location.id)))


def unaddressed_locations(service: Service) -> list[Location]:
    return [link.location for link in service.service_at_locations.all() if not link.location.address_id]


def phone_main(service: Service) -> Phone | None:
    """The number the curation form shows: the first phone of the first contact."""
    phones = [phone for contact in service.contacts.all() for phone in contact.phones.all()]
    phones.sort(key=lambda phone: (phone.contact.name, str(phone.contact_id), phone.number, str(phone.id)))
    return phones[0] if phones else None


def cost_of(service: Service) -> tuple[str, str]:
    """("free" | "charge" | "unknown", what it costs) from the fees and cost options."""
    options = list(service.cost_options.all())
    if service.fees.strip().lower() == "free" or (options and all(o.amount == 0 for o in options)):
        return "free", ""
    if service.fees.strip():
        return "charge", service.fees.strip()
    described = [o.amount_description or o.option or (f"£{o.amount:.2f}" if o.amount else "") for o in options]
    described = [text for text in described if text]
    if described:
        return "charge", "; ".join(described)
    return "unknown", ""


def category_codes_of(service: Service) -> list[str]:
    """The Tandem categories the service is in, in the order categories.CATEGORIES lists them."""
    term_ids = {attribute.taxonomy_term_id for attribute in service.attributes.all()}
    return [category.code for category in CATEGORIES if category.term_id in term_ids]


def other_terms_of(service: Service) -> list[TaxonomyTerm]:
    """Terms from other taxonomies (an imported dataset's own), which curation keeps as they are."""
    tandem = {category.term_id for category in CATEGORIES}
    return [a.taxonomy_term for a in service.attributes.all() if a.taxonomy_term_id not in tandem]


def time_text(value: time) -> str:
    """A time as GOV.UK writes it: 9am, 2:30pm, midday, midnight."""
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def weekly_time_text(day: str, opens: time, closes: time) -> str:
    """The time a weekly schedule runs, like "Mondays, 10am to 2pm"."""
    return f"{dict(WEEKDAYS).get(day, day)}s, {time_text(opens)} to {time_text(closes)}"


# --- The ORUK API's service_at_locations (search.py builds the schedule and distance filters) -------


def service_at_locations_matching(
    *,
    search: str = "",
    taxonomy_term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    minimum_age: float | None = None,
    maximum_age: float | None = None,
    age: float | None = None,
    day: str | None = None,
    start_time: time | None = None,
    end_time: time | None = None,
    place: Place | None = None,
    proximity: float | None = None,
    full: bool = False,
) -> QuerySet[ServiceAtLocation]:
    """Service-at-locations for `GET /service_at_locations`, with the service filters of `/services`.

    With a place, the nearest come first and `proximity` (metres) leaves out the rest; a location we
    cannot place has no distance, comes last, and is left out when a proximity is given. A schedule
    filter is met by a schedule of the service that is for every location or for this one.
    """
    services = services_matching(
        search=search,
        taxonomy_term_id=taxonomy_term_id,
        taxonomy_id=taxonomy_id,
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        age=age,
    )
    links = ServiceAtLocation.objects.filter(service__in=services.values("pk"))
    if full:  # each one fully nested (ORUK `full`): the service with everything it holds
        links = links.select_related("location").prefetch_related(Prefetch("service", queryset=services_for_export()))
    else:
        links = links.select_related("service__organization", "location")
    if day or start_time is not None or end_time is not None:
        when = schedules_matching(day=day, start_time=start_time, end_time=end_time)
        here = Q(service_at_location__isnull=True) | Q(service_at_location=OuterRef("pk"))
        links = links.filter(Exists(Schedule.objects.filter(when, here, service=OuterRef("service_id"))))
    if place is None:
        return links.order_by("service__name", "location__name", "id")
    if proximity is not None:
        links = links.filter(
            location__easting__range=(place.easting - proximity, place.easting + proximity),
            location__northing__range=(place.northing - proximity, place.northing + proximity),
        )
    links = links.annotate(distance_squared=grid_distance_squared(place, prefix="location__"))
    if proximity is not None:
        links = links.filter(distance_squared__lte=proximity * proximity)
    return links.order_by(F("distance_squared").asc(nulls_last=True), "service__name", "id")


def service_at_location_find(*, service_at_location_id: str) -> ServiceAtLocation | None:
    """One service-at-location with its location and its fully nested service, or None."""
    key = _uuid(service_at_location_id)
    if key is None:
        return None
    nested = services_for_export()
    return (
        ServiceAtLocation.objects.select_related("location")
        .prefetch_related(Prefetch("service", queryset=nested))
        .filter(pk=key)
        .first()
    )


def services_modified(**filters: Any) -> QuerySet[Service]:
    """The matching services' ids and last changes only, for `minimal=true`."""
    return services_matching(**filters | {"full": False}).select_related(None).only("id", "last_modified")
