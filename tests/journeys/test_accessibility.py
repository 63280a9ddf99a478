"""Every page passes axe-core's WCAG 2.2 AA checks, as the member of staff who may see it sees it.

Form pages are checked twice: as first shown, and showing the errors after a bad submission.
A URL with a GET page that is missing from PAGES fails, so a new page is checked from day one.
"""

# pytest hands a test its fixtures as positional arguments, however many it needs.

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time, timedelta
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tandem.access.services import glass_break
from tandem.assessments import services as assessment_services
from tandem.core import clock
from tandem.directory.models import Service, ServiceStatus
from tandem.directory.search_index import service_terms_refresh
from tandem.directory.tests.curation_data import curated_service_make
from tandem.directory.tests.search_world import WALLASEY, centroids_make, service_make
from tandem.front_door import services as front_door_services
from tandem.front_door.tests.public_answers import answers as ask_answers
from tandem.front_door.tests.public_answers import browser_session
from tandem.identity.models import Membership, Profession, Team, TeamKind, User
from tandem.identity.permissions import Role
from tandem.people.codes import ConsentDecision, Relationship
from tandem.people.models import ConsentToShare, HazardWarning, NetworkMember, Person, PreviousName
from tandem.safeguarding.tests.page_data import safeguarding_page_path
from tandem.support_plans.tests.plan_data import plan_page_path
from tandem.workforce import urls as workforce_urls
from tandem.workforce.tests.page_data import workforce_world

pytestmark = pytest.mark.browser

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()
# URLs with no page of their own: they only take a POST and redirect.
POST_ONLY = {
    "identity:sign_out",
    "identity:staff_reactivate",
    "identity:staff_unlock",
    "identity:staff_password_change_force",
    "access:break_glass_review",
    "access:restriction_change_review",
    "directory:manage_service_check",
    "front_door:signposting_remove",
    "support_plans:community_remove",
}
# Downloads, not pages: the same document is checked as HTML (support_plans:plan_document).
DOWNLOADS = {"support_plans:plan_document_pdf", "safeguarding:returns_csv", "safeguarding:returns_dols_cases"}
# The Open Referral UK API answers JSON, not pages: axe checks HTML pages only, so these are
# left out here and their shapes are tested in tandem/directory/tests/test_oruk_api.py.
JSON_API = {
    # The load balancer's health checks answer JSON too (tandem/core/tests/test_health.py).
    "core:healthz",
    "core:readyz",
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


def contact_path(name: str = "", key: str = "contact") -> Callable[[Any], str]:
    return lambda world: f"/front-door/contacts/{world.front[key]}/{name}"


FRONT_DOOR_PAGES = [
    Visit("front_door:queue", P, lambda w: "/front-door/"),
    Visit("front_door:contact_new", P, lambda w: "/front-door/contacts/new/"),
    Visit("front_door:contact_new", P, lambda w: "/front-door/contacts/new/?q=Mary+Smith", variant="results"),
    Visit("front_door:contact_new", P, lambda w: f"/front-door/contacts/new/?person={w.person.uuid}", variant="form"),
    Visit(
        "front_door:contact_new",
        P,
        lambda w: f"/front-door/contacts/new/?person={w.person.uuid}",
        submit("Record contact"),
        "form-errors",
    ),
    Visit("front_door:contact", P, contact_path()),
    Visit("front_door:contact", P, contact_path(key="unlinked"), variant="unlinked"),
    Visit("front_door:contact_link_person", P, contact_path("person/?q=Mary+Smith", key="unlinked")),
    Visit("front_door:conversation_add", P, contact_path("conversation/")),
    Visit("front_door:conversation_add", P, contact_path("conversation/"), submit("Save conversation"), "errors"),
    Visit("front_door:outcome_add", P, contact_path("outcome/")),
    Visit("front_door:outcome_add", P, contact_path("outcome/"), submit("Save outcome"), "errors"),
    Visit("front_door:signpost", P, contact_path("signpost/")),
    Visit("front_door:signpost", P, contact_path("signpost/?keywords=lunch&category=&postcode="), variant="results"),
    Visit("front_door:services_list", P, contact_path("services/")),
    Visit("front_door:services_list", P, contact_path("services/"), submit("Send the list"), "errors"),
    Visit("front_door:follow_up_add", P, contact_path("follow-up/")),
    Visit("front_door:follow_up_add", P, contact_path("follow-up/"), submit("Plan the call"), "errors"),
    Visit(
        "front_door:follow_up_done",
        P,
        lambda w: f"/front-door/contacts/{w.front['contact']}/follow-up/{w.front['follow_up']}/done/",
    ),
    Visit(
        "front_door:follow_up_done",
        P,
        lambda w: f"/front-door/contacts/{w.front['contact']}/follow-up/{w.front['follow_up']}/done/",
        submit("Save"),
        "errors",
    ),
    Visit("front_door:allocate", M, contact_path("allocate/")),
    Visit("front_door:close", P, contact_path("close/")),
    # Front-door figures: tables, inline SVG charts and the lists behind each figure (managers only).
    Visit("front_door:figures", M, lambda w: "/front-door/figures/"),
    Visit("front_door:figures", M, lambda w: "/front-door/figures/?grain=month", variant="by-month"),
    Visit(
        "front_door:figures",
        M,
        lambda w: "/front-door/figures/?grain=week&start-day=31&start-month=2&start-year=2026",
        variant="errors",
    ),
    Visit("front_door:figures_contacts", M, lambda w: "/front-door/figures/contacts/?figure=received"),
    Visit(
        "front_door:figures_contacts",
        M,
        lambda w: "/front-door/figures/contacts/?figure=outcome:safeguarding",
        variant="empty",
    ),
    Visit(
        "front_door:figures_contacts", M, lambda w: "/front-door/figures/contacts/?figure=nonsense", variant="errors"
    ),
]


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
DIRECTORY_PAGES = [
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
CURATION_PAGES = [
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


def ask_page(path: str, *, without: tuple[str, ...] = (), money: str = "no", sent: bool = False, then: Any = None):
    """Open a page of the public "ask for help" journey with the answers before it already given."""

    def act(page: Page, world: Any) -> None:
        pages = ask_answers(money={"self_funder": money})
        for name in without:
            pages.pop(name, None)
        if money == "yes" and "self_assessment" not in without:
            pages["self_assessment"] = {"self_assessment": "yes"}
        # The front-door world's lunch club matches what is hard, so the confirmation suggests it.
        request = {"reference": "ABCD-EFGH", "for_self": False, "name": "Margaret", "self_assessment": True}
        request |= {"email": True, "suggest_text": "lunch club meals", "postcode": ""}
        browser_session(page, pages, sent=request if sent else None)
        page.goto(path)
        if then is not None:
            then(page, world)

    return act


def too_many_requests(page: Page, world: Any) -> None:
    with override_settings(TANDEM_ASK_FOR_HELP_PER_HOUR=0):
        page.get_by_role("button", name="Send request").click()
        expect(page.get_by_role("alert").filter(has_text="too many requests")).to_be_visible()


ASK = "/ask-for-help/"
# The public journey, signed out. Each question shown with its earlier answers, and with errors.
ASK_QUESTIONS = {
    "helper": "about-you/",
    "about": "about-them/",
    "matters": "what-matters/",
    "hard": "what-is-hard/",
    "help": "who-helps/",
    "money": "paying-for-care/",
    "self_assessment": "self-assessment/",
    "contact": "contact-details/",
}
ASK_PAGES = [
    Visit("front_door:ask_start", None, lambda w: ASK),
    Visit("front_door:ask_privacy", None, lambda w: f"{ASK}privacy/"),
    Visit("front_door:ask_who", None, lambda w: f"{ASK}who-needs-help/"),
    Visit("front_door:ask_who", None, lambda w: f"{ASK}who-needs-help/", submit("Continue"), "errors"),
    *(
        Visit(f"front_door:ask_{name}", None, lambda w: ASK, ask_page(f"{ASK}{path}", money="yes"))
        for name, path in ASK_QUESTIONS.items()
    ),
    *(
        Visit(
            f"front_door:ask_{name}",
            None,
            lambda w: ASK,
            ask_page(f"{ASK}{path}", without=(name,), money="yes", then=submit("Continue")),
            "errors",
        )
        for name, path in ASK_QUESTIONS.items()
    ),
    Visit("front_door:ask_check", None, lambda w: ASK, ask_page(f"{ASK}check-your-answers/", money="yes")),
    Visit(
        "front_door:ask_check",
        None,
        lambda w: ASK,
        ask_page(f"{ASK}check-your-answers/", then=too_many_requests),
        "too-many-requests",
    ),
    Visit("front_door:ask_done", None, lambda w: ASK, ask_page(f"{ASK}request-sent/", sent=True)),
]


def assessment_path(key: str, name: str = "") -> Callable[[Any], str]:
    return lambda world: f"/assessments/{world.assess[key]}/{name}"


def press(button: str) -> Callable[[Page, Any], None]:
    """Press the button with exactly this name, then wait for the problem to be shown."""

    def act(page: Page, world: Any) -> None:
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()

    return act


def fluctuates_without_a_period(page: Page, world: Any) -> None:
    page.get_by_label("Needs for outcome (a) fluctuate over time").check()
    press("Save")(page, world)


def save_from_an_older_version(page: Page, world: Any) -> None:
    page.locator("input[name=version]").evaluate("input => input.value = '1'")
    press("Save")(page, world)
    expect(page.get_by_role("heading", name="What changed since you opened the assessment")).to_be_visible()


# Needs assessments: a draft part-answered (saved once, so an older version conflicts), a draft
# ready to complete, and one completed by the practitioner for the manager to authorise; and
# carers' assessments by the person's husband: one joint with that draft, one completed.
ASSESSMENT_PAGES = [
    Visit("assessments:assessment_start", P, lambda w: f"/assessments/start/{w.person.uuid}/"),
    Visit(
        "assessments:assessment_start",
        P,
        lambda w: f"/assessments/start/{w.person.uuid}/",
        press("Start the assessment"),
        "errors",
    ),
    Visit("assessments:assessment", P, assessment_path("draft")),
    Visit("assessments:assessment", P, assessment_path("draft"), fluctuates_without_a_period, "errors"),
    Visit("assessments:assessment", P, assessment_path("draft"), save_from_an_older_version, "conflict"),
    Visit("assessments:assessment", P, assessment_path("completed"), variant="completed"),
    Visit("assessments:assessment_complete", P, assessment_path("draft", "complete/"), variant="gaps"),
    Visit("assessments:assessment_complete", P, assessment_path("ready", "complete/")),
    Visit("assessments:judgement_record", P, assessment_path("completed", "judgement/")),
    Visit(
        "assessments:judgement_record",
        P,
        assessment_path("completed", "judgement/"),
        press("Record the judgement"),
        "errors",
    ),
    Visit("assessments:assessment_authorise", M, assessment_path("completed", "authorise/")),
    Visit("assessments:assessment_history", P, assessment_path("completed", "history/")),
    Visit("assessments:statement", P, assessment_path("completed", "statement/")),
    # Carers' assessments: the start page from the cared-for person's record, a joint draft, a statement.
    Visit("assessments:carer_assessment_start", P, lambda w: f"/assessments/start/{w.person.uuid}/carer/"),
    Visit(
        "assessments:carer_assessment_start",
        P,
        lambda w: f"/assessments/start/{w.person.uuid}/carer/",
        press("Start the carer's assessment"),
        "errors",
    ),
    Visit(
        "assessments:carer_assessment_start",
        P,
        lambda w: f"/assessments/start/{w.duplicate.uuid}/carer/",
        variant="no-carers",
    ),
    Visit("assessments:assessment", P, assessment_path("carer_draft"), variant="carer"),
    Visit("assessments:assessment", P, assessment_path("draft"), variant="joint"),
    Visit("assessments:statement", P, assessment_path("carer_completed", "statement/"), variant="carer"),
]


def plan_path(kind: str, page: str) -> Callable[[Any], str]:
    return lambda world: plan_page_path(world.person, kind, page)


def save_from_an_older_plan(page: Page, world: Any) -> None:
    page.locator("input[name=version]").evaluate("input => input.value = '1'")
    submit("Save")(page, world)
    expect(page.get_by_role("heading", name="What changed since you opened this page")).to_be_visible()


def unplanned_without_a_reason(page: Page, world: Any) -> None:
    page.get_by_label("Unplanned review", exact=True).check()
    submit("Start the review")(page, world)


# Care and support plans: a draft ready to agree, one agreed above the sign-off threshold and
# waiting for a manager, and an eligible assessment with no plan yet.
SUPPORT_PLAN_PAGES = [
    Visit("support_plans:plan_start", P, plan_path("assessment", "plan_start")),
    Visit("support_plans:plan", P, plan_path("draft", "plan")),
    Visit("support_plans:plan", P, plan_path("agreed", "plan"), variant="agreed"),
    Visit("support_plans:plan_edit", P, plan_path("draft", "plan_edit")),
    Visit("support_plans:plan_edit", P, plan_path("draft", "plan_edit"), save_from_an_older_plan, "conflict"),
    Visit("support_plans:outcome_add", P, plan_path("draft", "outcome_add")),
    Visit("support_plans:outcome_add", P, plan_path("draft", "outcome_add"), submit("Add the outcome"), "errors"),
    Visit("support_plans:outcome_edit", P, plan_path("draft", "outcome_edit")),
    Visit(
        "support_plans:outcome_edit",
        P,
        plan_path("draft", "outcome_edit"),
        fill_then_submit("What does the person want to achieve?", "", "Save the outcome"),
        "errors",
    ),
    Visit("support_plans:outcome_remove", P, plan_path("draft", "outcome_remove")),
    Visit("support_plans:community_add", P, plan_path("draft", "community_add")),
    Visit("support_plans:community_add", P, plan_path("draft", "community_add?keywords=walking"), variant="results"),
    Visit(
        "support_plans:community_add",
        P,
        plan_path("draft", "community_add"),
        submit("Search the directory"),
        "errors",
    ),
    Visit("support_plans:commissioned_add", P, plan_path("draft", "commissioned_add")),
    Visit(
        "support_plans:commissioned_add", P, plan_path("draft", "commissioned_add"), submit("Add the service"), "errors"
    ),
    Visit("support_plans:commissioned_edit", P, plan_path("draft", "commissioned_edit")),
    Visit(
        "support_plans:commissioned_edit",
        P,
        plan_path("draft", "commissioned_edit"),
        fill_then_submit("Cost of each, in pounds", "lots", "Save the service"),
        "errors",
    ),
    Visit("support_plans:commissioned_remove", P, plan_path("draft", "commissioned_remove")),
    Visit("support_plans:plan_complete", P, plan_path("draft", "plan_complete")),
    Visit(
        "support_plans:plan_complete", P, plan_path("draft", "plan_complete"), submit("Record the agreement"), "errors"
    ),
    Visit("support_plans:plan_copy", P, plan_path("agreed", "plan_copy")),
    Visit("support_plans:plan_copy", P, plan_path("agreed", "plan_copy"), submit("Record the copy"), "errors"),
    Visit("support_plans:plan_sign_off", M, plan_path("agreed", "plan_sign_off")),
    Visit("support_plans:plan_revise", P, plan_path("agreed", "plan_revise")),
    Visit("support_plans:plan_revise", P, plan_path("agreed", "plan_revise"), submit("Start a new version"), "errors"),
    Visit("support_plans:plan_versions", P, plan_path("draft", "plan_versions")),
    Visit("support_plans:plan_document", P, plan_path("draft", "plan_document")),
    Visit("support_plans:review_start", P, plan_path("in_force", "review_start")),
    Visit("support_plans:review_start", P, plan_path("in_force", "review_start"), unplanned_without_a_reason, "errors"),
    Visit("support_plans:review", P, plan_path("review", "review")),
    Visit("support_plans:review", P, plan_path("review", "review"), save_from_an_older_plan, "conflict"),
    Visit("support_plans:review", P, plan_path("review", "review_view"), variant="completed"),
    Visit("support_plans:review_complete", P, plan_path("review", "review_complete")),
    Visit("support_plans:reviews_due", P, plan_path("due", "")),
    Visit("support_plans:reviews_due", P, plan_path("due", "?show=overdue&practitioner=nobody"), variant="errors"),
    # The trusted care provider view, as the provider's staff see it, and the practitioner's check.
    Visit("support_plans:reviews_due", P, plan_path("provider", "reviews_due"), variant="provider-reviews"),
    Visit("support_plans:provider_packages", Role.CARE_PROVIDER, plan_path("provider", "provider_packages")),
    Visit("support_plans:provider_review_submit", Role.CARE_PROVIDER, plan_path("provider", "provider_review_submit")),
    Visit(
        "support_plans:provider_review_submit",
        Role.CARE_PROVIDER,
        plan_path("provider", "provider_review_submit"),
        submit("Send the review"),
        "errors",
    ),
    Visit("support_plans:provider_review_check", P, plan_path("provider", "provider_review_check")),
    Visit(
        "support_plans:provider_review_check",
        P,
        plan_path("provider", "provider_review_check"),
        submit("Save the decision"),
        "errors",
    ),
    Visit("support_plans:provider_review_check", P, plan_path("provider", "provider_review_checked"), variant="done"),
]


def safeguarding_path(name: str, query: str = "") -> Callable[[Any], str]:
    return lambda world: safeguarding_page_path(world.person, name, query)


def safeguarding_visits(name: str, who: str, button: str | None, query: str = "") -> list[Visit]:
    shown = Visit(f"safeguarding:{name}", who, safeguarding_path(name, query))
    if button is None:
        return [shown]
    return [shown, Visit(f"safeguarding:{name}", who, safeguarding_path(name, query), submit(button), "errors")]


def _person_query(world: Any) -> str:
    return f"?person={world.person.uuid}"


# Safeguarding: a concern awaiting triage, an open Section 42 enquiry with an action, and an
# urgent DoLS application waiting, all held by a safeguarding unit the practitioner and manager are in.
SAFEGUARDING_PAGES = [
    *safeguarding_visits("triage_queue", P, None),
    Visit("safeguarding:triage_queue", P, safeguarding_path("triage_queue", "?team=nowhere"), variant="errors"),
    *safeguarding_visits("concern_new", P, None),
    Visit("safeguarding:concern_new", P, safeguarding_path("concern_new", "?q=Mary+Smith"), variant="results"),
    Visit(
        "safeguarding:concern_new",
        P,
        lambda w: safeguarding_page_path(w.person, "concern_new", _person_query(w)),
        variant="form",
    ),
    Visit(
        "safeguarding:concern_new",
        P,
        lambda w: safeguarding_page_path(w.person, "concern_new", _person_query(w)),
        submit("Raise the concern"),
        "form-errors",
    ),
    *safeguarding_visits("concern", P, "Record the decision"),
    Visit("safeguarding:concern_edit", P, safeguarding_path("concern_edit")),
    Visit(
        "safeguarding:concern_edit",
        P,
        safeguarding_path("concern_edit"),
        fill_then_submit("The concern", "", "Save"),
        "errors",
    ),
    *safeguarding_visits("concern_warning", P, "Add warning"),
    *safeguarding_visits("enquiry", P, None),
    *safeguarding_visits("enquiry_lead", P, None),
    Visit("safeguarding:enquiry_outcomes", P, safeguarding_path("enquiry_outcomes")),
    Visit(
        "safeguarding:enquiry_outcomes",
        P,
        safeguarding_path("enquiry_outcomes"),
        fill_then_submit("The outcomes they want, in their own words", "", "Save"),
        "errors",
    ),
    *safeguarding_visits("meeting_record", P, "Record the meeting"),
    *safeguarding_visits("action_add", P, "Add the action"),
    *safeguarding_visits("action_done", P, None),
    *safeguarding_visits("contribution_add", P, "Add the contribution"),
    *safeguarding_visits("plan_record", P, "Save the plan"),
    *safeguarding_visits("enquiry_conclude", P, "Conclude the enquiry"),
    *safeguarding_visits("dols_waiting_list", P, None),
    *safeguarding_visits("dols_renewals", P, None),
    *safeguarding_visits("dols_receive", P, None),
    Visit(
        "safeguarding:dols_receive",
        P,
        lambda w: safeguarding_page_path(w.person, "dols_receive", _person_query(w)),
        submit("Log the application"),
        "form-errors",
    ),
    *safeguarding_visits("dols_application", P, None),
    *safeguarding_visits("dols_extend", P, "Extend by 7 days"),
    *safeguarding_visits("dols_priority", P, "Change the priority"),
    *safeguarding_visits("dols_allocate", M, "Allocate"),
    *safeguarding_visits("dols_decide", P, "Record the decision"),
    *safeguarding_visits("returns", M, None),
    Visit("safeguarding:returns_figure", M, safeguarding_path("returns_figure", "?cell=SG1d%7CAll%7CConcerns")),
]


# The world's key for each URL argument of a workforce page.
WORKFORCE_ARGUMENTS = {
    "team_uuid": "workforce_team_uuid",
    "case_uuid": "workforce_case_uuid",
    "post_uuid": "workforce_post_uuid",
    "user_uuid": "workforce_practitioner_uuid",
    "person_uuid": "workforce_person_uuid",
}


def workforce_path(
    name: str, query: str = "", *, case: str = "workforce_case_uuid", kind: str = ""
) -> Callable[[Any], str]:
    """A workforce page of the world's team, its waiting case (or `case=` another), post and practitioner."""

    def path(world: Any) -> str:
        keys = WORKFORCE_ARGUMENTS | {"case_uuid": case}
        [pattern] = [entry for entry in workforce_urls.urlpatterns if entry.name == name]
        kwargs = {key: world.workforce[keys[key]] for key in pattern.pattern.converters if key in keys}
        if kind:
            kwargs["kind"] = kind
        return reverse(f"workforce:{name}", kwargs=kwargs) + query

    return path


def workforce_visits(name: str, who: str, button: str | None, **path: Any) -> list[Visit]:
    shown = Visit(f"workforce:{name}", who, workforce_path(name, **path))
    if button is None:
        return [shown]
    return [shown, Visit(f"workforce:{name}", who, workforce_path(name, **path), submit(button), "errors")]


def stale_then(button: str) -> Callable[[Page, Any], None]:
    """Send the form as someone who opened it before another save."""

    def act(page: Page, world: Any) -> None:
        page.locator("input[name=version]").evaluate("input => input.value = '999'")
        submit(button)(page, world)

    return act


def as_principal_social_worker(name: str) -> Callable[[Any], str]:
    """The page as the manager sees it once they are the principal social worker (who keeps the rules)."""

    def path(world: Any) -> str:
        User.objects.filter(username="manager").update(profession=Profession.PRINCIPAL_SOCIAL_WORKER)
        return workforce_path(name)(world)

    return path


# Workforce: the world's locality team (everyone is in it), with a waiting case, one allocated to
# the practitioner, and a post the practitioner holds. Screening an unchanged form is valid (no
# risk found), so its error is a save from an older version.
WORKFORCE_PAGES = [
    *workforce_visits("home", M, None),
    Visit("workforce:home", P, workforce_path("home"), variant="practitioner"),
    *workforce_visits("team_caseloads", M, None),
    Visit("workforce:team_caseloads", M, workforce_path("team_caseloads", "?sort=name&show=green"), variant="sorted"),
    *workforce_visits("waiting_list", M, None),
    Visit("workforce:waiting_list", M, workforce_path("waiting_list", "?waiting_for=nonsense"), variant="errors"),
    *workforce_visits("establishment", M, None),
    *workforce_visits("post_add", M, "Add the post"),
    *workforce_visits("post_edit", M, None),
    *workforce_visits("practitioner", M, None),
    Visit("workforce:profile_edit", M, workforce_path("profile_edit")),
    Visit(
        "workforce:profile_edit",
        M,
        workforce_path("profile_edit"),
        fill_then_submit("Contracted hours (FTE)", "lots", "Save the profile"),
        "errors",
    ),
    *workforce_visits("case_open", P, "Add to the waiting list"),
    *workforce_visits("case", M, None),
    Visit("workforce:case", M, workforce_path("case", case="workforce_allocated_uuid"), variant="allocated"),
    Visit("workforce:case_screen", P, workforce_path("case_screen")),
    Visit("workforce:case_screen", P, workforce_path("case_screen"), stale_then("Save the screening"), "errors"),
    *workforce_visits("case_weigh", M, "Save the weighting"),
    *workforce_visits("case_weight_override", M, "Save the weight"),
    *workforce_visits("case_keep_in_touch", P, "Record the contact"),
    *workforce_visits("case_allocate", M, "Allocate"),
    Visit(
        "workforce:case_allocate",
        M,
        workforce_path("case_allocate", case="workforce_allocated_uuid"),
        variant="reallocate",
    ),
    *workforce_visits("case_close", M, "Close the case"),
    *workforce_visits("dashboard", M, None),
    Visit("workforce:dashboard_figure", M, workforce_path("dashboard_figure", kind="waiting")),
    Visit(
        "workforce:dashboard_figure",
        M,
        workforce_path("dashboard_figure", kind="over_capacity"),
        variant="practitioners",
    ),
    Visit("workforce:dashboard_figure", M, workforce_path("dashboard_figure", kind="vacancies"), variant="vacancies"),
    *workforce_visits("alerts", M, None),
    *workforce_visits("rules", M, None),
    Visit("workforce:rules_edit", M, as_principal_social_worker("rules_edit")),
    Visit(
        "workforce:rules_edit",
        M,
        as_principal_social_worker("rules_edit"),
        submit("Save a new version"),
        "errors",
    ),
]

ADMIN = Role.SYSTEM_ADMINISTRATOR


def staff_path(name: str) -> Callable[[Any], str]:
    """An administrator's page about the practitioner's account (or their first membership)."""

    def path(world: Any) -> str:
        practitioner = User.objects.get(username="practitioner")
        if name == "membership_end":
            return reverse("identity:membership_end", args=[Membership.objects.filter(user=practitioner)[0].pk])
        return reverse(f"identity:{name}", args=[practitioner.uuid])

    return path


def first_team_path(world: Any) -> str:
    return reverse("identity:team_edit", args=[Team.objects.order_by("name")[0].uuid])


def first_organisation_path(world: Any) -> str:
    return reverse("identity:organisation_edit", args=[Team.objects.order_by("name")[0].organisation.uuid])


ADMINISTRATION_VISITS = [
    Visit("identity:password_change", P, lambda w: "/account/password/"),
    Visit("identity:password_change", P, lambda w: "/account/password/", submit("Change password"), "errors"),
    Visit("identity:staff_list", ADMIN, lambda w: "/administration/staff/"),
    Visit("identity:staff_list", ADMIN, lambda w: "/administration/staff/?q=nobody", variant="none-found"),
    Visit("identity:staff_create", ADMIN, lambda w: "/administration/staff/new/"),
    Visit("identity:staff_create", ADMIN, lambda w: "/administration/staff/new/", submit("Create account"), "errors"),
    Visit("identity:staff_detail", ADMIN, staff_path("staff_detail")),
    Visit("identity:staff_edit", ADMIN, staff_path("staff_edit")),
    Visit("identity:staff_deactivate", ADMIN, staff_path("staff_deactivate")),
    Visit("identity:staff_deactivate", ADMIN, staff_path("staff_deactivate"), submit("Deactivate account"), "errors"),
    Visit("identity:staff_second_factor_reset", ADMIN, staff_path("staff_second_factor_reset")),
    Visit("identity:membership_add", ADMIN, staff_path("membership_add")),
    Visit("identity:membership_add", ADMIN, staff_path("membership_add"), submit("Add to team"), "errors"),
    Visit("identity:membership_end", ADMIN, staff_path("membership_end")),
    Visit("identity:organisation_list", ADMIN, lambda w: "/administration/organisations/"),
    Visit("identity:organisation_create", ADMIN, lambda w: "/administration/organisations/new/"),
    Visit(
        "identity:organisation_create", ADMIN, lambda w: "/administration/organisations/new/", submit("Save"), "errors"
    ),
    Visit("identity:organisation_edit", ADMIN, first_organisation_path),
    Visit("identity:team_create", ADMIN, lambda w: "/administration/teams/new/"),
    Visit("identity:team_create", ADMIN, lambda w: "/administration/teams/new/", submit("Save"), "errors"),
    Visit("identity:team_edit", ADMIN, first_team_path),
]

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
    *ADMINISTRATION_VISITS,
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
    Visit(
        "people:restrict",
        M,
        lambda w: f"/people/{w.restricted.uuid}/restrict/",
        submit("Lift the restriction"),
        "lift-errors",
    ),
    Visit("people:break_glass", OUTSIDER, lambda w: f"/people/{w.restricted.uuid}/break-glass/"),
    Visit(
        "people:break_glass",
        OUTSIDER,
        lambda w: f"/people/{w.restricted.uuid}/break-glass/",
        submit("Open the record"),
        "errors",
    ),
    Visit("access:break_glass_list", M, lambda w: "/access/break-glass/"),
    Visit("access:restriction_change_list", M, lambda w: "/access/restriction-changes/"),
    *FRONT_DOOR_PAGES,
    *DIRECTORY_PAGES,
    *CURATION_PAGES,
    *ASK_PAGES,
    *ASSESSMENT_PAGES,
    *SUPPORT_PLAN_PAGES,
    *SAFEGUARDING_PAGES,
    *WORKFORCE_PAGES,
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
    front: dict[str, Any] = field(default_factory=dict)
    assess: dict[str, Any] = field(default_factory=dict)
    workforce: dict[str, Any] = field(default_factory=dict)


def _front_door(person: Any, staff: dict[str, Any]) -> dict[str, Any]:
    """A contact about the person with a conversation, a service on its list and a call due; one unlinked."""
    practitioner = staff[Role.PRACTITIONER]
    team = Team.objects.create(
        name="Wirral front door", kind=TeamKind.FRONT_DOOR, organisation=practitioner.organisation
    )
    for user in staff.values():
        if user is not None:
            Membership.objects.create(user=user, team=team)
    details = front_door_services.ContactDetails(source="self", route="phone", reason="Struggling with the stairs")
    contact = front_door_services.contact_record(details=details, person=person, actor=practitioner)
    unlinked = front_door_services.contact_record(
        details=front_door_services.ContactDetails(source="anonymous", route="phone", reason="Neighbour not seen"),
        person=None,
        actor=practitioner,
    )
    club = Service.objects.create(
        name="Hoylake lunch club", description="A hot lunch and company every Tuesday", status=ServiceStatus.ACTIVE
    )
    service_terms_refresh([club.id])
    front_door_services.conversation_record(
        contact=contact,
        notes=front_door_services.ConversationNotes(conversation_type=1, what_matters="Getting out to see friends"),
        actor=practitioner,
    )
    front_door_services.signposting_add(contact=contact, services=[club], actor=practitioner)
    follow_up = front_door_services.follow_up_add(
        contact=contact, due_on=clock.today(), note="Did she go?", assigned_to=None, actor=practitioner
    )
    return {"contact": contact.uuid, "unlinked": unlinked.uuid, "follow_up": follow_up.uuid}


def _assessments(person: Any, practitioner: Any) -> dict[str, Any]:
    """A draft saved once, a draft with every answer given, and an assessment completed and found eligible."""

    def started() -> Any:
        return assessment_services.assessment_start(
            person=person, started_from="review", requested_on=clock.today() - timedelta(days=30), actor=practitioner
        )

    def answers(achievement: str) -> Any:
        unable = {"a": "unable_without_assistance", "e": "endangers_health_or_safety"}
        return assessment_services.AssessmentAnswers(
            persons_account="I want to stay in my own home",
            arises_from_impairment_or_illness=True,
            impairment_reason="Parkinson's disease",
            significant_impact_on_wellbeing=True,
            wellbeing_reason="She has stopped going out",
            findings=tuple(
                assessment_services.FindingAnswers(code=code, achievement=unable.get(code, achievement))
                for code in assessment_services.CODES
            ),
        )

    draft, ready, completed = started(), started(), started()
    assessment_services.assessment_save(assessment=draft, answers=answers(""), version=1, actor=practitioner)
    assessment_services.assessment_save(assessment=ready, answers=answers("achieves"), version=1, actor=practitioner)
    assessment_services.assessment_save(
        assessment=completed, answers=answers("achieves"), version=1, actor=practitioner
    )
    assessment_services.assessment_complete(assessment=completed, version=2, actor=practitioner)
    carer = Person.objects.create(given_name="John", family_name="Smith")
    NetworkMember.objects.create(
        person=person,
        name="John Smith",
        relationship=Relationship.SPOUSE_OR_PARTNER,
        is_unpaid_carer=True,
        linked_person=carer,
        added_by=practitioner,
    )

    def carers(joint_with: Any = None) -> Any:
        return assessment_services.carer_assessment_start(
            carer=carer, cared_for=person, requested_on=clock.today(), joint_with=joint_with, actor=practitioner
        )

    carer_draft, carer_completed = carers(draft), carers()
    carer_answers = assessment_services.AssessmentAnswers(
        persons_account="I have not slept properly in months",
        arises_from_impairment_or_illness=None,
        impairment_reason="",
        significant_impact_on_wellbeing=True,
        wellbeing_reason="He has given up his bowls club",
        findings=tuple(
            assessment_services.FindingAnswers(code=code, achievement="achieves")
            for code in assessment_services.CARER_CODES
        ),
        arises_from_providing_care=True,
        care_reason="He helps her wash and dress every day",
        health_at_risk=True,
        health_reason="Back pain from lifting her",
    )
    assessment_services.assessment_save(
        assessment=carer_completed, answers=carer_answers, version=1, actor=practitioner
    )
    assessment_services.assessment_complete(assessment=carer_completed, version=2, actor=practitioner)
    return {
        "draft": draft.uuid,
        "ready": ready.uuid,
        "completed": completed.uuid,
        "carer_draft": carer_draft.uuid,
        "carer_completed": carer_completed.uuid,
    }


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
        front=_front_door(
            person, {Role.PRACTITIONER: practitioner, Role.TEAM_MANAGER: manager, "bs": business_support}
        ),
        assess=_assessments(person, practitioner),
        workforce=workforce_world(
            person, {Role.PRACTITIONER: practitioner, Role.TEAM_MANAGER: manager, "bs": business_support}
        ),
    )


def test_every_page_is_checked():
    names = _names(get_resolver().url_patterns)
    assert names >= JSON_API
    assert names - POST_ONLY - JSON_API - DOWNLOADS == {v.url_name for v in PAGES} - {"errors:404", "errors:403"}


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
