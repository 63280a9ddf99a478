"""Who may use the public directory, its API, and the staff pages that curate it."""

import uuid
from typing import Any

from tests.authorisation.matrix import World, row

GET = {
    # The ORUK directory API is public by the standard: the same answer for everyone, signed in
    # or not. The world has no directory entries, so an id names nothing (404).
    "directory:oruk_root": row(200, 200, 200, 200, 200),
    "directory:oruk_services": row(200, 200, 200, 200, 200),
    "directory:oruk_service": row(404, 404, 404, 404, 404),
    "directory:oruk_taxonomies": row(200, 200, 200, 200, 200),
    "directory:oruk_taxonomy": row(404, 404, 404, 404, 404),
    "directory:oruk_taxonomy_terms": row(200, 200, 200, 200, 200),
    "directory:oruk_taxonomy_term": row(404, 404, 404, 404, 404),
    "directory:oruk_service_at_locations": row(200, 200, 200, 200, 200),
    "directory:oruk_service_at_location": row(404, 404, 404, 404, 404),
    # The public directory search is open to everyone, like the API; with nothing asked, the
    # printable list goes back to the search form, and the filled-in service id names nothing.
    "directory:public_search": row(200, 200, 200, 200, 200),
    "directory:public_print": row(
        "moved:directory:public_search",
        "moved:directory:public_search",
        "moved:directory:public_search",
        "moved:directory:public_search",
        "moved:directory:public_search",
    ),
    "directory:public_service": row(404, 404, 404, 404, 404),
    # Staff curation of the directory: everyone who signposts people; not system administrators.
    "directory:manage": row("sign_in", 200, 200, 200, 403),
    "directory:manage_stale": row("sign_in", 200, 200, 200, 403),
    "directory:manage_service_add": row("sign_in", 200, 200, 200, 403),
    "directory:manage_service": row("sign_in", 200, 200, 200, 403),
    "directory:manage_service_edit": row("sign_in", 200, 200, 200, 403),
    "directory:manage_service_check": row("sign_in", 405, 405, 405, 405),
    "directory:manage_service_status": row("sign_in", 200, 200, 200, 403),
}

POST = {
    # The ORUK API is read-only.
    "directory:oruk_root": row(405, 405, 405, 405, 405),
    "directory:oruk_services": row(405, 405, 405, 405, 405),
    "directory:oruk_service": row(405, 405, 405, 405, 405),
    "directory:oruk_taxonomies": row(405, 405, 405, 405, 405),
    "directory:oruk_taxonomy": row(405, 405, 405, 405, 405),
    "directory:oruk_taxonomy_terms": row(405, 405, 405, 405, 405),
    "directory:oruk_taxonomy_term": row(405, 405, 405, 405, 405),
    "directory:oruk_service_at_locations": row(405, 405, 405, 405, 405),
    "directory:oruk_service_at_location": row(405, 405, 405, 405, 405),
    "directory:public_search": row(405, 405, 405, 405, 405),
    "directory:public_print": row(405, 405, 405, 405, 405),
    "directory:public_service": row(405, 405, 405, 405, 405),
    "directory:manage": row("sign_in", 405, 405, 405, 405),
    "directory:manage_stale": row("sign_in", 405, 405, 405, 405),
    "directory:manage_service_add": row(
        "sign_in",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        403,
    ),
    "directory:manage_service": row("sign_in", 405, 405, 405, 405),
    "directory:manage_service_edit": row(
        "sign_in",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        403,
    ),
    "directory:manage_service_check": row(
        "sign_in",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        403,
    ),
    # The form confirms the change (confirm=yes), so it saves straight away.
    "directory:manage_service_status": row(
        "sign_in",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        "saved:directory:manage_service",
        403,
    ),
}


def forms(world: World) -> dict[str, dict[str, Any]]:
    """Curation forms the pages accept: a new service, a changed one, a status confirmed."""
    service = {
        "organisation": world.extra.get("directory_organization_id", ""),
        "name": "Friday Lunch Club",
        "description": "A hot lunch on Fridays",
        "cost": "free",
        "categories": ["lunch-clubs"],
    }
    return {
        "directory:manage_service_add": service | {"status": "active"},
        "directory:manage_service_edit": service,
        "directory:manage_service_status": {"status": "defunct", "confirm": "yes"},
    }


def url_values(world: World) -> dict[str, Any]:
    """Directory ids nobody has: the world holds no directory entries."""
    return {
        "service_id": uuid.uuid4(),
        "taxonomy_id": uuid.uuid4(),
        "taxonomy_term_id": uuid.uuid4(),
        "service_at_location_id": uuid.uuid4(),
    }
