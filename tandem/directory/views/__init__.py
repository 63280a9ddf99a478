"""The directory's pages: the public Open Referral UK API (`oruk`), the public directory search
(`public`) and the staff pages that curate the directory (`manage`)."""

from tandem.directory.views.manage import (
    manage,
    manage_service,
    manage_service_add,
    manage_service_check,
    manage_service_edit,
    manage_service_status,
    manage_stale,
)
from tandem.directory.views.oruk import (
    oruk_root,
    oruk_service,
    oruk_service_at_location,
    oruk_service_at_locations,
    oruk_services,
    oruk_taxonomies,
    oruk_taxonomy,
    oruk_taxonomy_term,
    oruk_taxonomy_terms,
)
from tandem.directory.views.public import public_print, public_search, public_service

__all__ = [
    "manage",
    "manage_service",
    "manage_service_add",
    "manage_service_check",
    "manage_service_edit",
    "manage_service_status",
    "manage_stale",
    "oruk_root",
    "oruk_service",
    "oruk_service_at_location",
    "oruk_service_at_locations",
    "oruk_services",
    "oruk_taxonomies",
    "oruk_taxonomy",
    "oruk_taxonomy_term",
    "oruk_taxonomy_terms",
    "public_print",
    "public_search",
    "public_service",
]
