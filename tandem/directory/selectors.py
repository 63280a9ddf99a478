"""Reads of the directory: the export shape, the public ORUK API's pages, and the id look-ups an
import checks against."""

import math
import uuid
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.db.models import Exists, Model, OuterRef, Prefetch, Q, QuerySet

from tandem.directory.models import (
    Attribute,
    Contact,
    CostOption,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from tandem.directory.oruk import service_to_json

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
    modified_after: datetime | None = None,
    full: bool = False,
) -> QuerySet[Service]:
    """Services for `GET /services`, by name then id so pages never overlap.

    An age matches a service whose range includes it (a missing bound is open), so asking for both
    ages finds services that cover everyone from one to the other.
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
    for age in (minimum_age, maximum_age):
        if age is not None:
            services = services.filter(
                Q(minimum_age__isnull=True) | Q(minimum_age__lte=age),
                Q(maximum_age__isnull=True) | Q(maximum_age__gte=age),
            )
    if modified_after is not None:
        services = services.filter(last_modified__gte=modified_after)
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
