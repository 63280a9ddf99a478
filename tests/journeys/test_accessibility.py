"""Every page passes axe-core's WCAG 2.2 AA checks, as the member of staff who may see it sees it.

Form pages are checked twice: as first shown, and showing the errors after a bad submission.
A URL with a GET page that is missing from PAGES fails, so a new page is checked from day one.
"""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tandem.access.services import glass_break
from tandem.core import clock
from tandem.identity.permissions import Role
from tandem.people.codes import ConsentDecision
from tandem.people.models import ConsentToShare, HazardWarning, PreviousName

pytestmark = pytest.mark.browser

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()
# URLs with no page of their own: they only take a POST and redirect.
POST_ONLY = {"identity:sign_out", "access:break_glass_review"}
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
}


def _names(patterns: list[Any], namespace: str = "") -> set[str]:
    found: set[str] = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            found |= _names(entry.url_patterns, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
        elif isinstance(entry, URLPattern):
            found.add(f"{namespace}{entry.name}")
    return found


@dataclass(frozen=True)
class Visit:
    """Open `path` as `who`, then (optionally) do something on the page before it is checked."""

    url_name: str
    who: str | None
    path: Callable[[Any], str]
    then: Callable[[Page, Any], None] | None = None
    variant: str = "shown"
    heading: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.url_name}-{self.variant}"


def submit(button: str) -> Callable[[Page, Any], None]:
    def act(page: Page, world: Any) -> None:
        page.get_by_role("button", name=button).click()
        expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()

    return act


def fill_then_submit(label: str, value: str, button: str) -> Callable[[Page, Any], None]:
    def act(page: Page, world: Any) -> None:
        page.get_by_label(label, exact=True).fill(value)
        submit(button)(page, world)

    return act


def stale_then_submit(page: Page, world: Any) -> None:
    page.locator("input[name=version]").evaluate("input => input.value = '999'")
    submit("Save")(page, world)


def sign_in_owing_a_code(page: Page, world: Any) -> None:
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill(world.password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter the 6-digit code from your authenticator app")


def wrong_code(page: Page, world: Any) -> None:
    sign_in_owing_a_code(page, world)
    fill_then_submit("Enter the 6-digit code from your authenticator app", "000000", "Continue")(page, world)


def lock_out(page: Page, world: Any) -> None:
    for attempt in range(5):
        page.get_by_label("Username").fill("practitioner")
        page.get_by_label("Password").fill(f"wrong-{attempt}")
        page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is locked")


def person_path(name: str) -> Callable[[Any], str]:
    return lambda world: f"/people/{world.person.uuid}/{name}"


P, M, OUTSIDER = Role.PRACTITIONER, Role.TEAM_MANAGER, "outsider"

PAGES = [
    Visit("identity:sign_in", None, lambda w: "/"),
    Visit("identity:sign_in", None, lambda w: "/", submit("Sign in"), "errors"),
    Visit("identity:sign_in", None, lambda w: "/", lock_out, "locked-out"),
    Visit("identity:verify", None, lambda w: "/", sign_in_owing_a_code),
    Visit("identity:verify", None, lambda w: "/", wrong_code, "errors"),
    Visit("identity:account", P, lambda w: "/account/"),
    Visit("identity:second_factor_setup", P, lambda w: "/account/second-factor/"),
    Visit(
        "identity:second_factor_setup",
        P,
        lambda w: "/account/second-factor/",
        submit("Turn on sign-in codes"),
        "errors",
    ),
    Visit("identity:accessibility", None, lambda w: "/accessibility/"),
    Visit("people:search", P, lambda w: "/people/"),
    Visit("people:search", P, lambda w: "/people/?q=Mary+Smith", variant="results"),
    Visit("people:search", OUTSIDER, lambda w: "/people/?q=Rowan+Trelawney", variant="restricted-result"),
    Visit("people:search", P, lambda w: "/people/?q=Zebedee", variant="no-results"),
    Visit("people:search", P, lambda w: "/people/?q=943+476+5918", variant="errors"),
    Visit("people:create", P, lambda w: "/people/new/"),
    Visit("people:create", P, lambda w: "/people/new/", submit("Create record"), "errors"),
    Visit("people:create", P, lambda w: "/people/new/", None, "duplicates"),
    Visit("people:warnings_due", P, lambda w: "/people/warnings/review/"),
    Visit("people:summary", M, person_path("")),
    Visit("people:summary", M, lambda w: f"/people/{w.restricted.uuid}/", variant="restricted"),
    Visit("people:details_edit", P, person_path("details/")),
    Visit(
        "people:details_edit", P, person_path("details/"), fill_then_submit("First name", "", "Save changes"), "errors"
    ),
    Visit("people:voice_edit", P, person_path("what-matters/")),
    Visit("people:voice_edit", P, person_path("what-matters/"), stale_then_submit, "errors"),
    Visit("people:previous_name_add", P, person_path("previous-names/new/")),
    Visit("people:previous_name_add", P, person_path("previous-names/new/"), submit("Add previous name"), "errors"),
    Visit("people:network", P, person_path("network/")),
    Visit("people:network_add", P, person_path("network/new/")),
    Visit("people:network_add", P, person_path("network/new/"), submit("Add to network"), "errors"),
    Visit("people:network_end", P, lambda w: f"/people/{w.person.uuid}/network/{w.network_member.uuid}/remove/"),
    Visit("people:consent_add", P, person_path("consent/new/")),
    Visit("people:consent_add", P, person_path("consent/new/"), submit("Record decision"), "errors"),
    Visit("people:warning_raise", P, person_path("warnings/new/")),
    Visit("people:warning_raise", P, person_path("warnings/new/"), submit("Add warning"), "errors"),
    Visit("people:warning_end", P, lambda w: f"/people/{w.person.uuid}/warnings/{w.warning.uuid}/end/"),
    Visit(
        "people:warning_end",
        P,
        lambda w: f"/people/{w.person.uuid}/warnings/{w.warning.uuid}/end/",
        submit("End warning"),
        "errors",
    ),
    Visit("people:warning_review", P, lambda w: f"/people/{w.person.uuid}/warnings/{w.warning.uuid}/review/"),
    Visit(
        "people:warning_review",
        P,
        lambda w: f"/people/{w.person.uuid}/warnings/{w.warning.uuid}/review/",
        submit("Confirm it still applies"),
        "errors",
    ),
    Visit("people:history", M, person_path("history/")),
    Visit("people:access_log", M, person_path("access-log/")),
    Visit("people:merge", M, person_path("merge/")),
    Visit("people:merge", M, person_path("merge/"), submit("Find the duplicate"), "errors"),
    Visit(
        "people:merge", M, lambda w: f"/people/{w.person.uuid}/merge/?duplicate={w.duplicate.local_id}", variant="found"
    ),
    Visit(
        "people:merge",
        M,
        lambda w: f"/people/{w.person.uuid}/merge/?duplicate={w.duplicate.local_id}",
        submit("Merge records"),
        "found-errors",
    ),
    Visit("people:restrict", M, person_path("restrict/")),
    Visit("people:restrict", M, person_path("restrict/"), submit("Restrict the record"), "errors"),
    Visit("people:restrict", M, lambda w: f"/people/{w.restricted.uuid}/restrict/", variant="restricted"),
    Visit("people:break_glass", OUTSIDER, lambda w: f"/people/{w.restricted.uuid}/break-glass/"),
    Visit(
        "people:break_glass",
        OUTSIDER,
        lambda w: f"/people/{w.restricted.uuid}/break-glass/",
        submit("Open the record"),
        "errors",
    ),
    Visit("access:break_glass_list", M, lambda w: "/access/break-glass/"),
    Visit("errors:404", P, lambda w: f"/people/{uuid.uuid4()}/"),
    Visit("errors:403", P, person_path("access-log/")),
]


@dataclass(frozen=True)
class World:
    person: Any
    warning: Any
    network_member: Any
    restricted: Any
    duplicate: Any
    password: str


@pytest.fixture
def world(
    person,
    warning,
    network_member,
    restricted_person,
    practitioner,
    manager,
    outsider,
    partner,
    business_support,
    person_make,
    warning_make,
    password,
) -> World:
    """A full record (warnings, one due for review, network, consent, a previous name), a restricted record
    that someone has broken the glass on, a duplicate to merge, and a manager with sign-in codes."""
    due = warning_make(person=person, raised_by=practitioner, description="Lives alone: call ahead")
    HazardWarning.objects.filter(pk=due.pk).update(
        starts_on=clock.today() - timedelta(days=100), review_on=clock.today() - timedelta(days=1)
    )
    ConsentToShare.objects.create(
        person=person,
        organisation=partner,
        decision=ConsentDecision.GIVEN,
        decided_on=clock.today(),
        recorded_by=practitioner,
    )
    PreviousName.objects.create(person=person, given_name="Mary", family_name="Jones")
    duplicate = person_make(given_name="Mary", family_name="Smyth", date_of_birth=person.date_of_birth)
    glass_break(person=restricted_person, reason="Hospital discharge planning today", actor=business_support)
    TOTPDevice.objects.create(user=manager, name="Authenticator app", confirmed=True)
    return World(
        person=person,
        warning=warning,
        network_member=network_member,
        restricted=restricted_person,
        duplicate=duplicate,
        password=password,
    )


def test_every_page_is_checked():
    names = _names(get_resolver().url_patterns)
    assert names >= JSON_API
    assert names - POST_ONLY - JSON_API == {v.url_name for v in PAGES} - {"errors:404", "errors:403"}


def _report(results: Any, url: str) -> str:
    lines = [f"{len(results.response['violations'])} accessibility violations on {url}:"]
    for violation in results.response["violations"]:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {', '.join(node['target'])}: {node['failureSummary']}" for node in violation["nodes"])
    return "\n".join(lines)


@pytest.mark.parametrize("visit", PAGES, ids=lambda visit: visit.id)
def test_the_page_has_no_accessibility_violations(visit: Visit, world: World, new_context, staff, outsider):
    who = {**staff, "outsider": outsider}.get(visit.who) if visit.who else None
    page = new_context(who).new_page()
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
