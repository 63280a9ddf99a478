"""Every page passes axe-core's WCAG 2.2 AA checks, as the member of staff who may see it sees it.

Form pages are checked twice: as first shown, and showing the errors after a bad submission;
every state of every page is checked at a desktop width and at a phone's (375 px).
Each app declares the visits to its own pages in its tests/visits.py (tests/journeys/visits.py
says how), and they are collected here from every installed app. A URL with a GET page that no
app visits fails, so a new page is checked from day one.

The world the pages show is built once in each test process (each pytest-xdist worker) and put
back from a copy for each visit (tests/journeys/snapshot.py): a visit costs its page and its
check, not the building of a world.
"""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import URLPattern, URLResolver, get_resolver
from playwright.sync_api import Page, expect

from tandem.identity.models import User
from tests.journeys.conftest import PHONE
from tests.journeys.snapshot import Snapshot
from tests.journeys.visits import P, Visit, app_visits, person_path
from tests.world import World, world_build

pytestmark = pytest.mark.browser

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()
VISITS = app_visits()
# URLs with no page of their own (they only take a POST and redirect), downloads, and JSON.
POST_ONLY = {name for visits in VISITS.values() for name in getattr(visits, "POST_ONLY", ())}
DOWNLOADS = {name for visits in VISITS.values() for name in getattr(visits, "DOWNLOADS", ())}
JSON_API = {name for visits in VISITS.values() for name in getattr(visits, "JSON_API", ())}


def _names(patterns: list[Any], namespace: str = "") -> set[str]:
    found: set[str] = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            found |= _names(entry.url_patterns, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
        elif isinstance(entry, URLPattern):
            found.add(f"{namespace}{entry.name}")
    return found


PAGES = [
    *(visit for visits in VISITS.values() for visit in getattr(visits, "VISITS", ())),
    Visit("errors:404", P, lambda w: f"/people/{uuid.uuid4()}/"),
    Visit("errors:403", P, person_path("access-log/")),
]


@dataclass(frozen=True)
class Shared:
    """The world and the staff who visit it."""

    world: World
    staff: dict[str, User | None]


def _build(request: pytest.FixtureRequest) -> Shared:
    get = request.getfixturevalue
    staff = {**get("staff"), "outsider": get("outsider")}
    world = world_build(
        person=get("person"),
        warning=get("warning"),
        network_member=get("network_member"),
        restricted_person=get("restricted_person"),
        team=get("team"),
        other_team=get("other_team"),
        partner=get("partner"),
        staff=get("staff"),
    )
    return Shared(world, staff)


@pytest.fixture
def world(person, warning, network_member, restricted_person, team, other_team, partner, staff) -> World:
    """The same world built for one test, from the root fixtures (the wording check, tests/wording)."""
    return world_build(
        person=person,
        warning=warning,
        network_member=network_member,
        restricted_person=restricted_person,
        team=team,
        other_team=other_team,
        partner=partner,
        staff=staff,
    )


# Built by the first visit in each test process (each pytest-xdist worker).
_SHARED: Snapshot[Shared] = Snapshot()


@pytest.fixture(autouse=True)
def _live_server_helper(request: pytest.FixtureRequest, settings: Any) -> None:
    """In place of pytest-django's fixture of this name, which gives every test naming `live_server`
    a database emptied after it (`transactional_db`): here `shared` puts the database back itself.
    Like pytest-django's, it lets the live server's host in."""
    if "live_server" in request.fixturenames:
        host = urlsplit(request.getfixturevalue("live_server").url).hostname
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, host]


@pytest.fixture
def shared(request: pytest.FixtureRequest) -> Iterator[Shared]:
    """The one world the authorisation matrix is asked in too (tests/world.py), built by the first
    visit in each test process and put back for every visit after it (tests/journeys/snapshot.py)."""
    with _SHARED.used(request, lambda: _build(request)) as made:
        yield made


def test_every_page_is_checked():
    names = _names(get_resolver().url_patterns)
    assert names >= JSON_API
    assert names - POST_ONLY - JSON_API - DOWNLOADS == {v.url_name for v in PAGES} - {"errors:404", "errors:403"}


def test_each_app_visits_only_its_own_pages():
    for label, visits in VISITS.items():
        names = {v.url_name for v in getattr(visits, "VISITS", ())}
        names |= {
            *getattr(visits, "POST_ONLY", ()),
            *getattr(visits, "DOWNLOADS", ()),
            *getattr(visits, "JSON_API", ()),
        }
        assert {name.split(":")[0] for name in names} == {label}


def _report(results: Any, url: str) -> str:
    lines = [f"{len(results.response['violations'])} accessibility violations on {url}:"]
    for violation in results.response["violations"]:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {', '.join(node['target'])}: {node['failureSummary']}" for node in violation["nodes"])
    return "\n".join(lines)


# Every page in every state (as first shown, with its errors, its results, its empty state), at a
# desktop width and again at a phone's, where it must also fit the screen's width: wide tables
# scroll in their own container or reflow, never the page (WCAG 2.2 1.4.10 Reflow).
CHECKS = [*((visit, "desktop") for visit in PAGES), *((visit, "phone") for visit in PAGES)]
# The elements wider than the page, outside any container that scrolls: what pushes it wide.
_TOO_WIDE = """width => [...document.querySelectorAll("body *")]
  .filter(e => e.getBoundingClientRect().right > width + 0.5)
  .filter(e => !e.parentElement.closest(".tandem-table-scroll, [style*=overflow]"))
  .slice(0, 8)
  .map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : "")
    + " " + Math.round(e.getBoundingClientRect().right) + " px")"""


def _fits(page: Page) -> None:
    width = PHONE["width"]
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    assert scrolled <= width, (
        f"{page.url} scrolls sideways at {width} px (it is {scrolled} px wide): {page.evaluate(_TOO_WIDE, width)}"
    )


@pytest.mark.parametrize(("visit", "width"), CHECKS, ids=lambda value: value.id if isinstance(value, Visit) else value)
def test_the_page_has_no_accessibility_violations(visit: Visit, width: str, shared: Shared, kept_context):
    world = shared.world
    who = shared.staff.get(visit.who) if visit.who else None
    page = kept_context(who, viewport=PHONE if width == "phone" else None).new_page()
    if visit.variant == "duplicates":
        page.goto(visit.path(world))
        page.get_by_label("First name").fill("Mary")
        page.get_by_label("Last name").fill("Smith")
        page.get_by_role("button", name="Create record").click()
        expect(page.get_by_text("This person may already have a record")).to_be_visible()
    else:
        page.goto(visit.path(world))
        if visit.then is not None:
            visit.then(page, world)

    if width == "phone":
        _fits(page)
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})

    assert results.violations_count == 0, _report(results, page.url)


def test_the_check_finds_violations_when_there_are_some(page):
    page.set_content(
        "<html><head><title>Broken</title></head><body><main><img src='x.png'><input type='text'></main></body></html>"
    )

    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]})

    assert sorted(violation["id"] for violation in results.response["violations"]) == [
        "html-has-lang",
        "image-alt",
        "label",
    ]
