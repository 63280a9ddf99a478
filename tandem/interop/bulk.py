"""FHIR Bulk Data export (HL7 FHIR Bulk Data Access IG v2, "Export" operation): which resource
types an export at each level may carry, the rows of each as a partner may read them, and the
NDJSON they are written as.

Every row comes through the same finder a search uses (`kinds.KINDS[...].find`), so an exported
resource passes exactly the consent, restriction and scope rules of a read: nothing here reads a
table of its own. The job, its files and its answers are in `services.py` and `bulk_views.py`.

`write_ndjson` and `patient_resources` are small on purpose, for any other writer of FHIR NDJSON.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from django.db.models import Q

from tandem.interop import selectors
from tandem.interop.kinds import KINDS, Kind
from tandem.interop.models import Partner
from tandem.interop.search import Criteria, Paging
from tandem.interop.selectors import rows_about

Resource = dict[str, Any]

SYSTEM = "system"
GROUP = "group"
PATIENT = "patient"

# The Patient compartment as Tandem serves it: what a patient- or group-level export may carry.
PATIENT_TYPES = (
    "Patient",
    "Flag",
    "RelatedPerson",
    "CarePlan",
    "Goal",
    "Consent",
    "DocumentReference",
    "Encounter",
    "Condition",
    "Observation",
)
# A system-level export adds the service's directory and its groups (teams' caseloads).
SYSTEM_TYPES = (*PATIENT_TYPES, "Organization", "Practitioner", "PractitionerRole", "Group")
TYPES_AT = {SYSTEM: SYSTEM_TYPES, GROUP: PATIENT_TYPES, PATIENT: PATIENT_TYPES}

# The output formats the IG names for NDJSON; anything else is refused (400).
OUTPUT_FORMATS = ("application/fhir+ndjson", "application/ndjson", "ndjson")
NDJSON = "application/fhir+ndjson"

# Rows read and written a batch: large enough that paging costs little, small enough to hold.
BATCH = 1_000


def write_ndjson(resources: Iterable[Resource], stream: IO[str]) -> int:
    """Write each resource as one line of JSON (NDJSON: no line breaks inside a resource, UTF-8,
    each line ending in a line feed); return how many were written."""
    written = 0
    for resource in resources:
        stream.write(json.dumps(resource, ensure_ascii=False, separators=(",", ":")))
        stream.write("\n")
        written += 1
    return written


@dataclass(frozen=True)
class Scope:
    """What one export covers: its level, the people it is limited to (None: everyone the
    partner may see), and the change time it starts after (`_since`) and ends at (transactionTime)."""

    level: str
    person_ids: frozenset[int] | None
    since: datetime | None
    until: datetime


def _filters(served: Kind, scope: Scope) -> list[Q]:
    filters: list[Q] = []
    if served.updated_field is not None:
        filters.append(Q(**{f"{served.updated_field}__lte": scope.until}))
        if scope.since is not None:
            filters.append(Q(**{f"{served.updated_field}__gt": scope.since}))
    if scope.person_ids is not None:
        filters.append(Q(**{f"{served.person_field}__in": scope.person_ids}))
    return filters


def _found(served: Kind, partner: Partner, filters: list[Q], count: int) -> selectors.Found:
    return served.search(partner, Criteria(filters=filters, includes=[], paging=Paging(count=count, offset=0)))


def rows_of(partner: Partner, resource_type: str, scope: Scope) -> Iterator[list[Any]]:
    """The rows of one resource type in the export, a window of row ids at a time, through the
    type's search (so the partner's consent and restriction rules apply exactly as to a read).

    Windows of row ids, not pages: a page deep in a search sorts every row before it again, so a
    whole borough read page by page would cost the square of its size. A window that finds few
    rows (the partner's rows are sparse in a large table) doubles for the next; one that finds
    more than a batch is halved and read again, so no read holds more than two batches."""
    served = KINDS[resource_type]
    filters = _filters(served, scope)
    total = _found(served, partner, filters, 0).total
    collected, low, size = 0, 0, BATCH
    while collected < total:
        high = low + size
        # A type served from two tables (an organisation and a team) may find rows in each.
        found = _found(served, partner, [*filters, Q(pk__gt=low, pk__lte=high)], 2 * BATCH)
        if found.total > len(found.rows):
            size = max(size // 2, 1)  # more than a read may hold: the same start, a smaller window
            continue
        if found.rows:
            collected += len(found.rows)
            yield found.rows
        elif not _found(served, partner, [*filters, Q(pk__gt=high)], 0).total:
            return  # rows went while the export ran: nothing is left beyond this window
        size = size * 2 if len(found.rows) < BATCH // 2 else size
        low = high


def patient_resources(*, partner: Partner, person: Any, types: Iterable[str] = PATIENT_TYPES) -> Iterator[Resource]:
    """Every resource about one person the partner may read, of the types asked for, the Patient
    first (`Patient/{id}/$everything`; the person must be one the partner may see)."""
    wanted = set(types)
    if "Patient" in wanted:
        yield KINDS["Patient"].to_fhir(person)
    for kind in ("Flag", "RelatedPerson", "CarePlan", "Goal"):
        if kind in wanted:
            yield from (KINDS[kind].to_fhir(row) for row in rows_about(partner=partner, kind=kind, person=person))
    for served in KINDS.values():
        if served.about is not None and served.name in wanted:
            yield from (served.to_fhir(row) for row in served.about(partner=partner, person=person))
