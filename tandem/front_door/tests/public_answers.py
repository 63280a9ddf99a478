"""Answers to the public "ask for help" journey, for the tests to start from (not a test module)."""

from copy import deepcopy
from importlib import import_module
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client

from tandem.front_door.forms.public import SENT_KEY, SESSION_KEY
from tandem.front_door.services import SelfReferral

# What the session holds once every page is answered, for someone asking for their mother.
ANSWERS: dict[str, dict[str, Any]] = {
    "who": {"who": "someone_else"},
    "helper": {"helper_name": "Grace Okafor", "helper_relationship": "Daughter"},
    "about": {
        "given_name": "Margaret",
        "family_name": "Okafor",
        "date_of_birth": "1948-03-12",
        "no_fixed_address": False,
        "address_line_1": "12 Acacia Road",
        "address_line_2": "",
        "town": "Birkenhead",
        "postcode": "CH41 1AA",
    },
    "matters": {"what_matters": "Staying in her own home and going to the lunch club on Thursdays"},
    "hard": {"hard_outcomes": ["a", "e"], "hard_in_own_words": "She fell twice on the stairs this winter"},
    "help": {"who_helps": "I visit on Sundays and do her shopping", "unpaid_carer": "yes"},
    "money": {"self_funder": "no"},
    "contact": {"phone": "07700 900982", "email": "grace@example.org", "best_time": "Weekday evenings"},
}


def answers(**pages: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """ANSWERS with some pages changed (merged), or left out (None)."""
    result = deepcopy(ANSWERS)
    for name, page in pages.items():
        if page is None:
            result.pop(name, None)
        else:
            result[name] = {**result.get(name, {}), **page}
    return result


def fill_session(client: Client, pages: dict[str, dict[str, Any]], **extra: Any) -> None:
    """Put answers in the client's session, as if they had been typed page by page."""
    session = client.session
    session[SESSION_KEY] = {"answers": deepcopy(pages), **extra}
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = str(session.session_key)


def referral(**changes: Any) -> SelfReferral:
    """A complete, valid self-referral from the person themselves."""
    values: dict[str, Any] = {
        "for_self": True,
        "given_name": "Margaret",
        "family_name": "Okafor",
        "address_line_1": "12 Acacia Road",
        "town": "Birkenhead",
        "postcode": "ch411aa",
        "what_matters": "Staying in my own home",
        "hard_outcomes": ("e", "a"),
        "hard_in_own_words": "The stairs",
        "who_helps": "My daughter",
        "unpaid_carer": "yes",
        "self_funder": "no",
        "phone": "07700 900982",
        **changes,
    }
    return SelfReferral(**values)


def browser_session(page: Any, pages: dict[str, dict[str, Any]], *, sent: dict[str, Any] | None = None) -> None:
    """Give a Playwright page's browser a session holding these answers (and a request sent, if given).

    For the browser tests, to open a page deep in the journey without typing every page first.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = {"answers": deepcopy(pages)}
    if sent is not None:
        store[SENT_KEY] = sent
    store.save()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": origin}])
