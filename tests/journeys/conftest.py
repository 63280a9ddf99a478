"""Headless Debian Chromium for the journeys: one browser for the session, a fresh context per test.

Never downloads a browser: it drives /usr/bin/chromium. Playwright's sync API runs an event loop
in the test thread, so Django's async-safety check must be told the ORM calls here are fine.
"""

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright

from tandem.identity.models import User
from tests.single_sign_on.provider.process import oidc_provider, oidc_provider_process

# The test OpenID Connect provider, for the single sign-on journeys.
__all__ = ["oidc_provider", "oidc_provider_process"]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
# A small phone's screen in CSS pixels (an iPhone SE or mini): staff pages must fit its width.
PHONE: ViewportSize = {"width": 375, "height": 667}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


def _contexts(browser: Browser, url: str) -> Iterator[Callable[..., BrowserContext]]:
    opened: list[BrowserContext] = []

    def make(user: User | None = None, *, viewport: ViewportSize | None = None) -> BrowserContext:
        context = browser.new_context(base_url=url, **({"viewport": viewport} if viewport else {}))
        context.set_default_timeout(5_000)
        if user is not None:
            client = Client()
            client.force_login(user)
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "url": url,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    }
                ]
            )
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


@pytest.fixture
def new_context(browser: Browser, live_server, transactional_db) -> Iterator[Callable[..., BrowserContext]]:
    """`new_context(user)`: a browser already signed in as that member of staff (`None`: signed out),
    at Playwright's desktop size (1280 by 720) unless given a `viewport` (`PHONE`, say)."""
    yield from _contexts(browser, live_server.url)


@pytest.fixture
def kept_context(browser: Browser, live_server: Any) -> Iterator[Callable[..., BrowserContext]]:
    """`new_context`, for a module whose tests have their database put back by a snapshot
    (tests/journeys/snapshot.py) rather than emptied by pytest-django after each test."""
    yield from _contexts(browser, live_server.url)


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A page in a signed-out browser."""
    return new_context().new_page()
