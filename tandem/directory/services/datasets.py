"""Importing Open Referral UK datasets into the directory."""

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model

from tandem.audit import services as audit
from tandem.core.errors import DomainError
from tandem.directory import search_index, selectors
from tandem.directory.models import (
    Attribute,
    Contact,
    CostOption,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from tandem.directory.oruk import TAKES, ParsedService, Problem, Row, file_kind, record_kind, service_from_json
from tandem.identity.actors import Actor

# The rows a service owns outright, by the ParsedService list that carries them; an import replaces
# them, so a contact or schedule the publisher has removed goes too.
_OWNED: tuple[tuple[str, type[Model]], ...] = (
    ("attributes", Attribute),
    ("schedules", Schedule),
    ("service_at_locations", ServiceAtLocation),
    ("contacts", Contact),
    ("service_areas", ServiceArea),
    ("cost_options", CostOption),
)
# Service-at-locations before the schedules that point at them; contacts before their phones.
_WRITE_ORDER: tuple[tuple[str, type[Model]], ...] = (*reversed(_OWNED), ("phones", Phone))


class DatasetInvalid(DomainError):
    """The dataset broke the ORUK schema or pointed at rows we do not have; nothing was imported."""

    def __init__(self, problems: list[Problem], *, message: str = "") -> None:
        count = len(problems)
        super().__init__(
            message or f"The dataset has {count} problem{'s' if count != 1 else ''}; nothing was imported."
        )
        self.problems = problems


@dataclass(frozen=True)
class ImportReport:
    services_created: int
    services_updated: int
    organizations: int
    locations: int
    taxonomy_terms: int

    def __str__(self) -> str:
        total = self.services_created + self.services_updated
        return (
            f"Imported {total} service{'s' if total != 1 else ''} "
            f"({self.services_created} new, {self.services_updated} updated), "
            f"{self.organizations} organisations, {self.locations} locations and "
            f"{self.taxonomy_terms} taxonomy terms."
        )


def _records(data: object) -> list[object] | None:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        contents = data.get("contents")
        if isinstance(contents, list) and "id" not in data:
            return contents
        return [data]
    return None


def _shared(parsed: list[ParsedService], attribute: str, label: str, problems: list[Problem]) -> dict[uuid.UUID, Row]:
    """Rows several services may repeat (organisations, locations, terms): each copy must agree."""
    seen: dict[uuid.UUID, tuple[int, Row]] = {}
    for service in parsed:
        value = getattr(service, attribute)
        for row in value if isinstance(value, list) else [value]:
            if row is None:
                continue
            if row.id in seen and seen[row.id][1].fields != row.fields:
                problems.append(
                    Problem(
                        record=service.record,
                        field=attribute,
                        message=f"{label} {row.id} differs from the copy in services[{seen[row.id][0]}]",
                    )
                )
            seen.setdefault(row.id, (service.record, row))
    return {row_id: row for row_id, (_, row) in seen.items()}


def _check_ids(parsed: list[ParsedService], problems: list[Problem]) -> None:
    """No two services, and no two rows owned by different services, may share an id."""
    services: dict[uuid.UUID, int] = {}
    owned: dict[uuid.UUID, int] = {}
    for service in parsed:
        if service.service is None:
            continue
        if service.service.id in services:
            problems.append(Problem(service.record, "id", f"repeats services[{services[service.service.id]}]"))
        services.setdefault(service.service.id, service.record)
        for attribute, _ in (*_OWNED, ("phones", Phone)):
            for row in getattr(service, attribute):
                if row.id in owned and owned[row.id] != service.record:
                    problems.append(
                        Problem(service.record, attribute, f"id {row.id} is also used in services[{owned[row.id]}]")
                    )
                owned.setdefault(row.id, service.record)


def _check(parsed: list[ParsedService]) -> list[Problem]:
    """Problems only visible across the dataset or against what the directory already holds."""
    problems: list[Problem] = []
    organizations = _shared(parsed, "organization", "organization", problems)
    locations = _shared(parsed, "locations", "location", problems)
    terms = _shared(parsed, "taxonomy_terms", "taxonomy term", problems)
    _check_ids(parsed, problems)

    def known(model: type[Model], ids: set[uuid.UUID], given: dict[uuid.UUID, Row]) -> set[uuid.UUID]:
        return set(given) | selectors.ids_existing(model=model, ids=ids - set(given))

    wanted_organizations = {s.service.fields["organization_id"] for s in parsed if s.service} - {None}
    wanted_locations = {r.fields["location_id"] for s in parsed for r in s.service_at_locations} - {None}
    # A term's parent is referred to, not required (ORUK taxonomy_term.parent_id): it need not be
    # in the file or the directory, so only the terms services are tagged with are looked for.
    wanted_terms = {r.fields["taxonomy_term_id"] for s in parsed for r in s.attributes} - {None}
    have_organizations = known(Organization, wanted_organizations, organizations)
    have_locations = known(Location, wanted_locations, locations)
    have_terms = known(TaxonomyTerm, wanted_terms, terms)
    for service in parsed:
        if service.service and service.service.fields["organization_id"] not in have_organizations | {None}:
            problems.append(Problem(service.record, "organization_id", "no such organization in the directory"))
        for index, row in enumerate(service.service_at_locations):
            if row.fields["location_id"] not in have_locations | {None}:
                problems.append(
                    Problem(service.record, f"service_at_locations[{index}].location_id", "no such location")
                )
        for index, row in enumerate(service.attributes):
            if row.fields["taxonomy_term_id"] not in have_terms | {None}:
                problems.append(Problem(service.record, f"attributes[{index}].taxonomy_term_id", "no such term"))
        for attribute, model in _OWNED:
            rows = getattr(service, attribute)
            owners = selectors.owners_of(model=model, ids=[row.id for row in rows])
            for row in rows:
                if service.service and owners.get(row.id, service.service.id) != service.service.id:
                    problems.append(Problem(service.record, attribute, f"id {row.id} belongs to another service"))
    return problems


def _upsert(model: type[Model], row: Row, **extra: Any) -> bool:
    _, created = model._default_manager.update_or_create(pk=row.id, defaults=row.fields | extra)
    return created


def _parse(data: object) -> tuple[list[ParsedService], list[Problem]]:
    """Every record read as a service, and every problem found in any of them."""
    records = _records(data)
    if records is None:
        raise DatasetInvalid([Problem(0, "", "expected a service, a list of services or a list page")])
    kind = file_kind(data, records)
    if kind is not None:
        # Organisations, taxonomies and the rest are ORUK too, but this command takes services.
        raise DatasetInvalid([], message=f"This file appears to be {kind}, not services; nothing was imported. {TAKES}")
    parsed = []
    problems = []
    for index, record in enumerate(records):
        other = record_kind(record)
        if other is not None:  # one record of another table among services: named, not parsed
            article = "an" if other[0][0] in "aeiou" else "a"
            problems.append(Problem(index, "", f"this is {article} {other[0]}, not a service"))
            continue
        parsed.append(service_from_json(record, record=index))
    return parsed, problems + [problem for service in parsed for problem in service.problems]


@transaction.atomic
def dataset_import(*, data: object, actor: Actor | None) -> ImportReport:
    """Import ORUK services (one, a list, or a list page), updating by id; all or nothing.

    Every record is checked before anything is written, so a publisher gets every problem at once
    and a bad file never leaves the directory half-updated.
    """
    parsed, problems = _parse(data)
    if not problems:
        problems = _check(parsed)
    if problems:
        raise DatasetInvalid(problems)

    for row in {r.id: r for s in parsed for r in s.taxonomies}.values():
        # Service files describe taxonomies only by name, so an existing taxonomy is never overwritten.
        Taxonomy.objects.get_or_create(pk=row.id, defaults=row.fields)
    terms = {r.id: r for s in parsed for r in s.taxonomy_terms}
    for row in terms.values():
        # A parent is referred to by id, not enforced (TaxonomyTerm.parent), so order does not matter.
        _upsert(TaxonomyTerm, row)
    organizations = {s.organization.id: s.organization for s in parsed if s.organization}
    for row in organizations.values():
        _upsert(Organization, row)
    locations = {r.id: r for s in parsed for r in s.locations}
    for row in locations.values():
        _upsert(Location, row)

    created = 0
    for service in parsed:
        assert service.service is not None  # parsing reported a problem otherwise
        created += _upsert(Service, service.service)
        for attribute, model in _OWNED:
            keep = [row.id for row in getattr(service, attribute)]
            model._default_manager.filter(service_id=service.service.id).exclude(pk__in=keep).delete()
        kept_phones = [row.id for row in service.phones]
        Phone.objects.filter(contact__service_id=service.service.id).exclude(pk__in=kept_phones).delete()
        for attribute, model in _WRITE_ORDER:
            for row in getattr(service, attribute):
                _upsert(model, row)

    # Search (directory/search.py): re-index the imported services, and any other service whose
    # organisation or location this file changed, since their names are indexed too.
    touched = {s.service.id for s in parsed if s.service}
    touched |= set(Service.objects.filter(organization_id__in=organizations).values_list("pk", flat=True))
    touched |= set(ServiceAtLocation.objects.filter(location_id__in=locations).values_list("service_id", flat=True))
    search_index.service_terms_refresh(touched)

    report = ImportReport(
        services_created=created,
        services_updated=len(parsed) - created,
        organizations=len(organizations),
        locations=len(locations),
        taxonomy_terms=len(terms),
    )
    audit.record(
        actor=actor,
        action="directory.dataset.imported",
        summary=str(report),
        changes={"services": [str(s.service.id) for s in parsed if s.service]},
    )
    return report
