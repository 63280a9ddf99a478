"""Reads of the directory: the export shape and the id look-ups an import checks against."""

import uuid
from collections.abc import Iterable
from typing import Any

from django.db.models import Model, Prefetch, QuerySet

from tandem.directory.models import (
    Attribute,
    Contact,
    CostOption,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from tandem.directory.oruk import service_to_json


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
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


def ids_existing(*, model: type[Model], ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    return set(model._default_manager.filter(pk__in=set(ids)).values_list("pk", flat=True))


def owners_of(*, model: type[Model], ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """For rows a service owns (contacts, schedules, …): which service each existing id belongs to."""
    return dict(model._default_manager.filter(pk__in=set(ids)).values_list("pk", "service_id"))
