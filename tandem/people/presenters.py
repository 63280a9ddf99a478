"""Display shaping for the person record: banner, summary-list rows, search result rows."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse

from tandem.access import scope
from tandem.core import clock
from tandem.core.presenters import format_date, format_nhs_number
from tandem.identity import selectors as identity_selectors
from tandem.identity.actors import Actor
from tandem.people import selectors
from tandem.people.duplicates import SuspectedDuplicate
from tandem.people.models import HazardWarning, NetworkMember, Person
from tandem.people.search import may_open


@dataclass(frozen=True)
class Banner:
    name: str
    preferred_name: str
    date_of_birth: str
    age: int | None
    died: str
    nhs_number: str
    local_id: str
    address: str
    warnings: list[HazardWarning]
    restricted: bool


def address_line(person: Person) -> str:
    parts = [person.address_line_1, person.address_line_2, person.town, person.postcode]
    return ", ".join(p for p in parts if p) or "No address recorded"


def banner(person: Person, warnings: list[HazardWarning]) -> Banner:
    return Banner(
        name=f"{person.given_name} {person.family_name.upper()}",
        preferred_name=person.preferred_name,
        date_of_birth=format_date(person.date_of_birth) or "Not known",
        age=person.age(clock.today()),
        died=format_date(person.date_of_death),
        nhs_number=format_nhs_number(person.nhs_number),
        local_id=person.local_id,
        address=address_line(person),
        warnings=warnings,
        restricted=hasattr(person, "restriction"),
    )


def _row(key: str, value: str) -> dict[str, Any]:
    return {"key": {"text": key}, "value": {"text": value or "Not recorded"}}


def details_rows(person: Person | None) -> list[dict[str, Any]]:
    if person is None:
        return []
    gp = person.gp_practice
    return [
        _row(
            "Name",
            " ".join(p for p in [person.title, person.given_name, person.other_given_names, person.family_name] if p),
        ),
        _row("Preferred name", person.preferred_name),
        _row("Date of birth", format_date(person.date_of_birth)),
        _row("NHS number", format_nhs_number(person.nhs_number) if person.nhs_number else ""),
        _row("Local person ID", person.local_id),
        _row("Gender", person.get_gender_display()),
        _row("Ethnicity", person.get_ethnicity_display()),
        _row("Address", address_line(person)),
        _row("Neighbourhood", person.neighbourhood.name if person.neighbourhood else ""),
        _row("GP practice", f"{gp.name} ({gp.ods_code})" if gp else ""),
        _row(
            "Preferred language",
            person.preferred_language + (" (needs an interpreter)" if person.interpreter_needed else ""),
        ),
        _row("Communication needs", person.communication_needs),
        *([_row("Date of death", format_date(person.date_of_death))] if person.date_of_death else []),
    ]


def details_initial(person: Person) -> dict[str, Any]:
    return {
        "title": person.title,
        "given_name": person.given_name,
        "other_given_names": person.other_given_names,
        "family_name": person.family_name,
        "preferred_name": person.preferred_name,
        "date_of_birth": person.date_of_birth,
        "nhs_number": person.nhs_number or "",
        "gender": person.gender,
        "ethnicity": person.ethnicity,
        "date_of_death": person.date_of_death,
        "address_line_1": person.address_line_1,
        "address_line_2": person.address_line_2,
        "town": person.town,
        "postcode": person.postcode,
        "gp_practice": str(person.gp_practice_id or ""),
        "preferred_language": person.preferred_language,
        "interpreter_needed": person.interpreter_needed,
        "communication_needs": person.communication_needs,
    }


RESTRICTED_RECORD = "A restricted record"


def search_rows(people: Sequence[Person], *, actor: Actor) -> list[dict[str, Any]]:
    """Result rows. A restricted record the actor may not open shows only that it exists, with a
    link to break the glass: no name, date of birth, NHS number, address or warnings (ADR 0003)."""
    openable = may_open(actor, people)
    warnings = selectors.active_warnings_by_person(people)
    today = clock.today()
    rows: list[dict[str, Any]] = []
    for person in people:
        url = reverse("people:summary", args=[person.uuid])
        if person.pk not in openable:
            rows.append(
                {
                    "name": RESTRICTED_RECORD,
                    "uuid": str(person.uuid),
                    "url": url,
                    "date_of_birth": "Restricted",
                    "age": None,
                    "died": False,
                    "nhs_number": "Restricted",
                    "address": "Restricted",
                    "restricted": True,
                    "warnings": [],
                }
            )
            continue
        rows.append(
            {
                "name": f"{person.family_name.upper()}, {person.given_name}"
                + (f" ({person.preferred_name})" if person.preferred_name else ""),
                "uuid": str(person.uuid),
                "url": url,
                "date_of_birth": format_date(person.date_of_birth) or "Not known",
                "age": person.age(today),
                "died": bool(person.date_of_death),
                "nhs_number": format_nhs_number(person.nhs_number),
                "address": address_line(person),
                "restricted": False,
                "warnings": [w.get_category_display() for w in warnings.get(person.pk, [])],
            }
        )
    return rows


def merge_candidate_rows(people: Sequence[Person], *, keep: Person) -> list[dict[str, Any]]:
    """Records found by "find the duplicate", each with a link to compare it with the one kept."""
    merge = reverse("people:merge", args=[keep.uuid])
    today = clock.today()
    return [
        {
            "name": f"{p.family_name.upper()}, {p.given_name}",
            "date_of_birth": format_date(p.date_of_birth) or "Not known",
            "age": p.age(today),
            "nhs_number": format_nhs_number(p.nhs_number),
            "address": address_line(p),
            "compare_url": f"{merge}?{urlencode({'duplicate': p.local_id})}",
        }
        for p in people
    ]


def _brief(person: Person) -> str:
    born = format_date(person.date_of_birth) or "date of birth not known"
    nhs = format_nhs_number(person.nhs_number)
    return ", ".join(
        part for part in (f"born {born}", f"NHS number {nhs}" if nhs else "", address_line(person)) if part
    )


def duplicate_rows(suspected: Iterable[SuspectedDuplicate]) -> list[dict[str, Any]]:
    """Suspected duplicates: both records, why they are suspected, and a link to compare them."""
    rows = []
    for s in suspected:
        merge = reverse("people:merge", args=[s.keep.uuid])
        rows.append(
            {
                "keep": f"{s.keep.full_name} ({s.keep.local_id})",
                "keep_brief": _brief(s.keep),
                "keep_url": reverse("people:summary", args=[s.keep.uuid]),
                "duplicate": f"{s.duplicate.full_name} ({s.duplicate.local_id})",
                "duplicate_brief": _brief(s.duplicate),
                "duplicate_url": reverse("people:summary", args=[s.duplicate.uuid]),
                "reason": s.reason,
                "compare_url": f"{merge}?{urlencode({'duplicate': s.duplicate.local_id})}",
            }
        )
    return rows


@dataclass(frozen=True)
class NetworkEntry:
    """Someone in a person's network as the viewer may see them."""

    uuid: str
    name: str
    relationship: str
    what_they_do: str
    contact: str
    is_unpaid_carer: bool
    ended_on: date | None
    # The linked record's page, when the member is linked to a record of their own.
    url: str
    restricted: bool


def network_entries(members: Iterable[NetworkMember], *, actor: Actor) -> list[NetworkEntry]:
    """A network as the viewer may see it. A member linked to a restricted record the viewer may
    not open shows as "A restricted record": not their name, relationship, role or contact, which
    would tell the viewer who is behind the restriction (ADR 0003)."""
    return _network_entries(members, lambda linked: not scope.may_open(actor, linked))


def network_entries_shared(members: Iterable[NetworkMember]) -> list[NetworkEntry]:
    """A network as a partner system's copy of a document shows it: a partner opens no restricted
    record, so every member linked to one shows as "A restricted record"."""
    listed = list(members)
    linked_ids = {member.linked_person_id for member in listed if member.linked_person_id is not None}
    open_ids = set(scope.unrestricted(Person.objects.filter(pk__in=linked_ids)).values_list("pk", flat=True))
    return _network_entries(listed, lambda linked: linked.pk not in open_ids)


def _network_entries(members: Iterable[NetworkMember], closed: Callable[[Person], bool]) -> list[NetworkEntry]:
    entries = []
    for member in members:
        linked = member.linked_person
        hidden = linked is not None and closed(linked)
        entries.append(
            NetworkEntry(
                uuid=str(member.uuid),
                name=RESTRICTED_RECORD if hidden else member.name,
                relationship="" if hidden else member.get_relationship_display(),
                what_they_do="" if hidden else member.what_they_do,
                contact="" if hidden else member.contact,
                is_unpaid_carer=False if hidden else member.is_unpaid_carer,
                ended_on=member.ended_on,
                url=reverse("people:summary", args=[linked.uuid]) if linked is not None else "",
                restricted=hidden,
            )
        )
    return entries


# Fields whose recorded values are staff or team ids (older entries, and apps that still record
# ids): the history and access log show names, never internal ids.
STAFF_FIELDS = frozenset({"allocated_to", "holder", "assigned_to", "worker", "lead", "practitioner", "reviewer"})
TEAM_FIELDS = frozenset({"team"})


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


def _id(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _named(value: Any, names: dict[int, str], *, nobody: str) -> str:
    if value in (None, "", "None"):
        return nobody
    pk = _id(value)
    if pk is None:
        return str(value)
    return names.get(pk, "a removed account" if nobody == "nobody" else "a removed team")


def audit_changes(events: Iterable[Any]) -> dict[int, list[Change]]:
    """Each event's before-and-after changes in words, staff and teams by name (two queries in all)."""
    events = list(events)
    staff_ids: set[int] = set()
    team_ids: set[int] = set()
    pairs: dict[int, list[tuple[str, Any, Any]]] = {}
    for event in events:
        found = []
        for field, change in (event.changes or {}).items():
            if field == "listed" or not isinstance(change, list | tuple) or len(change) != 2:
                continue
            found.append((field, change[0], change[1]))
            into = staff_ids if field in STAFF_FIELDS else team_ids if field in TEAM_FIELDS else None
            if into is not None:
                into.update(pk for pk in (_id(change[0]), _id(change[1])) if pk is not None)
        pairs[event.pk] = found
    staff = identity_selectors.staff_names(staff_ids) if staff_ids else {}
    teams = identity_selectors.team_names(team_ids) if team_ids else {}

    def words(field: str, value: Any) -> str:
        if field in STAFF_FIELDS:
            return _named(value, staff, nobody="nobody")
        if field in TEAM_FIELDS:
            return _named(value, teams, nobody="no team")
        return "" if value is None else str(value)

    return {
        pk: [Change(field.replace("_", " "), words(field, a), words(field, b)) for field, a, b in found]
        for pk, found in pairs.items()
    }
