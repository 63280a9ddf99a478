"""Open Referral UK (HSDS-UK 3.0) service JSON to and from directory rows: pure mapping, no writes.

`service_from_json` checks what the UK profile's schemas require (required properties, types, UUID,
URL and email formats, enums, ISO dates) and names every problem by its path, so a publisher can fix
a whole file in one go. Properties the profile defines that we do not store yet (languages, funding,
accessibility, organisation identifiers, attributes on anything but a service) are ignored.
"""

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from tandem.core.errors import DomainError
from tandem.directory.models import (
    Contact,
    CostOption,
    Location,
    LocationType,
    Organization,
    Schedule,
    ScheduleFrequency,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)

# --- Limits on a file to import (documented in docs/contexts/directory.md and the README) ----------
# A whole directory of a few thousand fully nested services is a few megabytes; these leave room.
MAX_FILE_BYTES = 50 * 1024 * 1024
# A fully nested service is at most six levels deep inside a list page (page, contents, service,
# service_at_locations, location, addresses); anything far deeper is not ORUK.
MAX_DEPTH = 32
# Any one text property without a narrower limit of its own (descriptions, notes, alerts).
MAX_TEXT = 10_000
# A service area's `extent` may be a whole boundary as GeoJSON or WKT: a borough's runs to
# hundreds of thousands of characters, so it has a limit of its own.
MAX_EXTENT = 2_000_000


class DatasetUnreadable(DomainError):
    """The file cannot be read as ORUK JSON at all (too big, not UTF-8, not JSON, nested too deep)."""


def _depth_over(data: object, limit: int) -> bool:
    """Whether any value lies more than `limit` arrays or objects deep (without recursing)."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def dataset_size_check(size: int, *, name: str) -> None:
    """Refuse a file over MAX_FILE_BYTES (checked before it is read, where the size is known)."""
    if size > MAX_FILE_BYTES:
        raise DatasetUnreadable(
            f"{name} is {size / 1024 / 1024:.1f} MiB: the largest file that can be imported is "
            f"{MAX_FILE_BYTES // 1024 // 1024} MiB. Split it into several files of services and import each."
        )


def dataset_load(raw: bytes, *, name: str) -> object:
    """The JSON in a file's bytes, or a DatasetUnreadable saying plainly what is wrong with it.

    JSON exchanged between systems must be UTF-8 (RFC 8259 section 8.1); a byte order mark is
    tolerated, as that section allows. Never a traceback: every way `json.loads` can fail on
    hostile input (bad bytes, bad syntax, nesting past the interpreter's recursion limit, an
    integer too long to convert) is turned into a message naming the file.
    """
    dataset_size_check(len(raw), name=name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DatasetUnreadable(
            f"{name} is not UTF-8 text: byte 0x{raw[error.start]:02x} on line {line} (byte {error.start + 1}) "
            "is not UTF-8. ORUK files are JSON, which is always UTF-8: save the file as UTF-8 and try again."
        ) from None
    data: object = None
    too_deep = False
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DatasetUnreadable(f"{name} is not JSON: {error}") from None
    except RecursionError:  # nested past the interpreter's limit (about a thousand levels)
        too_deep = True
    except ValueError as error:  # an integer of more than 4,300 digits, say
        raise DatasetUnreadable(f"{name} is not JSON that can be read: {error}") from None
    if too_deep or _depth_over(data, MAX_DEPTH):
        raise DatasetUnreadable(
            f"{name} is nested more than {MAX_DEPTH} levels deep: an ORUK file of services is never more than "
            "a few levels deep, so this is not one."
        )
    return data


# --- What a file that is not services appears to be, from the properties its records have --------
# A service's own properties (service.json) that no other ORUK table has at its top level.
_SERVICE_ONLY = frozenset(
    {
        "status",
        "organization_id",
        "organization",
        "url",
        "fees",
        "accreditations",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "assurer_email",
        "alert",
        "last_modified",
        "schedules",
        "service_areas",
        "service_at_locations",
        "languages",
        "funding",
        "cost_options",
        "contacts",
    }
)
# Each other kind of ORUK record, by the properties only it has, with where the standard keeps
# them (HSDS-UK 3.0 schema/*.json, and the list endpoints of schema/openapi.json).
_KINDS: tuple[tuple[str, str, str, frozenset[str]], ...] = (
    (
        "service at a location",
        "services at locations",
        "what ORUK's `GET /service_at_locations` lists",
        frozenset({"service", "location_id"}),
    ),
    (
        "taxonomy term",
        "taxonomy terms",
        "what ORUK's `GET /taxonomy_terms` lists",
        frozenset({"parent_id", "taxonomy", "taxonomy_id", "term", "term_uri", "code"}),
    ),
    ("taxonomy", "taxonomies", "what ORUK's `GET /taxonomies` lists", frozenset({"version", "taxonomy_terms"})),
    (
        "location",
        "locations",
        "rows of ORUK's location table",
        frozenset({"location_type", "addresses", "latitude", "longitude"}),
    ),
    ("address", "addresses", "rows of ORUK's address table", frozenset({"address_1", "postal_code", "state_province"})),
    (
        "schedule",
        "schedules",
        "rows of ORUK's schedule table",
        frozenset({"byday", "freq", "opens_at", "closes_at", "dtstart"}),
    ),
    ("phone number", "phone numbers", "rows of ORUK's phone table", frozenset({"number"})),
    (
        "organisation",
        "organisations",
        "what ORUK's `GET /organizations` lists",
        frozenset(
            {
                "website",
                "logo",
                "organization_identifiers",
                "parent_organization_id",
                "services",
                "email",
                "legal_status",
                "year_incorporated",
            }
        ),
    ),
)
TAKES = (
    "`tandem directory import` takes services: one fully nested service (as `GET /services/{id}` gives it), "
    "a list of services, or a list page of them (as `GET /services` or `tandem directory export` gives it)."
)


def record_kind(record: object) -> tuple[str, str, str] | None:
    """(what one is, what several are, where ORUK keeps them) for a record that is clearly some
    other ORUK table than a service; None for a service, or for anything not recognisably ORUK."""
    if not isinstance(record, dict) or _SERVICE_ONLY & set(record):
        return None
    for one, several, where, keys in _KINDS:
        if keys & set(record):
            return one, several, where
    return None


def file_kind(data: object, records: list[object]) -> str | None:
    """What the whole file appears to be, when it is plainly not services (else None)."""
    if isinstance(data, dict) and "openapi" in data and "paths" in data:
        return "an OpenAPI description of an API"
    if isinstance(data, dict) and {"version", "openapi_url"} <= set(data):
        return "the description of an ORUK API (what `GET /` answers)"
    kinds = [record_kind(record) for record in records]
    first = kinds[0] if kinds else None
    if first is None or any(kind != first for kind in kinds):
        return None
    one, several, where = first
    return f"one {one} ({where})" if len(records) == 1 else f"a list of {len(records)} {several} ({where})"


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# ORUK asks for HH:MM with a zone suffix; seconds and the suffix are accepted and the zone dropped,
# because every directory Tandem serves is in UK local time.
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2}))?(?:Z|[+-]\d{2}:?\d{2})?$")
_URL = URLValidator()


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one record of a dataset, e.g. `services[3].contacts[0].name`."""

    record: int
    field: str
    message: str

    def __str__(self) -> str:
        return (
            f"services[{self.record}].{self.field}: {self.message}"
            if self.field
            else f"services[{self.record}]: {self.message}"
        )


@dataclass(frozen=True)
class Row:
    """One database row to upsert: its ORUK id and its model field values (foreign keys as `<name>_id`)."""

    id: uuid.UUID
    fields: dict[str, Any]


@dataclass
class ParsedService:
    """A service and everything nested in it, as rows in the order they can be written."""

    record: int
    service: Row | None = None
    organization: Row | None = None
    taxonomies: list[Row] = field(default_factory=list)
    taxonomy_terms: list[Row] = field(default_factory=list)
    locations: list[Row] = field(default_factory=list)
    service_at_locations: list[Row] = field(default_factory=list)
    contacts: list[Row] = field(default_factory=list)
    phones: list[Row] = field(default_factory=list)
    schedules: list[Row] = field(default_factory=list)
    service_areas: list[Row] = field(default_factory=list)
    cost_options: list[Row] = field(default_factory=list)
    attributes: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Reader:
    """Reads one JSON object's properties, noting a problem for each that breaks the schema."""

    def __init__(self, parsed: ParsedService, data: object, path: str) -> None:
        self.parsed = parsed
        self.path = path
        self.data: dict[str, Any] = {}
        if isinstance(data, dict):
            self.data = data
        else:
            self.problem("", "must be an object")

    def problem(self, key: str, message: str) -> None:
        where = ".".join(part for part in (self.path, key) if part)
        self.parsed.problems.append(Problem(record=self.parsed.record, field=where, message=message))

    def _raw(self, key: str, *, required: bool) -> Any:
        value = self.data.get(key)
        if value is None and required:
            self.problem(key, "is required")
        return value

    def text(self, key: str, *, required: bool = False, max_length: int = MAX_TEXT) -> str:
        value = self._raw(key, required=required)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem(key, "must be a string")
            return ""
        if required and not value.strip():
            self.problem(key, "must not be blank")
        if len(value) > max_length:
            self.problem(key, f"must be {max_length:,} characters or fewer (it has {len(value):,})")
        return value

    def uuid(self, key: str, *, required: bool = False) -> uuid.UUID | None:
        value = self.text(key, required=required)
        if not value:
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            self.problem(key, "not a UUID")
            return None

    def url(self, key: str) -> str:
        value = self.text(key, max_length=500)
        if value:
            try:
                _URL(value)
            except ValidationError:
                self.problem(key, "not a URL")
        return value

    def email(self, key: str) -> str:
        value = self.text(key, max_length=254)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.problem(key, "not an email address")
        return value

    def choice(self, key: str, allowed: list[str], *, required: bool = False) -> str:
        value = self.text(key, required=required)
        if value and value not in allowed:
            self.problem(key, f"must be one of {', '.join(repr(a) for a in allowed)}")
        return value

    def date(self, key: str) -> date | None:
        value = self.text(key)
        if not value:
            return None
        try:
            if not _DATE.match(value):
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            self.problem(key, "not a date in the form YYYY-MM-DD")
            return None

    def datetime(self, key: str) -> datetime | None:
        value = self.text(key)
        if not value:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            self.problem(key, "not an ISO 8601 date and time")
            return None
        if moment.tzinfo is None:
            self.problem(key, "must include a time zone")
            return None
        return moment

    def time(self, key: str) -> time | None:
        value = self.text(key)
        if not value:
            return None
        match = _TIME.match(value)
        try:
            if match is None:
                raise ValueError(value)
            return time(int(match[1]), int(match[2]), int(match[3] or 0))
        except ValueError:
            self.problem(key, "not a time in the form HH:MM")
            return None

    def number(self, key: str, *, minimum: float, maximum: float) -> float | None:
        value = self._raw(key, required=False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(key, "must be a number")
            return None
        if not minimum <= value <= maximum:
            self.problem(key, f"must be between {minimum:g} and {maximum:g}")
            return None
        return float(value)

    def whole_number(self, key: str, *, minimum: int, maximum: int) -> int | None:
        value = self.number(key, minimum=minimum, maximum=maximum)
        if value is None:
            return None
        if not value.is_integer():
            self.problem(key, "must be a whole number")
            return None
        return int(value)

    def money(self, key: str) -> Decimal | None:
        value = self.number(key, minimum=0, maximum=99_999_999)
        if value is None:
            return None
        try:
            return Decimal(str(self.data[key])).quantize(Decimal("0.01"))
        except InvalidOperation:  # pragma: no cover - number() already checked the type
            self.problem(key, "must be a number")
            return None

    def items(self, key: str) -> list[tuple[str, object]]:
        value = self._raw(key, required=False)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(key, "must be a list")
            return []
        prefix = f"{self.path}.{key}" if self.path else key
        return [(f"{prefix}[{index}]", item) for index, item in enumerate(value)]

    def child(self, key: str) -> "_Reader | None":
        value = self._raw(key, required=False)
        if value is None:
            return None
        return _Reader(self.parsed, value, f"{self.path}.{key}" if self.path else key)


def _row(reader: _Reader, fields: dict[str, Any]) -> Row | None:
    row_id = reader.uuid("id", required=True)
    return Row(id=row_id, fields=fields) if row_id is not None else None


def _organization(reader: _Reader) -> Row | None:
    fields = {
        "name": reader.text("name", required=True, max_length=255),
        "description": reader.text("description", required=True),
        "email": reader.email("email"),
        "website": reader.url("website"),
        "logo": reader.text("logo"),
        "uri": reader.url("uri"),
    }
    return _row(reader, fields)


def _location(reader: _Reader) -> Row | None:
    fields: dict[str, Any] = {
        "location_type": reader.choice("location_type", LocationType.values, required=True),
        "name": reader.text("name", max_length=255),
        "description": reader.text("description"),
        "latitude": reader.number("latitude", minimum=-90, maximum=90),
        "longitude": reader.number("longitude", minimum=-180, maximum=180),
        "external_identifier": reader.text("external_identifier", max_length=255),
        "external_identifier_type": reader.text("external_identifier_type", max_length=255),
        "address_id": None,
    }
    addresses = reader.items("addresses")
    for path, _item in addresses[1:]:
        reader.parsed.problems.append(
            Problem(record=reader.parsed.record, field=path, message="only one address per location is supported")
        )
    for path, item in addresses[:1]:
        address = _Reader(reader.parsed, item, path)
        fields |= {
            "address_id": address.uuid("id", required=True),
            "attention": address.text("attention", max_length=255),
            "address_1": address.text("address_1", required=True, max_length=255),
            "city": address.text("city", required=True, max_length=255),
            "region": address.text("region", max_length=255),
            "state_province": address.text("state_province", required=True, max_length=255),
            "postal_code": address.text("postal_code", required=True, max_length=20),
            "country": address.text("country", required=True, max_length=2),
            "address_type": address.choice("address_type", LocationType.values, required=True),
        }
    return _row(reader, fields)


def _taxonomy_term(reader: _Reader, parsed: ParsedService) -> Row | None:
    taxonomy_id = reader.uuid("taxonomy_id")
    taxonomy_name = reader.text("taxonomy", max_length=255)
    if taxonomy_id is not None:
        # A service file names a term's taxonomy only by id and free text, so the taxonomy row is
        # made from those; a fuller description can come later from a taxonomy import.
        parsed.taxonomies.append(
            Row(id=taxonomy_id, fields={"name": taxonomy_name or str(taxonomy_id), "description": ""})
        )
    parent_id = reader.uuid("parent_id")
    if parent_id is not None and parent_id == reader.uuid("id"):
        reader.problem("parent_id", "a term cannot be its own parent")
    fields: dict[str, Any] = {
        "name": reader.text("name", required=True, max_length=255),
        "description": reader.text("description", required=True),
        # ORUK: "give the identifier of the parent category". The parent is referred to, not
        # required: a file may carry a term without the rest of its taxonomy (issue 13).
        "parent_id": parent_id,
        "taxonomy_id": taxonomy_id,
        "taxonomy_name": taxonomy_name,
        "term_uri": reader.url("term_uri"),
        "term": reader.text("term", max_length=255),
    }
    return _row(reader, fields)


def _append(rows: list[Row], row: Row | None) -> None:
    if row is not None:
        rows.append(row)


def _owned(item: _Reader, key: str, service_id: uuid.UUID | None) -> None:
    """A nested row may repeat its parent's id, but must not name another parent."""
    given = item.uuid(key)
    if given is not None and service_id is not None and given != service_id:
        item.problem(key, "does not match the service's id")


def _contacts(reader: _Reader, parsed: ParsedService, service_id: uuid.UUID | None) -> None:
    for path, item in reader.items("contacts"):
        contact = _Reader(parsed, item, path)
        _owned(contact, "service_id", service_id)
        fields = {
            "service_id": service_id,
            "name": contact.text("name", max_length=255),
            "title": contact.text("title", max_length=255),
        }
        contact_row = _row(contact, fields)
        _append(parsed.contacts, contact_row)
        # The UK profile has no home for phones in a service; HSDS 3.0 nests them in contacts.
        for phone_path, phone_item in contact.items("phones"):
            phone = _Reader(parsed, phone_item, phone_path)
            given = phone.uuid("contact_id")
            if given is not None and contact_row is not None and given != contact_row.id:
                phone.problem("contact_id", "does not match the contact's id")
            phone_fields = {
                "contact_id": contact_row.id if contact_row else None,
                "number": phone.text("number", required=True, max_length=50),
                "description": phone.text("description"),
            }
            _append(parsed.phones, _row(phone, phone_fields))


def _linked_id(
    link: _Reader,
    nested: str,
    read: Callable[[_Reader], Row | None],
    rows: list[Row],
    seen: set[uuid.UUID],
    *,
    again: str,
) -> uuid.UUID | None:
    """What a link row points at: the `<nested>_id` it gives, or the row nested in it (read, and
    added to `rows`). A problem when it gives neither, when the two disagree, or when the service
    links to the same one twice (`again` says so)."""
    key = f"{nested}_id"
    linked_id = link.uuid(key)
    inside = link.child(nested)
    row = read(inside) if inside is not None else None
    if row is not None:
        if linked_id is not None and linked_id != row.id:
            link.problem(key, f"does not match {nested}.id")
        linked_id = row.id
        rows.append(row)
    if linked_id is None:
        link.problem(key, f"is required when no {nested} is given")
    elif linked_id in seen:
        link.problem(key, again)
    else:
        seen.add(linked_id)
    return linked_id


def _service_at_locations(reader: _Reader, parsed: ParsedService, service_id: uuid.UUID | None) -> None:
    located: set[uuid.UUID] = set()
    for path, item in reader.items("service_at_locations"):
        link = _Reader(parsed, item, path)
        _owned(link, "service_id", service_id)
        location_id = _linked_id(
            link, "location", _location, parsed.locations, located, again="the service is already at this location"
        )
        _append(parsed.service_at_locations, _row(link, {"service_id": service_id, "location_id": location_id}))


def _schedules(reader: _Reader, parsed: ParsedService, service_id: uuid.UUID | None) -> None:
    service_at_location_ids = {row.id for row in parsed.service_at_locations}
    for path, item in reader.items("schedules"):
        schedule = _Reader(parsed, item, path)
        _owned(schedule, "service_id", service_id)
        at = schedule.uuid("service_at_location_id")
        if at is not None and at not in service_at_location_ids:
            schedule.problem("service_at_location_id", "is not one of this service's service_at_locations")
        valid_from, valid_to = schedule.date("valid_from"), schedule.date("valid_to")
        if valid_from and valid_to and valid_from > valid_to:
            schedule.problem("valid_to", "must not be before valid_from")
        fields: dict[str, Any] = {
            "service_id": service_id,
            "service_at_location_id": at,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "dtstart": schedule.date("dtstart"),
            "freq": schedule.choice("freq", ScheduleFrequency.values),
            "interval": schedule.whole_number("interval", minimum=1, maximum=366),
            "byday": schedule.text("byday", max_length=50),
            "bymonthday": schedule.text("bymonthday", max_length=50),
            "description": schedule.text("description"),
            "opens_at": schedule.time("opens_at"),
            "closes_at": schedule.time("closes_at"),
            "schedule_link": schedule.url("schedule_link"),
            "attending_type": schedule.text("attending_type", max_length=255),
            "notes": schedule.text("notes"),
        }
        _append(parsed.schedules, _row(schedule, fields))


def _service_areas_and_costs(reader: _Reader, parsed: ParsedService, service_id: uuid.UUID | None) -> None:
    for path, item in reader.items("service_areas"):
        area = _Reader(parsed, item, path)
        _owned(area, "service_id", service_id)
        fields: dict[str, Any] = {
            "service_id": service_id,
            "name": area.text("name", max_length=255),
            "extent": area.text("extent", max_length=MAX_EXTENT),
            "extent_type": area.text("extent_type", max_length=255),
            "uri": area.text("uri"),
            "service_area": area.text("service_area"),
        }
        _append(parsed.service_areas, _row(area, fields))
    for path, item in reader.items("cost_options"):
        cost = _Reader(parsed, item, path)
        _owned(cost, "service_id", service_id)
        fields = {
            "service_id": service_id,
            "valid_from": cost.date("valid_from"),
            "valid_to": cost.date("valid_to"),
            "option": cost.text("option"),
            "amount": cost.money("amount"),
            "amount_description": cost.text("amount_description"),
        }
        _append(parsed.cost_options, _row(cost, fields))


def _attributes(reader: _Reader, parsed: ParsedService, service_id: uuid.UUID | None) -> None:
    tagged: set[uuid.UUID] = set()
    for path, item in reader.items("attributes"):
        attribute = _Reader(parsed, item, path)
        _owned(attribute, "link_id", service_id)
        term_id = _linked_id(
            attribute,
            "taxonomy_term",
            lambda nested: _taxonomy_term(nested, parsed),
            parsed.taxonomy_terms,
            tagged,
            again="the service already has this term",
        )
        fields = {
            "service_id": service_id,
            "taxonomy_term_id": term_id,
            "link_type": attribute.text("link_type", max_length=50) or "service",
        }
        _append(parsed.attributes, _row(attribute, fields))


def service_from_json(data: object, *, record: int = 0) -> ParsedService:
    """Read one fully nested ORUK service; `problems` lists everything wrong, empty when it is good."""
    parsed = ParsedService(record=record)
    reader = _Reader(parsed, data, "")
    service_id = reader.uuid("id", required=True)
    organization_id = reader.uuid("organization_id")
    organization = reader.child("organization")
    parsed.organization = _organization(organization) if organization is not None else None
    if parsed.organization is not None:
        if organization_id is not None and organization_id != parsed.organization.id:
            reader.problem("organization_id", "does not match organization.id")
        organization_id = parsed.organization.id
    minimum = reader.whole_number("minimum_age", minimum=0, maximum=150)
    maximum = reader.whole_number("maximum_age", minimum=0, maximum=150)
    if minimum is not None and maximum is not None and minimum > maximum:
        reader.problem("maximum_age", "must not be less than minimum_age")
    fields: dict[str, Any] = {
        "organization_id": organization_id,
        "name": reader.text("name", required=True, max_length=255),
        "description": reader.text("description"),
        "url": reader.url("url"),
        "email": reader.email("email"),
        "status": reader.choice("status", ServiceStatus.values, required=True),
        "fees": reader.text("fees"),
        "accreditations": reader.text("accreditations"),
        "minimum_age": minimum,
        "maximum_age": maximum,
        "assured_date": reader.date("assured_date"),
        "assurer_email": reader.email("assurer_email"),
        "alert": reader.text("alert"),
        "last_modified": reader.datetime("last_modified"),
    }
    if service_id is not None:
        parsed.service = Row(id=service_id, fields=fields)
    _contacts(reader, parsed, service_id)
    _service_at_locations(reader, parsed, service_id)
    _schedules(reader, parsed, service_id)
    _service_areas_and_costs(reader, parsed, service_id)
    _attributes(reader, parsed, service_id)
    return parsed


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """ORUK types optional properties as plain strings and numbers, so absent values are left out."""
    return {key: value for key, value in data.items() if value is not None and value != ""}


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _hhmm(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def organization_to_json(organization: Organization) -> dict[str, Any]:
    return _compact(
        {
            "id": str(organization.id),
            "name": organization.name,
            "description": organization.description,
            "email": organization.email,
            "website": organization.website,
            "logo": organization.logo,
            "uri": organization.uri,
        }
    )


def location_to_json(location: Location) -> dict[str, Any]:
    addresses = []
    if location.address_id is not None:
        addresses.append(
            _compact(
                {
                    "id": str(location.address_id),
                    "location_id": str(location.id),
                    "attention": location.attention,
                    "address_1": location.address_1,
                    "city": location.city,
                    "region": location.region,
                    "state_province": location.state_province,
                    "postal_code": location.postal_code,
                    "country": location.country,
                    "address_type": location.address_type,
                }
            )
        )
    return _compact(
        {
            "id": str(location.id),
            "location_type": location.location_type,
            "name": location.name,
            "description": location.description,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "external_identifier": location.external_identifier,
            "external_identifier_type": location.external_identifier_type,
        }
    ) | {"addresses": addresses}


def taxonomy_term_to_json(term: TaxonomyTerm) -> dict[str, Any]:
    return _compact(
        {
            "id": str(term.id),
            "name": term.name,
            "description": term.description,
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": term.taxonomy_name,
            "taxonomy_id": str(term.taxonomy_id) if term.taxonomy_id else None,
            "term_uri": term.term_uri,
            "term": term.term,
        }
    )


def _contact_to_json(contact: Contact) -> dict[str, Any]:
    phones = [
        _compact(
            {
                "id": str(phone.id),
                "contact_id": str(contact.id),
                "number": phone.number,
                "description": phone.description,
            }
        )
        for phone in contact.phones.all()
    ]
    fields = {
        "id": str(contact.id),
        "service_id": str(contact.service_id),
        "name": contact.name,
        "title": contact.title,
    }
    return _compact(fields) | {"phones": phones}


def _schedule_to_json(schedule: Schedule) -> dict[str, Any]:
    return _compact(
        {
            "id": str(schedule.id),
            "service_id": str(schedule.service_id),
            "service_at_location_id": str(schedule.service_at_location_id) if schedule.service_at_location_id else None,
            "valid_from": _iso(schedule.valid_from),
            "valid_to": _iso(schedule.valid_to),
            "dtstart": _iso(schedule.dtstart),
            "freq": schedule.freq,
            "interval": schedule.interval,
            "byday": schedule.byday,
            "bymonthday": schedule.bymonthday,
            "description": schedule.description,
            "opens_at": _hhmm(schedule.opens_at),
            "closes_at": _hhmm(schedule.closes_at),
            "schedule_link": schedule.schedule_link,
            "attending_type": schedule.attending_type,
            "notes": schedule.notes,
        }
    )


def _service_area_to_json(area: ServiceArea) -> dict[str, Any]:
    fields = ("name", "extent", "extent_type", "uri", "service_area")
    return _compact({"id": str(area.id), "service_id": str(area.service_id)} | {f: getattr(area, f) for f in fields})


def _cost_option_to_json(cost: CostOption) -> dict[str, Any]:
    return _compact(
        {
            "id": str(cost.id),
            "service_id": str(cost.service_id),
            "valid_from": _iso(cost.valid_from),
            "valid_to": _iso(cost.valid_to),
            "option": cost.option,
            "amount": float(cost.amount) if cost.amount is not None else None,
            "amount_description": cost.amount_description,
        }
    )


def _service_at_location_to_json(link: ServiceAtLocation) -> dict[str, Any]:
    return {
        "id": str(link.id),
        "service_id": str(link.service_id),
        "location_id": str(link.location_id),
        "location": location_to_json(link.location),
    }


def taxonomy_to_json(taxonomy: Taxonomy) -> dict[str, Any]:
    # id, name and description are required by the profile, so they are sent even when blank.
    return {"id": str(taxonomy.id), "name": taxonomy.name, "description": taxonomy.description} | _compact(
        {"uri": taxonomy.uri, "version": taxonomy.version}
    )


def service_summary_to_json(service: Service) -> dict[str, Any]:
    """A service's one-to-one properties and its organisation: one item of `GET /services`."""
    fields = _compact(
        {
            "id": str(service.id),
            "organization_id": str(service.organization_id) if service.organization_id else None,
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "fees": service.fees,
            "accreditations": service.accreditations,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": _iso(service.assured_date),
            "assurer_email": service.assurer_email,
            "alert": service.alert,
            "last_modified": _iso(service.last_modified),
        }
    )
    if service.organization is not None:
        fields["organization"] = organization_to_json(service.organization)
    return fields


def service_to_json(service: Service) -> dict[str, Any]:
    """The fully nested ORUK service (`GET /services/{id}`); prefetch with `services_for_export`."""
    nested: dict[str, Any] = {
        "schedules": [_schedule_to_json(s) for s in service.schedules.all()],
        "service_areas": [_service_area_to_json(a) for a in service.service_areas.all()],
        "service_at_locations": [_service_at_location_to_json(link) for link in service.service_at_locations.all()],
        "cost_options": [_cost_option_to_json(c) for c in service.cost_options.all()],
        "contacts": [_contact_to_json(c) for c in service.contacts.all()],
        "attributes": [
            {
                "id": str(attribute.id),
                "link_id": str(service.id),
                "taxonomy_term_id": str(attribute.taxonomy_term_id),
                "link_type": attribute.link_type,
                "taxonomy_term": taxonomy_term_to_json(attribute.taxonomy_term),
            }
            for attribute in service.attributes.all()
        ],
    }
    summary = service_summary_to_json(service)
    organization = summary.pop("organization", None)
    if organization is not None:
        nested["organization"] = organization
    return summary | nested


# --- service_at_locations and minimal services (the rest of the ORUK read API) ---------------------


def service_at_location_summary_to_json(link: ServiceAtLocation) -> dict[str, Any]:
    """One item of `GET /service_at_locations`: the link, its location's and service's one-to-one
    properties (compiled/service_at_location_list.json)."""
    location = location_to_json(link.location)
    location.pop("addresses")
    return {
        "id": str(link.id),
        "service_id": str(link.service_id),
        "location_id": str(link.location_id),
        "location": location,
        "service": service_summary_to_json(link.service),
    }


def service_at_location_to_json(link: ServiceAtLocation) -> dict[str, Any]:
    """`GET /service_at_locations/{id}`: the location with its address, and the fully nested service
    less its own service_at_locations (compiled/service_at_location.json)."""
    service = service_to_json(link.service)
    service.pop("service_at_locations")
    return {
        "id": str(link.id),
        "service_id": str(link.service_id),
        "location_id": str(link.location_id),
        "location": location_to_json(link.location),
        "service": service,
    }


def service_minimal_to_json(service: Service) -> dict[str, Any]:
    """`minimal=true`: the id and when the service last changed, so a reader knows what to fetch."""
    return {"id": str(service.id), "last_modified": _iso(service.last_modified)}
