"""Every page needs sign-in unless it is on the public allow-list: checked by asking, and by reading."""

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, converters, get_resolver, resolve, reverse

from tandem.interop import urls as interop_urls

# Pages anyone may see without signing in. Adding a name here is a security decision: say why.
PUBLIC_URLS = {
    "identity:sign_in",  # the way in
    # The other way in: off to the organisation's OpenID Connect provider and back (ADR 0010);
    # not found while single sign-on is off.
    "identity:organisation_sign_in",
    "identity:organisation_sign_in_return",
    "identity:accessibility",  # the accessibility statement must be reachable by everyone
    # The Open Referral UK directory API: the standard requires it open with no key, and the
    # directory holds services, never people.
    "directory:oruk_root",
    "directory:oruk_services",
    "directory:oruk_service",
    "directory:oruk_taxonomies",
    "directory:oruk_taxonomy",
    "directory:oruk_taxonomy_terms",
    "directory:oruk_taxonomy_term",
    "directory:oruk_service_at_locations",
    "directory:oruk_service_at_location",
    # The public directory search, a service's page and the printable list: people find help
    # without an account, and the pages show services, never people.
    "directory:public_search",
    "directory:public_print",
    "directory:public_service",
    # The public "ask for help" journey (self-referral and self-assessment): the Care Act lets
    # anyone ask for an assessment, and people who need care have no staff account. It writes
    # only a new contact for staff to read; it shows nothing back but what this session typed
    # and the reference it was given. Rate-limited, with a honeypot (docs/contexts/front_door.md).
    "front_door:ask_start",
    "front_door:ask_who",
    "front_door:ask_helper",
    "front_door:ask_about",
    "front_door:ask_matters",
    "front_door:ask_hard",
    "front_door:ask_help",
    "front_door:ask_money",
    "front_door:ask_self_assessment",
    "front_door:ask_contact",
    "front_door:ask_check",
    "front_door:ask_done",
    # Its privacy notice, which every page of the journey links to.
    "front_door:ask_privacy",
    # The load balancer's health checks: it has no account. They answer only "ok" or which of the
    # database and the broker failed, never data (tandem/core/health.py).
    "core:healthz",
    "core:readyz",
}

# The FHIR API for health partners' systems (every URL of tandem.interop.urls): they have no
# session but an OAuth 2.0 bearer token, checked by each view (401 without one). The
# CapabilityStatement, the SMART discovery document and the token endpoint hold no personal data
# (tandem/interop; docs/fhir.md). The administrator's pages for partners (site_urls) need sign-in.
PUBLIC_URLS |= {f"{interop_urls.app_name}:{pattern.name}" for pattern in interop_urls.urlpatterns}


@dataclass(frozen=True)
class Route:
    name: str
    callback: Any
    converters: dict[str, Any]


def _walk(patterns: list[Any], namespace: str = "", inherited: dict[str, Any] | None = None) -> Iterator[Route]:
    for entry in patterns:
        found = {**(inherited or {}), **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, found)
        elif isinstance(entry, URLPattern):
            assert entry.name, f"every URL needs a name so it can be checked: {entry.pattern}"
            yield Route(name=f"{namespace}{entry.name}", callback=entry.callback, converters=found)


ROUTES = list(_walk(get_resolver().url_patterns))


def _filled(route: Route) -> str:
    """The route's URL with every argument filled with a value nobody has."""
    values: dict[str, Any] = {}
    for name, converter in route.converters.items():
        if isinstance(converter, converters.UUIDConverter):
            values[name] = uuid.uuid4()
        elif isinstance(converter, converters.IntConverter):
            values[name] = random.randint(10_000, 99_999)  # noqa: S311 - not for security
        else:
            values[name] = "anything"
    return reverse(route.name, kwargs=values)


def test_the_walk_finds_every_app():
    assert {route.name.split(":")[0] for route in ROUTES} == {
        "core",
        "identity",
        "people",
        "access",
        "directory",
        "front_door",
        "assessments",
        "support_plans",
        "safeguarding",
        "workforce",
        "prevention",
        "interop",
    }


def test_the_allow_list_names_only_pages_that_exist():
    assert {route.name for route in ROUTES} >= PUBLIC_URLS


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_a_view_opts_out_of_sign_in_only_when_it_is_public(route):
    opted_out = getattr(route.callback, "login_required", True) is False

    assert opted_out == (route.name in PUBLIC_URLS)


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_a_stranger_is_sent_to_sign_in(route, method):
    path = _filled(route)

    response = getattr(Client(), method)(path)

    if route.name in PUBLIC_URLS:
        # 404: the filled-in id names nothing (the API answers that in JSON, not with sign-in).
        # 302: a public journey sends a stranger to another of its public pages, never to sign in.
        # 401: the FHIR API refuses a request without a bearer token.
        assert response.status_code in {200, 302, 400, 401, 404, 405}
        if response.status_code == 302:
            assert resolve(urlsplit(response["Location"]).path).view_name in PUBLIC_URLS
    else:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse(settings.LOGIN_URL)}?next={path}"
