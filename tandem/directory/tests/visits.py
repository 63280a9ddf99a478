"""The accessibility check's visits to the public directory and the staff pages that curate it."""

from collections.abc import Callable
from datetime import time
from typing import Any

from playwright.sync_api import Page, expect

from tandem.directory.models import Service
from tandem.directory.tests.curation_data import curated_service_make
from tandem.directory.tests.search_world import WALLASEY, centroids_make, service_make
from tandem.identity.models import User
from tests.journeys.visits import P, Visit, fill_then_submit, submit

# Checking a service only takes a POST.
POST_ONLY = {"directory:manage_service_check"}
# The Open Referral UK API answers JSON, not pages: axe checks HTML pages only, so these are
# left out here and their shapes are tested in tandem/directory/tests/test_oruk_api.py.
JSON_API = {
    "directory:oruk_root",
    "directory:oruk_services",
    "directory:oruk_service",
    "directory:oruk_taxonomies",
    "directory:oruk_taxonomy",
    "directory:oruk_taxonomy_terms",
    "directory:oruk_taxonomy_term",
    "directory:oruk_service_at_locations",
    "directory:oruk_service_at_location",
}


def _directory_sample() -> str:
    """The public directory's sample service (a place, a phone, opening times), made on first use."""
    found = Service.objects.filter(name="Liscard Dementia Café").first()
    if found is None:
        centroids_make()
        found = service_make(
            "Liscard Dementia Café",
            description="A friendly café for people living with dementia and the people who care for them.",
            categories=("dementia",),
            postcode=WALLASEY,
            city="Wallasey",
            schedules=(("TH", time(10), time(12)),),
        )
    return str(found.pk)


def _directory_path(path: str) -> Callable[[Any], str]:
    return lambda world: (_directory_sample(), path)[1]


# The public directory (directory/search.py), as someone who has not signed in sees it.
VISITS = [
    Visit("directory:public_search", None, lambda w: "/directory/"),
    Visit("directory:public_search", P, lambda w: "/directory/", variant="signed-in"),
    Visit(
        "directory:public_search",
        None,
        _directory_path("/directory/?keywords=dementa+cafe&postcode=CH41+5LH"),
        variant="results",
    ),
    Visit("directory:public_search", None, lambda w: "/directory/?keywords=xylophone", variant="no-results"),
    Visit("directory:public_search", None, lambda w: "/directory/?postcode=CH99+9ZZ&when=now", variant="errors"),
    Visit("directory:public_service", None, lambda w: f"/directory/services/{_directory_sample()}/"),
    Visit("directory:public_print", None, _directory_path("/directory/print/?keywords=dementia&postcode=CH41+5LH")),
]


def _curated_service() -> str:
    """The entry the curation pages show, added by the practitioner, made on first use."""
    found = Service.objects.filter(name="Thursday Lunch Club").first()
    if found is None:
        found = curated_service_make(User.objects.get(username="practitioner"))
    return str(found.pk)


def _curation_path(path: str) -> Callable[[Any], str]:
    return lambda world: path.format(service=_curated_service())


def choose_defunct(page: Page, world: Any) -> None:
    page.get_by_label("Defunct").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mark Thursday Lunch Club as defunct?")


# Staff curation of the directory. The front-door world's lunch club was never checked, so the
# stale list has an entry.
CURATION_VISITS = [
    Visit("directory:manage", P, _curation_path("/directory/manage/")),
    Visit("directory:manage", P, _curation_path("/directory/manage/?q=xylophone"), variant="no-results"),
    Visit("directory:manage", P, _curation_path("/directory/manage/?status=open"), variant="errors"),
    Visit("directory:manage_stale", P, _curation_path("/directory/manage/stale/")),
    Visit("directory:manage_service_add", P, _curation_path("/directory/manage/new/")),
    Visit(
        "directory:manage_service_add", P, _curation_path("/directory/manage/new/"), submit("Add the service"), "errors"
    ),
    Visit("directory:manage_service", P, _curation_path("/directory/manage/{service}/")),
    Visit("directory:manage_service_edit", P, _curation_path("/directory/manage/{service}/edit/")),
    Visit(
        "directory:manage_service_edit",
        P,
        _curation_path("/directory/manage/{service}/edit/"),
        fill_then_submit("Name of the service", "", "Save changes"),
        "errors",
    ),
    Visit("directory:manage_service_status", P, _curation_path("/directory/manage/{service}/status/")),
    Visit(
        "directory:manage_service_status",
        P,
        _curation_path("/directory/manage/{service}/status/"),
        submit("Continue"),
        "errors",
    ),
    Visit(
        "directory:manage_service_status",
        P,
        _curation_path("/directory/manage/{service}/status/"),
        choose_defunct,
        "confirm",
    ),
]

VISITS += CURATION_VISITS
