"""Builders for search tests: services with categories, places and opening times, indexed for search.

Rows are made directly (not through an import) so each test states only what it is about.
"""

import uuid
from datetime import time
from typing import Any

from tandem.directory.categories import BY_CODE, CATEGORIES, TAXONOMY_ID, TAXONOMY_NAME
from tandem.directory.models import (
    Attribute,
    Contact,
    Location,
    Organization,
    Phone,
    PostcodeCentroid,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from tandem.directory.search_index import service_terms_refresh

# Real Wirral postcodes and their Code-Point Open grid references.
BIRKENHEAD = "CH41 5LH"  # Birkenhead town centre
WALLASEY = "CH44 5UR"  # Liscard, Wallasey
WEST_KIRBY = "CH48 4HW"  # West Kirby
CENTROIDS = {
    BIRKENHEAD: (333026, 388659),
    WALLASEY: (330773, 391627),
    WEST_KIRBY: (321306, 386823),
}


def centroids_make() -> None:
    """Just the three postcodes above, when a test does not need the whole borough."""
    for postcode, (easting, northing) in CENTROIDS.items():
        PostcodeCentroid.objects.update_or_create(
            postcode=postcode, defaults={"easting": easting, "northing": northing, "latitude": 53.4, "longitude": -3.0}
        )


def categories_make() -> None:
    taxonomy, _ = Taxonomy.objects.get_or_create(pk=TAXONOMY_ID, defaults={"name": TAXONOMY_NAME, "description": ""})
    for category in CATEGORIES:
        TaxonomyTerm.objects.get_or_create(
            pk=category.term_id,
            defaults={"name": category.name, "description": category.description, "taxonomy": taxonomy},
        )


def service_make(
    name: str,
    *,
    description: str = "",
    categories: tuple[str, ...] = (),
    postcode: str = "",
    address: str = "1 High Street",
    city: str = "Birkenhead",
    status: str = "active",
    organization: str = "Wirral Community Trust",
    phone: str = "0151 555 0100",
    schedules: tuple[tuple[str, time | None, time | None], ...] = (),
    **schedule_fields: Any,
) -> Service:
    """An indexed service; `schedules` are (byday, opens_at, closes_at), weekly unless told otherwise."""
    categories_make()
    org, _ = Organization.objects.get_or_create(name=organization, defaults={"description": "A local charity."})
    service = Service.objects.create(name=name, description=description, status=status, organization=org)
    for code in categories:
        Attribute.objects.create(service=service, taxonomy_term_id=BY_CODE[code].term_id)
    if postcode:
        location = Location.objects.create(
            name=f"{name} venue", address_id=uuid.uuid4(), address_1=address, city=city, postal_code=postcode
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    if phone:
        contact = Contact.objects.create(service=service, name="Enquiries")
        Phone.objects.create(contact=contact, number=phone)
    for byday, opens_at, closes_at in schedules:
        Schedule.objects.create(
            service=service,
            freq=schedule_fields.get("freq", "WEEKLY"),
            byday=byday,
            opens_at=opens_at,
            closes_at=closes_at,
            interval=schedule_fields.get("interval"),
            dtstart=schedule_fields.get("dtstart"),
        )
    service_terms_refresh([service.pk])
    return service
