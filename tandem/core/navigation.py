"""The service navigation across the top of every signed-in page.

Each app registers its own links from its AppConfig.ready() (its `registrations.py`), each with
a position that places it in the bar; core names no app. The links someone sees depend only on
their role's permissions, which page is open and their name, so the markup is rendered once for
each combination through the design system's macro and kept: rendering the macro afresh cost
more than any other component on most pages.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.middleware.csrf import get_token
from django.urls import reverse
from jinja2 import Environment, pass_environment
from markupsafe import Markup


@dataclass(frozen=True)
class NavigationLink:
    """A link shown to whoever holds `permission` (named by value), at `position` from the left."""

    position: int
    permission: str
    url_name: str
    text: str
    active: Callable[[str], bool]


def is_one_of(*names: str) -> Callable[[str], bool]:
    """The link is marked open on exactly these pages."""
    return lambda view_name: view_name in names


def is_under(prefix: str) -> Callable[[str], bool]:
    """The link is marked open on every page whose URL name starts so."""
    return lambda view_name: view_name.startswith(prefix)


_registered: dict[str, NavigationLink] = {}
_links: tuple[NavigationLink, ...] = ()

# The signed-in person's own account, always last, with their name as its text.
_ACCOUNT = NavigationLink(0, "", "identity:account", "", is_under("identity:"))


def register_links(links: Iterable[NavigationLink]) -> None:
    """Add an app's links to the bar (called from the app's AppConfig.ready())."""
    global _links  # noqa: PLW0603 - the registry is filled once, as the apps start
    for link in links:
        _registered[link.url_name] = link
    _links = tuple(sorted(_registered.values(), key=lambda link: link.position))
    _rendered.cache_clear()


def links() -> tuple[NavigationLink, ...]:
    """Every registered link, left to right."""
    return _links


# Sign-out is a POST (a link could be followed by a prefetch or another site), so it is a form with
# the request's CSRF token: the cached markup holds a placeholder, filled in on each request.
_CSRF_PLACEHOLDER = "<!--tandem-csrf-->"
_SIGN_OUT = (
    '<li class="govuk-service-navigation__item tandem-sign-out">'
    '<form method="post" action="{action}">' + _CSRF_PLACEHOLDER + '<button type="submit" '
    'class="govuk-service-navigation__link tandem-link-button">Sign out</button></form></li>'
)
# At desktop width the navigation stays on one row (960 pixels of the design system's page): the
# first INLINE links a role has, then "More" (a disclosure, working without JavaScript) with the
# rest, then the account (the name, cut short if long) and sign-out.
INLINE = 4
_TEMPLATE = """
{%- from "govuk_frontend_jinja/components/service-navigation/macro.html" import govukServiceNavigation -%}
{%- macro item(link, classes="govuk-service-navigation__item") -%}
<li class="{{ classes }}{{ ' govuk-service-navigation__item--active' if link.active }}">
<a class="govuk-service-navigation__link{{ ' ' ~ link.classes if link.classes }}" href="{{ link.href }}"
{{- ' aria-current="page"' | safe if link.active }}>{{ link.text }}</a></li>
{%- endmacro -%}
{%- set end -%}
{%- if more -%}
<li class="govuk-service-navigation__item tandem-more{{ ' govuk-service-navigation__item--active' if more_active }}">
<details class="tandem-more__details">
<summary class="govuk-service-navigation__link tandem-more__summary">More</summary>
<ul class="tandem-more__list">
{%- for link in more %}{{ item(link, "tandem-more__item") }}{% endfor %}</ul></details></li>
{%- endif -%}
{{ item(account) }}{{ sign_out }}
{%- endset -%}
{{ govukServiceNavigation({"navigation": nav, "navigationLabel": "Menu", "slots": {"navigationEnd": end}}) }}
"""


@pass_environment
def service_navigation(env: Environment, request: Any) -> Markup:
    """The navigation for this request's user and page."""
    user = request.user
    view_name = request.resolver_match.view_name if request.resolver_match else ""
    shown = tuple(i for i, link in enumerate(_links) if user.can(link.permission))
    active = next((i for i in shown if _links[i].active(view_name)), -1)
    if active == -1 and _ACCOUNT.active(view_name):
        active = len(_links)
    markup = _rendered(env, shown, active, user.get_full_name() or user.username)
    token = Markup('<input type="hidden" name="csrfmiddlewaretoken" value="{}">').format(get_token(request))
    return Markup(markup.replace(_CSRF_PLACEHOLDER, token, 1))  # noqa: S704 - both parts are escaped markup


@lru_cache(maxsize=1024)
def _rendered(env: Environment, shown: tuple[int, ...], active: int, name: str) -> Markup:
    links = [{"href": reverse(_links[i].url_name), "text": _links[i].text, "active": i == active} for i in shown]
    # Five links fit as they are; "More" is for six or more.
    nav, more = (links, []) if len(links) <= INLINE + 1 else (links[:INLINE], links[INLINE:])
    account = {"href": reverse(_ACCOUNT.url_name), "text": name, "active": active == len(_links)}
    account["classes"] = "tandem-account-link"
    sign_out = Markup(_SIGN_OUT.format(action=reverse("identity:sign_out")))  # noqa: S704 - our own markup
    return Markup(  # noqa: S704 - the design system's macro and the template escape
        env.from_string(_TEMPLATE).render(
            nav=nav,
            more=more,
            more_active=any(link["active"] for link in more),
            account=account,
            sign_out=sign_out,
        )
    )
