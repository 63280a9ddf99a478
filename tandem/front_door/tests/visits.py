"""The accessibility check's visits to the front door's pages and the public "ask for help" journey."""

from collections.abc import Callable
from typing import Any

from django.test import override_settings
from playwright.sync_api import Page, expect

from tandem.front_door.tests.public_answers import answers as ask_answers
from tandem.front_door.tests.public_answers import browser_session
from tests.journeys.visits import M, P, Visit, submit

# Taking a service off the list only takes a POST.
POST_ONLY = {"front_door:signposting_remove"}


def contact_path(name: str = "", key: str = "contact_uuid") -> Callable[[Any], str]:
    return lambda world: f"/front-door/contacts/{world.apps['front_door'][key]}/{name}"


VISITS = [
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
        lambda w: (
            f"/front-door/contacts/{w.apps['front_door']['contact_uuid']}/follow-up/{w.apps['front_door']['follow_up_uuid']}/done/"
        ),
    ),
    Visit(
        "front_door:follow_up_done",
        P,
        lambda w: (
            f"/front-door/contacts/{w.apps['front_door']['contact_uuid']}/follow-up/{w.apps['front_door']['follow_up_uuid']}/done/"
        ),
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
ASK_VISITS = [
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


VISITS += ASK_VISITS
