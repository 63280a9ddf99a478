"""Staff curation of directory entries: add, change, check and retire them."""

import re
import uuid
from dataclasses import dataclass
from datetime import time
from typing import Any, NoReturn

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction

from tandem.audit import services as audit
from tandem.core import clock, examples
from tandem.core.errors import DomainError, require
from tandem.directory import policies, search_index, selectors
from tandem.directory.categories import BY_CODE, CATEGORIES, TAXONOMY_ID, TAXONOMY_NAME
from tandem.directory.models import (
    Attribute,
    Contact,
    CostOption,
    Location,
    LocationType,
    Organization,
    Phone,
    Schedule,
    ScheduleFrequency,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from tandem.identity.actors import Actor

# Field names in the DomainErrors below are the curation form's, so a refusal lands beside the box.

NOT_A_CURATOR = "You do not have permission to change the directory"
COST_CHOICES = ("free", "charge", "unknown")
AGE_LIMIT = 120
_PHONE = re.compile(r"^\+?[0-9 ()-]+$")
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
_DAYS = dict(selectors.WEEKDAYS)


@dataclass(frozen=True)
class PlaceDetails:
    """A place the service is offered, with its address; `location_id` names one it already has."""

    address_1: str
    city: str
    state_province: str
    postal_code: str
    name: str = ""
    location_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ServiceDetails:
    """Everything the curation form says about a service. Opening times are (day code, opens, closes)."""

    name: str
    description: str
    categories: tuple[str, ...]
    organization_id: uuid.UUID | None = None
    new_organization_name: str = ""
    new_organization_description: str = ""
    email: str = ""
    phone: str = ""
    url: str = ""
    places: tuple[PlaceDetails, ...] = ()
    opening_times: tuple[tuple[str, time, time], ...] = ()
    cost: str = "unknown"
    cost_description: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None
    eligibility: str = ""


def categories_ensure() -> dict[str, TaxonomyTerm]:
    """Make Tandem's category taxonomy and its terms exist with their fixed ids; safe to call often.

    Reference data, like the postcode table: it is written without an audit event. Returns the
    terms by category code.
    """
    Taxonomy.objects.get_or_create(
        pk=TAXONOMY_ID,
        defaults={"name": TAXONOMY_NAME, "description": "The categories Tandem's directory is searched by."},
    )
    existing = {term.pk: term for term in TaxonomyTerm.objects.filter(pk__in=[c.term_id for c in CATEGORIES])}
    missing, changed = [], []
    for category in CATEGORIES:
        term = existing.get(category.term_id)
        if term is None:
            missing.append(
                TaxonomyTerm(
                    pk=category.term_id,
                    name=category.name,
                    description=category.description,
                    taxonomy_id=TAXONOMY_ID,
                    taxonomy_name=TAXONOMY_NAME,
                    term=category.code,
                )
            )
        elif (term.name, term.description, term.taxonomy_id, term.term) != (
            category.name,
            category.description,
            TAXONOMY_ID,
            category.code,
        ):
            term.name, term.description, term.taxonomy_id, term.term = (
                category.name,
                category.description,
                TAXONOMY_ID,
                category.code,
            )
            changed.append(term)
    TaxonomyTerm.objects.bulk_create(missing)
    TaxonomyTerm.objects.bulk_update(changed, ["name", "description", "taxonomy_id", "term"])
    terms = existing | {term.pk: term for term in missing}
    return {category.code: terms[category.term_id] for category in CATEGORIES}


def postcode_normal(value: str) -> str | None:
    """A full UK postcode in its standard form ("ch415lh" gives "CH41 5LH"), or None."""
    match = _POSTCODE.match("".join(value.upper().split()))
    return f"{match[1]} {match[2]}" if match else None


def phone_is_valid(value: str) -> bool:
    """A UK or international number as people write it: 10 to 15 digits, spaces, brackets, dashes."""
    digits = sum(character.isdigit() for character in value)
    return bool(_PHONE.match(value)) and 10 <= digits <= 15


def _refuse(message: str, field: str) -> NoReturn:
    raise DomainError(message, field=field)


def _check_organisation(details: ServiceDetails) -> None:
    if details.organization_id is not None:
        if selectors.organization_find(organization_id=details.organization_id) is None:
            _refuse("That organisation is no longer in the directory: select another", "organisation")
        return
    name = details.new_organization_name.strip()
    if not name:
        _refuse("Select the organisation that runs the service, or add a new one", "organisation")
    if len(name) > 255:
        _refuse("The organisation's name must be 255 characters or fewer", "new_organisation_name")
    if not details.new_organization_description.strip():
        _refuse("Describe what the new organisation does", "new_organisation_description")
    if selectors.organization_named(name=name) is not None:
        _refuse(f"{name} is already in the directory: pick it from the list", "new_organisation_name")


def _check_contact(details: ServiceDetails) -> None:
    try:
        if details.email:
            validate_email(details.email)
    except ValidationError:
        _refuse("Enter an email address in the correct format, like name@example.com", "email")
    if details.phone and not phone_is_valid(details.phone):
        _refuse("Enter a telephone number, like 0151 496 0000 or +44 151 496 0000", "phone")
    try:
        if details.url:
            URLValidator(schemes=["http", "https"])(details.url)
    except ValidationError:
        _refuse("Enter a web address in the correct format, like https://www.example.org", "url")


def _check_eligibility(details: ServiceDetails) -> None:
    for field, age in (("minimum_age", details.minimum_age), ("maximum_age", details.maximum_age)):
        if age is not None and not 0 <= age <= AGE_LIMIT:
            _refuse(f"The {field.split('_')[0]} age must be between 0 and {AGE_LIMIT}", field)
    minimum, maximum = details.minimum_age, details.maximum_age
    if minimum is not None and maximum is not None and maximum < minimum:
        _refuse("The maximum age must be the same as or more than the minimum age", "maximum_age")
    if details.cost not in COST_CHOICES:
        _refuse("Select whether the service costs anything", "cost")
    if details.cost == "charge" and not details.cost_description.strip():
        _refuse("Describe what it costs, like £3 for lunch", "cost_description")


def _check_rows(details: ServiceDetails, places: list[Location]) -> None:
    mine = {location.id for location in places}
    for index, place in enumerate(details.places):
        prefix = f"locations-{index}-"
        if place.location_id is not None and place.location_id not in mine:
            _refuse("That location is no longer one of this service's: reload the page", f"{prefix}address_1")
        for field, message in (
            ("address_1", "Enter the building and street"),
            ("city", "Enter the town or city"),
            ("state_province", "Enter the county"),
            ("postal_code", "Enter the postcode"),
        ):
            if not getattr(place, field).strip():
                _refuse(message, f"{prefix}{field}")
        if postcode_normal(place.postal_code) is None:
            _refuse(f"Enter a real postcode, like {examples.POSTCODE}", f"{prefix}postal_code")
    for index, (day, opens, closes) in enumerate(details.opening_times):
        if day not in _DAYS:
            _refuse("Select the day", f"opening_times-{index}-day")
        if closes <= opens:
            _refuse("The closing time must be later than the opening time", f"opening_times-{index}-closes_at")


def _entry_check(details: ServiceDetails, *, places: list[Location]) -> None:
    """The rules a directory entry must keep, whatever the form checked; the first broken one is raised."""
    _check_organisation(details)
    if not details.name.strip():
        _refuse("Enter the name of the service", "name")
    if len(details.name.strip()) > 255:
        _refuse("The name must be 255 characters or fewer", "name")
    if not details.description.strip():
        _refuse("Describe what the service offers", "description")
    _check_contact(details)
    _check_eligibility(details)
    if not details.categories:
        _refuse("Select at least one category", "categories")
    unknown = [code for code in details.categories if code not in BY_CODE]
    if unknown:
        _refuse("Select categories from the list", "categories")
    _check_rows(details, places)


def _organization_for(details: ServiceDetails, actor: Actor) -> Organization | None:
    if details.organization_id is not None:
        return selectors.organization_find(organization_id=details.organization_id)
    organization = Organization.objects.create(
        name=details.new_organization_name.strip(), description=details.new_organization_description.strip()
    )
    audit.record(
        actor=actor,
        action="directory.organization.created",
        target=organization,
        summary=f"Added the organisation {organization.name} to the directory",
    )
    return organization


def _phone_write(service: Service, number: str) -> bool:
    """Set (or clear) the number the form shows; other contacts and numbers are left alone."""
    main = selectors.phone_main(service)
    if number == (main.number if main else ""):
        return False
    if main is None:
        contact = Contact.objects.create(service=service)
        Phone.objects.create(contact=contact, number=number)
    elif number:
        Phone.objects.filter(pk=main.pk).update(number=number)
    else:
        Phone.objects.filter(pk=main.pk).delete()
        if not (main.contact.name or main.contact.title or main.contact.phones.exclude(pk=main.pk).exists()):
            Contact.objects.filter(pk=main.contact_id).delete()
    return True


def _cost_write(service: Service, cost: str, description: str) -> bool:
    description = description.strip() if cost == "charge" else ""
    if selectors.cost_of(service) == (cost, description):
        return False
    CostOption.objects.filter(service=service).delete()
    if cost == "free":
        CostOption.objects.create(service=service, amount=0, amount_description="Free")
    elif cost == "charge":
        CostOption.objects.create(service=service, amount_description=description)
    # ORUK 3.0 deprecates `fees` but its clients still read it, so it says the same.
    Service.objects.filter(pk=service.pk).update(fees={"free": "Free", "charge": description}.get(cost, ""))
    return True


def _places_write(service: Service, places: tuple[PlaceDetails, ...]) -> bool:
    """Make the service's addressed locations match the form: change, add, and unlink the rest.

    A location shared with other services is changed for them too (it is one place); one that no
    service is offered at any more is deleted.
    """
    current = {location.id: location for location in selectors.addressed_locations(service)}
    changed = False
    kept: set[uuid.UUID] = set()
    for place in places:
        fields: dict[str, Any] = {
            "name": place.name.strip(),
            "address_1": place.address_1.strip(),
            "city": place.city.strip(),
            "state_province": place.state_province.strip(),
            "postal_code": postcode_normal(place.postal_code) or place.postal_code.strip(),
        }
        location = current.get(place.location_id) if place.location_id else None
        if location is None:
            location = Location.objects.create(
                location_type=LocationType.PHYSICAL,
                address_id=uuid.uuid4(),
                address_type=LocationType.PHYSICAL,
                country="GB",
                **fields,
            )
            ServiceAtLocation.objects.create(service=service, location=location)
            changed = True
        elif any(getattr(location, name) != value for name, value in fields.items()):
            if location.postal_code != fields["postal_code"]:
                # Coordinates from the old address would put the place in the wrong spot.
                fields |= {"latitude": None, "longitude": None}
            Location.objects.filter(pk=location.pk).update(**fields)
            changed = True
        kept.add(location.id)
    for location_id in set(current) - kept:
        ServiceAtLocation.objects.filter(service=service, location_id=location_id).delete()
        if not ServiceAtLocation.objects.filter(location_id=location_id).exists():
            Location.objects.filter(pk=location_id).delete()
        changed = True
    return changed


def _opening_times_write(service: Service, opening_times: tuple[tuple[str, time, time], ...]) -> bool:
    wanted = selectors.weekly_times_sorted(set(opening_times))
    if selectors.weekly_times(service) == wanted:
        return False
    Schedule.objects.filter(pk__in=[s.pk for s in service.schedules.all() if selectors.is_weekly(s)]).delete()
    Schedule.objects.bulk_create(
        Schedule(
            service=service,
            freq=ScheduleFrequency.WEEKLY,
            interval=1,
            byday=day,
            opens_at=opens,
            closes_at=closes,
            description=selectors.weekly_time_text(day, opens, closes),
        )
        for day, opens, closes in wanted
    )
    return True


def _categories_write(service: Service, codes: tuple[str, ...]) -> bool:
    current = set(selectors.category_codes_of(service))
    wanted = set(codes)
    if current == wanted:
        return False
    terms = categories_ensure()
    Attribute.objects.filter(
        service=service, taxonomy_term_id__in=[BY_CODE[code].term_id for code in current - wanted]
    ).delete()
    Attribute.objects.bulk_create(
        Attribute(service=service, taxonomy_term=terms[code], link_type="service") for code in sorted(wanted - current)
    )
    return True


def _nested_write(service: Service, details: ServiceDetails) -> list[str]:
    """Write what the service nests; return the names of the parts that changed."""
    written = {
        "phone": _phone_write(service, details.phone.strip()),
        "cost": _cost_write(service, details.cost, details.cost_description),
        "places": _places_write(service, details.places),
        "opening times": _opening_times_write(service, details.opening_times),
        "categories": _categories_write(service, details.categories),
    }
    return [part for part, changed in written.items() if changed]


def _scalar_fields(details: ServiceDetails, organization: Organization | None) -> dict[str, Any]:
    return {
        "organization": organization,
        "name": details.name.strip(),
        "description": selectors.description_join(details.description.strip(), details.eligibility.strip()),
        "email": details.email.strip(),
        "url": details.url.strip(),
        "minimum_age": details.minimum_age,
        "maximum_age": details.maximum_age,
    }


@transaction.atomic
def service_create(*, details: ServiceDetails, status: str, actor: Actor) -> Service:
    """Add a service to the directory; whoever adds it has just checked it, so it counts as checked today."""
    require(policies.can_curate_directory(actor), NOT_A_CURATOR)
    _entry_check(details, places=[])
    if status not in ServiceStatus.values:
        _refuse("Select the service's status", "status")
    categories_ensure()
    organization = _organization_for(details, actor)
    service = Service.objects.create(
        **_scalar_fields(details, organization),
        status=status,
        last_modified=clock.now(),
        last_checked_on=clock.today(),
        checked_by=actor,
    )
    service = selectors.service_for_curation(service_id=service.id) or service
    _nested_write(service, details)
    audit.record(
        actor=actor,
        action="directory.service.created",
        target=service,
        summary=f"Added {service.name} to the directory",
        changes={"organization": organization.name if organization else None, "status": status},
    )
    search_index.service_terms_refresh([service.id])
    return service


@transaction.atomic
def service_update(*, service: Service, details: ServiceDetails, actor: Actor) -> Service:
    """Change a directory entry. What the form does not show (other contacts, monthly or dated
    schedules, places with no address, other taxonomies' terms) is kept as it is."""
    require(policies.can_curate_directory(actor), NOT_A_CURATOR)
    # Lock the row so two curators saving at once apply one change after the other.
    locked = Service.objects.select_for_update().filter(pk=service.pk).values_list("pk", flat=True).first()
    current = selectors.service_for_curation(service_id=locked) if locked else None
    if current is None:
        raise DomainError("This service is no longer in the directory")
    _entry_check(details, places=selectors.addressed_locations(current))
    organization = _organization_for(details, actor)
    fields = _scalar_fields(details, organization)
    changes = {
        name: [str(getattr(current, name) or ""), str(value or "")]
        for name, value in fields.items()
        if getattr(current, name) != value
    }
    parts = _nested_write(current, details)
    if not changes and not parts:
        return current
    Service.objects.filter(pk=current.pk).update(**fields, last_modified=clock.now())
    changed = [name.replace("_", " ") for name in changes] + parts
    audit.record(
        actor=actor,
        action="directory.service.updated",
        target=current,
        summary=f"Changed {fields['name']}: {', '.join(changed)}",
        changes=changes | dict.fromkeys(parts, "changed"),
    )
    search_index.service_terms_refresh([current.id])
    current.refresh_from_db()
    return current


@transaction.atomic
def service_mark_checked(*, service: Service, actor: Actor) -> Service:
    """Record that a member of staff confirmed today that the entry is still right."""
    require(policies.can_curate_directory(actor), NOT_A_CURATOR)
    today = clock.today()
    Service.objects.filter(pk=service.pk).update(last_checked_on=today, checked_by=actor)
    service.last_checked_on, service.checked_by = today, actor
    audit.record(
        actor=actor,
        action="directory.service.checked",
        target=service,
        summary=f"Checked {service.name}: still right on {today.isoformat()}",
    )
    search_index.service_terms_refresh([service.id])
    return service


@transaction.atomic
def service_status_change(*, service: Service, status: str, actor: Actor) -> Service:
    """Change whether a service is running: active, temporarily closed, inactive or defunct (closed for good)."""
    require(policies.can_curate_directory(actor), NOT_A_CURATOR)
    if status not in ServiceStatus.values:
        _refuse("Select the service's new status", "status")
    if status == service.status:
        _refuse(f"The service is already {ServiceStatus(status).label.lower()}: select a different status", "status")
    before = service.status
    Service.objects.filter(pk=service.pk).update(status=status, last_modified=clock.now())
    service.status = status
    now, was = ServiceStatus(status).label.lower(), ServiceStatus(before).label.lower()
    audit.record(
        actor=actor,
        action="directory.service.status_changed",
        target=service,
        summary=f"{service.name} is now {now} (was {was})",
        changes={"status": [before, status]},
    )
    search_index.service_terms_refresh([service.id])
    return service
