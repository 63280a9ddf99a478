"""FHIR search parameters, read into database filters; anything Tandem does not support is refused.

Tandem is strict where the FHIR default is lenient: an unknown or misspelt parameter is a 400,
never silently ignored, so a partner cannot believe it narrowed a search when it did not.
"""

import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models import Q, Value
from django.db.models.functions import Replace, Upper
from django.http import QueryDict

from tandem.interop import uk_core
from tandem.interop.outcomes import FhirError

DEFAULT_COUNT = 20
MAX_COUNT = 100
MAX_OFFSET = 1_000_000
# Accepted anywhere and ignored: they change nothing about what is returned in JSON.
_IGNORED = {"_format", "_pretty"}
_JSON_FORMATS = {"json", "application/json", "application/fhir+json", "application/json+fhir"}
_PREFIXES = ("eq", "ne", "lt", "gt", "le", "ge", "sa", "eb")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def bad(parameter: str, message: str) -> FhirError:
    return FhirError(400, "invalid", f"{parameter}: {message}", expression=parameter)


@dataclass(frozen=True)
class Paging:
    count: int
    offset: int


def paging(query: QueryDict) -> Paging:
    def number(name: str, default: int) -> int:
        raw = query.get(name)
        if raw is None:
            return default
        if not raw.isascii() or not raw.isdigit():
            raise bad(name, "must be a whole number, 0 or more")
        return int(raw)

    offset = number("_offset", 0)
    if offset > MAX_OFFSET:
        raise bad("_offset", f"must be at most {MAX_OFFSET}: narrow the search instead")
    return Paging(count=min(number("_count", DEFAULT_COUNT), MAX_COUNT), offset=offset)


def check_format(query: QueryDict) -> None:
    """Refuse what no search can use: control characters (a database cannot hold NUL), or a
    format other than JSON."""
    for key, values in query.lists():
        if any(ord(c) < 32 for text in (key, *values) for c in text):
            raise bad(key, "remove the control characters")
    for value in query.getlist("_format"):
        if value.strip().lower() not in _JSON_FORMATS:
            raise FhirError(406, "not-supported", "_format: Tandem answers in JSON only (application/fhir+json)")


def _range(raw: str, parameter: str) -> tuple[datetime, datetime]:
    """The instants a FHIR date or dateTime value covers, at its precision: [start, end)."""
    try:
        return _range_of(raw, parameter)
    except (ValueError, OverflowError):
        raise bad(parameter, f"{raw} is not a date (YYYY, YYYY-MM, YYYY-MM-DD) or dateTime Tandem can search") from None


def _range_of(raw: str, parameter: str) -> tuple[datetime, datetime]:
    found = _DATE.match(raw)
    if found:
        year, month, day = int(found.group(1)), int(found.group(2) or 1), int(found.group(3) or 1)
        start = datetime(year, month, day, tzinfo=UTC)
        if found.group(3):
            return start, start + timedelta(days=1)
        if found.group(2):
            return start, (start + timedelta(days=32)).replace(day=1)
        return start, start.replace(year=year + 1)
    moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise bad(parameter, "a dateTime needs a time zone, such as Z")
    step = timedelta(microseconds=1) if moment.microsecond else timedelta(seconds=1)
    return moment, moment + step


def date_filter(field: str, raw: str, parameter: str, *, as_date: bool) -> Q:
    prefix, value = (raw[:2], raw[2:]) if raw[:2] in _PREFIXES else ("eq", raw)
    start_at, end_at = _range(value, parameter)
    start: date | datetime = start_at.date() if as_date else start_at
    end: date | datetime = end_at.date() if as_date else end_at
    within = Q(**{f"{field}__gte": start, f"{field}__lt": end})
    conditions = {
        "eq": within,
        "ne": ~within & Q(**{f"{field}__isnull": False}),
        "lt": Q(**{f"{field}__lt": start}),
        "eb": Q(**{f"{field}__lt": start}),
        "le": Q(**{f"{field}__lt": end}),
        "gt": Q(**{f"{field}__gte": end}),
        "sa": Q(**{f"{field}__gte": end}),
        "ge": Q(**{f"{field}__gte": start}),
    }
    return conditions[prefix]


def _any(values: Iterable[str], one: Callable[[str], Q]) -> Q:
    """Comma-separated values of one parameter: any of them (FHIR's OR)."""
    combined = Q(pk__in=[])
    for value in values:
        combined |= one(value)
    return combined


def _values(raw: str, parameter: str) -> list[str]:
    values = [value.strip() for value in raw.split(",")]
    if not all(values):
        raise bad(parameter, "give a value")
    return values


def _text(field: str, value: str, modifier: str) -> Q:
    lookup = {"": "istartswith", "exact": "exact", "contains": "icontains"}[modifier]
    return Q(**{f"{field}__{lookup}": value})


def _word(field: str, value: str, modifier: str) -> Q:
    """A field holding several words (other given names): any word matches as a name would."""
    if modifier == "exact":
        return Q(**{f"{field}__regex": rf"(^|\s){re.escape(value)}(\s|$)"})
    if modifier == "contains":
        return Q(**{f"{field}__icontains": value})
    return Q(**{f"{field}__istartswith": value}) | Q(**{f"{field}__icontains": f" {value}"})


def _ids(value: str) -> Q:
    try:
        return Q(uuid=uuid.UUID(value))
    except ValueError:
        return Q(pk__in=[])  # an id Tandem never gave out finds nothing


def _identifier(value: str) -> Q:
    system, bar, code = value.rpartition("|")
    if bar and system not in ("", uk_core.NHS_NUMBER_SYSTEM):
        return Q(pk__in=[])  # Tandem holds no identifiers of other systems
    compact = code.replace(" ", "")
    return Q(nhs_number=compact) if compact.isascii() and compact.isdigit() and len(compact) == 10 else Q(pk__in=[])


def _postcode(value: str, modifier: str) -> Q:
    compact = re.sub(r"\s", "", value).upper()
    lookup = {"": "startswith", "exact": "exact", "contains": "contains"}[modifier]
    return Q(**{f"postcode_compact__{lookup}": compact})


def _name(value: str, modifier: str) -> Q:
    return (
        _text("family_name", value, modifier)
        | _text("given_name", value, modifier)
        | _text("preferred_name", value, modifier)
        | _word("other_given_names", value, modifier)
        | _text("previous_names__family_name", value, modifier)
        | _text("previous_names__given_name", value, modifier)
    )


_STRING_MODIFIERS = {"", "exact", "contains"}


@dataclass(frozen=True)
class Criteria:
    """What a search asks for: filters (AND across parameters), includes, and the page."""

    filters: list[Q]
    includes: list[str]
    paging: Paging
    # Whether a filter reaches through a to-many relation (previous names), so rows may repeat.
    needs_distinct: bool = False


def _parameters(query: QueryDict) -> Iterable[tuple[str, str, str]]:
    for key in query:
        if key in _IGNORED or key in ("_count", "_offset", "_include"):
            continue
        name, _, modifier = key.partition(":")
        for raw in query.getlist(key):
            yield name, modifier, raw


def _modifier(name: str, modifier: str, allowed: set[str]) -> None:
    if modifier not in allowed:
        raise FhirError(400, "not-supported", f"{name}:{modifier}: the modifier is not supported", expression=name)


Builder = Callable[[str, str], Q]

# Each Patient search parameter: the modifiers it takes, and a filter for one of its values.
PATIENT_PARAMETERS: dict[str, tuple[set[str], Builder]] = {
    "family": (_STRING_MODIFIERS, lambda v, m: _text("family_name", v, m)),
    "given": (_STRING_MODIFIERS, lambda v, m: _text("given_name", v, m) | _word("other_given_names", v, m)),
    "name": (_STRING_MODIFIERS, _name),
    "address-postalcode": (_STRING_MODIFIERS, _postcode),
    "identifier": (set(), lambda v, m: _identifier(v)),
    "birthdate": (set(), lambda v, m: date_filter("date_of_birth", v, "birthdate", as_date=True)),
}


def criteria(
    query: QueryDict, *, resource_type: str, parameters: dict[str, tuple[set[str], Builder]], includes: set[str]
) -> Criteria:
    """Read a search of `resource_type`: each parameter is one of `parameters` (with one of its
    modifiers), each `_include` one of `includes`; anything else is refused."""
    check_format(query)
    for include in query.getlist("_include"):
        if include not in includes:
            supported = ", ".join(sorted(includes)) or "nothing"
            raise FhirError(
                400,
                "not-supported",
                f"_include: {include} is not supported ({resource_type} searches include {supported})",
                expression="_include",
            )
    filters: list[Q] = []
    for name, modifier, raw in _parameters(query):
        if name not in parameters:
            raise FhirError(
                400, "not-supported", f"{name}: not a {resource_type} search parameter Tandem supports", expression=name
            )
        modifiers, build = parameters[name]
        if modifier:
            _modifier(name, modifier, modifiers)
        filters.append(_any(_values(raw, name), lambda v, b=build, m=modifier: b(v, m)))  # type: ignore[misc]
    # A name may match through previous names (a to-many relation), so a person could repeat.
    distinct = "name" in {key.partition(":")[0] for key in query}
    return Criteria(
        filters=filters, includes=sorted(set(query.getlist("_include"))), paging=paging(query), needs_distinct=distinct
    )


def patient_reference(value: str, person_field: str = "person") -> Q:
    """`Patient/{id}`, an absolute URL ending so, or the bare id: the rows about that person
    (reached from a row by `person_field`)."""
    kind, _, reference = value.rpartition("/")
    if kind and not kind.endswith("Patient"):
        return Q(pk__in=[])
    try:
        return Q(**{f"{person_field}__uuid": uuid.UUID(reference)})
    except ValueError:
        return Q(pk__in=[])


def token_of(codes: dict[str, Q], parameter: str) -> Builder:
    """A token parameter with a fixed set of codes, each a filter."""

    def build(value: str, modifier: str) -> Q:
        if value not in codes:
            raise bad(parameter, f"{value}: use {', '.join(codes)}")
        return codes[value]

    return build


COMMON_PARAMETERS: dict[str, tuple[set[str], Builder]] = {
    "_id": (set(), lambda v, m: _ids(v)),
    "_lastUpdated": (set(), lambda v, m: date_filter("updated_at", v, "_lastUpdated", as_date=False)),
}
ABOUT_A_PATIENT: dict[str, tuple[set[str], Builder]] = {
    "patient": (set(), lambda v, m: patient_reference(v)),
    **COMMON_PARAMETERS,
}
# A plan's personal outcomes (Goal) reach the person through their plan.
ABOUT_A_PATIENT_BY_PLAN: dict[str, tuple[set[str], Builder]] = {
    "patient": (set(), lambda v, m: patient_reference(v, "plan__person")),
    **COMMON_PARAMETERS,
}


def postcode_compact_annotation() -> dict[str, Replace]:
    """The postcode without its space, upper case, for `address-postalcode` searches."""
    return {"postcode_compact": Replace(Upper("postcode"), Value(" "), Value(""))}
