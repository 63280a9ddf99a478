"""The service navigation across the top of every signed-in page.

The links someone sees depend only on their role's permissions, which page is open and their
name, so the markup is rendered once for each combination through the design system's macro
and kept: rendering the macro afresh cost more than any other component on most pages.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.middleware.csrf import get_token
from django.urls import reverse
from jinja2 import Environment, pass_environment
from markupsafe import Markup


@dataclass(frozen=True)
class _Link:
    permission: str
    url_name: str
    text: str
    active: Callable[[str], bool]


def _is(*names: str) -> Callable[[str], bool]:
    return lambda view_name: view_name in names


def _under(prefix: str) -> Callable[[str], bool]:
    return lambda view_name: view_name.startswith(prefix)


# Permissions are named by value: core imports nothing from the apps that define them.
LINKS = (
    _Link("person.view", "people:search", "People", _is("people:search", "people:create")),
    _Link("person.view", "people:warnings_due", "Warnings", _is("people:warnings_due")),
    _Link("contact.record", "front_door:queue", "Front door", _under("front_door:")),
    _Link("safeguarding.work", "safeguarding:triage_queue", "Safeguarding", _under("safeguarding:")),
    _Link("plan.record", "support_plans:reviews_due", "Reviews", _is("support_plans:reviews_due")),
    _Link("workforce.view", "workforce:home", "Workforce", _under("workforce:")),
    _Link(
        "provider_review.submit",
        "support_plans:provider_packages",
        "Your packages",
        _is("support_plans:provider_packages", "support_plans:provider_review_submit"),
    ),
    _Link("directory.curate", "directory:manage", "Directory", _under("directory:manage")),
    _Link(
        "break_glass.review",
        "access:break_glass_list",
        "Break-glass",
        _is("access:break_glass_list", "access:restriction_change_list"),
    ),
    _Link(
        "staff.manage",
        "identity:staff_list",
        "Administration",
        lambda name: name.startswith(
            ("identity:staff_", "identity:organisation_", "identity:team_", "identity:membership_")
        ),
    ),
)
_ACCOUNT = _Link("", "identity:account", "", _under("identity:"))

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
    shown = tuple(i for i, link in enumerate(LINKS) if user.can(link.permission))
    active = next((i for i in shown if LINKS[i].active(view_name)), -1)
    if active == -1 and _ACCOUNT.active(view_name):
        active = len(LINKS)
    markup = _rendered(env, shown, active, user.get_full_name() or user.username)
    token = Markup('<input type="hidden" name="csrfmiddlewaretoken" value="{}">').format(get_token(request))
    return Markup(markup.replace(_CSRF_PLACEHOLDER, token, 1))  # noqa: S704 - both parts are escaped markup


@lru_cache(maxsize=1024)
def _rendered(env: Environment, shown: tuple[int, ...], active: int, name: str) -> Markup:
    links = [{"href": reverse(LINKS[i].url_name), "text": LINKS[i].text, "active": i == active} for i in shown]
    # Five links fit as they are; "More" is for six or more.
    nav, more = (links, []) if len(links) <= INLINE + 1 else (links[:INLINE], links[INLINE:])
    account = {"href": reverse(_ACCOUNT.url_name), "text": name, "active": active == len(LINKS)}
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
